//! Which features separate the greedy oracle's sentences from the rest among a story's best
//! 20 candidates by the shipped score (first STORIES validation stories, never dev).
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example summary_features -- \
//!     ../shared/data/multi-news-train 1000 230
//! ```
//! The oracle is `train_summary`'s: whole sentences, each the one that most raises ROUGE-1 +
//! ROUGE-2 F1 (rouge-score's tokenizer) while under WORDS words and while one does. For each
//! feature: its mean on the oracle's and the other sentences of the top 20, and its AUC
//! within the story (of all (oracle, other) pairs of one story's top 20, the share where the
//! oracle sentence has the higher value, ties half), the shipped score's first as the bar.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_eval::rouge::tokenize;
use triangulate_eval::summary::{read_text, story_documents};
use triangulate_readers::multinews::story_lines;
use triangulate_story::summary::{features, Model, FEATURE_NAMES, NUM_FEATURES};
use triangulate_text::TextAnalysis;

/// Columns: the shipped score, then each feature.
const COLS: usize = NUM_FEATURES + 1;

#[derive(Clone)]
struct Tally {
    /// Per column: sum over oracle / other sentences, concordant pairs (ties half), pairs.
    sum: Vec<[f64; 2]>,
    count: [f64; 2],
    concordant: Vec<f64>,
    pairs: f64,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            sum: vec![[0.0; 2]; COLS],
            count: [0.0; 2],
            concordant: vec![0.0; COLS],
            pairs: 0.0,
        }
    }
    fn add(&mut self, o: &Tally) {
        for c in 0..COLS {
            self.sum[c][0] += o.sum[c][0];
            self.sum[c][1] += o.sum[c][1];
            self.concordant[c] += o.concordant[c];
        }
        self.count[0] += o.count[0];
        self.count[1] += o.count[1];
        self.pairs += o.pairs;
    }
}

type Counts = (HashMap<u32, u32>, HashMap<(u32, u32), u32>);

fn counts(toks: &[u32]) -> Counts {
    let mut u = HashMap::new();
    let mut b = HashMap::new();
    for &t in toks {
        *u.entry(t).or_insert(0) += 1;
    }
    for w in toks.windows(2) {
        *b.entry((w[0], w[1])).or_insert(0) += 1;
    }
    (u, b)
}

/// Indices (into `cands`) of the greedy oracle's picks.
fn oracle(cands: &[(Counts, usize, usize)], reference: &[u32], words: usize) -> Vec<usize> {
    let (ru, rb) = counts(reference);
    let (g1, g2) = (
        reference.len() as f64,
        reference.len().saturating_sub(1) as f64,
    );
    let f1 = |h: u32, n: usize, g: f64| {
        if n as f64 + g == 0.0 {
            0.0
        } else {
            2.0 * h as f64 / (n as f64 + g)
        }
    };
    let mut cur1: HashMap<u32, u32> = HashMap::new();
    let mut cur2: HashMap<(u32, u32), u32> = HashMap::new();
    let (mut h1, mut h2, mut n1, mut n2, mut used) = (0u32, 0u32, 0usize, 0usize, 0usize);
    let mut picked = Vec::new();
    let mut best_now = 0.0;
    while used < words {
        let mut best: Option<(usize, f64, u32, u32)> = None;
        for (k, ((su, sb), len, _)) in cands.iter().enumerate() {
            if picked.contains(&k) {
                continue;
            }
            let d1: u32 = su
                .iter()
                .map(|(t, c)| {
                    let (have, cap) = (*cur1.get(t).unwrap_or(&0), *ru.get(t).unwrap_or(&0));
                    (have + c).min(cap) - have.min(cap)
                })
                .sum();
            let d2: u32 = sb
                .iter()
                .map(|(t, c)| {
                    let (have, cap) = (*cur2.get(t).unwrap_or(&0), *rb.get(t).unwrap_or(&0));
                    (have + c).min(cap) - have.min(cap)
                })
                .sum();
            let s = f1(h1 + d1, n1 + len, g1) + f1(h2 + d2, n2 + len - 1, g2);
            if s > best_now && best.is_none_or(|b| s > b.1) {
                best = Some((k, s, d1, d2));
            }
        }
        let Some((k, s, d1, d2)) = best else { break };
        picked.push(k);
        best_now = s;
        let ((su, sb), len, w) = &cands[k];
        for (t, c) in su {
            *cur1.entry(*t).or_insert(0) += c;
        }
        for (t, c) in sb {
            *cur2.entry(*t).or_insert(0) += c;
        }
        (h1, h2, n1, n2, used) = (h1 + d1, h2 + d2, n1 + len, n2 + len - 1, used + w);
    }
    picked
}

