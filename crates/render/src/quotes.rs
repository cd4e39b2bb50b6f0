//! "Who said what" and "People and organizations": Markdown, HTML and JSON.

use html_escape::encode_text;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};
use triangulate_attribution::{EntityKind, Quote};
use triangulate_core::Span;
use triangulate_story::Story;

use crate::one_line;

/// Words a reported statement needs to say something on its own in the grouped view.
const MIN_REPORTED_WORDS: usize = 4;

/// Whether a statement says enough to show to a reader: every direct quotation does; a
/// reported one needs a few words ("which", "the allegation" do not). All stay in JSON.
fn worth_showing(story: &Story, q: &Quote) -> bool {
    let words: usize = q
        .content_parts
        .iter()
        .map(|&p| slice(story, p).split_whitespace().count())
        .sum();
    q.direct || words >= MIN_REPORTED_WORDS
}

/// Whether `q` is a misreading of `other`, a relation of the same speaker that tells the
/// same words: their contents share most of the shorter one, and `q`'s content runs over
/// `other`'s cue ("Thursday it will agree ..." — *will agree*, beside "it will agree ..." —
/// *said Thursday*). A content never holds its own cue, so `other` is the right reading.
fn misreads(q: &Quote, other: &Quote) -> bool {
    let (a, b) = (q.content, other.content);
    if a.doc != b.doc || q.speaker != other.speaker || std::ptr::eq(q, other) {
        return false;
    }
    let shared = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let shorter = (a.end - a.start).min(b.end - b.start);
    let holds_cue = other.cue.is_some_and(|c| {
        c.start < a.end && a.start < c.end && !(c.start < b.end && b.start < c.end)
    });
    shared * 10 >= shorter * 8 && holds_cue
}

/// Statements with a speaker, grouped by speaker: most statements first, then by name.
/// Quotes without a resolved speaker, reported fragments too short to read alone, and
/// misreadings of another statement ([`misreads`]) are left out of the grouped view (all
/// are kept in JSON).
fn by_speaker(story: &Story) -> Vec<(&str, Option<&str>, Vec<&Quote>)> {
    let mut groups: BTreeMap<&str, (Option<&str>, Vec<&Quote>)> = BTreeMap::new();
    for d in &story.docs {
        for q in d.quotes.iter().filter(|q| worth_showing(story, q)) {
            if let Some(s) = q.speaker.as_deref() {
                let g = groups.entry(s).or_default();
                if g.0.is_none() {
                    g.0 = q.role.as_deref();
                }
                g.1.push(q);
            }
        }
    }
    for (_, qs) in groups.values_mut() {
        let all = qs.clone();
        qs.retain(|q| !all.iter().any(|o| misreads(q, o)));
    }
    let mut v: Vec<_> = groups.into_iter().map(|(s, (r, qs))| (s, r, qs)).collect();
    v.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(b.0)));
    v
}

fn slice(story: &Story, s: Span) -> &str {
    story.docs[s.doc.index()].doc.slice(s)
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
    }
}

