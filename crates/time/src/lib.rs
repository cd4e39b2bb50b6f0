//! Time expressions normalized to TIMEX3 values, anchored on a document's publication date.
//!
//! The rules are data, HeidelTime style: `resources/en/time/rules.txt` (patterns with
//! `%macros%`) and `resources/en/time/tables.txt` (month names, weekdays, numbers in words,
//! units, seasons, parts of day, direction words, tense cues), compiled in and validated on
//! first use. Pure analysis: no I/O.
//!
//! ```
//! pub use chrono::NaiveDate;
//! let anchor = NaiveDate::from_ymd_opt(2017, 11, 2);
//! let t = triangulate_time::tag_text("The report came out on Oct. 26, and Russia said on Monday it disagreed.", &[], anchor);
//! assert_eq!(t[0].value, "2017-10-26");
//! assert_eq!(t[1].value, "2017-10-30");
//! ```
#![deny(missing_docs)]

mod counterfactual;
mod infer;
mod normalize;
mod rules;
pub mod value;

pub use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use triangulate_core::{DocId, Document, Span};
use triangulate_text::TextAnalysis;

pub use counterfactual::{ends_a_span_that_never_came, never_came};
pub use infer::{infer_published, infer_published_prepared};
pub use normalize::Tense;
pub use rules::RuleError;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("Oct. 26", "last week", "2015").
    Date,
    /// A time of day.
    Time,
    /// A duration ("three years").
    Duration,
    /// A recurrence ("every week").
    Set,
}

impl TimexType {
    /// The TimeML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One time expression with its normalized value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value ("2017-10-26", "2017-W44", "P1Y", "PRESENT_REF").
    pub value: String,
}

/// Check the compiled-in rules and tables; the first bad line as an error.
pub fn validate_rules() -> Result<(), RuleError> {
    rules::load().map(|_| ())
}

/// Tag the time expressions of one document, anchored on `anchor` (usually its publication
/// date). Boilerplate lines are skipped; sentences come from `text`.
pub fn tag(doc: &Document, text: &TextAnalysis, anchor: Option<NaiveDate>) -> Vec<Timex> {
    prepare(doc, text).tag(doc, anchor)
}

/// Tag plain text (document 0) with optional sentence bounds (byte ranges, in order; the
/// whole text is one sentence when empty).
pub fn tag_text(text: &str, sentences: &[(usize, usize)], anchor: Option<NaiveDate>) -> Vec<Timex> {
    let p = prepare_in(DocId(0), text, sentences, |_, _| false);
    resolve(&p, text, anchor, false)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// Find a document's time expressions and read their tenses: everything [`tag`] does that
/// does not depend on the anchor. Tag the result on any anchor with [`Prepared::tag`]
/// (the document's date, or first [`infer_published_prepared`] for undated documents).
pub fn prepare(doc: &Document, text: &TextAnalysis) -> Prepared {
    let sentences: Vec<(usize, usize)> = text
        .sentences
        .iter()
        .map(|s| (s.start as usize, s.end as usize))
        .collect();
    prepare_in(doc.id, doc.analysis_text(), &sentences, |s, e| {
        doc.is_boilerplate(s, e)
    })
}

/// A document's time expressions found but not yet normalized (see [`prepare`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) doc: DocId,
    /// Matches chosen, in text order, with their tenses.
    pub(crate) items: Vec<(Candidate, Tense)>,
    /// Parallel to `items`: on a boilerplate line.
    pub(crate) boilerplate: Vec<bool>,
}

impl Prepared {
    /// The time expressions anchored on `anchor`, as [`tag`] gives them; `doc` is the
    /// document this was prepared from (another document's text gives no or wrong values).
    pub fn tag(&self, doc: &Document, anchor: Option<NaiveDate>) -> Vec<Timex> {
        resolve(self, doc.analysis_text(), anchor, false)
            .into_iter()
            .filter(|&(_, i)| !self.boilerplate[i])
            .map(|(t, _)| t)
            .collect()
    }

    /// How many time expressions were found (boilerplate lines included).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True if none was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: usize,
    /// Named groups, then `whole` (the match) and `after` (up to 40 bytes after it).
    pub(crate) groups: Vec<normalize::Group>,
}

impl Candidate {
    /// The groups read in `text` (the text the candidate was found in).
    pub(crate) fn caps<'t>(&'t self, text: &'t str) -> normalize::Caps<'t> {
        normalize::Caps {
            text,
            groups: &self.groups,
        }
    }

