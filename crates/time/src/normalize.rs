//! The value functions named in `resources/en/time/rules.txt`.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::rules::{RuleSet, ValueFn};
use crate::value::{Val, SEASONS};

/// Direction of a bare weekday or month, from the tense of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past: the latest such day or month up to the anchor.
    Past,
    /// Future: the earliest one from the anchor on.
    Future,
    /// No cue.
    Unknown,
}

/// One named group of a match: its name and byte range in the text.
pub(crate) type Group = (&'static str, usize, usize);

/// The named groups of one match, read in its text.
pub(crate) struct Caps<'t> {
    pub text: &'t str,
    pub groups: &'t [Group],
}

impl<'t> Caps<'t> {
    /// The text of group `name` (`None` if it did not take part in the match).
    pub(crate) fn get(&self, name: &str) -> Option<&'t str> {
        self.groups
            .iter()
            .find(|(n, _, _)| *n == name)
            .and_then(|&(_, s, e)| self.text.get(s..e))
    }
}

/// What a value function can see besides its match.
pub(crate) struct Ctx {
    /// The document's date.
    pub anchor: Option<NaiveDate>,
    /// The last date mentioned before this expression (for "two days later").
    pub reference: Option<Val>,
    /// The last quarter mentioned (for "the quarter", "a year ago" in earnings reports).
    pub quarter: Option<Val>,
    /// Tense of the sentence.
    pub tense: Tense,
}

/// Group names a match may carry.
pub(crate) const GROUPS: &[&str] = &[
    "month", "mon", "day", "year", "weekday", "num", "unit", "ordinal", "season", "part", "dir",
    "dayword", "ref", "decade", "hour", "minute", "ampm", "noon",
];

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// A number from digits or words ("twenty four" = 24); `None` for vague words ("several").
pub(crate) fn parse_num(rs: &RuleSet, text: &str) -> Option<u32> {
    if let Ok(n) = text.trim().parse::<u32>() {
        return Some(n);
    }
    let table = rs.table("num");
    if let Some(v) = table.get(text) {
        return v.parse().ok();
    }
    let mut total = 0u32;
    for w in text.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() {
            continue;
        }
        let v: u32 = table.get(w)?.parse().ok()?;
        if v == 100 {
            total = total.max(1) * 100;
        } else {
            total += v;
        }
    }
    Some(total)
}

fn unit_letter(rs: &RuleSet, caps: &Caps) -> Option<&'static str> {
    let u = rs.table("unit").get(caps.get("unit")?)?;
    Some(match u {
        "Y" => "Y",
        "M" => "M",
        "W" => "W",
        "D" => "D",
        "DE" => "DE",
        "CE" => "CE",
        "Q" => "Q",
        "TH" => "TH",
        "TM" => "TM",
        "TS" => "TS",
        "WE" => "WE",
        _ => return None,
    })
}

/// Unit letter for date arithmetic (`E` decade, `C` century).
fn calendar_unit(u: &str) -> Option<char> {
    Some(match u {
        "Y" => 'Y',
        "M" => 'M',
        "W" => 'W',
        "D" => 'D',
        "DE" => 'E',
        "CE" => 'C',
        "Q" => 'Q',
        _ => return None,
    })
}

fn dir(rs: &RuleSet, caps: &Caps) -> Option<i64> {
    caps.get("dir")
        .and_then(|d| rs.table("dir").get(d))
        .and_then(|v| v.parse().ok())
}

fn month_num(rs: &RuleSet, caps: &Caps) -> Option<u32> {
    if let Some(m) = caps.get("mon") {
        return m.parse().ok().filter(|m| (1..=12).contains(m));
    }
    rs.table("month").get(caps.get("month")?)?.parse().ok()
}

/// `anchor` moved by `days`; `None` past the ends of the calendar (an anchor near
/// `NaiveDate::MIN` or `MAX`: the expression is dropped, never a panic).
fn add_days(anchor: NaiveDate, days: i64) -> Option<NaiveDate> {
    anchor.checked_add_signed(chrono::Duration::try_days(days)?)
}

/// The date of `weekday` near `anchor`: in the past up to the anchor, in the future from it;
/// `None` past the ends of the calendar.
fn weekday_near(anchor: NaiveDate, wd: u32, tense: Tense, dir: Option<i64>) -> Option<NaiveDate> {
    let target = weekday_of(wd).num_days_from_monday() as i64;
    let cur = anchor.weekday().num_days_from_monday() as i64;
    let back = (cur - target).rem_euclid(7);
    let fwd = (target - cur).rem_euclid(7);
    let d = |k: i64| add_days(anchor, k);
    match dir {
        Some(-1) => d(-(if back == 0 { 7 } else { back })),
        Some(1) => d(if fwd == 0 { 7 } else { fwd }),
        Some(_) => d(target - cur),
        None => match tense {
            Tense::Future => d(fwd),
            _ => d(-back),
        },
    }
}

