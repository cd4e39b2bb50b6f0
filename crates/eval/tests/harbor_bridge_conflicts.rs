//! The made-up story of `examples/harbor-bridge/` keeps its three contradictions (the brief
//! of issue 12: changes to the conflict finder must not lose or add one there).

use triangulate_story::{ConflictKind, Story, StoryOptions};

#[test]
fn harbor_bridge_has_its_three_contradictions() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/harbor-bridge").to_string();
    let docs = triangulate_readers::fs::read_paths(&[dir], triangulate_readers::Format::Auto)
        .expect("examples/harbor-bridge is readable");
    assert!(docs.len() >= 3, "{} documents", docs.len());
    let story = Story::build(docs, &StoryOptions::default());
    let values: Vec<Vec<Option<String>>> = story
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
        .map(|c| c.sides.iter().map(|s| s.value.clone()).collect())
        .collect();
    assert_eq!(values.len(), 3, "{values:?}");
}
