//! Disputed claims reported on Multi-News stories, for reading (false disputes?).
//!
//! `cargo run --release -p triangulate-eval --example dispute_scan [SRC] [LIMIT]`
//! (SRC defaults to ../shared/data/multi-news-dev/dev.src.gz, LIMIT to 300 stories).
//! Prints each dispute with its topic, sides, holders and statements, then the count.

use rayon::prelude::*;
use std::path::PathBuf;
use triangulate_story::{ConflictKind, Story, StoryOptions};

fn main() {
    let src = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/multi-news-dev/dev.src.gz")
        });
    let limit: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let text = triangulate_eval::summary::read_text(&src).expect("readable source");
    let lines: Vec<&str> = triangulate_readers::multinews::story_lines(&text)
        .take(limit)
        .collect();
    let reports: Vec<String> = lines
        .par_iter()
        .enumerate()
        .map(|(i, line)| {
            let docs = triangulate_eval::summary::story_documents(&format!("line{}", i + 1), line);
            if docs.len() < 2 {
                return String::new();
            }
            let story = Story::build(docs, &StoryOptions::default());
            let mut out = String::new();
            for c in story
                .conflicts
                .iter()
                .filter(|c| c.kind == ConflictKind::DisputedClaim)
            {
                out.push_str(&format!("story {} [{}] {}\n", i + 1, c.attribute, c.topic));
                for s in &c.sides {
                    out.push_str(&format!(
                        "  {} — {}\n",
                        s.position.as_deref().unwrap_or(""),
                        s.held_by.join(", ")
                    ));
                    for sp in &s.spans {
                        let t = story.docs[sp.doc.index()].doc.slice(*sp);
                        let t: String = t.chars().take(200).collect();
                        out.push_str(&format!("    [{}] {}\n", sp.doc.0, t.replace('\n', " ")));
                    }
                }
            }
            out
        })
        .collect();
    let n = reports.iter().filter(|r| !r.is_empty()).count();
    for r in &reports {
        print!("{r}");
    }
    println!("{n} of {} stories with a disputed claim", lines.len());
}
