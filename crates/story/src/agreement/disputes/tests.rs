//! Disputed claims: the word lists' examples and fixtures of whole stories.

use super::*;
use crate::agreement::tests::story;
use crate::Story;

#[test]
fn dispute_words_load_and_their_examples_hold() {
    let w = Words::load().unwrap();
    let examples = crate::agreement::rules::examples(words::WORDS.1);
    assert!(examples.len() >= 4);
    for ex in examples {
        let (text, kinds) = ex.split_once(" => ").unwrap();
        let lower: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|x| !x.is_empty())
            .map(str::to_lowercase)
            .collect();
        for k in kinds.split_whitespace() {
            let kind =
                Kind::from_name(k).unwrap_or_else(|| panic!("unknown kind {k} in example {ex:?}"));
            assert!(
                lower.iter().any(|x| w.is(x, kind)),
                "{ex:?}: no word of kind {k}"
            );
        }
    }
}

fn disputes_of(s: &Story, attribute: &str) -> Vec<Conflict> {
    s.conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::DisputedClaim && c.attribute == attribute)
        .cloned()
        .collect()
}

/// Every holder is one entity of the story, named once, on one side only.
fn holders_are_distinct_entities(s: &Story, c: &Conflict) {
    let names: Vec<&str> = s.entities.iter().map(|e| e.name.as_str()).collect();
    let all: Vec<&String> = c.sides.iter().flat_map(|x| &x.held_by).collect();
    for h in &all {
        assert!(names.contains(&h.as_str()), "{h:?} is no entity: {names:?}");
    }
    let mut d = all.clone();
    d.sort();
    d.dedup();
    assert_eq!(d.len(), all.len(), "a holder twice: {c:#?}");
}

#[test]
fn fixture_responsibility_dispute_names_entities_on_each_side() {
    let s = story(&[
        "The Coastal Safety Board found that the Harlow Port Authority was responsible for the Pier Nine blast. The Harlow Port Authority has denied the allegation.",
        "Mayor Ada Quint said the Harlow Port Authority was behind the Pier Nine blast. Port director Lena Brandt said there is no evidence the authority was responsible for the blast.",
        "The Harlow Port Authority rejected Coastal Safety Board accusations that it was to blame for the Pier Nine blast.",
    ]);
    let d = disputes_of(&s, "responsibility");
    assert_eq!(d.len(), 1, "{:#?}", s.conflicts);
    let c = &d[0];
    holders_are_distinct_entities(&s, c);
    let side = |p: &str| {
        c.sides
            .iter()
            .find(|x| x.position.as_deref() == Some(p))
            .unwrap()
    };
    let (yes, no) = (side("asserts"), side("denies or contests"));
    assert!(
        yes.held_by.iter().any(|h| h == "Coastal Safety Board"),
        "{c:#?}"
    );
    assert!(yes.held_by.iter().any(|h| h.contains("Quint")), "{c:#?}");
    assert!(
        no.held_by.iter().any(|h| h == "Harlow Port Authority"),
        "{c:#?}"
    );
    assert!(no.held_by.iter().any(|h| h.contains("Brandt")), "{c:#?}");
    // The proposition in the text's words, not stems.
    assert!(c.topic.contains("Pier Nine blast"), "{}", c.topic);
    assert!(c.topic.contains("Harlow Port Authority"), "{}", c.topic);
}

#[test]
fn fixture_quality_dispute_praise_against_criticism() {
    let s = story(&[
        "The Coastal Safety Board report was superficial and unprofessional, Lena Brandt said on Monday.",
        "Mayor Ada Quint called the Coastal Safety Board a professional, independent and impartial body.",
        "Transport Minister Elias Varn said the report relied on dubious witnesses and unconvincing evidence.",
    ]);
    let d = disputes_of(&s, "quality");
    assert_eq!(d.len(), 1, "{:#?}", s.conflicts);
    let c = &d[0];
    holders_are_distinct_entities(&s, c);
    let bad = &c.sides[0];
    let good = &c.sides[1];
    assert!(bad.position.as_deref().unwrap().contains("superficial"));
    assert!(good.position.as_deref().unwrap().contains("impartial"));
    assert!(bad.held_by.iter().any(|h| h.contains("Brandt")), "{c:#?}");
    assert!(bad.held_by.iter().any(|h| h.contains("Varn")), "{c:#?}");
    assert!(good.held_by.iter().any(|h| h.contains("Quint")), "{c:#?}");
}

#[test]
fn fixture_demands_and_one_sided_claims_are_no_dispute() {
    let s = story(&[
        "Senator Ida Holm called for an independent investigation into the warehouse fire. The fire inspectors found that a faulty heater was responsible for the fire.",
        "The report criticized the fire department for a slow response, Chief Tom Reyes said. Residents want a thorough and independent inquiry.",
        "Chief Tom Reyes said a faulty heater was to blame for the warehouse fire, and council member Rosa Vint urged a thorough, impartial probe.",
    ]);
    let d: Vec<&Conflict> = s
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::DisputedClaim)
        .collect();
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn fixture_innocent_after_that_is_held_by_the_sentence_subject() {
    let s = story(&[
        "Inspector Noor Haddad found the Vell Mining Company responsible for the Dunmore spill.",
        "Vell Mining Company chief Omar Petrov presented evidence that the company was innocent of causing the Dunmore spill.",
    ]);
    let d = disputes_of(&s, "responsibility");
    assert_eq!(d.len(), 1, "{:#?}", s.conflicts);
    let no = &d[0].sides[1];
    assert!(
        no.held_by.iter().any(|h| h.contains("Petrov")),
        "{:#?}",
        d[0]
    );
    assert!(
        !no.held_by.iter().any(|h| h.contains("Haddad")),
        "{:#?}",
        d[0]
    );
}
