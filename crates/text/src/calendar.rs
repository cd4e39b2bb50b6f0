//! Month and weekday names: one list for the readers, the timeline and whoever else needs
//! to know a calendar word.

/// Month names, lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lower case, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1-12) a lower-case word names: the full name, its three-letter abbreviation or
/// "sept", with or without a trailing dot.
pub fn month_number(lower: &str) -> Option<u32> {
    let w = lower.trim_end_matches('.');
    if w == "sept" {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
        .map(|i| i as u32 + 1)
}

/// True for a weekday's full name (lower case).
pub fn is_weekday(lower: &str) -> bool {
    WEEKDAY_NAMES.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_name_and_abbreviation() {
        assert_eq!(month_number("january"), Some(1));
        assert_eq!(month_number("sept."), Some(9));
        assert_eq!(month_number("dec"), Some(12));
        assert_eq!(month_number("ma"), None);
        assert_eq!(month_number("marc"), None);
        assert_eq!(month_number("monday"), None);
        assert!(is_weekday("sunday"));
        assert!(!is_weekday("sun"));
    }
}
