//! Properties of `Story::build` on arbitrary text split into documents: never a panic; every
//! span of every section in bounds and on char boundaries of its document; the same story
//! twice, and on one thread as on several.

#[path = "support/story_spans.rs"]
mod story_spans;

use proptest::prelude::*;
use story_spans::check_story_spans;
use triangulate_core::{DocId, Document};
use triangulate_story::{Story, StoryOptions};

/// News-like pieces: speech, quotation marks, names, dates, numbers, sentence ends,
/// paragraph breaks, multi-byte characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_string()),
        Just("Mayor Ana Roth said".to_string()),
        Just("according to officials".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("``".to_string()),
        Just("''".to_string()),
        Just("on Monday".to_string()),
        Just("March 4, 2025".to_string()),
        Just("last week".to_string()),
        Just("38,000 vehicles".to_string()),
        Just("$1.5 billion".to_string()),
        Just("three".to_string()),
        Just("denied".to_string()),
        Just("The bridge closed".to_string()),
        Just("Tollgate Bridge".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("é".to_string()),
        "[A-Za-z]{1,9}",
        "[A-Z][a-z]{1,8}",
        "[0-9]{1,6}",
        "[ .,!?'\"()-]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

fn docs_of(texts: &[String]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), t.clone()))
        .collect()
}

fn check(texts: &[String]) {
    let opts = StoryOptions::default();
    let story = Story::build(docs_of(texts), &opts);
    check_story_spans(&story);
    let again = Story::build(docs_of(texts), &opts);
    assert_eq!(
        format!("{story:?}"),
        format!("{again:?}"),
        "same story twice"
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let one = pool.install(|| Story::build(docs_of(texts), &opts));
    assert_eq!(
        format!("{story:?}"),
        format!("{one:?}"),
        "same story on one thread"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn news_like_documents(texts in prop::collection::vec(newsish(), 1..5)) {
        check(&texts);
    }

    #[test]
    fn arbitrary_documents(texts in prop::collection::vec(any::<String>(), 1..4)) {
        check(&texts);
    }

    #[test]
    fn copies_of_one_document(text in newsish(), n in 2usize..4) {
        check(&vec![text; n]);
    }
}
