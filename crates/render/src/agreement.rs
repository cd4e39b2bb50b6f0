//! The "Agreed", "Conflicts" and "Coverage by source" sections, for Markdown, HTML and JSON.

use html_escape::encode_text;
use serde_json::{json, Value};
use std::io::{self, Write};
use triangulate_core::{DocId, Span};
use triangulate_story::{Conflict, ConflictKind, Side, Story};

use crate::{citations, one_line};

fn text(story: &Story, s: Span) -> String {
    one_line(story.docs[s.doc.index()].doc.slice(s))
}

fn kind_name(k: ConflictKind) -> &'static str {
    match k {
        ConflictKind::Contradiction => "contradiction",
        ConflictKind::Discrepancy => "discrepancy",
        ConflictKind::DisputedClaim => "disputed claim",
    }
}

fn doc_list(ids: &[DocId]) -> String {
    ids.iter()
        .map(|d| format!("[{}]", d.0 + 1))
        .collect::<Vec<_>>()
        .join("")
}

/// The words that name one side: its value as written, or its position and holders.
fn side_label(story: &Story, s: &Side) -> String {
    if let Some(p) = &s.position {
        if s.held_by.is_empty() {
            p.clone()
        } else {
            format!("{p} — held by {}", s.held_by.join(", "))
        }
    } else {
        let mut written: Vec<String> = s.evidence.iter().map(|&e| text(story, e)).collect();
        written.dedup();
        format!(
            "{} ({})",
            written.join(" / "),
            s.value.as_deref().unwrap_or("")
        )
    }
}

fn conflict_title(c: &Conflict) -> String {
    if c.topic.is_empty() {
        format!("{} ({})", kind_name(c.kind), c.attribute)
    } else {
        format!("{} ({}): {}", kind_name(c.kind), c.attribute, c.topic)
    }
}