    /// True if group `name` took part in the match.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.groups.iter().any(|(n, _, _)| *n == name)
    }
}

/// Case rules the patterns cannot say: ambiguous month and weekday words must be capitalized.
fn case_ok(caps: &normalize::Caps) -> bool {
    for name in ["month", "weekday"] {
        if let Some(w) = caps.get(name) {
            let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
            let lower = w.to_lowercase();
            let ambiguous = name == "month" && (w.len() <= 4 || lower == "march");
            if ambiguous && !starts_upper {
                return false;
            }
            if lower.trim_end_matches('.') == "may" && !starts_upper {
                return false;
            }
        }
    }
    true
}

/// Numbers that look like years but are not: "$1990", "1990%", "1990 people".
/// "five-year-old", "a 30 year old": ages, not durations; "a year-earlier loss": the match
/// stops inside a hyphenated word.
fn age_ok(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    let after = rest.trim_start_matches(['-', ' ']);
    !(after.starts_with("old") && !after[3..].starts_with(|c: char| c.is_alphabetic())
        || after.starts_with("olds"))
}

/// Bare "fall" and "spring" are verbs and nouns far more often than seasons.
fn season_ok(caps: &normalize::Caps) -> bool {
    match (caps.get("season"), caps.get("whole")) {
        (Some(s), Some(w)) if s.len() == w.len() => {
            let l = s.to_lowercase();
            !(l == "fall" || l == "spring") || s.starts_with(char::is_uppercase)
        }
        _ => true,
    }
}

/// "$5 a day", "10% a year", "twice a week": rates and frequencies, not durations; "a
/// second" and "three-quarters of" are not time at all.
fn rate_ok(text: &str, start: usize, end: usize, caps: &normalize::Caps) -> bool {
    let Some(num) = caps.get("num") else {
        return true;
    };
    let whole = caps.get("whole").unwrap_or("").to_lowercase();
    if whole.ends_with("quarters") && text[end..].trim_start().starts_with("of ") {
        return false;
    }
    if !(num.eq_ignore_ascii_case("a") || num.eq_ignore_ascii_case("an")) {
        return true;
    }
    let mut from = start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].trim_end().to_lowercase();
    !(before.ends_with(|c: char| c.is_ascii_digit() || c == '%')
        || [
            "percent", "times", "once", "twice", "cents", "dollars", "each",
        ]
        .iter()
        .any(|w| before.ends_with(w)))
}

/// A bare month must be spelled out: "Jan" alone is a name more often than a month.
fn bare_month_ok(caps: &normalize::Caps) -> bool {
    match (caps.get("month"), caps.get("day"), caps.get("year")) {
        (Some(m), None, None) => {
            m.len() > 4
                || m.eq_ignore_ascii_case("may")
                || m.eq_ignore_ascii_case("june")
                || m.eq_ignore_ascii_case("july")
        }
        _ => true,
    }
}

