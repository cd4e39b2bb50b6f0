//! What the seeds tests share: the seeds (`../shared/data/seeds-jim`) read and built into a
//! story, with their gold.json.

use std::path::PathBuf;
use triangulate_core::Document;
use triangulate_story::{Story, StoryOptions};

/// The seeds' story and gold.json, or `None` (with the skip message) where they are absent.
pub fn seeds() -> Option<(Story, serde_json::Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seeds-jim");
    if !dir.exists() {
        println!("skipping: ../shared/data not found");
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut docs: Vec<Document> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.display().to_string();
        let id = docs.len() as u32;
        docs.extend(
            triangulate_readers::documents_from_bytes(
                &name,
                &bytes,
                triangulate_readers::Format::Text,
                id,
            )
            .unwrap(),
        );
    }
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    Some((Story::build(docs, &StoryOptions::default()), gold))
}
