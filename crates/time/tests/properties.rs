//! Properties of time tagging on arbitrary text and anchors: never a panic; every time
//! expression in bounds, on char boundaries, inside a sentence and outside boilerplate, in
//! text order without overlap, with a type and a value; the same output twice.

#[path = "support/timexes.rs"]
mod timexes;

use chrono::NaiveDate;
use proptest::prelude::*;
use timexes::check_timexes;
use triangulate_core::{DocId, Document, Span};
use triangulate_text::analyze;

/// Text built from the pieces the rules look for (dates, weekdays, parts of the day,
/// durations, decades, relative words, numbers) mixed with words and punctuation.
fn timeish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("on Monday".to_string()),
        Just("last Friday".to_string()),
        Just("Sunday night".to_string()),
        Just("Oct. 26".to_string()),
        Just("26 October 2017".to_string()),
        Just("10/26/2017".to_string()),
        Just("2017-10-26".to_string()),
        Just("September 2013".to_string()),
        Just("the 1980s".to_string()),
        Just("next March".to_string()),
        Just("last week".to_string()),
        Just("two days later".to_string()),
        Just("three years ago".to_string()),
        Just("the weekend".to_string()),
        Just("this morning".to_string()),
        Just("year-earlier".to_string()),
        Just("fiscal 1989".to_string()),
        Just("for 10 years".to_string()),
        Just("since 1999".to_string()),
        Just("Feb. 29".to_string()),
        Just("31 April".to_string()),
        "[0-9]{1,12}",
        "(January|May|Dec\\.|Tuesday|today|tomorrow|ago|later|earlier|next|last|this|the|of|in) ",
        "[A-Za-z]{1,8}",
        "[ .,:;!?'\"()/-]{1,3}",
        Just("\n\n".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

/// Anchors from the first year chrono knows to the last, most of them ordinary.
fn anchor() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (1990i32..2030, 1u32..=366).prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d)),
        Just(Some(NaiveDate::MIN)),
        Just(Some(NaiveDate::MAX)),
        (-262_000i32..262_000, 1u32..=365).prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d)),
    ]
}

fn check(text: String, anchor: Option<NaiveDate>) {
    let doc = Document::new(DocId(2), "t", text);
    let a = analyze(&doc);
    let timexes = check_timexes(&doc, &a, anchor);
    let again = triangulate_time::tag(&doc, &a, anchor);
    assert_eq!(
        format!("{timexes:?}"),
        format!("{again:?}"),
        "same output twice"
    );
    let sentences: Vec<(usize, usize)> = a
        .sentences
        .iter()
        .map(|s| (s.start as usize, s.end as usize))
        .collect();
    for t in triangulate_time::tag_text(&doc.text, &sentences, anchor) {
        assert!(Span::new(&doc, t.span.start as usize, t.span.end as usize).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn arbitrary_strings(s in any::<String>(), a in anchor()) {
        check(s, a);
    }

    #[test]
    fn time_like_text(s in timeish(), a in anchor()) {
        check(s, a);
    }
}

/// Found by the property test above: "on Monday" anchored on the first day chrono knows
/// panicked (`NaiveDate + TimeDelta` overflowed) instead of giving no value. Every relative
/// rule (weekdays, day words, parts of the day, clock times, weekends) at both ends.
#[test]
fn anchors_at_the_ends_of_the_calendar_do_not_overflow() {
    let text = "On Monday, yesterday, last Friday night, tomorrow at 3 p.m. and over the \
                weekend, officials said, and they will meet next Tuesday.";
    for anchor in [NaiveDate::MIN, NaiveDate::MAX] {
        check(text.to_string(), Some(anchor));
    }
    // An ordinary anchor still gives every value.
    let doc = Document::new(DocId(2), "t", text);
    let a = analyze(&doc);
    let ordinary = triangulate_time::tag(&doc, &a, NaiveDate::from_ymd_opt(2025, 3, 10));
    assert!(ordinary.len() >= 5, "{ordinary:?}");
}

/// Inferring an undated document's day around a story dated on the last day chrono knows
/// must not step past it (it panicked stepping the window of candidate days).
#[test]
fn inference_at_the_end_of_the_calendar_does_not_overflow() {
    let mut dated = Document::new(
        DocId(0),
        "a",
        "The bridge closed on Monday, officials said.",
    );
    dated.meta.published = Some(triangulate_core::PublishedDate {
        date: NaiveDate::MAX,
        basis: triangulate_core::DateBasis::InputField,
    });
    let undated = Document::new(DocId(1), "b", "The bridge closed on Monday, the city said.");
    let (ta, tb) = (analyze(&dated), analyze(&undated));
    let days = triangulate_time::infer_published(&[(&dated, &ta), (&undated, &tb)]);
    assert_eq!(days.len(), 2);
}