fn year_ok(text: &str, start: usize, end: usize, caps: &normalize::Caps) -> bool {
    if caps.get("year").is_none() || caps.get("month").is_some() || caps.get("mon").is_some() {
        return true;
    }
    let mut from = start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].trim_end();
    if before.ends_with(['$', '#', '£', '€']) || before.ends_with("No.") {
        return false;
    }
    let after = text[end..].trim_start();
    !(after.starts_with('%')
        || after.starts_with("percent")
        || after.starts_with(['-', '.', ','])
            && after[1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Every match of every rule that passes the checks the patterns cannot say, on `hay` (the
/// text or its ASCII stand-in, of the same length) with `regexes` (ASCII or Unicode, in
/// rule order); groups are read in `text`. `None` if a group does not fall on character
/// boundaries of `text` (the stand-in did not stand in).
fn scan(text: &str, hay: &str, regexes: &[&regex_automata::meta::Regex]) -> Option<Vec<Candidate>> {
    let mut cands: Vec<Candidate> = Vec::new();
    for (ri, re) in regexes.iter().enumerate() {
        for c in re.captures_iter(hay) {
            let m = c.get_match().expect("a match");
            let (s, e) = (m.start(), m.end());
            if s == e {
                continue;
            }
            let mut groups: Vec<normalize::Group> = normalize::GROUPS
                .iter()
                .filter_map(|g| c.get_group_by_name(g).map(|x| (*g, x.start, x.end)))
                .collect();
            if groups
                .iter()
                .any(|&(_, gs, ge)| !text.is_char_boundary(gs) || !text.is_char_boundary(ge))
                || !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
            {
                return None;
            }
            let whole = &text[s..e];
            // The match must not end inside a word.
            if whole.ends_with(|c: char| c.is_alphanumeric())
                && text[e..].starts_with(|c: char| c.is_alphanumeric())
            {
                continue;
            }
            groups.push(("whole", s, e));
            let mut after_end = (e + 40).min(text.len());
            while !text.is_char_boundary(after_end) {
                after_end -= 1;
            }
            groups.push(("after", e, after_end));
            let caps = normalize::Caps {
                text,
                groups: &groups,
            };
            if !rate_ok(text, s, e, &caps) || !bare_month_ok(&caps) {
                continue;
            }
            if !case_ok(&caps)
                || !year_ok(text, s, e, &caps)
                || !age_ok(text, e)
                || !season_ok(&caps)
            {
                continue;
            }
            cands.push(Candidate {
                start: s,
                end: e,
                rule: ri,
                groups,
            });
        }
    }
    Some(cands)
}

/// True if `s` holds a paragraph break: two line breaks with only white space between.
fn crosses_paragraph(s: &str) -> bool {
    let mut after_break = false;
    for c in s.chars() {
        if c == '\n' {
            if after_break {
                return true;
            }
            after_break = true;
        } else if !c.is_whitespace() {
            after_break = false;
        }
    }
    false
}

pub(crate) fn prepare_in(
    doc: DocId,
    text: &str,
    sentences: &[(usize, usize)],
    is_boilerplate: impl Fn(usize, usize) -> bool,
) -> Prepared {
    let rs = rules::get();
    // The ASCII rules on the ASCII stand-in where it stands in; else the Unicode rules.
    let ascii = rules::ascii_shadow(text).and_then(|hay| {
        let regexes: Vec<&regex_automata::meta::Regex> =
            rs.rules.iter().map(|r| &r.regex).collect();
        scan(text, &hay, &regexes)
    });
    let mut cands = ascii.unwrap_or_else(|| {
        let regexes: Vec<&regex_automata::meta::Regex> = rs.unicode_regexes().iter().collect();
        scan(text, text, &regexes).expect("matches of a str fall on its char boundaries")
    });
    // A time expression never runs over a paragraph break ("the \n\n next March": two
    // sentences); such a match is dropped. (A match over a sentence bound that the splitter
    // put inside a date is kept: dropping those lost true dates on TimeBank.)
    if !sentences.is_empty() {
        cands.retain(|c| !crosses_paragraph(&text[c.start..c.end]));
    }
    // Leftmost, then longest, then earliest rule.
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rule.cmp(&b.rule))
    });
    let mut items = Vec::new();
    let mut last_end = 0;
    for c in cands {
        if c.start >= last_end {
            last_end = c.end;
            let t = tense(rs, text, sentences, c.start, c.end);
            items.push((c, t));
        }
    }
    let boilerplate = items
        .iter()
        .map(|(c, _)| is_boilerplate(c.start, c.end))
        .collect();
    Prepared {
        doc,
        items,
        boilerplate,
    }
}

/// Normalize prepared matches (found in `text`) on `anchor`; each timex with the index of
/// its item. With `skip_boilerplate`, items on boilerplate lines are left out before
/// normalizing (they set no reference date for the next ones).
pub(crate) fn resolve(
    p: &Prepared,
    text: &str,
    anchor: Option<NaiveDate>,
    skip_boilerplate: bool,
) -> Vec<(Timex, usize)> {
    let rs = rules::get();
    let mut ctx = normalize::Ctx {
        anchor,
        reference: None,
        quarter: None,
        tense: Tense::Unknown,
    };
    let mut out = Vec::with_capacity(p.items.len());
    for (i, (c, t)) in p.items.iter().enumerate() {
        if skip_boilerplate && p.boilerplate[i] {
            continue;
        }
        let rule = &rs.rules[c.rule];
        let caps = c.caps(text);
        ctx.tense = *t;
        let Some(value) = normalize::value(rs, &rule.value, &caps, &ctx) else {
            continue;
        };
        if rule.kind == TimexType::Date || rule.kind == TimexType::Time {
            if let Some(v) = value::parse(&value) {
                let explicit_quarter = match &rule.value {
                    rules::ValueFn::Func("quarter") => caps.get("ordinal").is_some(),
                    rules::ValueFn::Func("rel") => true,
                    _ => false,
                };
                if matches!(v, value::Val::Quarter(..)) && explicit_quarter {
                    ctx.quarter = Some(v);
                }
                if matches!(
                    v,
                    value::Val::Day(_) | value::Val::Month(..) | value::Val::Year(_)
                ) {
                    ctx.reference = Some(v);
                }
            }
        }
        out.push((
            Timex {
                span: Span::new_unchecked(p.doc, c.start, c.end),
                kind: rule.kind,
                value,
            },
            i,
        ));
    }
    out
}

