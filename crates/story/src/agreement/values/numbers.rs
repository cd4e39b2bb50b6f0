//! Numbers in digits and in words: "1,000", "13 406" (a space as the thousands separator),
//! "eighty-five".

use super::read::TokenView;

pub(super) fn parse_number(s: &str) -> Option<f64> {
    if s.contains([':', '/']) || s.matches('-').count() > 0 {
        return None;
    }
    // "1,000" but not "1,2"
    if s.contains(',') {
        let parts: Vec<&str> = s.split(',').collect();
        if parts[1..].iter().any(|p| p.len() != 3 || p.contains('.')) {
            return None;
        }
    }
    s.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A number written in words: one word ("twelve") or tens and unit joined by a hyphen
/// ("eighty-five").
pub(super) fn word_number(
    numbers: &std::collections::HashMap<String, f64>,
    w: &str,
) -> Option<f64> {
    if let Some(&n) = numbers.get(w) {
        return Some(n);
    }
    let (t, u) = w.split_once('-')?;
    let (t, u) = (*numbers.get(t)?, *numbers.get(u)?);
    ((20.0..100.0).contains(&t) && t % 10.0 == 0.0 && (1.0..10.0).contains(&u)).then_some(t + u)
}

/// How a number token reads with the number tokens spaced after it.
pub(super) enum Spaced {
    /// Not spaced: the token alone.
    Plain,
    /// Groups of a number spaced in thousands: its value and end token.
    Number(f64, usize),
    /// Spaced otherwise, or a group after the first: not a number to read.
    Unread,
}

/// "13 406": a space as the thousands separator. Groups of exactly 3 digits after a first of
/// 1-3, one space apart, are one number (13406); digits spaced otherwise ("13 40") are not
/// read, and neither is a group alone ("406"). Token `j` of `v` starts the number; tokens
/// `from..to` are the clause's.
pub(super) fn spaced_groups(v: &TokenView, from: usize, to: usize, j: usize) -> Spaced {
    let digits = |k: usize| v.is_number[k] && v.norm[k].bytes().all(|b| b.is_ascii_digit());
    // Token k follows token k - 1 after one space.
    let group = |k: usize| k < to && digits(k) && v.range[k].0 == v.range[k - 1].1 + 1;
    let short = |k: usize| digits(k) && (1..=3).contains(&v.norm[k].len());
    if !v.is_number[j] {
        return Spaced::Plain;
    }
    if j > from && group(j) && short(j - 1) {
        return Spaced::Unread;
    }
    if !(short(j) && group(j + 1)) {
        return Spaced::Plain;
    }
    let mut value = match parse_number(v.norm[j]) {
        Some(x) => x,
        None => return Spaced::Unread,
    };
    let mut end = j + 1;
    while group(end) && v.norm[end].len() == 3 {
        match parse_number(v.norm[end]) {
            Some(x) => value = value * 1000.0 + x,
            None => return Spaced::Unread,
        }
        end += 1;
    }
    if end == j + 1 || group(end) {
        Spaced::Unread
    } else {
        Spaced::Number(value, end)
    }
}
