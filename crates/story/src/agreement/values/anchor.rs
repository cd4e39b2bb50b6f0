//! Values anchored on the story: the story's year (for dates written without one), and the
//! dates the time tagger resolved (a bare weekday, a day without a year).

use triangulate_time::Timex;

use super::{DateVal, Mention, Value};
use crate::AnalyzedDoc;

/// The story's year: the most common year of the documents' publication dates, else of the
/// time expressions' values.
pub(crate) fn story_year(docs: &[AnalyzedDoc]) -> Option<i32> {
    use chrono::Datelike;
    let mut years: Vec<i32> = docs
        .iter()
        .filter_map(|d| d.doc.meta.published.map(|p| p.date.year()))
        .collect();
    if years.is_empty() {
        years = docs
            .iter()
            .flat_map(|d| d.timexes.iter())
            .filter(|t| t.kind == triangulate_time::TimexType::Date && t.value.len() == 10)
            .filter_map(|t| t.value[..4].parse().ok())
            .collect();
    }
    years.sort_unstable();
    let mut best: Option<(usize, i32)> = None;
    for c in years.chunk_by(|a, b| a == b) {
        let better = match best {
            None => true,
            Some(b) => c.len() > b.0,
        };
        if better {
            best = Some((c.len(), c[0]));
        }
    }
    best.map(|b| b.1)
}

/// Fill in what the time tagger resolved: a bare weekday ("on Friday") or a day without a
/// year becomes the full date of the time expression of `timexes` (the document's) that
/// covers it. A day without a year that its weekday precedes ("Friday, May 13") takes a year
/// on which it falls on that weekday: the tagger's (which looks for one around its anchor),
/// else the story's year `story_year`, the one before or the one after (for a document the
/// tagger could not anchor); else none.
pub(crate) fn resolve_dates(timexes: &[Timex], values: &mut [Mention], story_year: Option<i32>) {
    let before: Vec<Option<DateVal>> = values
        .iter()
        .map(|m| match m.value {
            Value::Date(d) => Some(d),
            Value::Qty(_) => None,
        })
        .collect();
    // A weekday right before a day of a month ("Friday, May 13") is that day's, not a date
    // of its own: the day takes the time expression's date.
    let names_next_day: Vec<bool> = (0..values.len())
        .map(|k| {
            matches!(
                before[k],
                Some(DateVal {
                    weekday: Some(_),
                    ..
                })
            ) && matches!(
                before.get(k + 1),
                Some(Some(DateVal {
                    month: Some(_),
                    day: Some(_),
                    ..
                }))
            ) && values[k + 1].start.saturating_sub(values[k].end) <= 3
        })
        .collect();
    for (k, m) in values.iter_mut().enumerate() {
        let Value::Date(d) = &mut m.value else {
            continue;
        };
        if d.year.is_some() && d.day.is_some() || names_next_day[k] {
            continue;
        }
        let Some(t) = timexes.iter().find(|t| {
            (t.span.start as usize) <= m.start
                && m.end <= t.span.end as usize
                && t.kind == triangulate_time::TimexType::Date
        }) else {
            continue;
        };
        let Ok(date) = chrono::NaiveDate::parse_from_str(&t.value, "%Y-%m-%d") else {
            continue;
        };
        use chrono::Datelike;
        let fits = match (d.weekday, d.month, d.day) {
            (Some(w), _, _) => date.weekday().num_days_from_monday() == w,
            (None, Some(mo), Some(da)) => date.month() == mo && date.day() == da,
            _ => false,
        };
        if fits {
            *d = DateVal {
                year: Some(date.year()),
                month: Some(date.month()),
                day: Some(date.day()),
                weekday: None,
                relative: d.weekday.is_some(),
            };
        }
    }
    for k in 1..values.len() {
        let (
            Some(DateVal {
                weekday: Some(w),
                relative: false,
                ..
            }),
            Some(DateVal {
                year: None,
                month: Some(mo),
                day: Some(da),
                weekday: None,
                ..
            }),
        ) = (before[k - 1], before[k])
        else {
            continue;
        };
        // Adjacent: "Friday May 13", "Friday, May 13", "friday , may 13".
        if values[k].start.saturating_sub(values[k - 1].end) > 3 {
            continue;
        }
        let Value::Date(d) = &mut values[k].value else {
            continue;
        };
        use chrono::Datelike;
        let falls = |y: i32| {
            chrono::NaiveDate::from_ymd_opt(y, mo, da)
                .is_some_and(|x| x.weekday().num_days_from_monday() == w)
        };
        d.year = d
            .year
            .into_iter()
            .chain(story_year.into_iter().flat_map(|y| [y, y - 1, y + 1]))
            .find(|&y| falls(y));
    }
}
