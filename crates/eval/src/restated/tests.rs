//! The restated generator on its own fixtures.

use super::read::{tokens, values, Kind};
use super::*;
use triangulate_core::DocId;

fn docs(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
        .collect()
}

fn read_values(text: &str) -> Vec<(Kind, f64, String)> {
    values(&tokens(text))
        .into_iter()
        .map(|v| (v.kind, v.value, v.next))
        .collect()
}

#[test]
fn reads_digits_words_amounts_ages_and_days() {
    let v = read_values(
        "A plan gives 12 weeks of paid leave; eighty-five percent agree, twelve judges said. \
         The 1,200 workers, a 34-year-old man, $ 1.2 billion in aid, on March 5. It began 40 years ago.",
    );
    let has = |k: Kind, x: f64, n: &str| v.iter().any(|w| w.0 == k && w.1 == x && w.2 == n);
    assert!(has(Kind::Number, 12.0, "weeks"), "{v:?}");
    assert!(has(Kind::Words, 85.0, "%"), "{v:?}");
    assert!(has(Kind::Words, 12.0, "judges"), "{v:?}");
    assert!(has(Kind::Number, 1200.0, "workers"), "{v:?}");
    assert!(has(Kind::Age, 34.0, "year-old"), "{v:?}");
    assert!(has(Kind::Number, 1.2, "$billion"), "{v:?}");
    assert!(has(Kind::Day, 5.0, "month3"), "{v:?}");
    assert!(has(Kind::Number, 40.0, "years"), "{v:?}");
}

#[test]
fn bounds_ranges_labels_addresses_and_times_are_not_values() {
    for text in [
        "More than 100 people came.",
        "At least 5 people died.",
        "Children under 18 years may not enter.",
        "Prices rose 5 to 9 percent this year.",
        "The firm filed for Chapter 11 protection.",
        "The fire at 434 Maple Avenue spread.",
        "The game ended 3-2 tonight.",
        "The meeting starts at 7:30 tonight.",
        "Up to $ 20 million could be lost.",
        "The 115th congress met; the 49ers won; the G7 leaders and 20th century fox came at 12pm.",
    ] {
        let v = read_values(text);
        assert!(v.iter().all(|w| w.0 == Kind::Day), "{text}: {v:?}");
    }
}

#[test]
fn a_value_two_documents_state_alike_is_changed_everywhere_in_one() {
    let d = docs(&[
        "The bill would give 12 weeks of paid leave. Critics say 12 weeks of paid leave costs too much.",
        "Under the bill, workers get 12 weeks of paid leave after a birth.",
    ]);
    let (changed, inj) = inject(d.clone(), 3, 0).expect("a qualifying value");
    assert_eq!(inj.old, "12");
    let doc = &changed[inj.document as usize].text;
    assert_eq!(&doc[inj.start..inj.end], inj.new);
    for &(s, e) in &inj.also {
        assert_eq!(&doc[s..e], inj.new);
    }
    // Every occurrence changed: the victim no longer states the old value.
    assert!(!doc.contains("12 weeks"), "{doc}");
    assert_eq!(
        inj.also.len() + 1,
        d[inj.document as usize].text.matches("12 weeks").count()
    );
    let other = &changed[1 - inj.document as usize].text;
    assert!(other.contains("12 weeks"));
}

#[test]
fn the_new_value_is_far_and_in_the_old_style() {
    for seed in 0..20 {
        let d = docs(&[
            "Officials said 1,250 homes were damaged by the storm on Monday.",
            "The storm damaged 1,250 homes across the county, officials said.",
        ]);
        let (_, inj) = inject(d, seed, 4).expect("a qualifying value");
        let new: f64 = inj.new.replace(',', "").parse().unwrap();
        assert_eq!(new >= 1000.0, inj.new.contains(','), "{}", inj.new);
        assert!(!(875.0..=1625.0).contains(&new), "{new}");
    }
}

