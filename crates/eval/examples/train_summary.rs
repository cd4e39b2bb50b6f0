//! Fit the summary's sentence-scoring weights on Multi-News train and tune its redundancy
//! control on Multi-News validation; write `resources/weights/summary.json`.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example train_summary -- \
//!     ../shared/data/multi-news-train [STORIES [TREES_FILE [ROUNDS [DEPTH]]]] \
//!     > resources/weights/summary.json
//! ```
//! (`bench/train_summary.sh` runs exactly this.)
//!
//! Label of each sentence: how much of it the reference summary contains, as ROUGE
//! precision under rouge-score's tokenizer, `(P1 + 2 P2) / 3` (bigrams weigh more: they are
//! what separates a good extract from a merely on-topic one). The weights are the ridge
//! regression of that label on the summary's features over every candidate sentence of the
//! first STORIES train stories (default 20,000). Then boosted regression trees (squared
//! loss, ROUNDS trees of depth DEPTH, shrinkage 0.1) are fitted on what the linear score
//! leaves (its residuals) and written to TREES_FILE (`resources/weights/summary_trees.tsv`);
//! of their first 0, ROUNDS/4, ROUNDS/2 and ROUNDS, the count best on the validation stories
//! is kept. Then `lambda` and `redundancy` are picked by mean ROUGE-1 + ROUGE-2 F1 at 230
//! words on the first 1,000 validation stories. The concept settings are the compiled-in
//! model's (tuned on duc2006-dev and validation by `tune_summary`). Fully deterministic:
//! same data, same files.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_eval::rouge::{rouge, tokenize};
use triangulate_eval::summary::{
    read_text, reference_lines, story_documents, summarize_documents_with,
};
use triangulate_readers::multinews::story_lines;
use triangulate_story::summary::{features, Model, TreeNode, Trees, NUM_FEATURES};
use triangulate_text::TextAnalysis;

type Gram = (u32, u32);

/// Weight of bigram precision in the label (unigram precision weighs 1).
const BIGRAM_WEIGHT: f32 = 2.0;