/// A day written with its weekday and without a year ("Friday, May 13"): of the years
/// around the anchor, the one nearest `chosen` (the choice by tense) on which the day falls
/// on that weekday; `chosen` where none does (the writer's slip) or no weekday is written.
fn weekday_year(rs: &RuleSet, caps: &Caps, anchor: NaiveDate, chosen: NaiveDate) -> NaiveDate {
    let Some(wd) = caps
        .get("weekday")
        .and_then(|w| rs.table("weekday").get(w))
        .and_then(|n| n.parse::<u32>().ok())
        .map(weekday_of)
    else {
        return chosen;
    };
    if chosen.weekday() == wd {
        return chosen;
    }
    let mut years: Vec<i32> = (anchor.year() - 1..=anchor.year() + 1)
        .filter(|&y| y != chosen.year())
        .collect();
    years.sort_by_key(|&y| (y - chosen.year()).abs());
    years
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, chosen.month(), chosen.day()))
        .find(|d| d.weekday() == wd)
        .unwrap_or(chosen)
}

/// Compute the value of a match; `None` drops it.
pub(crate) fn value(rs: &RuleSet, f: &ValueFn, caps: &Caps, ctx: &Ctx) -> Option<String> {
    let name = match f {
        ValueFn::Literal(v) => return Some(v.clone()),
        ValueFn::Func(n) => *n,
    };
    let anchor = ctx.anchor;
    let year: Option<i32> = caps.get("year").and_then(|y| y.parse().ok());
    match name {
        "date" => {
            let month = month_num(rs, caps);
            let day: Option<u32> = caps.get("day").and_then(|d| d.parse().ok());
            match (year, month, day) {
                (Some(y), Some(m), Some(d)) => {
                    NaiveDate::from_ymd_opt(y, m, d).map(|x| Val::Day(x).timex())
                }
                (Some(y), Some(m), None) => Some(Val::Month(y, m).timex()),
                (Some(y), None, _) => Some(Val::Year(y).timex()),
                (None, Some(m), Some(d)) => {
                    NaiveDate::from_ymd_opt(2000, m, d)?; // a real day of some year
                    match anchor {
                        None => Some(format!("XXXX-{m:02}-{d:02}")),
                        Some(a) => {
                            let near = |y: i32| NaiveDate::from_ymd_opt(y, m, d);
                            let this = near(a.year()).or(near(a.year() - 1))?;
                            let days = (this - a).num_days();
                            let best = match ctx.tense {
                                Tense::Past if days > 60 => near(a.year() - 1)?,
                                Tense::Future if days < -60 => near(a.year() + 1)?,
                                Tense::Unknown if days > 183 => near(a.year() - 1)?,
                                Tense::Unknown if days < -183 => near(a.year() + 1)?,
                                _ => this,
                            };
                            Some(Val::Day(weekday_year(rs, caps, a, best)).timex())
                        }
                    }
                }
                _ => None,
            }
        }
        "month" => {
            let m = month_num(rs, caps)?;
            let Some(a) = anchor else {
                return Some(format!("XXXX-{m:02}"));
            };
            let (ay, am) = (a.year(), a.month());
            let whole = caps.get("whole").unwrap_or("").to_lowercase();
            if whole.ends_with(" year") {
                // "July last year": the direction applies to the year.
                return Some(Val::Month(ay + dir(rs, caps).unwrap_or(0) as i32, m).timex());
            }
            let y = match dir(rs, caps) {
                Some(-1) => {
                    if m < am {
                        ay
                    } else {
                        ay - 1
                    }
                }
                Some(1) => {
                    if m > am {
                        ay
                    } else {
                        ay + 1
                    }
                }
                Some(_) => ay,
                None => {
                    let diff = m as i32 - am as i32;
                    match ctx.tense {
                        Tense::Past if diff > 2 => ay - 1,
                        Tense::Future if diff < -2 => ay + 1,
                        Tense::Unknown if diff > 6 => ay - 1,
                        Tense::Unknown if diff < -6 => ay + 1,
                        _ => ay,
                    }
                }
            };
            Some(Val::Month(y, m).timex())
        }
        "weekday" => {
            let wd: u32 = rs
                .table("weekday")
                .get(caps.get("weekday")?)?
                .parse()
                .ok()?;
            let whole = caps.get("whole").unwrap_or("").to_lowercase();
            if whole.starts_with("every") || whole.starts_with("each") {
                return Some(format!("XXXX-WXX-{wd}"));
            }
            match anchor {
                None => Some(format!("XXXX-WXX-{wd}")),
                Some(a) => Some(Val::Day(weekday_near(a, wd, ctx.tense, dir(rs, caps))?).timex()),
            }
        }
        "dayword" => {
            let off: i64 = rs
                .table("dayword")
                .get(caps.get("dayword")?)?
                .parse()
                .ok()?;
            Some(match anchor {
                None => "XXXX-XX-XX".into(),
                Some(a) => Val::Day(add_days(a, off)?).timex(),
            })
        }
        "part" => {
            let part = rs.table("part").get(caps.get("part").unwrap_or("night"))?;
            let day = if let Some(wd) = caps.get("weekday") {
                // "Friday night": TimeBank gives the day more often than the part of it.
                let wd: u32 = rs.table("weekday").get(wd)?.parse().ok()?;
                return Some(match anchor {
                    Some(a) => Val::Day(weekday_near(a, wd, ctx.tense, dir(rs, caps))?).timex(),
                    None => format!("XXXX-WXX-{wd}"),
                });
            } else if let Some(dw) = caps.get("dayword") {
                let off: i64 = rs.table("dayword").get(dw)?.parse().ok()?;
                match anchor {
                    Some(a) => Some(add_days(a, off)?),
                    None => None,
                }
            } else {
                let off = dir(rs, caps).unwrap_or(0);
                match anchor {
                    Some(a) => Some(add_days(a, off)?),
                    None => None,
                }
            };
            Some(match day {
                Some(d) => format!("{}T{part}", Val::Day(d).timex()),
                None => format!("XXXX-XX-XXT{part}"),
            })
        }
        "weekend" => {
            let a = anchor?;
            // The weekend before the anchor in the past tense, the next one in the future.
            let weekday = a.weekday().number_from_monday();
            let off = dir(rs, caps).unwrap_or(match ctx.tense {
                Tense::Future if weekday == 7 => 1,
                Tense::Future => 0,
                _ if weekday >= 6 => 0,
                _ => -1,
            });
            let w = Val::at(a, 'W').shift('W', off);
            match w {
                Val::Week(y, n) => Some(Val::Weekend(y, n).timex()),
                other => Some(other.timex()),
            }
        }
        "rel" => {
            let u = calendar_unit(unit_letter(rs, caps)?)?;
            let off = dir(rs, caps).unwrap_or(0);
            let a = anchor?;
            Some(Val::at(a, u).shift(u, off).timex())
        }
        "shift" => {
            let ul = unit_letter(rs, caps)?;
            let n = match caps.get("num") {
                Some(t) => parse_num(rs, t),
                None => Some(1),
            };
            let whole = caps.get("whole").unwrap_or("").to_lowercase();
            let sign: i64 = if whole.ends_with("later") || whole.ends_with("after") {
                1
            } else {
                -1
            };
            let from_reference = whole.ends_with("later") || whole.ends_with("earlier");
            let Some(n) = n else {
                return Some(if sign > 0 { "FUTURE_REF" } else { "PAST_REF" }.into());
            };
            let Some(u) = calendar_unit(ul) else {
                // hours, minutes: the same day as the reference
                let base = ctx.reference.or(anchor.map(Val::Day))?;
                return Some(base.timex());
            };
            let base = match (ctx.quarter, u) {
                (Some(q), 'Y') => q,
                _ if from_reference => ctx.reference.or(anchor.map(Val::Day))?,
                _ => Val::Day(anchor?),
            };
            Some(base.shift(u, sign * n as i64).timex())
        }
        "dur" => {
            let ul = unit_letter(rs, caps)?;
            let whole = caps.get("whole").unwrap_or("").to_lowercase();
            let n = match caps.get("num") {
                Some(t) => parse_num(rs, t),
                None if whole.contains("another") => Some(1),
                None => None,
            };
            let num = |k: u32| n.map(|n| (n * k).to_string()).unwrap_or_else(|| "X".into());
            Some(match ul {
                "Y" => format!("P{}Y", num(1)),
                "M" => format!("P{}M", num(1)),
                "W" => format!("P{}W", num(1)),
                "D" => format!("P{}D", num(1)),
                "DE" => n.map_or("PXDE".to_string(), |n| format!("P{}Y", n * 10)),
                "CE" => n.map_or("PXCE".to_string(), |n| format!("P{}Y", n * 100)),
                "Q" => format!("P{}M", num(3)),
                "TH" => format!("PT{}H", num(1)),
                "TM" => format!("PT{}M", num(1)),
                "TS" => format!("PT{}S", num(1)),
                "WE" => format!("P{}WE", num(1)),
                _ => return None,
            })
        }
        "set" => {
            let ul = unit_letter(rs, caps)?;
            let n = caps.get("num").and_then(|t| parse_num(rs, t)).unwrap_or(1);
            Some(match ul {
                "TH" | "TM" | "TS" => format!("PT{n}{}", &ul[1..]),
                "DE" => format!("P{}Y", n * 10),
                "CE" => format!("P{}Y", n * 100),
                "Q" => format!("P{}M", n * 3),
                u => format!("P{n}{u}"),
            })
        }
        "quarter" => {
            let whole = caps.get("whole").unwrap_or("").to_lowercase();
            // "the quarter ended Sept. 30": the quarter of that month.
            let after = caps.get("after").unwrap_or("").trim_start().to_lowercase();
            if let Some(rest) = after
                .strip_prefix("ended ")
                .filter(|_| caps.get("ordinal").is_none())
                .or_else(|| after.strip_prefix("ending "))
            {
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                if let (Some(m), Some(a)) = (
                    rs.table("month")
                        .get(&word)
                        .and_then(|m| m.parse::<u32>().ok()),
                    anchor,
                ) {
                    let y = if m > a.month() {
                        a.year() - 1
                    } else {
                        a.year()
                    };
                    return Some(Val::Quarter(y, (m - 1) / 3 + 1).timex());
                }
            }
            let Some(ord) = caps.get("ordinal") else {
                // "the quarter", "the latest quarter", "the year-earlier quarter"
                let previous = anchor.map(|a| Val::at(a, 'Q').shift('Q', -1));
                let base = if whole.contains("latest") || whole.contains("recent") {
                    previous?
                } else {
                    ctx.quarter.or(previous)?
                };
                if whole.contains("year-earlier") || whole.contains("year-ago") {
                    return Some(base.shift('Y', -1).timex());
                }
                return Some(base.timex());
            };
            let q: u32 = rs.table("ordinal").get(ord)?.parse().ok()?;
            let y = match year {
                Some(y) => y,
                None => {
                    let ay = anchor.map(|a| a.year());
                    let Some(ay) = ay else {
                        return Some(format!("XXXX-Q{q}"));
                    };
                    let current = anchor.map_or(4, |a| a.month0() / 3 + 1);
                    if whole.contains("last year") {
                        ay - 1
                    } else if whole.contains("next year") {
                        ay + 1
                    } else if q > current && ctx.tense == Tense::Past {
                        ay - 1
                    } else {
                        ay
                    }
                }
            };
            Some(Val::Quarter(y, q).timex())
        }
        "half" => {
            let h: u32 = rs
                .table("ordinal")
                .get(caps.get("ordinal")?)?
                .parse()
                .ok()?;
            if h > 2 {
                return None;
            }
            let y = year.or(anchor.map(|a| a.year()))?;
            Some(Val::Half(y, h).timex())
        }
        "season" => {
            let code = rs.table("season").get(caps.get("season")?)?;
            let s = SEASONS.iter().position(|x| *x == code)?;
            let y = match year {
                Some(y) => y,
                None => {
                    let a = anchor?;
                    let start = 3 + 3 * s as u32;
                    match dir(rs, caps) {
                        Some(-1) if start + 3 > a.month() => a.year() - 1,
                        Some(1) if start <= a.month() => a.year() + 1,
                        _ => a.year(),
                    }
                }
            };
            Some(Val::Season(y, s).timex())
        }
        "decade" => caps.get("decade").map(|d| format!("{d}X")),
        "clock" => {
            let named = if let Some(wd) = caps.get("weekday") {
                let wd: u32 = rs.table("weekday").get(wd)?.parse().ok()?;
                match anchor {
                    Some(a) => Some(weekday_near(a, wd, ctx.tense, None)?),
                    None => None,
                }
            } else if let Some(dw) = caps.get("dayword") {
                let off: i64 = rs.table("dayword").get(dw)?.parse().ok()?;
                match anchor {
                    Some(a) => Some(add_days(a, off)?),
                    None => None,
                }
            } else {
                None
            };
            let day = match (named, ctx.reference, anchor) {
                (Some(d), _, _) => Val::Day(d).timex(),
                (None, Some(Val::Day(d)), _) => Val::Day(d).timex(),
                (None, _, Some(a)) => Val::Day(a).timex(),
                _ => "XXXX-XX-XX".into(),
            };
            if let Some(n) = caps.get("noon") {
                let h = if n.eq_ignore_ascii_case("noon") {
                    12
                } else {
                    24
                };
                return Some(format!("{day}T{h:02}:00"));
            }
            let mut h: u32 = caps.get("hour")?.parse().ok()?;
            let m: u32 = caps.get("minute").and_then(|m| m.parse().ok()).unwrap_or(0);
            if h > 12 || m > 59 {
                return None;
            }
            let pm = caps
                .get("ampm")
                .is_some_and(|a| a.to_lowercase().starts_with('p'));
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            Some(format!("{day}T{h:02}:{m:02}"))
        }
        "ref" => rs.table("ref").get(caps.get("ref")?).map(str::to_string),
        _ => None,
    }
}