#[test]
fn words_stay_words_and_keep_their_capital() {
    let d = docs(&[
        "Twelve people were hurt in the crash, police said.",
        "Twelve people were hurt when the bus crashed, police said.",
    ]);
    let (changed, inj) = inject(d, 9, 2).expect("a qualifying value");
    assert_eq!(inj.old, "Twelve");
    assert!(
        inj.new.starts_with(|c: char| c.is_uppercase()),
        "{}",
        inj.new
    );
    assert!(
        inj.new.chars().all(|c| c.is_alphabetic() || c == '-'),
        "{}",
        inj.new
    );
    assert!(changed[inj.document as usize].text.contains(&inj.new));
}

#[test]
fn nothing_without_a_second_document_or_shared_words() {
    // Only one document states it.
    let d = docs(&[
        "The council approved 240 new housing units on Tuesday.",
        "The mayor spoke about parks and schools for an hour.",
    ]);
    assert!(inject(d, 1, 0).is_none());
    // Two documents state "240 units", but their sentences share no other word.
    let d = docs(&[
        "Builders finished 240 units downtown.",
        "Voters rejected 240 units yesterday.",
    ]);
    assert!(inject(d, 1, 0).is_none());
    // Copies of one text confirm nothing.
    let t = "The council approved 240 new housing units on Tuesday.";
    assert!(inject(docs(&[t, t]), 1, 0).is_none());
}

#[test]
fn days_ages_and_years_move_as_a_reader_would_notice() {
    let d = docs(&[
        "The vote is set for March 14 in the senate chamber.",
        "Senators will hold the vote on March 14, leaders said.",
    ]);
    let (_, inj) = inject(d, 5, 1).expect("a day");
    assert_eq!(inj.kind, "day");
    let (o, n): (i64, i64) = (inj.old.parse().unwrap(), inj.new.parse().unwrap());
    assert!((o - n).abs() >= 2 && (1..=28).contains(&n));
    let d = docs(&[
        "A 34-year-old man was arrested at the station.",
        "Police arrested a 34-year-old man near the station.",
    ]);
    let (_, inj) = inject(d, 5, 1).expect("an age");
    assert_eq!(inj.kind, "age");
    let n: i64 = inj.new.parse().unwrap();
    assert!((n - 34).abs() >= 4 && (n - 34).abs() <= 12);
}

#[test]
fn boilerplate_is_not_injected() {
    let mut d = docs(&[
        "Photo taken March 14 at the senate chamber. The vote went ahead.",
        "A photo from March 14 at the senate chamber. Senators voted.",
    ]);
    for doc in &mut d {
        let end = doc.text.find('.').unwrap() + 1;
        doc.boilerplate.push(triangulate_core::Boilerplate {
            span: triangulate_core::Span::new_unchecked(doc.id, 0, end),
            kind: triangulate_core::BoilerplateKind::Caption,
        });
    }
    assert!(inject(d, 1, 0).is_none());
}

#[test]
fn injection_is_deterministic_and_seeds_differ() {
    let d = docs(&[
        "The storm killed 14 people and destroyed 300 homes in the valley on Monday, March 9.",
        "On March 9 the storm killed 14 people in the valley and destroyed 300 homes.",
        "Rescuers said 14 people died and 300 homes were lost in the valley.",
    ]);
    let a = inject(d.clone(), 1, 7).unwrap();
    let b = inject(d.clone(), 1, 7).unwrap();
    assert_eq!(a.1, b.1);
    assert_eq!(a.0[0].text, b.0[0].text);
    let many: std::collections::BTreeSet<String> = (0..30)
        .filter_map(|s| inject(d.clone(), s, 7))
        .map(|(_, i)| format!("{}:{}", i.document, i.old))
        .collect();
    assert!(many.len() > 2, "{many:?}");
}

#[test]
fn the_finder_is_scored_on_every_changed_occurrence() {
    let d = docs(&[
        "The storm killed 14 people in the valley on Monday, officials said.",
        "Officials said the storm killed 14 people in the valley on Monday.",
        "The valley storm on Monday killed 14 people, officials said.",
    ]);
    let r = crate::inject::run_story_with(crate::inject::Generator::Restated, d, 2, 0);
    assert_eq!(r.untouched_contradictions, 0);
    let inj = r.injection.expect("a qualifying value");
    assert_eq!(inj.old, "14");
    assert!(r.found_document && r.found_span, "{inj:?}");
}
