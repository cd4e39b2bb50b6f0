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

/// "2017-11-17 (sources disagree: 2017-11-14 [2]; 2017-11-17 [3][4])" or just the date.
fn date_label(e: &TimelineEntry) -> String {
    if !e.conflicting() {
        return e.date.clone();
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
    format!("{} (sources disagree: {})", e.date, parts.join("; "))
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
            encode_text(&e.date)
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
