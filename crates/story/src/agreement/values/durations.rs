//! What a duration measures ("12 weeks of paid leave", "ten years ago", "15 years later",
//! "the last 17 years"), for the value reader.

use super::read::TokenView;
use crate::agreement::rules::Rules;

/// How far apart the documents of one story may be written, in days: a span counted from
/// the day of writing ("ten years ago", "the last 14 weeks") reaches that far either side.
pub(super) const WRITING_DAYS: f64 = 7.0;

/// A time ago longer than a century is a dating, not compared.
pub(super) const MAX_AGO_DAYS: f64 = 36_525.0;

/// What the number starting at token `i` with its duration noun at `k` measures: the length
/// of something ("duration"), a distance between two times ("duration ago": "ten years ago";
/// "duration apart": "15 years later", "26 years since"), a span counted back or forward
/// from the day the document was written ("duration past": "the last 17 years"; "duration
/// next": "over the next three years"); `None` for what is not compared: part of a longer
/// duration ("three years and 10 months"), a rate ("12 hours a week"), an age ("six years
/// old"), "the first 100 days".
pub(super) fn duration_kind(
    v: &TokenView,
    from: usize,
    i: usize,
    k: usize,
    to: usize,
) -> Option<&'static str> {
    let rules = Rules::get();
    let at = |j: usize| {
        if (from..to).contains(&j) {
            v.norm[j]
        } else {
            ""
        }
    };
    let before = if i > from { at(i - 1) } else { "" };
    let after = at(k + 1);
    let duration_at =
        |j: usize| rules.durations.contains_key(&v.stem[j]) && (from..to).contains(&j);
    let number_at = |j: usize| {
        (from..to).contains(&j) && (v.is_number[j] || rules.numbers.contains_key(v.norm[j]))
    };
    let period = |w: &str| {
        matches!(
            w,
            "hour" | "day" | "night" | "week" | "month" | "year" | "session" | "shift"
        )
    };
    if rules.not_durations.contains(after)
        || before == "first"
        || (after == "and" && number_at(k + 2) && (duration_at(k + 3) || duration_at(k + 4)))
        || (before == "and" && i >= from + 2 && duration_at(i - 2))
        || (matches!(after, "a" | "an" | "per" | "each" | "every") && period(at(k + 2)))
    {
        return None;
    }
    Some(match rules.distances.get(after).map(String::as_str) {
        Some("ago") => "duration ago",
        Some(_) => "duration apart",
        None if matches!(before, "last" | "past" | "previous") => "duration past",
        None if matches!(before, "next" | "coming") => "duration next",
        None => "duration",
    })
}
