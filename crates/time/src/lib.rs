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
mod scan;
pub mod value;

pub use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use triangulate_core::{DocId, Document, Span};
use triangulate_text::TextAnalysis;

pub use counterfactual::{ends_a_span_that_never_came, never_came};
pub use infer::{infer_published, infer_published_prepared};
pub use normalize::Tense;
pub use rules::RuleError;
pub(crate) use scan::Candidate;
use scan::{crosses_paragraph, scan};

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
mod tests;
