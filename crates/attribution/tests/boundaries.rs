//! Content boundary conventions of the PolNeAR scheme, on text written for these tests.

use triangulate_core::{DocId, Document};

fn contents(text: &str) -> Vec<Vec<String>> {
    let doc = Document::new(DocId(0), "t", text);
    let ta = triangulate_text::analyze(&doc);
    triangulate_attribution::attribute(&doc, &ta)
        .iter()
        .map(|q| {
            q.content_parts
                .iter()
                .map(|s| doc.slice(*s).to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_following_quotation_without_a_cue_continues_the_content() {
    let c = contents(
        "The council met on Tuesday. “We will not back down,” Mayor Jane Ortiz said after the vote. “The bridge will be built this year.” The meeting ended at noon.",
    );
    assert!(
        c.iter().any(|parts| parts.len() == 2
            && parts[0] == "“We will not back down,”"
            && parts[1] == "“The bridge will be built this year.”"),
        "{c:?}"
    );
}

#[test]
fn a_that_clause_runs_to_the_sentence_end_without_the_period() {
    let c = contents(
        "The mayor said on Tuesday that the bridge, which the council approved last spring, would open in June. Nobody objected.",
    );
    assert!(
        c.iter().any(|parts| parts.len() == 1
            && parts[0]
                == "that the bridge, which the council approved last spring, would open in June"),
        "{c:?}"
    );
}

#[test]
fn a_that_clause_runs_over_a_nested_reporting_verb() {
    let c = contents(
        "The council met on Tuesday. Critics noted that the mayor also promised a tunnel in 2019 and has changed her plans since. The meeting ended at noon.",
    );
    assert!(
        c.iter().any(|parts| parts.len() == 1
            && parts[0]
                == "that the mayor also promised a tunnel in 2019 and has changed her plans since"),
        "{c:?}"
    );
}
