//! The self-contained HTML report. Everything taken from an article is escaped.

use html_escape::encode_text;
use std::io::{self, Write};
use triangulate_story::Story;

use crate::{citations_html, one_line};

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}\
cite{font-style:normal;color:#555;font-size:.85em}cite a{color:#36c;text-decoration:none}h2{border-bottom:1px solid #ddd}";

/// Write the HTML report.
pub fn render(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story report</title><style>{STYLE}</style></head><body>")?;
    writeln!(out, "<h1>Story report</h1><h2>Summary</h2><ul>")?;
    for s in &story.summary {
        let text = one_line(story.docs[s.span.doc.index()].doc.slice(s.span));
        writeln!(
            out,
            "<li>{} <cite>{}</cite></li>",
            encode_text(&text),
            citations_html(story, &s.supported_by)
        )?;
    }
    writeln!(out, "</ul>")?;
    crate::timeline::html(story, out)?;
    crate::agreement::html(story, out)?;
    crate::quotes::html(story, out)?;
    writeln!(out, "<h2>Sources</h2><ol>")?;
    for d in &story.docs {
        let m = &d.doc.meta;
        let published = crate::published_label(m);
        writeln!(
            out,
            "<li id=\"doc-{}\">{} — {} — {}</li>",
            d.doc.id.0 + 1,
            encode_text(&d.doc.name),
            encode_text(m.outlet.as_deref().unwrap_or("outlet unknown")),
            encode_text(&published)
        )?;
    }
    writeln!(out, "</ol></body></html>")
}
