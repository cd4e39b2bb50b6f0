//! Time the seeds report: the whole `Story::build` and the agreement stage alone.
//!
//! `cargo run --release -p triangulate-eval --example agreement_timing [DIR]`
//! (DIR defaults to ../shared/data/seeds-jim; its `.txt` files are the story).

use std::time::Instant;
use triangulate_core::Document;
use triangulate_story::{Story, StoryOptions};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/seeds-jim"
        )
        .to_string()
    });
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut docs: Vec<Document> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("readable file");
        let id = docs.len() as u32;
        docs.extend(
            triangulate_readers::documents_from_bytes(
                &f.display().to_string(),
                &bytes,
                triangulate_readers::Format::Text,
                id,
            )
            .expect("a document"),
        );
    }
    // Warm up (rule files, lexicons and weights load once per process).
    let story = Story::build(docs.clone(), &StoryOptions::default());
    let runs = 20;
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(Story::build(docs.clone(), &StoryOptions::default()));
    }
    let build = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(triangulate_story::agreement::analyze(&story.docs));
    }
    let stage = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!(
        "documents {}  Story::build {build:.1} ms  agreement stage {stage:.1} ms  (mean of {runs}, after one warm-up)",
        docs.len()
    );
}