/// Unigram and bigram counts of the reference (token ids interned per story).
fn counts(toks: &[u32]) -> (HashMap<u32, u32>, HashMap<Gram, u32>) {
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

/// Words of the summary the oracle label fills (the evaluation's budget).
const ORACLE_WORDS: usize = 230;

/// TRAIN_SUMMARY_WITHIN=1: the trees learn labels within the story (see `story_rows`).
fn within_story() -> bool {
    std::env::var("TRAIN_SUMMARY_WITHIN").is_ok_and(|v| v == "1")
}

/// Each candidate sentence's features, its label `(P1 + 2 P2) / 3` and whether the greedy
/// ROUGE oracle picks it (1 or 0): the sentence that most raises ROUGE-1 + ROUGE-2 F1 of
/// the summary so far, whole sentences while under ORACLE_WORDS words and while one does.
fn story_rows(line: &str, reference: &str) -> Vec<([f32; NUM_FEATURES], f32, f32)> {
    let docs = story_documents("train", line);
    let analyses: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(analyses.iter()).collect();
    let scored = features(&pairs);
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
    let (ru, rb) = counts(&reference);
    let mut rows = Vec::new();
    let mut grams = Vec::new();
    for (i, f) in scored.features.iter().enumerate() {
        if !scored.candidate[i] {
            continue;
        }
        let r = scored.set.sentence(i);
        let text = docs[r.doc].slice(r.span);
        let toks = ids(tokenize(text));
        if toks.len() < 2 {
            continue;
        }
        let (su, sb) = counts(&toks);
        let hit1: u32 = su
            .iter()
            .map(|(k, c)| (*c).min(*ru.get(k).unwrap_or(&0)))
            .sum();
        let hit2: u32 = sb
            .iter()
            .map(|(k, c)| (*c).min(*rb.get(k).unwrap_or(&0)))
            .sum();
        let p1 = hit1 as f32 / toks.len() as f32;
        let p2 = hit2 as f32 / (toks.len() - 1) as f32;
        rows.push((*f, (p1 + BIGRAM_WEIGHT * p2) / (1.0 + BIGRAM_WEIGHT), 0.0));
        grams.push((su, sb, toks.len(), text.split_whitespace().count()));
    }
    // The greedy oracle over these rows. F1 = 2 hits / (predicted + reference).
    let (g1, g2) = (
        reference.len() as f64,
        reference.len().saturating_sub(1) as f64,
    );
    let mut cur1: HashMap<u32, u32> = HashMap::new();
    let mut cur2: HashMap<Gram, u32> = HashMap::new();
    let (mut h1, mut h2, mut n1, mut n2, mut words) = (0u32, 0u32, 0usize, 0usize, 0usize);
    let f1 = |h: u32, n: usize, g: f64| {
        if n as f64 + g == 0.0 {
            0.0
        } else {
            2.0 * h as f64 / (n as f64 + g)
        }
    };
    let mut best_now = 0.0;
    while words < ORACLE_WORDS {
        let mut best: Option<(usize, f64, u32, u32)> = None;
        for (k, (su, sb, len, _)) in grams.iter().enumerate() {
            if rows[k].2 > 0.0 {
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
        rows[k].2 = 1.0;
        best_now = s;
        let (su, sb, len, w) = &grams[k];
        for (t, c) in su {
            *cur1.entry(*t).or_insert(0) += c;
        }
        for (t, c) in sb {
            *cur2.entry(*t).or_insert(0) += c;
        }
        (h1, h2, n1, n2, words) = (h1 + d1, h2 + d2, n1 + len, n2 + len - 1, words + w);
    }
    // TRAIN_SUMMARY_WITHIN=1: labels within the story. Each label less the story's mean
    // label plus the story's mean linear score (as compiled in): the trees, fitted on what
    // the linear score leaves, then see only how a sentence differs from the rest of its
    // story, which is all the choice of a story's sentences uses.
    if within_story() && !rows.is_empty() {
        let k = rows.len() as f32;
        let weights = &Model::get().weights;
        let linear = rows
            .iter()
            .map(|(x, _, _)| x.iter().zip(weights).map(|(a, w)| a * w).sum::<f32>())
            .sum::<f32>()
            / k;
        let p = rows.iter().map(|r| r.1).sum::<f32>() / k;
        let o = rows.iter().map(|r| r.2).sum::<f32>() / k;
        for r in &mut rows {
            r.1 += linear - p;
            r.2 += linear - o;
        }
    }
    rows
}

/// Solve `(XᵀX + ridge·n·I) w = Xᵀy` by Gaussian elimination with partial pivoting.
fn ridge(rows: &[([f32; NUM_FEATURES], f32)], ridge: f64) -> Vec<f64> {
    let k = NUM_FEATURES;
    let mut a = vec![vec![0.0f64; k + 1]; k];
    for (x, y) in rows {
        for i in 0..k {
            for j in 0..k {
                a[i][j] += x[i] as f64 * x[j] as f64;
            }
            a[i][k] += x[i] as f64 * *y as f64;
        }
    }
    let n = rows.len() as f64;
    for (i, row) in a.iter_mut().enumerate() {
        // No penalty on the bias.
        if i > 0 {
            row[i] += ridge * n;
        }
    }
    for c in 0..k {
        let p = (c..k)
            .max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))
            .unwrap();
        a.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot = a[c].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != c {
                let m = row[c] / d;
                for (x, p) in row.iter_mut().zip(&pivot).skip(c) {
                    *x -= m * p;
                }
            }
        }
    }
    (0..k)
        .map(|i| {
            if a[i][i].abs() < 1e-12 {
                0.0
            } else {
                a[i][k] / a[i][i]
            }
        })
        .collect()
}

fn score(model: &Model, src: &[&str], tgt: &[&str], words: usize) -> (f64, f64) {
    // Collected in order and summed sequentially: the same sums on any thread count.
    let per_story: Vec<(f64, f64)> = src
        .par_iter()
        .zip(tgt.par_iter())
        .map(|(line, reference)| {
            let docs = story_documents("val", line);
            let summary = summarize_documents_with(&docs, words, model);
            let r = rouge(&reference_lines(reference), &summary.join("\n"));
            (r.rouge1.f, r.rouge2.f)
        })
        .collect();
    let sums = per_story
        .iter()
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    let n = src.len() as f64;
    (100.0 * sums.0 / n, 100.0 * sums.1 / n)
}

/// Most split points tried per feature.
const BINS: usize = 64;
/// Shrinkage of each tree's leaves.
const SHRINK: f64 = 0.1;
/// L2 penalty on a leaf's value (in rows).
const LEAF_RIDGE: f64 = 1.0;
/// Fewest rows in a leaf.
const MIN_LEAF: usize = 200;

type Row = [f32; NUM_FEATURES];