/// How far (bytes) after a time expression a future cue is believed.
const FUTURE_REACH: usize = 40;
/// How far (bytes) around a time expression tense cues are looked for.
const TENSE_WINDOW: usize = 300;
/// How far (bytes) before a time expression a cue governs it.
const BEFORE_REACH: usize = 60;

/// The tense cue nearest to `start..end` within its sentence.
fn tense(
    rs: &rules::RuleSet,
    text: &str,
    sentences: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Tense {
    let (ss, se) = match sentences.partition_point(|s| s.1 <= start) {
        i if i < sentences.len() && sentences[i].0 <= start => sentences[i],
        _ => {
            let mut lo = start.saturating_sub(TENSE_WINDOW);
            while !text.is_char_boundary(lo) {
                lo += 1;
            }
            let mut hi = (end + TENSE_WINDOW).min(text.len());
            while !text.is_char_boundary(hi) {
                hi -= 1;
            }
            (
                text[lo..start]
                    .rfind(['.', '\n'])
                    .map_or(lo, |i| lo + i + 1),
                text[end..hi].find(['.', '\n']).map_or(hi, |i| end + i),
            )
        }
    };
    // A bounded window keeps long unpunctuated input linear.
    let (mut ss, mut se) = (
        ss.min(start).max(start.saturating_sub(TENSE_WINDOW)),
        se.max(end).min(text.len()).min(end + TENSE_WINDOW),
    );
    while !text.is_char_boundary(ss) {
        ss += 1;
    }
    while !text.is_char_boundary(se) {
        se -= 1;
    }
    let future = rs.table("future");
    let past = rs.table("past");
    // Nearest cue before and after the expression.
    let mut before: Option<(usize, Tense)> = None;
    let mut after: Option<(usize, Tense)> = None;
    let mut prev_word: Option<&str> = None;
    let bytes = text.as_bytes();
    let mut i = ss;
    while i < se {
        if !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
            continue;
        }
        let ws = i;
        while i < se && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
        }
        let w = &text[ws..i];
        let prev = prev_word.replace(w);
        if ws >= start && i <= end {
            continue;
        }
        let lower = w.to_lowercase();
        let bigram = prev.map(|p| format!("{} {lower}", p.to_lowercase()));
        let t = if future.contains(&lower) || bigram.as_deref().is_some_and(|b| future.contains(b))
        {
            Tense::Future
        } else if past.contains(&lower) || (lower.len() > 3 && lower.ends_with("ed")) {
            Tense::Past
        } else {
            continue;
        };
        if i <= start {
            before = Some((start - i, t));
        } else if after.is_none() {
            after = Some((ws.saturating_sub(end), t));
        }
    }
    // A cue just before the expression governs it ("said on Monday", "expires on Friday");
    // else a future cue just after it ("Friday's vote will"); else any cue before it. Most
    // dated news is past.
    match (before, after) {
        (Some((d, t)), _) if d <= BEFORE_REACH => t,
        (_, Some((d, Tense::Future))) if d <= FUTURE_REACH => Tense::Future,
        (Some((_, Tense::Past)), _) => Tense::Past,
        (_, Some((_, Tense::Past))) => Tense::Past,
        _ => Tense::Unknown,
    }
}

