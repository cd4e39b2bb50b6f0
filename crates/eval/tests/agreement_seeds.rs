//! Issue 5 on the seeds (`../shared/data/seeds-jim`, `gold.json` `conflicts` and `consensus`).

mod common;

use common::seeds;
use triangulate_core::DocId;
use triangulate_story::{ConflictKind, Story};

fn text(story: &Story, s: triangulate_core::Span) -> String {
    story.docs[s.doc.index()].doc.slice(s).to_lowercase()
}

fn gold_docs(v: &serde_json::Value) -> Vec<DocId> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| DocId(d.as_str().unwrap().parse().unwrap()))
        .collect()
}

#[test]
fn seeds_mandate_expiry_contradiction_001_vs_002_003_004() {
    let Some((story, gold)) = seeds() else { return };
    let g = &gold["conflicts"][0];
    assert_eq!(g["kind"], "contradiction");
    let lone = gold_docs(&g["sides"][0]["docs"]);
    let many = gold_docs(&g["sides"][1]["docs"]);
    let found = story.conflicts.iter().any(|c| {
        c.kind == ConflictKind::Contradiction
            && c.sides.iter().any(|s| s.documents == lone)
            && c.sides
                .iter()
                .any(|s| many.iter().all(|d| s.documents.contains(d)))
    });
    assert!(found, "{:#?}", story.conflicts);
}

#[test]
fn seeds_report_no_contradiction_that_gold_does_not_list() {
    // Conservative by design: every contradiction on the seeds must be one of gold.json's,
    // its sides' values among that conflict's values.
    let Some((story, gold)) = seeds() else { return };
    let gold_values: Vec<Vec<String>> = gold["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == "contradiction")
        .map(|g| {
            g["sides"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["value"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect();
    for c in story
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
    {
        let values: Vec<String> = c.sides.iter().filter_map(|s| s.value.clone()).collect();
        assert!(
            gold_values
                .iter()
                .any(|g| values.iter().all(|v| g.contains(v))),
            "a contradiction gold.json does not list: {c:#?}"
        );
    }
}

#[test]
fn seeds_death_toll_is_a_discrepancy_not_a_contradiction() {
    let Some((story, gold)) = seeds() else { return };
    let g = &gold["conflicts"][1];
    let (a, b) = (
        g["sides"][0]["value"].as_str().unwrap(),
        g["sides"][1]["value"].as_str().unwrap(),
    );
    let has = |kind: ConflictKind| {
        story.conflicts.iter().any(|c| {
            c.kind == kind
                && c.sides
                    .iter()
                    .any(|s| s.evidence.iter().any(|&e| text(&story, e).contains(a)))
                && c.sides
                    .iter()
                    .any(|s| s.evidence.iter().any(|&e| text(&story, e).contains(b)))
        })
    };
    assert!(has(ConflictKind::Discrepancy), "{:#?}", story.conflicts);
    assert!(!has(ConflictKind::Contradiction));
}

#[test]
fn seeds_responsibility_dispute_has_two_sides_with_two_holders_each() {
    let Some((story, _)) = seeds() else { return };
    let d: Vec<_> = story
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::DisputedClaim)
        .collect();
    assert!(!d.is_empty(), "{:#?}", story.conflicts);
    assert!(d
        .iter()
        .any(|c| c.sides.len() == 2 && c.sides.iter().all(|s| s.held_by.len() >= 2)));
}

/// Lower-case words of a name, and of the aliases of the story's entity of that name.
fn holder_words(story: &Story, name: &str) -> Vec<String> {
    let mut names = vec![name.to_string()];
    if let Some(e) = story.entities.iter().find(|e| e.name == name) {
        names.extend(e.aliases.iter().cloned());
    }
    names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// A gold holder ("JIM report", "Syrian government") is one of ours when a word of it is a
/// word of our holder's name or aliases, or shares its first five letters ("syrian"/"syria").
fn same_holder(story: &Story, gold: &str, ours: &str) -> bool {
    let ours = holder_words(story, ours);
    gold.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "report" | "government" | "the"))
        .any(|g| {
            ours.iter()
                .any(|o| *o == g || (g.len() >= 5 && o.len() >= 5 && o[..5] == g[..5]))
        })
}

/// Our dispute whose sides best cover the gold dispute's holders: (conflict, hits per side).
fn best_dispute<'a>(
    story: &'a Story,
    gold: &serde_json::Value,
) -> Option<(&'a triangulate_story::Conflict, Vec<usize>, Vec<usize>)> {
    let want: Vec<Vec<&str>> = gold["sides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["held_by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h.as_str().unwrap())
                .collect()
        })
        .collect();
    let hits = |side: &triangulate_story::Side, names: &[&str]| {
        names
            .iter()
            .filter(|g| side.held_by.iter().any(|h| same_holder(story, g, h)))
            .count()
    };
    story
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::DisputedClaim && c.sides.len() == 2)
        .map(|c| {
            let right: Vec<usize> = (0..2).map(|i| hits(&c.sides[i], &want[i])).collect();
            let crossed: Vec<usize> = (0..2).map(|i| hits(&c.sides[1 - i], &want[i])).collect();
            (c, right, crossed)
        })
        .max_by_key(|(_, r, _)| r.iter().sum::<usize>())
}

