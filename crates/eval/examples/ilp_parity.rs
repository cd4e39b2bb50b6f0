//! The ICSISumm bigram ILP baseline (`bench/duc_baselines.py ilp`) reproduced in Rust, to
//! find what separates the summarizer from it. The Python script writes each topic's
//! program (`program` method: its candidate sentences, Punkt-split, of at least 10 words,
//! copies dropped, with their concepts); this example solves it with the summarizer's
//! solver ([`CoverageProblem`]: concepts held by at least 3 documents, weighted by their
//! document frequency over the candidates, at most WORDS words), orders the choice as the
//! script does (document date, document, position) and scores it with `eval summary
//! --duc`'s ROUGE-1.5.5 port. CONCEPTS says whose concepts of the same sentences:
//!
//! - `dump`: the script's own (NLTK Porter stems of `[a-z0-9]+` tokens, sumy's stop list);
//! - `port`: the same remade here (`nltk-porter`, `resources/en/summary/concept_stopwords.txt`),
//!   and the number of sentences whose concepts differ from the dump's;
//! - `ours`, `ours-short`: the summarizer's ([`text_bigrams`]: its tokens and Snowball stems,
//!   the long or the short stop list); `ours-plain`: its Snowball stems of the script's
//!   `[a-z0-9]+` words ([`ConceptOptions::plain_tokens`]).
//!
//! ```sh
//! python bench/duc_baselines.py program ../shared/data/duc2006-dev 0 50 250 /tmp/program.jsonl
//! cargo run --release -p triangulate-eval --example ilp_parity -- \
//!     ../shared/data/duc2006-dev /tmp/program.jsonl 0 30 dump
//! ```

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use triangulate_core::{DocId, Document};
use triangulate_eval::rouge155::{self, Limit};
use triangulate_eval::summary::read_text;
use triangulate_eval::summary_dir::topic_names;
use triangulate_story::summary::{text_bigrams, ConceptOptions, CoverageProblem};

#[derive(Deserialize)]
struct Program {
    budget: usize,
    sentences: Vec<Candidate>,
}

#[derive(Deserialize)]
struct Candidate {
    doc: usize,
    date: String,
    pos: usize,
    text: String,
    concepts: Vec<String>,
}

/// The script's concepts, remade: bigrams of NLTK Porter stems of lower-case `[a-z0-9]+`
/// runs, stop words unstemmed, no bigram of two stop words.
fn port_concepts(text: &str, stop: &HashSet<String>) -> BTreeSet<String> {
    let porter = nltk_porter::PorterStemmer::new(nltk_porter::Mode::Nltk);
    let lower = text.to_lowercase();
    let toks: Vec<(String, bool)> = lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(|t| {
            if stop.contains(t) {
                (t.to_string(), true)
            } else {
                (porter.stem(t), false)
            }
        })
        .collect();
    toks.windows(2)
        .filter(|w| !(w[0].1 && w[1].1))
        .map(|w| format!("{} {}", w[0].0, w[1].0))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, duc, programs, skip, limit, mode] = &args[..] else {
        return Err(
            "usage: ilp_parity DUC_DIR PROGRAMS.jsonl SKIP LIMIT dump|port|ours|ours-short|ours-plain".into(),
        );
    };
    let (skip, limit): (usize, usize) = (skip.parse()?, limit.parse()?);
    let duc = Path::new(duc);
    let names = topic_names(&duc.join("docs"), 0, None)?;
    let lines = read_text(Path::new(programs))?;
    let lines: Vec<&str> = lines.lines().collect();
    if lines.len() != names.len() {
        return Err(format!("{} programs for {} topics", lines.len(), names.len()).into());
    }
    let stop: HashSet<String> =
        std::fs::read_to_string("resources/en/summary/concept_stopwords.txt")?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
    let mut models_dir: Vec<String> = std::fs::read_dir(duc.join("models"))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    models_dir.sort();
    let per: Vec<(f64, f64, f64, usize, usize)> = (skip..skip + limit)
        .into_par_iter()
        .map(|t| {
            let p: Program = serde_json::from_str(lines[t]).expect("a program line");
            let mut differ = 0;
            let sets: Vec<BTreeSet<String>> = p
                .sentences
                .iter()
                .map(|s| {
                    let dump: BTreeSet<String> = s.concepts.iter().cloned().collect();
                    let made = match mode.as_str() {
                        "dump" => dump.clone(),
                        "port" => port_concepts(&s.text, &stop),
                        _ => {
                            let d = Document::new(DocId(0), "s", s.text.as_str());
                            let ta = triangulate_text::analyze(&d);
                            let opts = ConceptOptions {
                                long_stop: mode != "ours-short",
                                plain_tokens: mode == "ours-plain",
                                ..Default::default()
                            };
                            text_bigrams(&ta, opts).into_iter().collect()
                        }
                    };
                    differ += usize::from(made != dump);
                    made
                })
                .collect();
            // Document frequency over the candidates; concepts from 3 documents on.
            let mut held: HashMap<&str, BTreeSet<usize>> = HashMap::new();
            for (s, c) in p.sentences.iter().zip(&sets) {
                for k in c {
                    held.entry(k.as_str()).or_default().insert(s.doc);
                }
            }
            let mut keys: Vec<&str> = held
                .iter()
                .filter(|(_, d)| d.len() >= 3)
                .map(|(k, _)| *k)
                .collect();
            keys.sort_unstable();
            let id: HashMap<&str, u32> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| (*k, i as u32))
                .collect();
            let n = p.sentences.len();
            let problem = CoverageProblem {
                concepts: sets
                    .iter()
                    .map(|c| {
                        c.iter()
                            .filter_map(|k| id.get(k.as_str()).copied())
                            .collect()
                    })
                    .collect(),
                weights: keys.iter().map(|k| held[k].len() as f64).collect(),
                value: vec![0.0; n],
                lengths: p
                    .sentences
                    .iter()
                    .map(|s| s.text.split_whitespace().count())
                    .collect(),
                allowed: vec![true; n],
                budget: p.budget,
            };
            let mut chosen = problem.solve(None, true);
            chosen.sort_by(|&a, &b| {
                let (x, y) = (&p.sentences[a], &p.sentences[b]);
                (&x.date, x.doc, x.pos).cmp(&(&y.date, y.doc, y.pos))
            });
            let peer: Vec<&str> = chosen
                .iter()
                .map(|&j| p.sentences[j].text.as_str())
                .collect();
            let texts: Vec<String> = models_dir
                .iter()
                .filter(|f| f.starts_with(&format!("{}.", names[t])))
                .map(|f| read_text(&duc.join("models").join(f)).expect("a model summary"))
                .collect();
            let models: Vec<Vec<&str>> = texts
                .iter()
                .map(|m| m.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
                .collect();
            let r = rouge155::score(&peer, &models, Limit::Words(p.budget));
            (r.rouge1.r, r.rouge2.r, r.rouge_su4.r, differ, n)
        })
        .collect();
    let k = per.len() as f64;
    let sum = per.iter().fold((0.0, 0.0, 0.0, 0, 0), |a, b| {
        (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3, a.4 + b.4)
    });
    println!(
        "{mode} topics {skip}+{limit}: R-1 {:.2} R-2 {:.2} SU4 {:.2}; concepts differ from the dump's in {} of {} sentences",
        100.0 * sum.0 / k,
        100.0 * sum.1 / k,
        100.0 * sum.2 / k,
        sum.3,
        sum.4
    );
    Ok(())
}
