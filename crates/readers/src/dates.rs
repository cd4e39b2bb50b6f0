//! Publication dates as written in metadata and date markers.

use chrono::NaiveDate;

/// The month a word names: a full name or a prefix of one of at least three letters ("Sept.",
/// "Janu"), any case, a trailing dot allowed.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    triangulate_text::MONTH_NAMES
        .iter()
        .position(|long| long.starts_with(w.as_str()))
        .map(|i| i as u32 + 1)
}

fn num(s: &str) -> Option<u32> {
    let s = s.trim_end_matches([',', '.']);
    let s = s
        .strip_suffix("st")
        .or_else(|| s.strip_suffix("nd"))
        .or_else(|| s.strip_suffix("rd"))
        .or_else(|| s.strip_suffix("th"))
        .unwrap_or(s);
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parse the day of a publication date as metadata and date markers write it:
/// ISO 8601 (`2017-11-14`, `2017-11-14T09:30:00Z`), `08 November 2017`, `November 8, 2017`,
/// `Nov. 8, 2017`, RFC 2822 (`Tue, 14 Nov 2017 09:30:00 GMT`), `2017/11/14`.
/// The time of day and zone are ignored: the day as the outlet wrote it is kept.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() > 80 {
        return None;
    }
    // ISO: YYYY-MM-DD or YYYY/MM/DD at the start.
    let b = s.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/')
        && b[7] == b[4]
    {
        let y = s[..4].parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        if b.get(10).is_none_or(|c| !c.is_ascii_digit()) {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for i in 0..words.len() {
        // 08 November 2017
        if let (Some(d), Some(m), Some(y)) = (
            num(words[i]),
            words.get(i + 1).and_then(|w| month(w)),
            words.get(i + 2).and_then(|w| num(w)),
        ) {
            if y >= 1000 {
                return NaiveDate::from_ymd_opt(y as i32, m, d);
            }
        }
        // November 8, 2017
        if let (Some(m), Some(d), Some(y)) = (
            month(words[i]),
            words.get(i + 1).and_then(|w| num(w)),
            words.get(i + 2).and_then(|w| num(w)),
        ) {
            if y >= 1000 {
                return NaiveDate::from_ymd_opt(y as i32, m, d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let d = NaiveDate::from_ymd_opt(2017, 11, 8);
        assert_eq!(parse_date("08 November 2017"), d);
        assert_eq!(parse_date("November 8, 2017"), d);
        assert_eq!(parse_date("Nov. 8, 2017"), d);
        assert_eq!(parse_date("Wed, 08 Nov 2017 10:00:00 GMT"), d);
        assert_eq!(parse_date("2017-11-08T23:30:00-05:00"), d);
        assert_eq!(parse_date("2017/11/08"), d);
        assert_eq!(
            parse_date("Sept. 8th, 2017")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2017-09-08")
        );
        assert_eq!(parse_date("2017-02-30"), None);
        assert_eq!(parse_date("next week"), None);
        assert_eq!(parse_date("Mayor 8 2017"), None);
    }
}
