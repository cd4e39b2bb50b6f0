//! Comparing two values: agree, a discrepancy of precision, a contradiction, or unrelated
//! (the rule is in the module doc of [`super`]); and the short normalized rendering.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{DateVal, Qty, Relation, Value};

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
                // "monday" -> "Monday".
                let name = triangulate_text::WEEKDAY_NAMES[w as usize % 7];
                return name[..1].to_ascii_uppercase() + &name[1..];
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

/// A value as a reader reads it in the report: a duration in its own unit ("10 years ago",
/// "12 weeks"), not in the days it is compared in; any other value as [`display`] gives it
/// (which also serves as a key: it stays as it is).
pub(crate) fn shown(v: &Value, year: Option<i32>) -> String {
    match v {
        Value::Qty(q) if q.unit.as_deref().is_some_and(|u| u.starts_with("duration")) => {
            show_duration(q)
        }
        _ => display(v, year),
    }
}

/// A duration (`lo`..`hi` in days) in the largest unit its middle reaches. A reach the
/// reading gave it (a distance from the day of writing, "about N") is shown as the number
/// written; a range as a range.
fn show_duration(q: &Qty) -> String {
    let mid = (q.lo + q.hi) / 2.0;
    let units = [
        (365.25, "year"),
        (30.4375, "month"),
        (7.0, "week"),
        (1.0, "day"),
        (1.0 / 24.0, "hour"),
        (1.0 / 1440.0, "minute"),
        (1.0 / 86400.0, "second"),
    ];
    // The largest unit the value reaches in which it is a whole number ("12 weeks", not
    // "2.8 months"), else the largest it reaches.
    let reached = || units.into_iter().filter(|&(per, _)| mid >= per * 0.95);
    let (per, unit) = reached()
        .find(|&(per, _)| ((mid / per) - (mid / per).round()).abs() <= 0.05)
        .or_else(|| reached().next())
        .unwrap_or(units[units.len() - 1]);
    let n = |x: f64| {
        let r = (x / per * 10.0).round() / 10.0;
        if r.fract() == 0.0 {
            format!("{}", r as i64)
        } else {
            format!("{r}")
        }
    };
    let kind = q.unit.as_deref().unwrap_or("duration");
    let reach = q.approx || matches!(kind, "duration ago" | "duration past" | "duration next");
    let count = if reach || q.hi.is_infinite() || n(q.lo) == n(q.hi) {
        let x = if q.hi.is_infinite() { q.lo } else { mid };
        let one = n(x) == "1";
        let words = format!("{} {unit}{}", n(x), if one { "" } else { "s" });
        if q.hi.is_infinite() {
            format!(">= {words}")
        } else if q.approx && !q.vague {
            format!("about {words}")
        } else {
            words
        }
    } else {
        format!("{}-{} {unit}s", n(q.lo), n(q.hi))
    };
    match kind {
        "duration ago" => format!("{count} ago"),
        "duration past" => format!("the past {count}"),
        "duration next" => format!("the next {count}"),
        "duration apart" => format!("{count} apart"),
        _ => count,
    }
}

/// How two values relate. Two counts of different nouns ("14 Dutch cyclists" / "injured 20
/// Dutch") are also compared as numbers, for the pair model to judge: the second item is
/// true for them.
pub(crate) fn relation(a: &Value, b: &Value, year: Option<i32>) -> (Relation, bool) {
    let r = compare(a, b, year);
    // An age or a duration is never compared with a count of something else.
    let noun = |q: &Qty| {
        q.unit.as_deref().is_some_and(|u| {
            !matches!(u, "$" | "£" | "€" | "%" | "age") && !u.starts_with("duration")
        })
    };
    match (a, b) {
        (Value::Qty(x), Value::Qty(y)) if r == Relation::Unrelated && noun(x) && noun(y) => {
            let y = Qty {
                unit: x.unit.clone(),
                ..y.clone()
            };
            (compare_qty(x, &y), true)
        }
        _ => (r, false),
    }
}
