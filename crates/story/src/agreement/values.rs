//! Dates and quantities in statements, and the rule that compares them.
//!
//! The rule (documented in `resources/en/agreement/quantities.txt` too): every quantity is an
//! interval — "80" is [80, 80], "about 90" reaches half a unit of its last significant digit
//! either side, at least 5% and at most 15% ("about 90": 85-95; "about 38,000": 36,100-39,900), "more than 80" is [80, ∞), "dozens"
//! is [24, 199]. Two quantities of the same unit:
//! - whose intervals are disjoint **contradict** ("80" vs "95", "dozens" vs "hundreds");
//! - whose intervals overlap but one is a word quantity and the other a number, or two
//!   different word quantities, are a **discrepancy** of precision ("dozens" vs "more than 80");
//! - otherwise **agree** ("about 90" vs "more than 80", "3 million" vs "3,000,000").
//!
//! Dates contradict only when both give a day (or both give only a year) and the days (years)
//! differ. A bare weekday never contradicts anything by itself; it only sides with the dates
//! that fall on it.

use chrono::{Datelike, NaiveDate, Weekday};

use super::rules::{Modifier, Rules};

/// A calendar value as written: any of its parts may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct DateVal {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// A bare weekday ("on Friday"), 0 = Monday.
    pub weekday: Option<u32>,
    /// Written as a weekday and resolved to a day by the time tagger: it sides with a day
    /// but never contradicts one.
    pub relative: bool,
}

/// A date written with calendar words or digits (not a weekday).
fn calendar(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Value {
    Value::Date(DateVal {
        year,
        month,
        day,
        weekday: None,
        relative: false,
    })
}

/// A quantity as an interval.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Qty {
    pub lo: f64,
    pub hi: f64,
    /// Written as a word quantity ("dozens", "several").
    pub vague: bool,
    /// Written with "about", "nearly", ...: `lo`..`hi` is the reach of the number.
    pub approx: bool,
    /// "%", "$", "£", "€", or the stem of the noun it counts ("peopl"), if any.
    pub unit: Option<String>,
}

/// A date or a quantity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Date(DateVal),
    Qty(Qty),
}

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    Agree,
    Discrepancy,
    Contradiction,
    /// Not comparable (different kinds or units, or too vague to tell).
    Unrelated,
}

/// A value found in a text: token range (absolute token indices) and byte range.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub value: Value,
    pub first_token: usize,
    pub end_token: usize,
    pub start: usize,
    pub end: usize,
}

fn month_of(norm: &str) -> Option<(u32, bool)> {
    // (month, unambiguous as a bare word)
    let w = norm.trim_end_matches('.');
    let dotted = norm.ends_with('.');
    let m = match w {
        "january" => (1, true),
        "jan" => (1, dotted),
        "february" => (2, true),
        "feb" => (2, dotted),
        "march" => (3, false),
        "mar" => (3, false),
        "april" => (4, true),
        "apr" => (4, dotted),
        "may" => (5, false),
        "june" => (6, true),
        "jun" => (6, dotted),
        "july" => (7, true),
        "jul" => (7, dotted),
        "august" => (8, true),
        "aug" => (8, dotted),
        "september" => (9, true),
        "sept" | "sep" => (9, dotted),
        "october" => (10, true),
        "oct" => (10, dotted),
        "november" => (11, true),
        "nov" => (11, dotted),
        "december" => (12, true),
        "dec" => (12, dotted),
        _ => return None,
    };
    Some(m)
}