/// Mention counts per document, `[1]×3 [2]×1`.
fn per_doc(mentions: &[Span]) -> String {
    let mut c: BTreeMap<u32, usize> = BTreeMap::new();
    for m in mentions {
        *c.entry(m.doc.0 + 1).or_default() += 1;
    }
    c.iter()
        .map(|(d, n)| format!("[{d}]×{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn statement(story: &Story, q: &Quote) -> (String, String) {
    let content = q
        .content_parts
        .iter()
        .map(|&p| one_line(slice(story, p)))
        .collect::<Vec<_>>()
        .join(" … ");
    let cue = q.cue.map(|c| one_line(slice(story, c))).unwrap_or_default();
    (content, cue)
}

/// The Markdown sections.
pub fn markdown(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    let groups = by_speaker(story);
    if !groups.is_empty() {
        writeln!(out, "\n## Who said what\n")?;
        for (speaker, role, qs) in groups {
            match role {
                Some(r) => writeln!(out, "### {speaker} ({})\n", one_line(r))?,
                None => writeln!(out, "### {speaker}\n")?,
            }
            for q in qs {
                let (content, cue) = statement(story, q);
                let how = if q.direct { "quoted" } else { "reported" };
                writeln!(
                    out,
                    "- {content} — *{cue}*, {how} [{}]",
                    q.content.doc.0 + 1
                )?;
            }
            writeln!(out)?;
        }
    }
    if !story.entities.is_empty() {
        writeln!(out, "\n## People and organizations\n")?;
        writeln!(out, "| name | kind | also | mentions |")?;
        writeln!(out, "|---|---|---|---|")?;
        for e in &story.entities {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                e.name.replace('|', "/"),
                kind_name(e.kind),
                e.aliases.join("; ").replace('|', "/"),
                per_doc(&e.mentions)
            )?;
        }
    }
    Ok(())
}

/// The HTML sections (everything from the articles escaped).
pub fn html(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    let groups = by_speaker(story);
    if !groups.is_empty() {
        writeln!(out, "<h2>Who said what</h2>")?;
        for (speaker, role, qs) in groups {
            write!(out, "<h3>{}", encode_text(speaker))?;
            if let Some(r) = role {
                write!(out, " <small>({})</small>", encode_text(&one_line(r)))?;
            }
            writeln!(out, "</h3><ul>")?;
            for q in qs {
                let (content, cue) = statement(story, q);
                let how = if q.direct { "quoted" } else { "reported" };
                writeln!(
                    out,
                    "<li>{} — <em>{}</em>, {how} <cite>[{}]</cite></li>",
                    encode_text(&content),
                    encode_text(&cue),
                    q.content.doc.0 + 1
                )?;
            }
            writeln!(out, "</ul>")?;
        }
    }
    if !story.entities.is_empty() {
        writeln!(out, "<h2>People and organizations</h2><table><tr><th>name</th><th>kind</th><th>also</th><th>mentions</th></tr>")?;
        for e in &story.entities {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                encode_text(&e.name),
                kind_name(e.kind),
                encode_text(&e.aliases.join("; ")),
                per_doc(&e.mentions)
            )?;
        }
        writeln!(out, "</table>")?;
    }
    Ok(())
}

/// The JSON `quotes` value: every attribution relation, in document and text order.
pub fn quotes_json(story: &Story) -> Value {
    let quotes: Vec<Value> = story
        .docs
        .iter()
        .flat_map(|d| d.quotes.iter())
        .map(|q| {
            let (content, cue) = statement(story, q);
            json!({
                "speaker": q.speaker,
                "role": q.role.as_deref().map(one_line),
                "cue": q.cue.map(|_| cue),
                "content": content,
                "direct": q.direct,
                "document": q.content.doc.0,
                "source_span": q.source.map(|s| crate::json::span_json(story, s)),
                "cue_span": q.cue.map(|s| crate::json::span_json(story, s)),
                "content_spans": q.content_parts.iter().map(|&s| crate::json::span_json(story, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(quotes)
}

/// The JSON `entities` value.
pub fn entities_json(story: &Story) -> Value {
    let entities: Vec<Value> = story
        .entities
        .iter()
        .map(|e| {
            json!({
                "name": e.name,
                "kind": kind_name(e.kind),
                "aliases": e.aliases,
                "role": e.role.as_deref().map(one_line),
                "mentions": e.mentions.iter().map(|m| json!({"document": m.doc.0, "start": m.start, "end": m.end})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(entities)
}

#[cfg(test)]
mod tests {
    use super::misreads;
    use triangulate_attribution::Quote;
    use triangulate_core::{DocId, Span};

    fn quote(cue: (usize, usize), content: (usize, usize)) -> Quote {
        let span = |(a, b)| Span::new_unchecked(DocId(0), a, b);
        Quote {
            source: None,
            cue: Some(span(cue)),
            content: span(content),
            content_parts: vec![span(content)],
            direct: false,
            speaker: Some("The ferry company".into()),
            role: None,
        }
    }

    #[test]
    fn a_content_that_holds_the_other_reading_s_cue_is_the_misreading() {
        // "The ferry company said Friday it will add sailings every twenty minutes."
        //  cue "said Friday" 18..29; contents "it will add ..." 30..72 and, misread with
        //  the cue "will add", "Friday it will add ..." 23..72.
        let right = quote((18, 29), (30, 72));
        let wrong = quote((33, 41), (23, 72));
        assert!(misreads(&wrong, &right));
        assert!(!misreads(&right, &wrong));
        // Two different statements of one speaker stay.
        let other = quote((80, 84), (85, 120));
        assert!(!misreads(&right, &other) && !misreads(&other, &right));
    }
}
