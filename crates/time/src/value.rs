//! Calendar values at a granularity, their arithmetic and their TIMEX3 spelling.

use chrono::{Datelike, Duration, NaiveDate};

/// A calendar value at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    /// A day.
    Day(NaiveDate),
    /// ISO year and week.
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    /// Year and month.
    Month(i32, u32),
    /// Year and quarter 1-4.
    Quarter(i32, u32),
    /// Year and half 1-2.
    Half(i32, u32),
    /// Year and season (index into [`SEASONS`]).
    Season(i32, usize),
    /// A year.
    Year(i32),
    /// A decade, by its first three digits (199 for the 1990s).
    Decade(i32),
    /// A century, by its first two digits.
    Century(i32),
}

/// TIMEX3 season codes, in calendar order of their start months (3, 6, 9, 12).
pub const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// Granularity order: finer is smaller.
pub fn rank(unit: char) -> u8 {
    match unit {
        'D' => 0,
        'W' => 1,
        'M' => 2,
        'Q' => 3,
        'Y' => 4,
        'E' => 5, // decade
        'C' => 6,
        _ => 0,
    }
}

impl Val {
    /// The TIMEX3 value.
    pub fn timex(self) -> String {
        match self {
            Val::Day(d) => d.format("%Y-%m-%d").to_string(),
            Val::Week(y, w) => format!("{y:04}-W{w:02}"),
            Val::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Val::Month(y, m) => format!("{y:04}-{m:02}"),
            Val::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Val::Half(y, h) => format!("{y:04}-H{h}"),
            Val::Season(y, s) => format!("{y:04}-{}", SEASONS[s.min(3)]),
            Val::Year(y) => format!("{y:04}"),
            Val::Decade(d) => format!("{d:03}"),
            Val::Century(c) => format!("{c:02}"),
        }
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        match self {
            Val::Day(d) => d,
            Val::Week(y, w) | Val::Weekend(y, w) => {
                NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).unwrap_or(NaiveDate::MIN)
            }
            Val::Month(y, m) => ymd(y, m),
            Val::Quarter(y, q) => ymd(y, (q.clamp(1, 4) - 1) * 3 + 1),
            Val::Half(y, h) => ymd(y, (h.clamp(1, 2) - 1) * 6 + 1),
            Val::Season(y, s) => ymd(y, 3 + 3 * s.min(3) as u32),
            Val::Year(y) => ymd(y, 1),
            Val::Decade(d) => ymd(d * 10, 1),
            Val::Century(c) => ymd(c * 100, 1),
        }
    }

    /// The value of `date` at the granularity of `unit` (`D`, `W`, `M`, `Q`, `Y`, `E`, `C`).
    pub fn at(date: NaiveDate, unit: char) -> Val {
        match unit {
            'W' => {
                let w = date.iso_week();
                Val::Week(w.year(), w.week())
            }
            'M' => Val::Month(date.year(), date.month()),
            'Q' => Val::Quarter(date.year(), date.month0() / 3 + 1),
            'Y' => Val::Year(date.year()),
            'E' => Val::Decade(date.year().div_euclid(10)),
            'C' => Val::Century(date.year().div_euclid(100)),
            _ => Val::Day(date),
        }
    }

    /// Granularity letter of this value.
    pub fn unit(self) -> char {
        match self {
            Val::Day(_) => 'D',
            Val::Week(..) | Val::Weekend(..) => 'W',
            Val::Month(..) => 'M',
            Val::Quarter(..) | Val::Half(..) | Val::Season(..) => 'Q',
            Val::Year(_) => 'Y',
            Val::Decade(_) => 'E',
            Val::Century(_) => 'C',
        }
    }

    /// Shift by `n` units; the result has the coarser of the two granularities, except that
    /// a quarter shifted by years stays a quarter ("a year earlier" after "the third quarter").
    pub fn shift(self, unit: char, n: i64) -> Val {
        if let (Val::Quarter(y, q), 'Y') = (self, unit) {
            return Val::Quarter(y + n as i32, q);
        }
        if let (Val::Half(y, h), 'Y') = (self, unit) {
            return Val::Half(y + n as i32, h);
        }
        if let (Val::Quarter(y, q), 'Q') = (self, unit) {
            let idx = y as i64 * 4 + (q as i64 - 1) + n;
            return Val::Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u32);
        }
        let date = shift_date(self.start(), unit, n);
        let g = if rank(unit) >= rank(self.unit()) {
            unit
        } else {
            self.unit()
        };
        Val::at(date, g)
    }
}

/// `date` moved by `n` units (months clamp the day).
pub fn shift_date(date: NaiveDate, unit: char, n: i64) -> NaiveDate {
    let months = |m: i64| {
        let total = date.year() as i64 * 12 + date.month0() as i64 + m;
        let (y, mo) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
        let mut d = date.day();
        loop {
            if let Some(x) = NaiveDate::from_ymd_opt(y, mo, d) {
                return x;
            }
            if d <= 28 {
                return date;
            }
            d -= 1;
        }
    };
    let days = |k: i64| date.checked_add_signed(Duration::days(k)).unwrap_or(date);
    match unit {
        'D' => days(n),
        'W' => days(7 * n),
        'M' => months(n),
        'Q' => months(3 * n),
        'Y' => months(12 * n),
        'E' => months(120 * n),
        'C' => months(1200 * n),
        _ => date,
    }
}

/// Parse a TIMEX3 date value back ("2017-10-26", "2017-W44", "2017-10", "2017-Q3", "2017").
pub fn parse(value: &str) -> Option<Val> {
    let b = value.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y: i32 = value[..4].parse().ok()?;
    let rest = &value[4..];
    if rest.is_empty() {
        return Some(Val::Year(y));
    }
    let rest = rest.strip_prefix('-')?;
    let base = rest.split('T').next().unwrap_or(rest);
    if let Some(w) = base.strip_prefix('W') {
        let (w, we) = match w.strip_suffix("-WE") {
            Some(w) => (w, true),
            None => (w, false),
        };
        let w: u32 = w.parse().ok()?;
        return Some(if we {
            Val::Weekend(y, w)
        } else {
            Val::Week(y, w)
        });
    }
    if let Some(q) = base.strip_prefix('Q') {
        return Some(Val::Quarter(y, q.parse().ok()?));
    }
    if let Some(h) = base.strip_prefix('H') {
        return Some(Val::Half(y, h.parse().ok()?));
    }
    if let Some(i) = SEASONS.iter().position(|s| *s == base) {
        return Some(Val::Season(y, i));
    }
    let mut parts = base.split('-');
    let m: u32 = parts.next()?.parse().ok()?;
    match parts.next() {
        None => (1..=12).contains(&m).then_some(Val::Month(y, m)),
        Some(d) => NaiveDate::from_ymd_opt(y, m, d.parse().ok()?).map(Val::Day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_shift() {
        for v in [
            "2017-10-26",
            "2017-W44",
            "2017-10",
            "2017-Q3",
            "2017",
            "2017-H1",
        ] {
            assert_eq!(parse(v).unwrap().timex(), v);
        }
        let d = Val::Day(NaiveDate::from_ymd_opt(2017, 10, 24).unwrap());
        assert_eq!(d.shift('D', 2).timex(), "2017-10-26");
        assert_eq!(d.shift('Y', -1).timex(), "2016");
        assert_eq!(Val::Quarter(1989, 3).shift('Y', -1).timex(), "1988-Q3");
        assert_eq!(Val::Quarter(1989, 1).shift('Q', -1).timex(), "1988-Q4");
        assert_eq!(d.shift('W', -1).timex(), "2017-W42");
    }
}