#[test]
fn seeds_dispute_holders_are_distinct_entities() {
    let Some((story, _)) = seeds() else { return };
    for c in story
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::DisputedClaim)
    {
        let all: Vec<&String> = c.sides.iter().flat_map(|s| &s.held_by).collect();
        for h in &all {
            assert!(
                story.entities.iter().any(|e| &e.name == *h),
                "holder {h:?} is not an entity of the story ({})",
                c.topic
            );
        }
        let mut d = all.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), all.len(), "a holder twice in {c:#?}");
        // The topic is in the text's words (no stems such as "chemic").
        let text: String = story.docs.iter().map(|d| d.doc.text.as_str()).collect();
        for w in c.topic.split_whitespace().filter(|w| w.len() > 3) {
            assert!(
                text.contains(w) || ["quality", "responsible", "work"].contains(&w),
                "topic word {w:?} is not in the text: {}",
                c.topic
            );
        }
    }
}

#[test]
fn seeds_responsibility_dispute_names_gold_holders_on_the_right_sides() {
    let Some((story, gold)) = seeds() else { return };
    let g = &gold["conflicts"][2];
    assert_eq!(g["kind"], "disputed claim");
    let (c, right, crossed) = best_dispute(&story, g).expect("a disputed claim");
    println!("{}: right {right:?}, crossed {crossed:?}", c.topic);
    // Achieved: JIM report, White House of 4 asserting; Russia, Syrian government of 2 denying.
    assert!(right[0] >= 2 && right[1] >= 2, "{c:#?}");
    assert_eq!(crossed, vec![0, 0], "{c:#?}");
}

#[test]
fn seeds_quality_dispute_names_gold_holders_on_the_right_sides() {
    let Some((story, gold)) = seeds() else { return };
    let g = &gold["conflicts"][3];
    assert_eq!(g["kind"], "disputed claim");
    let (c, right, crossed) = best_dispute(&story, g).expect("a disputed claim");
    println!("{}: right {right:?}, crossed {crossed:?}", c.topic);
    // Achieved: 5 of 5 critics; 1 of 2 defenders (Jonathan Allen).
    assert!(right[0] >= 4 && right[1] >= 1, "{c:#?}");
    assert_eq!(crossed, vec![0, 0], "{c:#?}");
}

fn content_stems(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !triangulate_text::is_stopword(w))
        .map(|w| triangulate_text::stem(&w))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn seeds_consensus_facts_found_with_three_documents() {
    let Some((story, gold)) = seeds() else { return };
    let facts = gold["consensus"].as_array().unwrap();
    let mut found = 0;
    for f in facts {
        let want = content_stems(f["fact"].as_str().unwrap());
        let gd = gold_docs(&f["docs"]);
        let hit = story.agreements.iter().any(|a| {
            let got: Vec<String> = a
                .spans
                .iter()
                .flat_map(|&s| content_stems(&text(&story, s)))
                .collect();
            let share = want.iter().filter(|w| got.contains(w)).count() as f32 / want.len() as f32;
            let right_docs = a.documents.iter().filter(|d| gd.contains(d)).count();
            share >= 0.4 && right_docs >= 3
        });
        println!("consensus {:?}: {}", f["fact"], hit);
        found += hit as usize;
    }
    assert!(found >= 4, "{found} of {} consensus facts", facts.len());
}
