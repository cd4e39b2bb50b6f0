//! The share of implausible speakers (rule: `triangulate_eval::speakers`) in what attribution
//! resolves.
//!
//! ```text
//! cargo run --release -p triangulate-eval --example implausible_speakers -- MODE ARGS [--list]
//!   story PATH...                  all documents under the paths are one story
//!   each PATH... [--limit N]       every document is a story of its own
//!   polnear DIR [--skip N] [--limit N]   every PolNeAR article is a story of its own
//! ```
//! Prints speakers, quotes with a source but no speaker, implausible speakers and their
//! share, by reason; `--list` also prints every
//! implausible speaker (reason, document, speaker, role), `--all` every speaker.

use rayon::prelude::*;
use std::path::Path;
use triangulate_core::{DocId, Document};
use triangulate_eval::speakers::Tally;
use triangulate_story::{analyze_document, resolve_speakers, AnalyzedDoc};

/// (document name, speaker, role) of every quote with a speaker, story by story, and the
/// number of quotes with a source but no speaker.
type Speakers = (Vec<(String, String, Option<String>)>, usize);

fn speakers_of(docs: Vec<Document>) -> Speakers {
    let mut analyzed: Vec<AnalyzedDoc> = docs.into_par_iter().map(analyze_document).collect();
    resolve_speakers(&mut analyzed);
    let quotes = || {
        analyzed
            .iter()
            .flat_map(|d| d.quotes.iter().map(move |q| (d, q)))
    };
    let unresolved = quotes()
        .filter(|(_, q)| q.source.is_some() && q.speaker.is_none())
        .count();
    let found = quotes()
        .filter_map(|(d, q)| {
            q.speaker
                .clone()
                .map(|s| (d.doc.name.clone(), s, q.role.clone()))
        })
        .collect();
    (found, unresolved)
}

fn flag(args: &[String], name: &str) -> Option<usize> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1).and_then(|v| v.parse().ok())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let all = args.iter().any(|a| a == "--all");
    let skip = flag(&args, "--skip").unwrap_or(0);
    let limit = flag(&args, "--limit").unwrap_or(usize::MAX);
    let paths: Vec<String> = {
        let mut v = Vec::new();
        let mut it = args.iter().skip(1);
        while let Some(a) = it.next() {
            if a == "--skip" || a == "--limit" {
                it.next();
            } else if !a.starts_with("--") {
                v.push(a.clone());
            }
        }
        v
    };
    let read = |p: &[String]| {
        triangulate_readers::fs::read_paths(p, Default::default()).unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(3)
        })
    };
    let stories: Vec<Vec<Document>> = match args.first().map(String::as_str) {
        Some("story") => vec![read(&paths)],
        Some("each") => read(&paths)
            .into_iter()
            .skip(skip)
            .take(limit)
            .map(|mut d| {
                d.id = DocId(0);
                vec![d]
            })
            .collect(),
        Some("polnear") if paths.len() == 1 => {
            triangulate_eval::polnear::load_dir(Path::new(&paths[0]))
                .unwrap_or_else(|e| {
                    eprintln!("error: {e}");
                    std::process::exit(3)
                })
                .into_iter()
                .skip(skip)
                .take(limit)
                .map(|a| vec![Document::new(DocId(0), a.name, a.text)])
                .collect()
        }
        _ => {
            eprintln!("usage: implausible_speakers story PATH... | each PATH... | polnear DIR  [--skip N] [--limit N] [--list] [--all]");
            std::process::exit(2)
        }
    };
    let n_stories = stories.len();
    let found: Vec<Speakers> = stories.into_par_iter().map(speakers_of).collect();
    let unresolved: usize = found.iter().map(|f| f.1).sum();
    let mut tally = Tally::default();
    for (doc, speaker, role) in found.iter().flat_map(|f| &f.0) {
        let r = tally.add(speaker, role.as_deref());
        if all || (list && r.is_some()) {
            let reason = r.map_or("-".to_string(), |r| format!("{r:?}").to_lowercase());
            println!(
                "{reason}\t{doc}\t{speaker}\t{}",
                role.as_deref().unwrap_or("")
            );
        }
    }
    let names = ["pronoun", "cut", "clause", "long"];
    let by: Vec<String> = names
        .iter()
        .zip(tally.by_reason)
        .map(|(n, c)| format!("{n} {c}"))
        .collect();
    println!(
        "{n_stories} stories, {} speakers ({unresolved} quotes with a source and no speaker), {} implausible ({:.1}%): {}",
        tally.speakers,
        tally.implausible,
        tally.share(),
        by.join(", ")
    );
}
