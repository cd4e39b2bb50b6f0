//! "Who said what" is for readers: reported fragments too short to say anything on their own
//! ("have denied the allegation" -> "the allegation") stay in JSON but not in the grouped view.

use triangulate_core::{DocId, Document};
use triangulate_render::{render, to_json, OutputFormat};
use triangulate_story::{Story, StoryOptions};

#[test]
fn short_reported_fragments_are_kept_in_json_but_not_shown() {
    let docs = vec![
        Document::new(
            DocId(0),
            "a.txt",
            "Mayor Ines Varga said the bridge would reopen on April 14 after repairs. \
             The contractor and the union have denied the allegation.",
        ),
        Document::new(
            DocId(1),
            "b.txt",
            "The bridge closed on Monday, officials said.",
        ),
    ];
    let story = Story::build(docs, &StoryOptions::default());
    let json = to_json(&story);
    let contents: Vec<&str> = json["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["content"].as_str())
        .collect();
    // Precondition: attribution finds the fragment; if it stops, this test says so.
    assert!(contents.contains(&"the allegation"), "{contents:?}");
    let mut out = Vec::new();
    render(&story, OutputFormat::Markdown, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    let section = md
        .split("## Who said what")
        .nth(1)
        .expect("a Who said what section");
    assert!(
        section.contains("the bridge would reopen on April 14"),
        "{section}"
    );
    assert!(!section.contains("- the allegation"), "{section}");
}
