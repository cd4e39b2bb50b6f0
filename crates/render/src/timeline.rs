//! The "Timeline" section: Markdown list, HTML time axis, JSON items.

use std::io::{self, Write};

use html_escape::encode_text;
use serde_json::{json, Value};
use triangulate_core::Span;
use triangulate_story::{Story, TimelineEntry};

use crate::{citations, one_line};

fn spans(e: &TimelineEntry) -> Vec<Span> {
    e.sources.iter().map(|s| s.span).collect()
}

/// A TIMEX3 value as a reader says it where the ISO form is not plain: "fall 1999" for
/// `1999-FA`, "week of 1999-10-25" for `1999-W43`, "weekend of 1999-10-30" for
/// `1999-W43-WE`, "Q3 1999", "first half of 1999". Days, months and years stay as they are.
pub(crate) fn readable(value: &str) -> String {
    let Some((year, rest)) = value.split_once('-') else {
        return value.to_string();
    };
    let Ok(y) = year.parse::<i32>() else {
        return value.to_string();
    };
    let season = match rest {
        "SP" => Some("spring"),
        "SU" => Some("summer"),
        "FA" => Some("fall"),
        "WI" => Some("winter"),
        _ => None,
    };
    if let Some(s) = season {
        return format!("{s} {y}");
    }
    match rest {
        "Q1" | "Q2" | "Q3" | "Q4" => return format!("{rest} {y}"),
        "H1" => return format!("first half of {y}"),
        "H2" => return format!("second half of {y}"),
        _ => {}
    }
    if let Some(w) = rest.strip_prefix('W') {
        let (w, weekend) = match w.strip_suffix("-WE") {
            Some(w) => (w, true),
            None => (w, false),
        };
        if let Ok(w) = w.parse::<u32>() {
            let day = if weekend {
                chrono::Weekday::Sat
            } else {
                chrono::Weekday::Mon
            };
            if let Some(d) = chrono::NaiveDate::from_isoywd_opt(y, w, day) {
                let what = if weekend { "weekend" } else { "week" };
                return format!("{what} of {d}");
            }
        }
    }
    value.to_string()
}

/// "2017-11-17 (sources disagree: 2017-11-14 [2]; 2017-11-17 [3][4])" or just the date.
fn date_label(e: &TimelineEntry) -> String {
    if !e.conflicting() {
        return readable(&e.date);
    }
    let parts: Vec<String> = e
        .dates
        .iter()
        .map(|d| {
            let s: Vec<Span> = e
                .sources
                .iter()
                .filter(|s| s.date.as_deref() == Some(d.as_str()))
                .map(|s| s.span)
                .collect();
            format!("{d} {}", citations(&s))
        })
        .collect();
    format!(
        "{} (sources disagree: {})",
        readable(&e.date),
        parts.join("; ")
    )
}

/// JSON `timeline` items: `date`, `granularity`, `text`, `dates`, `sources` (each with
/// `document`, `span`, the source's own `date` and its time expression `timex`).
pub fn json(story: &Story) -> Value {
    let span = |s: Span| {
        json!({
            "document": s.doc.0,
            "start": s.start,
            "end": s.end,
            "text": one_line(story.docs[s.doc.index()].doc.slice(s)),
        })
    };
    Value::Array(
        story
            .timeline
            .iter()
            .map(|e| {
                json!({
                    "date": e.date,
                    "granularity": e.granularity,
                    "text": e.text,
                    "dates": e.dates,
                    "conflicting": e.conflicting(),
                    "sources": e.sources.iter().map(|s| json!({
                        "document": s.document.0,
                        "span": span(s.span),
                        "date": s.date,
                        "timex": s.timex.map(span),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// The Markdown section.
pub fn markdown(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    if story.timeline.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Timeline\n")?;
    for e in &story.timeline {
        writeln!(
            out,
            "- **{}** {} {}",
            date_label(e),
            e.text,
            citations(&spans(e))
        )?;
    }
    Ok(())
}

/// Styles of the HTML section (self-contained; appended to the page's own).
const STYLE: &str = ".tl{list-style:none;padding:0 0 0 1.2rem;border-left:3px solid #4a6fa5;margin:1rem 0}\
.tl li{position:relative;margin:0 0 .9rem;padding-left:.6rem}\
.tl li::before{content:'';position:absolute;left:-1.72rem;top:.45rem;width:.8rem;height:.8rem;border-radius:50%;background:#4a6fa5;border:2px solid #fff}\
.tl li.conflict::before{background:#c0392b}\
.tl time{display:block;font-weight:600;font-variant-numeric:tabular-nums}\
.tl .disagree{color:#c0392b;font-size:.85em}";

/// The HTML section: a vertical time axis, one dot per entry, a red dot where sources
/// disagree on the date.
pub fn html(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    if story.timeline.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<style>{STYLE}</style><h2>Timeline</h2><ol class=\"tl\">"
    )?;
    for e in &story.timeline {
        let class = if e.conflicting() {
            " class=\"conflict\""
        } else {
            ""
        };
        write!(
            out,
            "<li{class}><time datetime=\"{}\">{}</time>",
            encode_text(&e.date),
            encode_text(&readable(&e.date))
        )?;
        if e.conflicting() {
            write!(
                out,
                "<span class=\"disagree\">{}</span> ",
                encode_text(&date_label(e))
            )?;
        }
        writeln!(
            out,
            "{} <cite>{}</cite></li>",
            encode_text(&e.text),
            crate::citations_html(story, &spans(e))
        )?;
    }
    writeln!(out, "</ol>")
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn values_that_are_not_plain_dates_read_as_words() {
        // 1999-10-25 is the Monday of ISO week 43 of 1999; 1999-10-30 its Saturday.
        for (value, want) in [
            ("1999-FA", "fall 1999"),
            ("2000-SP", "spring 2000"),
            ("1999-W43", "week of 1999-10-25"),
            ("1999-W43-WE", "weekend of 1999-10-30"),
            ("2017-Q3", "Q3 2017"),
            ("2017-H1", "first half of 2017"),
            ("2017-11-17", "2017-11-17"),
            ("2017-11", "2017-11"),
            ("2015", "2015"),
            ("1999-W60", "1999-W60"),
        ] {
            assert_eq!(readable(value), want, "{value}");
        }
    }
}
