//! Reading dates and quantities from a clause's tokens: calendar dates, weekdays, years,
//! numbers in digits and in words, scales, word quantities ("dozens"), modifiers ("more
//! than", "about"), units and the noun a count counts.

use super::durations;
use super::numbers::{self, parse_number, word_number, Spaced};
use super::{DateVal, Mention, Qty, Value};
use crate::agreement::rules::{Modifier, Rules};

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

/// Monday 0 .. Sunday 6.
fn weekday_of(norm: &str) -> Option<u32> {
    triangulate_text::WEEKDAY_NAMES
        .iter()
        .position(|w| *w == norm)
        .map(|i| i as u32)
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
        // "a 34-year-old man": an age, one token. No one is older than 125: "the
        // 2021-year-old" is a garbled text, not an age.
        if let Some(age) = v.norm[j]
            .strip_suffix("-year-old")
            .and_then(|d| d.parse::<f64>().ok())
            .filter(|&a| unit.is_none() && modifier.is_none() && a <= 125.0)
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
        let mut value = if v.is_number[j] {
            parse_number(v.norm[j])?
        } else {
            word_number(&rules.numbers, v.norm[j])?
        };
        let mut num_end = j + 1;
        match numbers::spaced_groups(v, from, to, j) {
            Spaced::Unread => return None,
            Spaced::Number(n, e) => (value, num_end) = (n, e),
            Spaced::Plain => {}
        }
        (lo, hi, vague, end) = (value, value, false, num_end);
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
        (from..to).contains(&k)
            && (v.is_number[k]
                || rules.numbers.contains_key(v.norm[k])
                || matches!(v.norm[k], "$" | "£" | "€"))
    };
    let range_to = (next == "to" && number_at(end + 1))
        || (prev == "to"
            && (i >= from + 2)
            && (number_at(i - 2) || i >= from + 3 && number_at(i - 3)));
    // "a 1,500 km ( 900 miles ) stretch", "53 million libyan dinars ( $ 43.49 million )": the
    // same quantity converted, rounded by whoever converted it, not a value of its own.
    let open = if matches!(prev, "$" | "£" | "€") && i >= from + 2 {
        i - 2
    } else {
        i.saturating_sub(1)
    };
    let conversion = open > from
        && v.norm[open] == "("
        && (open.saturating_sub(4).max(from)..open)
            .any(|k| v.is_number[k] || v.norm[k].starts_with(|c: char| c.is_ascii_digit()));
    if prev == ":"
        || next == ":"
        || conversion
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
                // A duration ("12 weeks of paid leave") is compared in days, with the
                // distances between two times ("ten years ago", "15 years later") and the
                // spans counted from the day of writing ("the last 17 years") apart from it;
                // "34 years old" is an age.
                if let Some(&days) = rules.durations.get(&v.stem[k]) {
                    let kind = durations::duration_kind(v, from, i, k, to)?;
                    lo *= days;
                    hi *= days;
                    // Counted from the day of writing: a week either side, and "N years
                    // ago" is told to the year (half a year either side). Older than a
                    // century, a time ago is a dating ("8,000 years ago"), not compared.
                    if kind == "duration ago" && hi > durations::MAX_AGO_DAYS {
                        return None;
                    }
                    if matches!(kind, "duration ago" | "duration past" | "duration next") {
                        let reach = durations::WRITING_DAYS
                            + if kind == "duration ago" {
                                days / 2.0
                            } else {
                                0.0
                            };
                        lo = (lo - reach).max(0.0);
                        hi += reach;
                    }
                    unit = Some(kind.into());
                    break;
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
