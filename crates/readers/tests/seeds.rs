//! The readers on the seed articles, checked against the hand-made `gold.json`: outlet,
//! dateline, publication dates stated in the text, and boilerplate lines.

use std::path::PathBuf;

use serde_json::Value;
use triangulate_core::DateBasis;
use triangulate_readers::{fs::read_paths, Format};

fn seeds_dir() -> Option<PathBuf> {
    let d = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/seeds-jim"
    ));
    d.join("gold.json").exists().then_some(d)
}

#[test]
fn seed_metadata_and_boilerplate_match_gold() {
    let Some(dir) = seeds_dir() else {
        eprintln!("skipping: ../shared/data not found");
        return;
    };
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let gold_docs = gold["documents"].as_object().unwrap();
    let mut paths: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    paths.sort();
    let docs = read_paths(&paths, Format::Auto).unwrap();
    assert_eq!(docs.len(), gold_docs.len());
    let mut checked_dates = 0;
    for doc in &docs {
        let file = doc.name.rsplit('/').next().unwrap();
        let key = &file[..3];
        let g = &gold_docs[key];
        assert_eq!(
            doc.meta.outlet.as_deref(),
            g["outlet"].as_str(),
            "{key}: outlet"
        );
        assert_eq!(
            doc.meta.dateline.as_deref(),
            g.get("dateline").and_then(Value::as_str),
            "{key}: dateline"
        );
        // A date the text states (not one to infer from weekdays, which the time stage does).
        let stated = !g["published_basis"]
            .as_str()
            .unwrap()
            .starts_with("text only");
        match doc.meta.published {
            Some(p) => {
                assert_eq!(p.basis, DateBasis::InText, "{key}");
                assert_eq!(
                    p.date.to_string(),
                    g["published"].as_str().unwrap(),
                    "{key}"
                );
                checked_dates += 1;
            }
            None => assert!(!stated, "{key}: the text states its date"),
        }
        // Every gold boilerplate line is covered by boilerplate, and no sentence holds one.
        let analysis = triangulate_text::analyze(doc);
        for b in g["boilerplate"].as_array().unwrap() {
            let b = b.as_str().unwrap();
            let at = doc
                .text
                .find(b)
                .unwrap_or_else(|| panic!("{key}: {b:?} not in text"));
            assert!(
                doc.is_boilerplate(at, at + b.len()),
                "{key}: {b:?} not marked"
            );
            for i in 0..analysis.sentences.len() {
                let s = doc.slice(analysis.sentence_span(doc, i));
                assert!(!s.contains(b), "{key}: sentence {s:?} holds boilerplate");
            }
        }
        // Nothing else is marked, but the dateline prefix (kept as metadata).
        for b in &doc.boilerplate {
            let s = doc.slice(b.span);
            let in_gold = g["boilerplate"].as_array().unwrap().iter().any(|x| x == s);
            assert!(
                in_gold || b.kind == triangulate_core::BoilerplateKind::Dateline,
                "{key}: {s:?} marked {:?}",
                b.kind
            );
        }
    }
    assert!(checked_dates >= 2);
}
