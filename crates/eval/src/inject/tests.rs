//! The original generator on its own fixtures.

use super::*;
use triangulate_core::DocId;

fn docs(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
        .collect()
}

#[test]
fn injection_is_deterministic_and_far_from_the_old_value() {
    let d = docs(&[
        "The city council approved 240 new housing units on Tuesday, the mayor said.",
        "On Tuesday the council approved 240 new housing units for the east side.",
    ]);
    let (a, ia) = inject(d.clone(), 42, 3).unwrap();
    let (b, ib) = inject(d, 42, 3).unwrap();
    assert_eq!(ia, ib);
    assert_eq!(a[0].text, b[0].text);
    assert_eq!(ia.old, "240");
    let new: f64 = ia.new.parse().unwrap();
    assert!(!(168.0..=312.0).contains(&new), "{new}");
}

#[test]
fn nothing_to_inject_without_a_second_source_for_the_value() {
    let d = docs(&[
        "The council approved 240 new housing units on Tuesday.",
        "The mayor spoke about parks and schools for an hour.",
    ]);
    assert!(inject(d, 1, 0).is_none());
}

#[test]
fn injected_contradiction_is_found_on_a_fixture() {
    let d = docs(&[
        "The city council approved 240 new housing units on Tuesday, the mayor said.",
        "On Tuesday the council approved 240 new housing units for the east side.",
        "Residents welcomed the council plan, which adds 240 new housing units on the east side.",
    ]);
    let r = run_story(d, 5, 0);
    assert_eq!(r.untouched_contradictions, 0);
    assert!(r.injection.is_some());
    // "adds 240 new housing units" and "approved 240 new housing units" count the same head
    // noun.
    assert!(r.found_span, "{r:?}");
}

#[test]
fn skipped_stories_keep_their_line_numbers() {
    let story = "The city council approved 240 new housing units on Tuesday, the mayor said. ||||| On Tuesday the council approved 240 new housing units for the east side.";
    let src = format!("{story}\n{story}\n{story}\n");
    let (scores, results) = run_multinews(&src, (Generator::Original, 7), (1, Some(1)), &|| {});
    assert_eq!((scores.stories, results.len()), (1, 1));
    let inj = results[0].injection.as_ref().expect("a qualifying value");
    assert_eq!(inj.story, 1);
}

#[test]
fn values_that_are_not_plain_counts_are_not_injected() {
    for texts in [
        // A modifier before the currency sign: "more than $ 40,000" may stay true.
        [
            "Police said the thief stole more than $40,000 worth of phones from the store.",
            "The thief stole more than $40,000 worth of phones, police said on Friday.",
        ],
        // A range.
        [
            "The lake rose 5 % to 9 % faster than the engineers had expected last spring.",
            "Engineers said the lake rose 5 % to 9 % faster than they had expected.",
        ],
        // A label, not a count.
        [
            "The publisher filed for Chapter 11 protection on Sunday, the company said.",
            "On Sunday the publisher filed for Chapter 11 protection in New York.",
        ],
        // Names with a number in them.
        [
            "The S&P 500 fell sharply on Monday as oil prices dropped, traders said.",
            "Traders said the S&P 500 fell sharply on Monday after oil prices dropped.",
        ],
        [
            "Workers made 911 calls from the new campus after walking into glass walls.",
            "Records show 911 calls from the new campus after workers walked into glass walls.",
        ],
        // A street address.
        [
            "Five children died in the fire at 434 Maple Avenue on Sunday night, police said.",
            "The fire at 434 Maple Avenue killed five children on Sunday, police said.",
        ],
    ] {
        assert!(inject(docs(&texts), 1, 0).is_none(), "{texts:?}");
    }
}
