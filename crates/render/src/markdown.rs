//! The Markdown report.

use std::io::{self, Write};
use triangulate_story::Story;

use crate::{citations, one_line};

/// Write the Markdown report.
pub fn render(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Story report\n")?;
    writeln!(out, "## Summary\n")?;
    for s in &story.summary {
        let text = one_line(story.docs[s.span.doc.index()].doc.slice(s.span));
        writeln!(out, "- {text} {}", citations(&s.supported_by))?;
    }
    crate::timeline::markdown(story, out)?;
    crate::agreement::markdown(story, out)?;
    crate::quotes::markdown(story, out)?;
    writeln!(out, "\n## Sources\n")?;
    for d in &story.docs {
        let m = &d.doc.meta;
        let published = crate::published_label(m);
        writeln!(
            out,
            "{}. {} — {} — {}",
            d.doc.id.0 + 1,
            d.doc.name,
            m.outlet.as_deref().unwrap_or("outlet unknown"),
            published
        )?;
    }
    Ok(())
}
