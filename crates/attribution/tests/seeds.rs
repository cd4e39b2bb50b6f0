//! The seed story (`../shared/data/seeds-jim`): who said what, and entity aliases, against
//! the hand-made `gold.json`.

use std::path::PathBuf;
use triangulate_attribution::{attribute, resolve};
use triangulate_core::{DocId, Document};

fn data() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/seeds-jim"
    ));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/data not found");
        None
    }
}

struct Seeds {
    docs: Vec<Document>,
    prefixes: Vec<String>,
    gold: serde_json::Value,
}

fn load(dir: &std::path::Path) -> Seeds {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let docs: Vec<Document> = files
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Document::new(
                DocId(i as u32),
                p.display().to_string(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    let prefixes = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy()[..3].to_string())
        .collect();
    let gold =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    Seeds {
        docs,
        prefixes,
        gold,
    }
}

#[test]
fn seeds_statements_found_with_their_speaker() {
    let Some(dir) = data() else { return };
    let s = load(&dir);
    let analyses: Vec<_> = s.docs.iter().map(triangulate_text::analyze).collect();
    let mut quotes: Vec<_> = s
        .docs
        .iter()
        .zip(&analyses)
        .map(|(d, a)| attribute(d, a))
        .collect();
    let pairs: Vec<_> = s.docs.iter().zip(analyses.iter()).collect();
    resolve(&pairs, &mut quotes);
    if let Ok(d) = std::env::var("SEED_DUMP") {
        let d: usize = d.parse().unwrap();
        for q in &quotes[d] {
            let sl = |x: Option<triangulate_core::Span>| x.map(|x| s.docs[d].slice(x).to_string());
            eprintln!(
                "Q {:?} | {:?} | {:?} | {:?}",
                sl(q.source),
                sl(q.cue),
                q.speaker,
                s.docs[d].slice(q.content)
            );
        }
    }
    let gold = s.gold["quotes"].as_array().unwrap();
    let mut found = 0;
    let mut misses = Vec::new();
    for g in gold {
        let d = s
            .prefixes
            .iter()
            .position(|p| p == g["doc"].as_str().unwrap())
            .unwrap();
        let m = g["match"].as_str().unwrap().to_lowercase();
        let speaker = g["speaker"].as_str().unwrap().to_lowercase();
        let ok = quotes[d].iter().any(|q| {
            q.content_parts
                .iter()
                .any(|c| s.docs[d].slice(*c).to_lowercase().contains(&m))
                && q.speaker
                    .as_deref()
                    .is_some_and(|sp| sp.to_lowercase().contains(&speaker))
        });
        if ok {
            found += 1;
        } else {
            let near: Vec<String> = quotes[d]
                .iter()
                .filter(|q| s.docs[d].slice(q.content).to_lowercase().contains(&m))
                .map(|q| {
                    format!(
                        "{:?} / src {:?}",
                        q.speaker,
                        q.source.map(|x| s.docs[d].slice(x))
                    )
                })
                .collect();
            misses.push(format!("{} {:?} {:?}: {:?}", g["doc"], speaker, m, near));
        }
    }
    eprintln!(
        "{found}/{} statements; misses:\n{}",
        gold.len(),
        misses.join("\n")
    );
    assert!(
        found >= 24,
        "{found}/{} statements found with their speaker",
        gold.len()
    );
}

#[test]
fn seeds_entity_aliases_are_merged() {
    let Some(dir) = data() else { return };
    let s = load(&dir);
    let analyses: Vec<_> = s.docs.iter().map(triangulate_text::analyze).collect();
    let mut quotes: Vec<Vec<triangulate_attribution::Quote>> = vec![Vec::new(); s.docs.len()];
    let pairs: Vec<_> = s.docs.iter().zip(analyses.iter()).collect();
    let entities = resolve(&pairs, &mut quotes);
    let mut bad = Vec::new();
    for g in s.gold["entities"].as_array().unwrap() {
        let name = g["name"].as_str().unwrap();
        let all_names = |e: &triangulate_attribution::Entity| {
            std::iter::once(e.name.clone())
                .chain(e.aliases.iter().cloned())
                .collect::<Vec<_>>()
        };
        let Some(e) = entities
            .iter()
            .find(|e| all_names(e).iter().any(|n| n == name))
        else {
            bad.push(format!("{name}: not found"));
            continue;
        };
        for a in g["aliases"].as_array().into_iter().flatten() {
            let a = a.as_str().unwrap();
            // An alias no document writes cannot be found; skip it.
            if !s.docs.iter().any(|d| written_alone(&d.text, a)) {
                continue;
            }
            if !all_names(e).iter().any(|n| n == a) {
                bad.push(format!(
                    "{name}: alias {a:?} not merged (entity has {:?})",
                    all_names(e)
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// True if `name` occurs in `text` not as the tail of a longer capitalized name
/// ("Haley" alone, not only inside "Nikki Haley").
fn written_alone(text: &str, name: &str) -> bool {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.match_indices(name).any(|(i, _)| {
        let before = flat[..i].trim_end();
        let prev_word = before.rsplit(' ').next().unwrap_or("");
        let glued = !flat[..i].ends_with(' ') && !before.is_empty();
        !glued && !prev_word.starts_with(char::is_uppercase)
    })
}