/// Markdown sections.
pub fn markdown(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Agreed\n")?;
    if story.agreements.is_empty() {
        writeln!(out, "No fact is stated by two independent sources.")?;
    }
    for (i, a) in story.agreements.iter().enumerate() {
        let copies = if a.copies.is_empty() {
            String::new()
        } else {
            format!(
                "; copies of one wire story: {}",
                a.copies
                    .iter()
                    .map(|g| doc_list(g))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        writeln!(
            out,
            "{}. {} {} — {} independent sources{}",
            i + 1,
            text(story, a.span),
            citations(&a.spans),
            a.independent_sources,
            copies
        )?;
    }
    writeln!(out, "\n## Conflicts\n")?;
    if story.conflicts.is_empty() {
        writeln!(out, "No conflict found between the sources.")?;
    }
    for c in &story.conflicts {
        writeln!(out, "- **{}**", conflict_title(c))?;
        for s in &c.sides {
            writeln!(
                out,
                "  - {} {}",
                side_label(story, s),
                doc_list(&s.documents)
            )?;
            for &sp in &s.spans {
                writeln!(out, "    - [{}] “{}”", sp.doc.0 + 1, text(story, sp))?;
            }
        }
    }
    writeln!(out, "\n## Coverage by source\n")?;
    let n = story.agreements.len();
    let disputes: Vec<(usize, &Conflict)> = story
        .conflicts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ConflictKind::DisputedClaim)
        .collect();
    let mut header = String::from("| document | wire group |");
    let mut rule = String::from("|---|---|");
    for i in 0..n {
        header.push_str(&format!(" A{} |", i + 1));
        rule.push_str("---|");
    }
    for (k, (_, c)) in disputes.iter().enumerate() {
        for (j, s) in c.sides.iter().enumerate() {
            // The position's head word ("criticizes", not its list of judgment words).
            let p = s.position.as_deref().unwrap_or("");
            let p = p.split(':').next().unwrap_or(p);
            header.push_str(&format!(" D{}.{} {} |", k + 1, j + 1, p));
            rule.push_str("---|");
        }
    }
    writeln!(out, "{header}\n{rule}")?;
    for row in &story.coverage.documents {
        let name = &story.docs[row.document.index()].doc.name;
        let mut line = format!(
            "| [{}] {} | {} |",
            row.document.0 + 1,
            name,
            row.wire_group + 1
        );
        for i in 0..n {
            line.push_str(if row.includes.contains(&i) {
                " ✓ |"
            } else {
                " – |"
            });
        }
        for d in &row.disputes {
            for (j, holders) in d.sides.iter().enumerate() {
                let cell = if holders.is_empty() {
                    if d.statements.get(j).copied().unwrap_or(0) > 0 {
                        "(unnamed)".to_string()
                    } else {
                        "–".to_string()
                    }
                } else {
                    holders.join(", ")
                };
                line.push_str(&format!(" {} |", cell.replace('|', "/")));
            }
        }
        writeln!(out, "{line}")?;
    }
    if n > 0 {
        writeln!(
            out,
            "\nA*n* is agreed fact *n* above; D*k*.*s* is side *s* of disputed claim *k*."
        )?;
    }
    Ok(())
}

/// HTML sections.
pub fn html(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h2>Agreed</h2><ol>")?;
    for a in &story.agreements {
        writeln!(
            out,
            "<li>{} <cite>{}</cite> — {} independent sources</li>",
            encode_text(&text(story, a.span)),
            crate::citations_html(story, &a.spans),
            a.independent_sources
        )?;
    }
    writeln!(out, "</ol><h2>Conflicts</h2>")?;
    if story.conflicts.is_empty() {
        writeln!(out, "<p>No conflict found between the sources.</p>")?;
    }
    writeln!(out, "<ul>")?;
    for c in &story.conflicts {
        writeln!(
            out,
            "<li><strong>{}</strong><ul>",
            encode_text(&conflict_title(c))
        )?;
        for s in &c.sides {
            writeln!(
                out,
                "<li>{} <cite>{}</cite><ul>",
                encode_text(&side_label(story, s)),
                doc_list(&s.documents)
            )?;
            for &sp in &s.spans {
                writeln!(
                    out,
                    "<li><cite>[{}]</cite> “{}”</li>",
                    sp.doc.0 + 1,
                    encode_text(&text(story, sp))
                )?;
            }
            writeln!(out, "</ul></li>")?;
        }
        writeln!(out, "</ul></li>")?;
    }
    writeln!(
        out,
        "</ul><h2>Coverage by source</h2><table><tr><th>document</th>"
    )?;
    for i in 0..story.agreements.len() {
        write!(out, "<th>A{}</th>", i + 1)?;
    }
    writeln!(out, "<th>disputed claims</th></tr>")?;
    for row in &story.coverage.documents {
        write!(
            out,
            "<tr><td>[{}] {}</td>",
            row.document.0 + 1,
            encode_text(&story.docs[row.document.index()].doc.name)
        )?;
        for i in 0..story.agreements.len() {
            write!(
                out,
                "<td>{}</td>",
                if row.includes.contains(&i) {
                    "✓"
                } else {
                    "–"
                }
            )?;
        }
        let cells: Vec<String> = row
            .disputes
            .iter()
            .flat_map(|d| {
                d.sides.iter().enumerate().map(|(j, h)| {
                    format!(
                        "side {}: {}",
                        j + 1,
                        if h.is_empty() {
                            "–".into()
                        } else {
                            h.join(", ")
                        }
                    )
                })
            })
            .collect();
        writeln!(out, "<td>{}</td></tr>", encode_text(&cells.join("; ")))?;
    }
    writeln!(out, "</table>")
}

/// JSON values for the keys `agreements`, `conflicts` and `coverage`.
pub fn json(story: &Story) -> (Value, Value, Value) {
    let agreements: Vec<Value> = story
        .agreements
        .iter()
        .map(|a| {
            json!({
                "text": text(story, a.span),
                "span": crate::json::span_json(story, a.span),
                "documents": a.documents,
                "independent_sources": a.independent_sources,
                "copies": a.copies,
                "spans": a.spans.iter().map(|&s| crate::json::span_json(story, s)).collect::<Vec<_>>(),
                "score": a.score,
            })
        })
        .collect();
    let conflicts: Vec<Value> = story
        .conflicts
        .iter()
        .map(|c| {
            json!({
                "kind": c.kind,
                "topic": c.topic,
                "attribute": c.attribute,
                "sides": c.sides.iter().map(|s| {
                    let mut v = json!({
                        "held_by": s.held_by,
                        "documents": s.documents,
                        "spans": s.spans.iter().map(|&x| crate::json::span_json(story, x)).collect::<Vec<_>>(),
                        "evidence": s.evidence.iter().map(|&x| crate::json::span_json(story, x)).collect::<Vec<_>>(),
                    });
                    if let Some(val) = &s.value {
                        v["value"] = json!(val);
                    }
                    if let Some(p) = &s.position {
                        v["position"] = json!(p);
                    }
                    v
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let coverage = serde_json::to_value(&story.coverage).unwrap_or(Value::Null);
    (Value::Array(agreements), Value::Array(conflicts), coverage)
}

#[cfg(test)]
mod tests {
    use triangulate_core::{DocId, Document};
    use triangulate_story::{Story, StoryOptions};

    use crate::{render, OutputFormat};

    fn story() -> Story {
        let docs = vec![
            Document::new(
                DocId(0),
                "a",
                "The council vetoed the harbor plan on Nov. 14, officials said.",
            ),
            Document::new(
                DocId(1),
                "b",
                "The council blocked the harbor plan on November 17, officials said.",
            ),
            Document::new(
                DocId(2),
                "c",
                "Officials said the council blocked the harbor plan on November 17.",
            ),
        ];
        Story::build(docs, &StoryOptions::default())
    }

    #[test]
    fn sections_in_markdown_html_and_json() {
        let s = story();
        let mut md = Vec::new();
        render(&s, OutputFormat::Markdown, &mut md).unwrap();
        let md = String::from_utf8(md).unwrap();
        for h in [
            "## Agreed",
            "## Conflicts",
            "## Coverage by source",
            "contradiction (date)",
        ] {
            assert!(md.contains(h), "{h} in\n{md}");
        }
        let mut html = Vec::new();
        render(&s, OutputFormat::Html, &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("<h2>Conflicts</h2>") && html.contains("<h2>Coverage by source</h2>")
        );
        let j = crate::to_json(&s);
        let c = &j["conflicts"][0];
        assert_eq!(c["kind"], "contradiction");
        assert_eq!(c["sides"][0]["value"], "--11-17");
        assert_eq!(c["sides"][0]["documents"], serde_json::json!([1, 2]));
        assert_eq!(c["sides"][1]["evidence"][0]["text"], "Nov. 14");
        assert!(j["agreements"].is_array() && j["coverage"]["documents"].is_array());
    }
}
