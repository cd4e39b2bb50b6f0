//! Issue 13: hard-wrapped text with TeX quotes reads as the text it was made from. The
//! wrapped variants are built here from the project's example and from the seeds (skipped
//! without ../shared/data): each text paragraph broken at 68 columns in place (a space
//! becomes a line break, so offsets stay) and its straight quotation marks written as TeX
//! quotes; the summary, the quotes and the timeline must come out the same.

mod common;

use std::path::{Path, PathBuf};

use triangulate_core::Document;
use triangulate_readers::{documents_from_bytes, Format};
use triangulate_story::{Story, StoryOptions};

/// Break every line of `text` at `width` columns, greedily, replacing the space before a
/// word that does not fit by a line break.
fn wrap_in_place(text: &str, width: usize) -> String {
    let mut b = text.as_bytes().to_vec();
    let mut pos = 0;
    for line in text.split('\n') {
        let mut words = line.split(' ');
        let mut col = words.next().map_or(0, |w| w.chars().count());
        let mut at = pos + line.split(' ').next().map_or(0, str::len);
        for w in words {
            let n = w.chars().count();
            if n > 0 && col > 0 && col + 1 + n > width {
                b[at] = b'\n';
                col = n;
            } else {
                col += 1 + n;
            }
            at += 1 + w.len();
        }
        pos += line.len() + 1;
    }
    String::from_utf8(b).unwrap()
}

/// Straight quotation marks as TeX writes them: `` to open, '' to close, alternating.
fn tex_quotes(text: &str) -> String {
    let mut open = true;
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '"' {
            out.push_str(if open { "``" } else { "''" });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

fn variant(text: &str) -> String {
    tex_quotes(&wrap_in_place(text, 68))
}

/// The files of a story, read as they are and as the wrapped TeX variant. JSONL text fields
/// are wrapped too; HTML is left as it is (its line breaks mean nothing).
fn read(files: &[PathBuf], wrapped: bool) -> Vec<Document> {
    let mut docs = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(f).unwrap();
        let name = f.file_name().unwrap().to_str().unwrap();
        let bytes = match (wrapped, f.extension().and_then(|e| e.to_str())) {
            (true, Some("txt")) => variant(&raw),
            (true, Some("jsonl")) => raw
                .lines()
                .map(|l| {
                    let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                    let t = variant(v["text"].as_str().unwrap());
                    v["text"] = t.into();
                    v.to_string() + "\n"
                })
                .collect(),
            _ => raw,
        };
        let n = docs.len() as u32;
        docs.extend(documents_from_bytes(name, bytes.as_bytes(), Format::Auto, n).unwrap());
    }
    docs
}

/// Whitespace collapsed, TeX and straight quotes one mark.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("``", "\"")
        .replace("''", "\"")
}

/// What must not change: summary, quotes (content, speaker, direct) and timeline.
fn outcome(story: &Story) -> (Vec<String>, Vec<String>, Vec<String>) {
    let text = |s: triangulate_core::Span| norm(story.docs[s.doc.index()].doc.slice(s));
    let summary = story.summary.iter().map(|s| text(s.span)).collect();
    let quotes = story
        .docs
        .iter()
        .flat_map(|d| &d.quotes)
        .map(|q| format!("{} | {:?} | {}", text(q.content), q.speaker, q.direct))
        .collect();
    let timeline = story
        .timeline
        .iter()
        .map(|e| format!("{} {}", e.date, norm(&e.text)))
        .collect();
    (summary, quotes, timeline)
}

fn check(files: &[PathBuf]) {
    let plain = read(files, false);
    let wrapped = read(files, true);
    let texts = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e != "html"));
    assert!(texts.count() >= 3);
    for d in wrapped.iter().filter(|d| !d.name.ends_with(".html")) {
        assert!(
            d.diagnostics
                .iter()
                .any(|g| g.message.contains("hard-wrapped")),
            "{} not unwrapped: {:?}",
            d.name,
            d.diagnostics
        );
    }
    let opts = StoryOptions::default();
    let (a, b) = (
        outcome(&Story::build(plain, &opts)),
        outcome(&Story::build(wrapped, &opts)),
    );
    assert!(!a.0.is_empty() && !a.1.is_empty() && !a.2.is_empty());
    assert_eq!(a.0, b.0, "summary");
    assert_eq!(a.1, b.1, "quotes");
    assert_eq!(a.2, b.2, "timeline");
}

#[test]
fn issue13_wrap_helper_breaks_lines_in_place() {
    let t = "one two three four five six seven\n\nshort";
    let w = wrap_in_place(t, 10);
    assert_eq!(w.len(), t.len());
    assert_eq!(w, "one two\nthree four\nfive six\nseven\n\nshort");
}

#[test]
fn issue13_example_wrapped_at_68_with_tex_quotes_reads_the_same() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    check(&files);
}

#[test]
fn issue13_seeds_wrapped_at_68_with_tex_quotes_read_the_same() {
    let Some(data) = common::data() else { return };
    check(&common::seed_files(&data));
}
