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
/// covers it.
pub(crate) fn resolve_dates(timexes: &[Timex], values: &mut [Mention]) {
    for m in values.iter_mut() {
        let Value::Date(d) = &mut m.value else {
            continue;
        };
        if d.year.is_some() && d.day.is_some() {
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
}