fn weekday_of(norm: &str) -> Option<u32> {
    Some(match norm {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

fn day_of(s: &str) -> Option<u32> {
    let d = s
        .strip_suffix("st")
        .or_else(|| s.strip_suffix("nd"))
        .or_else(|| s.strip_suffix("rd"))
        .or_else(|| s.strip_suffix("th"))
        .unwrap_or(s);
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = d.parse().ok()?;
    (1..=31).contains(&v).then_some(v)
}

fn year_of(s: &str) -> Option<i32> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// A plural noun, roughly: "people" and words ending in a single "s".
fn plural(w: &str) -> bool {
    w == "people" || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
}

const YEAR_PREPS: [&str; 14] = [
    "in", "since", "by", "until", "from", "of", "early", "late", "mid", "during", "before",
    "after", "than", "through",
];

/// The tokens of one span of text, as the value parser needs them.
pub(crate) struct TokenView<'a> {
    /// Token texts.
    pub text: Vec<&'a str>,
    /// Normalized (lower-case) forms.
    pub norm: Vec<&'a str>,
    /// Stems of the normalized forms.
    pub stem: Vec<String>,
    /// Byte ranges.
    pub range: Vec<(usize, usize)>,
    /// True for number tokens.
    pub is_number: Vec<bool>,
}

fn parse_number(s: &str) -> Option<f64> {
    if s.contains([':', '/']) || s.matches('-').count() > 0 {
        return None;
    }
    // "1,000" but not "1,2"
    if s.contains(',') {
        let parts: Vec<&str> = s.split(',').collect();
        if parts[1..].iter().any(|p| p.len() != 3 || p.contains('.')) {
            return None;
        }
    }
    s.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A number written in words: one word ("twelve") or tens and unit joined by a hyphen
/// ("eighty-five").
fn word_number(numbers: &std::collections::HashMap<String, f64>, w: &str) -> Option<f64> {
    if let Some(&n) = numbers.get(w) {
        return Some(n);
    }
    let (t, u) = w.split_once('-')?;
    let (t, u) = (*numbers.get(t)?, *numbers.get(u)?);
    ((20.0..100.0).contains(&t) && t % 10.0 == 0.0 && (1.0..10.0).contains(&u)).then_some(t + u)
}

/// All dates and quantities in tokens `range` of `v`, left to right, not overlapping.
pub(crate) fn find_values(v: &TokenView, from: usize, to: usize) -> Vec<Mention> {
    let rules = Rules::get();
    let stems: Vec<&str> = v.stem[from..to].iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut i = from;
    let mention = |value: Value, a: usize, b: usize| Mention {
        value,
        first_token: a,
        end_token: b,
        start: v.range[a].0,
        end: v.range[b - 1].1,
    };
    while i < to {
        let n = v.norm[i];
        // ISO date token.
        if v.is_number[i] {
            let p: Vec<&str> = n.split('-').collect();
            if p.len() == 3 {
                if let (Some(y), Ok(m), Some(d)) =
                    (year_of(p[0]), p[1].parse::<u32>(), day_of(p[2]))
                {
                    if (1..=12).contains(&m) {
                        out.push(mention(calendar(Some(y), Some(m), Some(d)), i, i + 1));
                        i += 1;
                        continue;
                    }
                }
            }
        }
        if let Some((m, bare_ok)) = month_of(n) {
            if let Some(d) = v
                .norm
                .get(i + 1)
                .filter(|_| i + 1 < to)
                .and_then(|s| day_of(s))
            {
                let (mut end, mut year) = (i + 2, None);
                if end + 1 < to && v.norm[end] == "," {
                    if let Some(y) = year_of(v.norm[end + 1]) {
                        year = Some(y);
                        end += 2;
                    }
                } else if end < to {
                    if let Some(y) = year_of(v.norm[end]) {
                        year = Some(y);
                        end += 1;
                    }
                }
                out.push(mention(calendar(year, Some(m), Some(d)), i, end));
                i = end;
                continue;
            }
            if let Some(y) = v
                .norm
                .get(i + 1)
                .filter(|_| i + 1 < to)
                .and_then(|s| year_of(s))
            {
                out.push(mention(calendar(Some(y), Some(m), None), i, i + 2));
                i += 2;
                continue;
            }
            let capital = v.text[i].starts_with(|c: char| c.is_uppercase());
            if bare_ok || (capital && m != 5 && i > from) {
                out.push(mention(calendar(None, Some(m), None), i, i + 1));
                i += 1;
                continue;
            }
        }
        if let Some(d) = day_of(n).filter(|_| v.is_number[i]) {
            if let Some((m, _)) = v
                .norm
                .get(i + 1)
                .filter(|_| i + 1 < to)
                .and_then(|s| month_of(s))
            {
                let mut end = i + 2;
                let mut year = None;
                if end < to {
                    if let Some(y) = year_of(v.norm[end]) {
                        year = Some(y);
                        end += 1;
                    }
                }
                out.push(mention(calendar(year, Some(m), Some(d)), i, end));
                i = end;
                continue;
            }
        }
        if let Some(w) = weekday_of(n) {
            out.push(mention(
                Value::Date(DateVal {
                    year: None,
                    month: None,
                    day: None,
                    weekday: Some(w),
                    relative: false,
                }),
                i,
                i + 1,
            ));
            i += 1;
            continue;
        }
        if let Some(y) = year_of(n) {
            let prev_ok = i > from
                && (YEAR_PREPS.contains(&v.norm[i - 1])
                    || matches!(
                        v.norm[i - 1],
                        "the" | "a" | "'s" | "its" | "his" | "her" | "their" | "this"
                    ));
            let next_punct = i + 1 >= to || !v.norm[i + 1].chars().any(char::is_alphanumeric);
            // "the former 2012 gop nominee", "the 2018 Olympics": a year before a word that
            // is not a plural count noun ("2000 people" counts people).
            let attributive = i + 1 < to
                && v.norm[i + 1].chars().all(char::is_alphabetic)
                && (!plural(v.norm[i + 1]) || v.text[i + 1].starts_with(char::is_uppercase));
            if prev_ok || next_punct || attributive {
                out.push(mention(calendar(Some(y), None, None), i, i + 1));
                i += 1;
                continue;
            }
        }
        // Quantities, with an optional modifier.
        let rel = i - from;
        let (modifier, start_num) = match rules.modifiers.longest_at(&stems, rel) {
            Some((len, m)) if i + len < to => (Some(m), i + len),
            _ => (None, i),
        };
        if let Some((q, end)) = quantity_at(v, &stems, from, start_num, to, modifier) {
            out.push(mention(Value::Qty(q), i, end));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// A quantity starting at token `i` (after any modifier): (quantity, end token).
fn quantity_at(
    v: &TokenView,
    stems: &[&str],
    from: usize,
    i: usize,
    to: usize,
    modifier: Option<Modifier>,
) -> Option<(Qty, usize)> {
    let rules = Rules::get();
    let mut unit: Option<String> = None;
    let mut j = i;
    if matches!(v.norm[j], "$" | "£" | "€") {
        unit = Some(v.norm[j].to_string());
        j += 1;
        if j >= to {
            return None;
        }
    }
    let (mut lo, mut hi, vague, mut end);
    if let Some((len, (a, b))) = rules.vague.longest_at(&v.norm[from..to], j - from) {
        (lo, hi, vague, end) = (a, b, true, j + len);
    } else {
        // "at least 1 july 2016": a day of a date, not a count.
        if v.is_number[j]
            && day_of(v.norm[j]).is_some()
            && j + 1 < to
            && month_of(v.norm[j + 1]).is_some()
        {
            return None;
        }
        // "a 34-year-old man": an age, one token.
        if let Some(age) = v.norm[j]
            .strip_suffix("-year-old")
            .and_then(|d| d.parse::<f64>().ok())
            .filter(|_| unit.is_none() && modifier.is_none())
        {
            let qty = Qty {
                lo: age,
                hi: age,
                vague: false,
                approx: false,
                unit: Some("age".into()),
            };
            return Some((qty, j + 1));
        }
        let value = if v.is_number[j] {
            parse_number(v.norm[j])?
        } else {
            word_number(&rules.numbers, v.norm[j])?
        };
        (lo, hi, vague, end) = (value, value, false, j + 1);
        // "one hundred and three": hundreds in words, and what follows "and".
        // ("one" is not a number here: the count starts at "hundred".)
        let hundreds = !v.is_number[j] && value < 10.0 && end < to && v.norm[end] == "hundred";
        if hundreds {
            lo *= 100.0;
            hi *= 100.0;
            end += 1;
        }
        if (hundreds || v.norm[j] == "hundred")
            && !v.is_number[j]
            && end + 1 < to
            && v.norm[end] == "and"
        {
            if let Some(u) = word_number(&rules.numbers, v.norm[end + 1]).filter(|u| *u < 100.0) {
                lo += u;
                hi += u;
                end += 2;
            }
        }
        // "eighty five": the tens and the unit in two words are one number.
        if !v.is_number[j] && (20.0..100.0).contains(&value) && value % 10.0 == 0.0 && end < to {
            if let Some(&u) = rules
                .numbers
                .get(v.norm[end])
                .filter(|u| (1.0..10.0).contains(*u))
            {
                lo += u;
                hi += u;
                end += 1;
            }
        }
        // Years are dates, not counts, unless they count something.
        if v.is_number[j] && year_of(v.norm[j]).is_some() && unit.is_none() && modifier.is_none() {
            let next = v.norm.get(end).copied().unwrap_or("");
            if !next.chars().all(char::is_alphabetic) || next.is_empty() {
                return None;
            }
        }
        if end < to {
            if let Some(f) = rules.scales.get(v.norm[end]) {
                lo *= f;
                hi *= f;
                end += 1;
            }
        }
    }
    if end < to && matches!(v.norm[end], "%" | "percent") {
        unit = Some("%".into());
        end += 1;
    } else if end + 1 < to && v.norm[end] == "per" && v.norm[end + 1] == "cent" {
        unit = Some("%".into());
        end += 2;
    }
    // Clock times, ranges and parts of a group are not counts to compare.
    let prev = if i > from { v.norm[i - 1] } else { "" };
    let next = v.norm.get(end).copied().filter(|_| end < to).unwrap_or("");
    // "5 to 9" is a range; "pay $ 3 million to the city" is not.
    let number_at = |k: usize| {
        (from..to).contains(&k) && (v.is_number[k] || matches!(v.norm[k], "$" | "£" | "€"))
    };
    let range_to = (next == "to" && number_at(end + 1))
        || (prev == "to"
            && (i >= from + 2)
            && (number_at(i - 2) || i >= from + 3 && number_at(i - 3)));
    if prev == ":"
        || next == ":"
        || range_to
        || next == "-"
        || prev == "-"
        || prev == "and" && i >= from + 2 && v.is_number[i - 2]
    {
        return None;
    }
    // Ratios ("one in five", "eight out of 14"), subsets ("twelve other people") and rates
    // ("100 miles per hour").
    let prev2 = if i >= from + 2 { v.norm[i - 2] } else { "" };
    if prev == "every"
        || (prev == "in" && prev2 == "one")
        || (prev == "of" && prev2 == "out")
        || matches!(
            next,
            "out" | "other" | "others" | "more" | "additional" | "per"
        )
    {
        return None;
    }
    // A rate ("38,000 vehicles a day") counts per period: its unit says so.
    let per = (end + 2 < to
        && matches!(v.norm[end + 1], "per" | "an" | "a")
        && matches!(
            v.norm[end + 2],
            "hour" | "year" | "day" | "week" | "month" | "minute"
        ))
    .then(|| v.norm[end + 2]);
    if next == "of"
        && v.norm
            .get(end + 1)
            .is_some_and(|n| matches!(*n, "the" | "them" | "those" | "these" | "its" | "their"))
    {
        return None;
    }
    if unit.is_none() {
        // The noun counted: the next content word, skipping "of" and function words.
        let mut k = end;
        while k < to && k < end + 3 {
            let n = v.norm[k];
            // "call 911 several people": another quantity starts, this one counts nothing.
            if !n.chars().any(char::is_alphabetic)
                || rules
                    .vague
                    .longest_at(&v.norm[from..to], k - from)
                    .is_some()
            {
                break;
            }
            if !triangulate_text::is_stopword(n) && !rules.numbers.contains_key(n) {
                // The head noun: "240 new housing units" counts units, not "new". A word
                // before it that is not plural is a modifier; a plural among the next two
                // content words ends the noun phrase ("80 people killed" counts people).
                if !plural(n) {
                    let mut h = k + 1;
                    while h < to && h < k + 3 {
                        let m = v.norm[h];
                        if !m.chars().all(char::is_alphabetic)
                            || triangulate_text::is_stopword(m)
                            || rules.numbers.contains_key(m)
                        {
                            break;
                        }
                        if plural(m) {
                            k = h;
                            break;
                        }
                        h += 1;
                    }
                }
                let group = rules
                    .synonyms
                    .longest_at(stems, k - from)
                    .map(|(_, g)| g)
                    .unwrap_or_else(|| v.stem[k].clone());
                unit = Some(group);
                break;
            }
            k += 1;
        }
    }
    if unit
        .as_deref()
        .is_some_and(|u| rules.skip_units.contains(u))
    {
        return None;
    }
    if let Some(p) = per {
        unit = Some(format!("{}/{p}", unit.as_deref().unwrap_or("")));
    }
    match modifier {
        Some(Modifier::Min) => hi = f64::INFINITY,
        Some(Modifier::Max) => lo = 0.0,
        Some(Modifier::Approx) => {
            let w = approx_width(lo);
            lo -= w;
            hi += w;
        }
        None => {}
    }
    Some((
        Qty {
            lo,
            hi,
            vague,
            approx: modifier == Some(Modifier::Approx),
            unit,
        },
        end,
    ))
}

/// How far "about N" reaches either side of N: half a unit of N's last significant digit
/// ("about 38,000": 500; "about 90": 5), at least 5% and at most 15% of N.
fn approx_width(n: f64) -> f64 {
    let n = n.abs();
    if n == 0.0 || !n.is_finite() {
        return 0.0;
    }
    let mut unit = 1.0;
    while unit * 10.0 <= n && (n / (unit * 10.0)).fract() == 0.0 {
        unit *= 10.0;
    }
    (unit / 2.0).clamp(0.05 * n, 0.15 * n)
}

/// Compare two quantities (see the module doc).
pub(crate) fn compare_qty(a: &Qty, b: &Qty) -> Relation {
    if a.unit != b.unit {
        return Relation::Unrelated;
    }
    let eps = 1e-9 * a.hi.abs().max(b.hi.abs()).min(1e12);
    let overlap = a.lo <= b.hi + eps && b.lo <= a.hi + eps;
    if !overlap {
        Relation::Contradiction
    } else if a.vague != b.vague || (a.vague && (a.lo, a.hi) != (b.lo, b.hi)) {
        Relation::Discrepancy
    } else {
        Relation::Agree
    }
}

fn weekday_index(w: Weekday) -> u32 {
    w.num_days_from_monday()
}

/// Compare two dates, filling a missing year with `year` (the story's year).
pub(crate) fn compare_date(a: &DateVal, b: &DateVal, year: Option<i32>) -> Relation {
    let r = compare_date_parts(a, b, year);
    if (a.relative || b.relative) && r == Relation::Contradiction {
        Relation::Discrepancy
    } else {
        r
    }
}

fn compare_date_parts(a: &DateVal, b: &DateVal, year: Option<i32>) -> Relation {
    // A bare weekday sides with a day that falls on it.
    if let (Some(w), None) | (None, Some(w)) = (a.weekday, b.weekday) {
        let other = if a.weekday.is_some() { b } else { a };
        let (Some(m), Some(d)) = (other.month, other.day) else {
            return Relation::Unrelated;
        };
        let Some(y) = other.year.or(year) else {
            return Relation::Unrelated;
        };
        return match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) if weekday_index(date.weekday()) == w => Relation::Agree,
            Some(_) => Relation::Discrepancy,
            None => Relation::Unrelated,
        };
    }
    if a.weekday.is_some() && b.weekday.is_some() {
        return if a.weekday == b.weekday {
            Relation::Agree
        } else {
            Relation::Unrelated
        };
    }
    match (a.day, b.day) {
        (Some(da), Some(db)) => {
            let ya = a.year.or(year);
            let yb = b.year.or(year);
            if a.month != b.month || da != db || (ya.is_some() && yb.is_some() && ya != yb) {
                Relation::Contradiction
            } else {
                Relation::Agree
            }
        }
        (None, None) if a.month.is_none() && b.month.is_none() => {
            if a.year == b.year {
                Relation::Agree
            } else {
                Relation::Contradiction
            }
        }
        _ => {
            // Two explicit, different years, or two different months of one explicit year.
            if a.year.is_some() && b.year.is_some() {
                if a.year != b.year {
                    return Relation::Contradiction;
                }
                if a.month.is_some() && b.month.is_some() && a.month != b.month {
                    return Relation::Contradiction;
                }
            }
            // Different precision: compatible if the coarser contains the finer.
            let same_month = a.month.is_none() || b.month.is_none() || a.month == b.month;
            let same_year = a.year.is_none() || b.year.is_none() || a.year == b.year;
            if same_month && same_year {
                Relation::Agree
            } else {
                Relation::Unrelated
            }
        }
    }
}

/// Compare two values.
pub(crate) fn compare(a: &Value, b: &Value, year: Option<i32>) -> Relation {
    match (a, b) {
        (Value::Qty(x), Value::Qty(y)) => compare_qty(x, y),
        (Value::Date(x), Value::Date(y)) => compare_date(x, y, year),
        _ => Relation::Unrelated,
    }
}

/// A short normalized rendering: "2017-11-14", "--11-17", "Friday", "80", ">= 80", "24-199".
pub(crate) fn display(v: &Value, year: Option<i32>) -> String {
    match v {
        Value::Date(d) => {
            if let Some(w) = d.weekday {
                return [
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                    "Sunday",
                ][w as usize % 7]
                    .to_string();
            }
            let y = d.year.or(year);
            match (y, d.month, d.day) {
                (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
                (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
                (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
                (Some(y), None, _) => format!("{y:04}"),
                (None, Some(m), None) => format!("--{m:02}"),
                _ => String::new(),
            }
        }
        Value::Qty(q) => {
            let num = |x: f64| {
                if x.fract() == 0.0 {
                    format!("{}", x as i64)
                } else {
                    format!("{x}")
                }
            };
            let unit = match q.unit.as_deref() {
                Some("%") => "%".to_string(),
                Some(u) if matches!(u, "$" | "£" | "€") => format!(" {u}"),
                _ => String::new(),
            };
            if q.approx && !q.vague {
                format!(
                    "about {}{unit}",
                    num(((q.lo + q.hi) * 500.0).round() / 1000.0)
                )
            } else if q.hi.is_infinite() {
                format!(">= {}{unit}", num(q.lo))
            } else if q.lo == q.hi {
                format!("{}{unit}", num(q.lo))
            } else {
                format!("{}-{}{unit}", num(q.lo), num(q.hi))
            }
        }
    }
}

impl TokenView<'_> {
    /// Build the view of the whole text's tokens.
    pub(crate) fn new<'a>(text: &'a str, ta: &'a triangulate_text::TextAnalysis) -> TokenView<'a> {
        let mut v = TokenView {
            text: Vec::with_capacity(ta.tokens.len()),
            norm: Vec::with_capacity(ta.tokens.len()),
            stem: Vec::with_capacity(ta.tokens.len()),
            range: Vec::with_capacity(ta.tokens.len()),
            is_number: Vec::with_capacity(ta.tokens.len()),
        };
        for (i, t) in ta.tokens.iter().enumerate() {
            let n = ta.norm_of(i);
            v.text.push(t.text(text));
            v.norm.push(n);
            v.stem.push(triangulate_text::stem(n));
            v.range.push((t.start as usize, t.end as usize));
            v.is_number
                .push(t.kind == triangulate_text::TokenKind::Number);
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::{DocId, Document};

    pub(crate) fn values_of(s: &str) -> Vec<Value> {
        let doc = Document::new(DocId(0), "t", s);
        let ta = triangulate_text::analyze(&doc);
        let v = TokenView::new(doc.analysis_text(), &ta);
        find_values(&v, 0, ta.tokens.len())
            .into_iter()
            .map(|m| m.value)
            .collect()
    }

    #[test]
    fn quantity_examples_run() {
        for ex in super::super::rules::examples(super::super::rules::QUANTITIES.1) {
            let (pair, want) = ex.split_once(" => ").expect("EXAMPLE: A ~ B => relation");
            let (a, b) = pair.split_once(" ~ ").expect("EXAMPLE: A ~ B => relation");
            let (va, vb) = (values_of(a), values_of(b));
            assert_eq!((va.len(), vb.len()), (1, 1), "{ex}: {va:?} {vb:?}");
            let got = match compare(&va[0], &vb[0], None) {
                Relation::Agree => "agree",
                Relation::Discrepancy => "discrepancy",
                Relation::Contradiction => "contradiction",
                Relation::Unrelated => "unrelated",
            };
            assert_eq!(got, want, "{ex}");
        }
    }

    #[test]
    fn dates() {
        let v = values_of("It expires Nov. 14, and the vote is on November 17, 2017, or Friday.");
        assert_eq!(v.len(), 3, "{v:?}");
        let Value::Date(a) = v[0] else { panic!() };
        let Value::Date(b) = v[1] else { panic!() };
        let Value::Date(f) = v[2] else { panic!() };
        assert_eq!((a.month, a.day), (Some(11), Some(14)));
        assert_eq!(b.year, Some(2017));
        assert_eq!(compare_date(&a, &b, Some(2017)), Relation::Contradiction);
        assert_eq!(compare_date(&f, &b, Some(2017)), Relation::Agree);
        assert_eq!(compare_date(&f, &a, Some(2017)), Relation::Discrepancy);
        assert_eq!(values_of("It was created in 2015.").len(), 1);
        assert!(values_of("He may come in march.").is_empty());
    }
}
