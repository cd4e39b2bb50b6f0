//! Renderers of a [`Story`]: Markdown, JSON, HTML, and the bare summary.
//!
//! Each renderer writes to any `io::Write`; it is the only I/O here.
#![deny(missing_docs)]

mod agreement;
mod html;
mod json;
mod markdown;
mod quotes;
mod timeline;

use std::io::{self, Write};
use triangulate_story::Story;

pub use json::{to_json, to_json_stored, SCHEMA_VERSION};

/// Output formats of `triangulate report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Markdown report with citations.
    Markdown,
    /// JSON, see `docs/SCHEMA.md`.
    Json,
    /// One self-contained HTML page.
    Html,
    /// The summary sentences only, one a line, no citations.
    Summary,
}

/// Write `story` in `format`.
pub fn render(story: &Story, format: OutputFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        OutputFormat::Markdown => markdown::render(story, out),
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(story))?;
            writeln!(out)
        }
        OutputFormat::Html => html::render(story, out),
        OutputFormat::Summary => {
            for s in &story.summary {
                writeln!(
                    out,
                    "{}",
                    one_line(story.docs[s.span.doc.index()].doc.slice(s.span))
                )?;
            }
            Ok(())
        }
    }
}

/// Collapse all whitespace runs (line breaks inside a sentence) to single spaces.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A document's publication date and how it was obtained ("2017-11-02 (inferred)"), in the
/// words of the JSON schema.
pub(crate) fn published_label(meta: &triangulate_core::Metadata) -> String {
    use triangulate_core::DateBasis::*;
    match meta.published {
        Some(p) => {
            let basis = match p.basis {
                InputField => "input-field",
                HtmlMeta => "html-meta",
                InText => "in-text",
                Inferred => "inferred",
            };
            format!("{} ({basis})", p.date)
        }
        None => "date unknown".into(),
    }
}

/// HTML citation marks for spans: one link per document to its entry in the source list,
/// whose tooltip shows the exact words cited (escaped).
pub(crate) fn citations_html(story: &Story, spans: &[triangulate_core::Span]) -> String {
    let mut sorted = spans.to_vec();
    sorted.sort();
    let mut out = String::new();
    let mut last = None;
    for s in sorted {
        if last == Some(s.doc) {
            continue;
        }
        last = Some(s.doc);
        let words = one_line(story.docs[s.doc.index()].doc.slice(s));
        out.push_str(&format!(
            "<a href=\"#doc-{n}\" title=\"{}\">[{n}]</a>",
            html_escape::encode_double_quoted_attribute(&words),
            n = s.doc.0 + 1
        ));
    }
    out
}

/// Citation marks for spans: `[1][3]` (1-based document numbers, each once, sorted).
pub fn citations(spans: &[triangulate_core::Span]) -> String {
    let mut ids: Vec<u32> = spans.iter().map(|s| s.doc.0 + 1).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(|i| format!("[{i}]")).collect()
}
