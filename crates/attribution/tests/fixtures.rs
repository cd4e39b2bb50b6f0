//! Attribution and entities on text written for these tests, and on bad input.

use triangulate_attribution::{attribute, resolve, Entity, EntityKind, Quote};
use triangulate_core::{DocId, Document};

fn run(texts: &[&str]) -> (Vec<Document>, Vec<Vec<Quote>>, Vec<Entity>) {
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
        .collect();
    let tas: Vec<_> = docs.iter().map(triangulate_text::analyze).collect();
    let mut quotes: Vec<Vec<Quote>> = docs
        .iter()
        .zip(&tas)
        .map(|(d, t)| attribute(d, t))
        .collect();
    let pairs: Vec<_> = docs.iter().zip(tas.iter()).collect();
    let entities = resolve(&pairs, &mut quotes);
    (docs, quotes, entities)
}

fn find<'a>(doc: &Document, qs: &'a [Quote], words: &str) -> Option<&'a Quote> {
    qs.iter().find(|q| {
        q.content_parts
            .iter()
            .any(|c| doc.slice(*c).contains(words))
    })
}

fn check_spans(doc: &Document, qs: &[Quote]) {
    for q in qs {
        for s in q
            .content_parts
            .iter()
            .chain(q.source.iter())
            .chain(q.cue.iter())
        {
            assert!(s.end as usize <= doc.text.len() && s.start <= s.end);
            assert!(doc.text.is_char_boundary(s.start as usize));
        }
        assert!(!q.content_parts.is_empty());
    }
}

#[test]
fn split_direct_quote_is_one_content_in_two_parts_with_its_speaker() {
    let t = "The harbor bridge will close for repairs next month, the city said.\n\n\
             “We have no choice,” Mayor Lena Okafor said on Tuesday. “The cables are worn out.”\n\n\
             Okafor said that ferries would run every twenty minutes while the bridge is shut.";
    let (docs, qs, ents) = run(&[t]);
    check_spans(&docs[0], &qs[0]);
    let q = find(&docs[0], &qs[0], "no choice").expect("direct quote found");
    assert!(q.direct);
    assert_eq!(q.speaker.as_deref(), Some("Lena Okafor"));
    assert!(
        q.content_parts
            .iter()
            .any(|c| docs[0].slice(*c).contains("worn out")),
        "second part joined"
    );
    let r = find(&docs[0], &qs[0], "ferries").expect("reported speech found");
    assert!(!r.direct);
    assert_eq!(r.speaker.as_deref(), Some("Lena Okafor"));
    assert!(
        docs[0].slice(r.content).ends_with("shut"),
        "runs to the sentence end"
    );
    let e = ents.iter().find(|e| e.name == "Lena Okafor").unwrap();
    assert_eq!(e.kind, EntityKind::Person);
    assert!(e.aliases.contains(&"Okafor".to_string()));
    assert_eq!(e.role.as_deref(), Some("Mayor"));
}

#[test]
fn stripped_quote_marks_reported_by_sentence_shape() {
    // No quotation marks anywhere: the sentence rule takes over.
    let t = "The council met on Monday.\nThe vote was delayed.\nMembers left early.\n\
             We will not sign this text, it s too weak, Deputy Mayor Omar Reyes told reporters on Monday.\n\
             The plan is dead, said a spokeswoman for the port authority.\n\
             Talks resume next week.";
    let (docs, qs, _) = run(&[t]);
    let q = find(&docs[0], &qs[0], "not sign this text").expect("found");
    assert_eq!(q.speaker.as_deref(), Some("Omar Reyes"));
    let q = find(&docs[0], &qs[0], "The plan is dead").expect("inverted found");
    assert!(q
        .speaker
        .as_deref()
        .unwrap()
        .contains("spokeswoman for the port authority"));
}

#[test]
fn aliases_merge_across_documents() {
    let a = "The Agency for Coastal Safety (ACS) said the bridge was unsafe. \
             Officials of the U.N. Security Council met in Geneva.";
    let b = "ACS inspectors visited the site. The UN Security Council did not comment. \
             Inspector Maria del Campo said the cables were rusted. Del Campo said more tests are due. \
             Security Council members were briefed.";
    let (_, _, ents) = run(&[a, b]);
    let names = |e: &Entity| {
        std::iter::once(e.name.clone())
            .chain(e.aliases.clone())
            .collect::<Vec<_>>()
    };
    let acs = ents
        .iter()
        .find(|e| names(e).contains(&"ACS".to_string()))
        .expect("ACS");
    assert!(
        names(acs).contains(&"Agency for Coastal Safety".to_string()),
        "{:?}",
        names(acs)
    );
    let sc = ents
        .iter()
        .find(|e| names(e).contains(&"Security Council".to_string()))
        .expect("SC");
    assert!(
        names(sc).contains(&"U.N. Security Council".to_string()),
        "{:?}",
        names(sc)
    );
    assert!(
        names(sc).contains(&"UN Security Council".to_string()),
        "{:?}",
        names(sc)
    );
    assert_eq!(
        sc.mentions
            .iter()
            .map(|m| m.doc)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        2
    );
}

#[test]
fn pronoun_speaker_resolves_to_last_person() {
    let t = "Ana Ruiz, head of the transport office, visited the bridge.\n\n\
             “It will take months,” she said.";
    let (docs, qs, _) = run(&[t]);
    let q = find(&docs[0], &qs[0], "take months").expect("found");
    assert_eq!(q.speaker.as_deref(), Some("Ana Ruiz"));
    assert_eq!(q.role.as_deref(), Some("head of the transport office"));
}

#[test]
fn unbalanced_quote_marks_do_not_swallow_the_rest() {
    let t = "“This is open, the mayor said.\n\nLater, “we are done,” she said. He left. \" and \"\" ” “";
    let (docs, qs, _) = run(&[t]);
    check_spans(&docs[0], &qs[0]);
    assert!(find(&docs[0], &qs[0], "we are done").is_some());
}

#[test]
fn fifty_thousand_word_quote_and_no_sentence_end() {
    let body = "the cables are worn and the deck is cracked ".repeat(5_000); // 50,000 words
    let t = format!("“{body}” the engineer said");
    let (docs, qs, _) = run(&[&t]);
    check_spans(&docs[0], &qs[0]);
    let no_end = "officials said the bridge would close ".repeat(2_000);
    let (docs, qs, _) = run(&[&no_end]);
    check_spans(&docs[0], &qs[0]);
    let (_, qs, ents) = run(&[""]);
    assert!(qs[0].is_empty() && ents.is_empty());
}

#[test]
fn many_quoted_sentences_all_attributed() {
    let t = "“We are ready,” Ana Ruiz said. ".repeat(3_000);
    let (docs, qs, _) = run(&[&t]);
    check_spans(&docs[0], &qs[0]);
    let with_speaker = qs[0]
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("Ana Ruiz"))
        .count();
    assert!(with_speaker >= 2_900, "{with_speaker} of 3000");
}
