//! Issue 12, item 4: metadata is not a fact of the story. Photo captions, "Published on ..."
//! lines, "(published ...)" notes, "Updated ..." stamps and a dispatch's date are marked by
//! the readers (`resources/en/readers/boilerplate.txt`), so the conflict finder never
//! compares them. Each story here, read through the readers, tells one fact the same way in
//! every document and carries metadata of different days: no contradiction may come out.
//! Fixtures are written here (not from ../shared).

use triangulate_core::{DocId, Document};
use triangulate_story::{ConflictKind, Story, StoryOptions};

fn story(texts: &[&str]) -> Story {
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            triangulate_readers::documents_from_bytes(
                &format!("{i}.txt"),
                t.as_bytes(),
                triangulate_readers::Format::Text,
                i as u32,
            )
            .unwrap()
        })
        .collect();
    assert_eq!(docs.len(), texts.len());
    assert!(docs
        .iter()
        .enumerate()
        .all(|(i, d)| d.id == DocId(i as u32)));
    Story::build(docs, &StoryOptions::default())
}

fn contradictions(texts: &[&str]) -> Vec<String> {
    story(texts)
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
        .map(|c| {
            let values: Vec<_> = c.sides.iter().filter_map(|s| s.value.clone()).collect();
            format!("{}: {}", c.topic, values.join(" / "))
        })
        .collect()
}

#[test]
fn issue12_photo_captions_of_different_days() {
    let c = contradictions(&[
        "The old mill in Dunmore burned for two days. In this Friday, March 5, 2021 photo, \
         firefighters battle the blaze at the old mill in Dunmore. The owner said he would rebuild.",
        "The old mill in Dunmore burned for two days. In this Saturday, March 6, 2021 photo, \
         firefighters battle the blaze at the old mill in Dunmore. The owner said he would rebuild.",
    ]);
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn issue12_captions_with_a_credit() {
    let c = contradictions(&[
        "Crews cleared the pier after the storm. Volunteers carry sandbags along the pier in \
         Dunmore on Sunday, July 9, 2023. (AP Photo/Lena Ortiz) The pier reopened to walkers.",
        "Crews cleared the pier after the storm. Volunteers carry sandbags along the pier in \
         Dunmore on Saturday, July 8, 2023. (AP Photo/Ben Okafor) The pier reopened to walkers.",
    ]);
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn issue12_published_on_lines_of_different_videos() {
    let c = contradictions(&[
        "Published on Dec 15, 2016 The show, created in 1965, is still going strong after decades.",
        "Published on Jan 9, 2017 The show, created in 1965, is still going strong after decades.",
    ]);
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn issue12_published_notes_of_different_pages() {
    let c = contradictions(&[
        "The council approved the ferry budget. (published Sunday, Feb. 5, 2017) The vote was close.",
        "The council approved the ferry budget. (published Tuesday, Feb. 14, 2017) The vote was close.",
    ]);
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn issue12_updated_stamps_and_dispatch_dates() {
    let c = contradictions(&[
        "Updated 3:15 pm ET, Wed January 4, 2017 The ferry line will reopen after the repairs, \
         the port said.",
        "Updated 9:40 am ET, Fri January 6, 2017 The ferry line will reopen after the repairs, \
         the port said.",
    ]);
    assert!(c.is_empty(), "{c:?}");
    let c = contradictions(&[
        "DUNMORE ( Sept. 24 ) -- The bridge will reopen next month, the city said on its site.",
        "DUNMORE ( Sept. 23 ) -- The bridge will reopen next month, the city said on its site.",
    ]);
    assert!(c.is_empty(), "{c:?}");
}

/// The guard the tests above rely on: the same different dates told as facts of the story
/// are a contradiction (so the tests above fail if the marks go).
#[test]
fn issue12_the_same_dates_as_facts_still_contradict() {
    let c = contradictions(&[
        "The old mill in Dunmore burned down on Friday, March 5, 2021, the fire chief said.",
        "The old mill in Dunmore burned down on Saturday, March 13, 2021, the fire chief said.",
    ]);
    assert_eq!(c.len(), 1, "{c:?}");
}