/// Split points of each feature: midpoints between quantiles of its values.
fn cut_points(rows: &[(Row, f32)]) -> Vec<Vec<f32>> {
    (0..NUM_FEATURES)
        .into_par_iter()
        .map(|f| {
            let mut v: Vec<f32> = rows.iter().map(|r| r.0[f]).collect();
            v.sort_by(f32::total_cmp);
            v.dedup();
            let picked: Vec<f32> = if v.len() <= BINS + 1 {
                v
            } else {
                (0..=BINS).map(|k| v[k * (v.len() - 1) / BINS]).collect()
            };
            picked.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect()
        })
        .collect()
}

/// Grow one tree on the residuals `g` (prediction less label) of the rows `idx`, each row's
/// features as bin numbers (`bins[i][f]` = the number of cuts of `f` below the value).
fn grow(
    bins: &[[u8; NUM_FEATURES]],
    idx: Vec<usize>,
    g: &[f64],
    cuts: &[Vec<f32>],
    depth: usize,
    tree: &mut Vec<TreeNode>,
) {
    let me = tree.len();
    tree.push(TreeNode::Leaf(0.0));
    let gs: f64 = idx.iter().map(|&i| g[i]).sum();
    let hs = idx.len() as f64;
    let leaf = (-gs / (hs + LEAF_RIDGE) * SHRINK) as f32;
    if depth == 0 || idx.len() < 2 * MIN_LEAF {
        tree[me] = TreeNode::Leaf(leaf);
        return;
    }
    let parent = gs * gs / (hs + LEAF_RIDGE);
    // Best (gain, feature, cut); each feature summed in row order, ties to the lower
    // feature and cut: the same tree on any number of threads.
    let best = (0..NUM_FEATURES)
        .into_par_iter()
        .filter_map(|f| {
            let c = &cuts[f];
            if c.is_empty() {
                return None;
            }
            let mut hg = vec![0.0f64; c.len() + 1];
            let mut hn = vec![0usize; c.len() + 1];
            for &i in &idx {
                let b = bins[i][f] as usize;
                hg[b] += g[i];
                hn[b] += 1;
            }
            let (mut gl, mut nl) = (0.0, 0usize);
            let mut best: Option<(f64, usize, usize)> = None;
            for k in 0..c.len() {
                gl += hg[k];
                nl += hn[k];
                let nr = idx.len() - nl;
                if nl < MIN_LEAF || nr < MIN_LEAF {
                    continue;
                }
                let gr = gs - gl;
                let gain = gl * gl / (nl as f64 + LEAF_RIDGE) + gr * gr / (nr as f64 + LEAF_RIDGE)
                    - parent;
                if best.is_none_or(|b| gain > b.0) {
                    best = Some((gain, f, k));
                }
            }
            best
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold(None, |a: Option<(f64, usize, usize)>, b| match a {
            Some(a) if a.0 >= b.0 => Some(a),
            _ => Some(b),
        });
    let Some((_, f, k)) = best.filter(|b| b.0 > 1e-9) else {
        tree[me] = TreeNode::Leaf(leaf);
        return;
    };
    let (l, r): (Vec<usize>, Vec<usize>) = idx.into_iter().partition(|&i| bins[i][f] as usize <= k);
    let left = tree.len();
    grow(bins, l, g, cuts, depth - 1, tree);
    let right = tree.len();
    grow(bins, r, g, cuts, depth - 1, tree);
    tree[me] = TreeNode::Split {
        feature: f,
        at_most: cuts[f][k],
        left,
        right,
    };
}

/// Boosted trees on the squared loss, starting from the linear score `weights`.
fn boost(rows: &[(Row, f32)], weights: &[f32], rounds: usize, depth: usize) -> Trees {
    let cuts = cut_points(rows);
    let bins: Vec<[u8; NUM_FEATURES]> = rows
        .par_iter()
        .map(|(x, _)| {
            let mut b = [0u8; NUM_FEATURES];
            for f in 0..NUM_FEATURES {
                b[f] = cuts[f].partition_point(|t| *t < x[f]) as u8;
            }
            b
        })
        .collect();
    let mut pred: Vec<f64> = rows
        .iter()
        .map(|(x, _)| x.iter().zip(weights).map(|(a, w)| a * w).sum::<f32>() as f64)
        .collect();
    let mut trees = Trees::default();
    for round in 0..rounds {
        let g: Vec<f64> = pred
            .iter()
            .zip(rows)
            .map(|(p, (_, y))| p - *y as f64)
            .collect();
        if round % 50 == 0 {
            let mse = g.iter().map(|x| x * x).sum::<f64>() / g.len() as f64;
            eprintln!("round {round}: mean squared error {mse:.6}");
        }
        let mut tree = Vec::new();
        grow(
            &bins,
            (0..rows.len()).collect(),
            &g,
            &cuts,
            depth,
            &mut tree,
        );
        let t = Trees {
            trees: vec![tree.clone()],
        };
        for (p, (x, _)) in pred.iter_mut().zip(rows) {
            *p += t.score(x) as f64;
        }
        trees.trees.push(tree);
    }
    trees
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/data/multi-news-train"),
    );
    let stories: usize = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(20_000);
    let trees_file = args.get(3);
    let rounds: usize = args.get(4).map(|s| s.parse()).transpose()?.unwrap_or(0);
    let depth: usize = args.get(5).map(|s| s.parse()).transpose()?.unwrap_or(3);
    let src = read_text(&dir.join("train.src.gz"))?;
    let tgt = read_text(&dir.join("train.tgt.gz"))?;
    let src: Vec<&str> = story_lines(&src).take(stories).collect();
    let tgt: Vec<&str> = story_lines(&tgt).take(stories).collect();
    eprintln!("features and labels of {} train stories", src.len());
    // TRAIN_SUMMARY_ROWS=FILE keeps the rows between runs (raw little-endian f32s; a
    // scratch file for trying learners, rebuilt when absent).
    let cache = std::env::var("TRAIN_SUMMARY_ROWS").ok();
    let full: Vec<([f32; NUM_FEATURES], f32, f32)> = match cache.as_deref().map(std::fs::read) {
        Some(Ok(bytes)) => bytes
            .chunks_exact(4 * (NUM_FEATURES + 2))
            .map(|c| {
                let v: Vec<f32> = c
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                let mut x = [0.0; NUM_FEATURES];
                x.copy_from_slice(&v[..NUM_FEATURES]);
                (x, v[NUM_FEATURES], v[NUM_FEATURES + 1])
            })
            .collect(),
        _ => {
            let rows: Vec<([f32; NUM_FEATURES], f32, f32)> = src
                .par_iter()
                .zip(tgt.par_iter())
                .flat_map_iter(|(s, t)| story_rows(s, t))
                .collect();
            if let Some(path) = &cache {
                let bytes: Vec<u8> = rows
                    .iter()
                    .flat_map(|(x, y, o)| x.iter().chain([y, o]).flat_map(|v| v.to_le_bytes()))
                    .collect();
                std::fs::write(path, bytes)?;
            }
            rows
        }
    };
    // The label: ROUGE precision, or with TRAIN_SUMMARY_ORACLE=M the mix (1 - M) precision
    // + M oracle.
    let mix: f32 = std::env::var("TRAIN_SUMMARY_ORACLE")
        .ok()
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(0.0);
    let rows: Vec<([f32; NUM_FEATURES], f32)> = full
        .iter()
        .map(|(x, p, o)| (*x, (1.0 - mix) * p + mix * o))
        .collect();
    eprintln!(
        "{} candidate sentences, {} picked by the oracle; fitting (oracle share of the label {mix})",
        rows.len(),
        // Within the story (TRAIN_SUMMARY_WITHIN=1) the oracle column is shifted: not a count.
        if within_story() {
            "(within the story: not counted)".to_string()
        } else {
            full.iter().filter(|r| r.2 > 0.0).count().to_string()
        }
    );
    // The linear score on the precision label; the trees on what it leaves of the (mixed)
    // label.
    let precision: Vec<([f32; NUM_FEATURES], f32)> =
        full.iter().map(|(x, p, _)| (*x, *p)).collect();
    // TRAIN_SUMMARY_KEEP_LINEAR=1 keeps the compiled-in linear weights (the coverage program's
    // settings were chosen with them) and fits only the trees.
    let keep_linear = std::env::var("TRAIN_SUMMARY_KEEP_LINEAR").is_ok_and(|v| v == "1");
    let weights: Vec<f32> = if keep_linear {
        Model::get().weights.clone()
    } else {
        let w = ridge(&precision, 1e-4);
        w.iter().map(|&x| (x * 1e4).round() as f32 / 1e4).collect()
    };
    let forest = boost(&rows, &weights, rounds, depth);

    let vsrc = read_text(&dir.join("val.src.gz"))?;
    let vtgt = read_text(&dir.join("val.tgt.gz"))?;
    // TRAIN_SUMMARY_VAL=N: the first N validation stories choose (default 1,000).
    let nval: usize = std::env::var("TRAIN_SUMMARY_VAL")
        .ok()
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(1000);
    let vsrc: Vec<&str> = story_lines(&vsrc).take(nval).collect();
    let vtgt: Vec<&str> = story_lines(&vtgt).take(nval).collect();
    // Everything but the sentence score and the redundancy control as compiled in.
    let shipped = Model::get();
    let with = |trees: usize, lambda: f32, redundancy: f32, coverage: f32| Model {
        weights: weights.clone(),
        trees: Trees {
            trees: forest.trees[..trees].to_vec(),
        },
        lambda,
        redundancy,
        coverage,
        provenance: String::new(),
        ..shipped.clone()
    };
    let mut kept = (f64::MIN, 0);
    let mut counts = vec![0, rounds / 4, rounds / 2, rounds];
    counts.dedup();
    for k in counts {
        let (r1, r2) = score(
            &with(k, shipped.lambda, shipped.redundancy, shipped.coverage),
            &vsrc,
            &vtgt,
            230,
        );
        eprintln!("{k} trees: R1 {r1:.2} R2 {r2:.2}");
        if r1 + r2 > kept.0 {
            kept = (r1 + r2, k);
        }
    }
    let kept_trees = kept.1;
    let mut best: Option<(f64, Model)> = None;
    for &(lambda, redundancy, coverage) in &[
        (0.2f32, 0.25f32, 0.0f32),
        (0.2, 0.15, 0.0),
        (0.2, 0.2, 0.0),
        (0.2, 0.25, 0.3),
        (0.2, 0.25, 0.6),
        (0.2, 0.25, 1.0),
        (0.1, 0.25, 0.6),
        (0.0, 0.25, 1.0),
        (0.2, 0.25, 3.0),
        (0.2, 0.25, 5.0),
        (0.2, 0.25, 8.0),
        (0.3, 0.3, 5.0),
        (0.2, 0.5, 0.0),
    ] {
        let m = with(kept_trees, lambda, redundancy, coverage);
        let (r1, r2) = score(&m, &vsrc, &vtgt, 230);
        eprintln!(
            "lambda {lambda} redundancy {redundancy} coverage {coverage}: R1 {r1:.2} R2 {r2:.2}"
        );
        if best.as_ref().is_none_or(|(b, _)| r1 + r2 > *b) {
            best = Some((r1 + r2, m));
        }
    }
    let (_, mut model) = best.expect("grid is not empty");
    let linear = if keep_linear {
        "the linear weights as compiled in before (ridge regression of (P1 + 2 P2) / 3 on \
         346112 candidate sentences of the first 20000 multi-news-train stories, session 2)"
            .to_string()
    } else {
        format!(
            "ridge regression of (P1 + 2 P2) / 3 on {} candidate sentences of the first {} \
             multi-news-train stories",
            rows.len(),
            src.len()
        )
    };
    let bigram = model.bigram_lambda;
    model.provenance = format!(
        "{linear}, then {kept_trees} boosted trees of depth {depth} on what it leaves of the \
         label (1 - {mix}) (P1 + 2 P2) / 3 + {mix} greedy-oracle pick \
         (resources/weights/summary_trees.tsv; used where concept coverage does not count); the \
         tree count, lambda, redundancy and coverage by ROUGE-1 + ROUGE-2 F1 at 230 words on the \
         first {nval} validation stories (with bigram_lambda {bigram}, chosen on all 5622 \
         validation stories by tune_summary, session 10): crates/eval/examples/train_summary.rs \
         (bench/train_summary.sh); the concept settings (concept_*) as compiled in before, \
         chosen on duc2006-dev D0601-D0630 and the first 1000 validation stories by \
         crates/eval/examples/tune_summary.rs (docs/BENCHMARKS.md, issue 14)"
    );
    if let Some(path) = trees_file {
        let header = format!(
            "# Boosted trees added to the summary's linear sentence score \
             (crates/story/src/summary/trees.rs).\n\
             # Made by: bash bench/train_summary.sh ({} train stories, {rounds} rounds, depth {depth}, \
             oracle share of the label {mix}, {nval} validation stories): {kept_trees} trees.\n",
            src.len()
        );
        std::fs::write(path, header + &model.trees.to_tsv())?;
    }
    println!("{}", serde_json::to_string_pretty(&model)?);
    Ok(())
}
