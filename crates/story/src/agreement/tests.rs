//! Fixture tests (text written for these tests) and the seeds tests.

use super::*;
use crate::{Story, StoryOptions};
use triangulate_core::Document;

fn story(texts: &[&str]) -> Story {
    let docs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
        .collect();
    Story::build(docs, &StoryOptions::default())
}

#[test]
fn fixture_contradiction_of_dates() {
    let s = story(&[
        "The harbor bridge will reopen on March 3, the city transport office said on Monday.",
        "City officials said the harbor bridge will reopen on March 9 after repairs.",
        "The harbor bridge is expected to reopen on March 9, according to the transport office.",
    ]);
    let c: Vec<&Conflict> = s
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
        .collect();
    assert_eq!(c.len(), 1, "{:#?}", s.conflicts);
    assert_eq!(c[0].sides[0].documents, vec![DocId(1), DocId(2)]);
    assert_eq!(c[0].sides[1].documents, vec![DocId(0)]);
}
