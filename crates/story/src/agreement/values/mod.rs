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

mod anchor;
mod compare;
mod durations;
mod numbers;
mod read;
#[cfg(test)]
mod tests;

pub(crate) use anchor::{resolve_dates, story_year};
pub(crate) use compare::{compare, display, relation, shown};
pub(crate) use read::{find_values, TokenView};

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

/// A value that names no precise thing: a bare year, or a count of nothing named.
pub(crate) fn weak(v: &Value) -> bool {
    match v {
        Value::Date(d) => d.day.is_none() && d.month.is_none() && d.weekday.is_none(),
        Value::Qty(q) => q.unit.is_none(),
    }
}

/// A date (of any precision), not a quantity.
pub(crate) fn is_date_value(v: &Value) -> bool {
    matches!(v, Value::Date(_))
}

/// A bare weekday, or a day the time tagger resolved from one: it sides with a day but never
/// contradicts one.
pub(crate) fn is_weekday(v: &Value) -> bool {
    matches!(
        v,
        Value::Date(
            DateVal {
                weekday: Some(_),
                ..
            } | DateVal { relative: true, .. }
        )
    )
}

/// How precisely a value is written: a day 3, a month 2, a year 1 (a weekday 0); a count of a
/// named thing 2, a bare number 1.
pub(crate) fn precision(v: &Value) -> u8 {
    match v {
        Value::Date(d) if d.weekday.is_some() => 0,
        Value::Date(d) => 1 + u8::from(d.month.is_some()) + u8::from(d.day.is_some()),
        Value::Qty(q) => 1 + u8::from(q.unit.is_some()),
    }
}