fn story(line: &str, reference: &str, words: usize) -> Tally {
    let docs: Vec<Document> = story_documents("val", line);
    let analyses: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(analyses.iter()).collect();
    let scored = features(&pairs);
    let model = Model::get();
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut ids = |toks: Vec<String>| -> Vec<u32> {
        toks.into_iter()
            .map(|t| {
                let n = vocab.len() as u32;
                *vocab.entry(t).or_insert(n)
            })
            .collect()
    };
    let reference = ids(tokenize(reference));
    let mut rows: Vec<usize> = Vec::new();
    let mut cands = Vec::new();
    for i in 0..scored.set.len() {
        if !scored.candidate[i] {
            continue;
        }
        let r = scored.set.sentence(i);
        let text = docs[r.doc].slice(r.span);
        let toks = ids(tokenize(text));
        if toks.len() < 2 {
            continue;
        }
        rows.push(i);
        cands.push((counts(&toks), toks.len(), text.split_whitespace().count()));
    }
    let picked = oracle(&cands, &reference, words);
    let score: Vec<f32> = rows
        .iter()
        .map(|&i| model.score(&scored.features[i]))
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    order.truncate(20);
    let value = |k: usize, c: usize| -> f64 {
        if c == 0 {
            score[k] as f64
        } else {
            scored.features[rows[k]][c - 1] as f64
        }
    };
    let mut t = Tally::new();
    let (pos, neg): (Vec<usize>, Vec<usize>) = order.iter().partition(|k| picked.contains(k));
    for (side, set) in [&pos, &neg].into_iter().enumerate() {
        t.count[side] += set.len() as f64;
        for &k in set {
            for c in 0..COLS {
                t.sum[c][side] += value(k, c);
            }
        }
    }
    t.pairs = (pos.len() * neg.len()) as f64;
    for &p in &pos {
        for &q in &neg {
            for c in 0..COLS {
                let (a, b) = (value(p, c), value(q, c));
                t.concordant[c] += if a > b {
                    1.0
                } else if a == b {
                    0.5
                } else {
                    0.0
                };
            }
        }
    }
    t
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/data/multi-news-train"),
    );
    let stories: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let words: usize = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(230);
    let src = read_text(&dir.join("val.src.gz"))?;
    let tgt = read_text(&dir.join("val.tgt.gz"))?;
    let src: Vec<&str> = story_lines(&src).take(stories).collect();
    let tgt: Vec<&str> = story_lines(&tgt).take(stories).collect();
    let all: Vec<Tally> = src
        .par_iter()
        .zip(tgt.par_iter())
        .map(|(s, t)| story(s, t, words))
        .collect();
    let mut t = Tally::new();
    for x in &all {
        t.add(x);
    }
    println!(
        "{} val stories, top 20 by the shipped score: {:.0} oracle and {:.0} other sentences, {:.0} pairs",
        all.len(),
        t.count[0],
        t.count[1],
        t.pairs
    );
    println!("| feature | mean oracle | mean other | AUC within the story |");
    println!("|---|---|---|---|");
    for c in 0..COLS {
        let name = if c == 0 {
            "(shipped score)"
        } else {
            FEATURE_NAMES[c - 1]
        };
        println!(
            "| {name} | {:.4} | {:.4} | {:.3} |",
            t.sum[c][0] / t.count[0].max(1.0),
            t.sum[c][1] / t.count[1].max(1.0),
            t.concordant[c] / t.pairs.max(1.0)
        );
    }
    Ok(())
}