/// Compile the time rules now rather than at first use, so a caller can overlap the
/// compilation with other work (reading files). Idempotent.
pub fn warm_up() {
    rules::get();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_a_match_over_a_paragraph_break_is_not_a_time_expression() {
        // Found by the property test `time_like_text`: "the" and "next March" are two
        // sentences; the match "the  \n\n next March" ran over the bound.
        let text = "the  \n\n next March";
        let sentences = [(0, 3), (9, text.len())];
        let anchor = NaiveDate::from_ymd_opt(2025, 3, 10);
        // (The match is dropped, not cut: "next March" alone is not found in this text, as
        // the regexes give no shorter match inside a longer one. Kept simple on purpose.)
        let t = tag_text(text, &sentences, anchor);
        for x in &t {
            let (s, e) = (x.span.start as usize, x.span.end as usize);
            assert!(
                sentences.iter().any(|&(a, b)| a <= s && e <= b),
                "{s}..{e} crosses a sentence bound"
            );
        }
    }

    #[test]
    fn rules_and_tables_load() {
        validate_rules().unwrap();
    }

    #[test]
    fn rule_examples_come_out_as_written() {
        let rs = rules::get();
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 2);
        let mut failures = Vec::new();
        let mut count = 0;
        for rule in &rs.rules {
            for ex in &rule.examples {
                count += 1;
                let got = tag_text(&ex.text, &[], anchor);
                let hit = got
                    .iter()
                    .find(|t| t.span.start as usize == ex.start && t.span.end as usize == ex.end);
                match hit {
                    Some(t) if t.value == ex.value => {}
                    _ => failures.push(format!(
                        "rules.txt:{}: {:?} expected [{}] = {}, got {:?}",
                        ex.line,
                        ex.text,
                        &ex.text[ex.start..ex.end],
                        ex.value,
                        got.iter()
                            .map(|t| format!("[{}]={}", &ex.text[t.span.range()], t.value))
                            .collect::<Vec<_>>()
                    )),
                }
            }
        }
        assert!(count > 40, "only {count} examples");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn bare_weekday_follows_the_tense() {
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 13); // a Monday
        let t = tag_text(
            "Russia said on Monday it was talking. The mandate expires on Friday.",
            &[],
            anchor,
        );
        let v: Vec<&str> = t.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(v, ["2017-11-13", "2017-11-17"]);
    }

    #[test]
    fn later_is_anchored_on_the_last_date_mentioned() {
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 13);
        let t = tag_text(
            "The council voted on Oct. 24 and the inspectors reported two days later.",
            &[],
            anchor,
        );
        assert_eq!(t[1].value, "2017-10-26");
    }

    #[test]
    fn no_anchor_gives_unknown_years() {
        let t = tag_text("It happened on Oct. 26 and on Friday.", &[], None);
        assert_eq!(t[0].value, "XXXX-10-26");
        assert_eq!(t[1].value, "XXXX-WXX-5");
    }

    #[test]
    fn long_input_without_sentence_ends_is_tagged_in_linear_time_without_panic() {
        let mut text = String::new();
        for _ in 0..2000 {
            text.push_str("the fund said on Friday it would pay é €5 a day in 1990 ");
        }
        let t = tag_text(&text, &[], NaiveDate::from_ymd_opt(2017, 11, 2));
        assert_eq!(
            t.len(),
            4000,
            "Friday and 1990, but not the rate, each time"
        );
    }

    #[test]
    fn texts_the_ascii_stand_in_cannot_serve_are_tagged_with_the_unicode_rules() {
        let anchor = NaiveDate::from_ymd_opt(2017, 11, 13);
        let plain = "Café owners said on Monday the vote is on Nov. 17, 2017.";
        // An Arabic-Indic digit (a Unicode `\d`) sends the text to the Unicode rules.
        let with_digit = "Café owners said on Monday the vote is on Nov. 17, 2017. \u{663}";
        assert!(rules::ascii_shadow(with_digit).is_none());
        assert!(rules::ascii_shadow(plain).is_some());
        let a = tag_text(plain, &[], anchor);
        let b = tag_text(with_digit, &[], anchor);
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a, b);
    }

    #[test]
    fn a_prepared_document_tags_as_tag_does() {
        let mut doc = Document::new(
            DocId(3),
            "d",
            "Updated Friday\nThe vote came on Monday, two days after the talks. It expires next week.",
        );
        doc.boilerplate.push(triangulate_core::Boilerplate {
            span: Span::new_unchecked(DocId(3), 0, 14),
            kind: triangulate_core::BoilerplateKind::DateMarker,
        });
        let text = triangulate_text::analyze(&doc);
        let p = prepare(&doc, &text);
        for anchor in [None, NaiveDate::from_ymd_opt(2017, 11, 2)] {
            let direct = tag(&doc, &text, anchor);
            assert_eq!(p.tag(&doc, anchor), direct);
            assert!(
                direct.iter().all(|t| t.span.start >= 14),
                "boilerplate left out"
            );
        }
        assert_eq!(
            p.len(),
            4,
            "Friday on the boilerplate line is found, then left out"
        );
    }

    #[test]
    fn lower_case_modal_may_is_not_a_month() {
        let t = tag_text("Prices may 5 percent rise, they may rise.", &[], None);
        assert!(t.is_empty(), "{t:?}");
    }
}
