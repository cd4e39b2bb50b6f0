//! Fit the same-attribute pair model of the conflict finder on Multi-News train and set its
//! threshold on Multi-News validation; write `resources/en/agreement/same-attribute.tsv`.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example train_conflicts -- \
//!     ../shared/data/multi-news-train [TRAIN_STORIES] [ALARM_PCT] [TRAIN_GEN] [VAL_GEN] \
//!     > resources/en/agreement/same-attribute.tsv
//! ```
//!
//! TRAIN_GEN and VAL_GEN name the injection generators (`original`, the default, or
//! `restated`) of the train rows and of the validation figures, so a model fitted on one
//! generator can be scored on the other's injections (TRAIN_GEN `both`: the original
//! generator's rows and the restated generator's positives):
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example train_conflicts -- \
//!     ../shared/data/multi-news-train 20000 4.0 original restated > /tmp/model.tsv
//! ```
//!
//! Rows: the pairs the model judges (`agreement::pair_rows`: values of two documents of a
//! story that contradict as values, whose surroundings share something, and that no
//! document's other values settle), with the model's features. Positives: in a story where
//! the injection generator (`triangulate_eval::inject`, seed 1) changed one value, the pairs
//! of the changed value with a value of another document that gave the old value. Negatives:
//! the pairs of the untouched stories (nearly all are different attributes: outlets rarely
//! contradict each other). The model is boosted regression trees (depth 2, 300 rounds, on
//! the logistic loss), each story weighing the same within its class, both classes the same
//! in total, fitted on the first TRAIN_STORIES train stories (default 20,000). Then, on the
//! validation split: the number of judged pairs up to which the threshold holds (the 99th
//! percentile of its stories; bigger stories need a margin of ln(pairs / that number)), and
//! the threshold, the lowest score at which at most ALARM_PCT percent (default 4.0) of the
//! untouched stories have a pair above it. Deterministic: same data, same file (about 70 s
//! on two cores).

use std::path::Path;

use rayon::prelude::*;
use triangulate_eval::inject::Generator;
use triangulate_eval::summary::{read_text, story_documents};
use triangulate_readers::multinews::story_lines;
use triangulate_story::agreement::{pair_feature_names, pair_rows};

/// Injection seed (the benchmark's default).
const SEED: u64 = 1;

/// One story's rows: the untouched story's (negatives) and the injected pairs (positives).
struct StoryRows {
    negatives: Vec<Vec<f32>>,
    positives: Vec<Vec<f32>>,
    injected: bool,
    /// What was injected: "day", "year" or "number".
    kind: String,
    /// Judged pairs of the untouched and of the injected story (the threshold rises with it).
    pairs: (usize, usize),
}

/// `old` occurs in `text` as a whole number (not inside a longer one).
fn has_number(text: &str, old: &str) -> bool {
    let t = text.to_lowercase();
    t.match_indices(old).any(|(i, _)| {
        let before = t[..i].chars().next_back();
        let after = t[i + old.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

fn story_rows(generator: Generator, i: usize, line: &str) -> StoryRows {
    let docs = story_documents(&format!("line{}", i + 1), line);
    let analyzed: Vec<_> = docs
        .iter()
        .cloned()
        .map(triangulate_story::analyze_document)
        .collect();
    let negatives: Vec<Vec<f32>> = pair_rows(&analyzed)
        .into_iter()
        .map(|r| r.features)
        .collect();
    let k = negatives.len();
    let Some((changed, inj)) = generator.inject(docs, SEED, i) else {
        return StoryRows {
            negatives,
            positives: Vec::new(),
            injected: false,
            kind: String::new(),
            pairs: (k, 0),
        };
    };
    let texts: Vec<String> = changed.iter().map(|d| d.text.clone()).collect();
    let analyzed: Vec<_> = changed
        .into_iter()
        .map(triangulate_story::analyze_document)
        .collect();
    let d = inj.document as usize;
    let spans: Vec<(usize, usize)> = std::iter::once((inj.start, inj.end))
        .chain(inj.also.iter().copied())
        .collect();
    let hits = |x: (usize, usize, usize)| x.0 == d && spans.iter().any(|s| x.1 < s.1 && s.0 < x.2);
    let gave_old =
        |x: (usize, usize, usize)| x.0 != d && has_number(&texts[x.0][x.1..x.2], &inj.old);
    let rows = pair_rows(&analyzed);
    let pairs = (k, rows.len());
    let positives = rows
        .into_iter()
        .filter(|r| (hits(r.a) && gave_old(r.b)) || (hits(r.b) && gave_old(r.a)))
        .map(|r| r.features)
        .collect();
    StoryRows {
        negatives,
        positives,
        injected: true,
        kind: inj.kind,
        pairs,
    }
}

fn rows_of(path: &Path, limit: usize, generator: Generator) -> Vec<StoryRows> {
    let src = read_text(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines: Vec<&str> = story_lines(&src).take(limit).collect();
    lines
        .par_iter()
        .enumerate()
        .map(|(i, l)| story_rows(generator, i, l))
        .collect()
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Boosting rounds, tree depth and least hessian in a leaf.
#[derive(Debug, Clone, Copy)]
struct Params {
    rounds: usize,
    depth: usize,
    min_hess: f64,
}
/// The parameters used.
const PARAMS: Params = Params {
    rounds: 300,
    depth: 2,
    min_hess: 20.0,
};
/// Percentile of the validation stories' numbers of judged pairs up to which the threshold
/// is set.
const PAIRS_PERCENTILE: usize = 99;
/// Shrinkage and leaf L2 penalty.
const SHRINK: f64 = 0.1;
const LAMBDA: f64 = 1.0;
/// Most split points tried per feature.
const BINS: usize = 32;

/// A node of a regression tree: a split (`x[feature] <= threshold` goes left) or a leaf.
#[derive(Debug, Clone)]
enum Node {
    Split {
        feature: usize,
        threshold: f32,
        left: usize,
        right: usize,
    },
    Leaf(f64),
}

/// Gradient-boosted trees on the logistic loss.
struct Forest {
    base: f64,
    trees: Vec<Vec<Node>>,
}

impl Forest {
    fn score(&self, x: &[f32]) -> f64 {
        self.base + self.trees.iter().map(|t| tree_score(t, x)).sum::<f64>()
    }
}

/// The leaf value a tree gives `x`.
fn tree_score(tree: &[Node], x: &[f32]) -> f64 {
    let mut k = 0;
    loop {
        match &tree[k] {
            Node::Leaf(v) => return *v,
            Node::Split {
                feature,
                threshold,
                left,
                right,
            } => {
                k = if x[*feature] <= *threshold {
                    *left
                } else {
                    *right
                }
            }
        }
    }
}

/// Candidate split points of each feature: midpoints between (quantiles of) its values.
fn cut_points(rows: &[&Vec<f32>], d: usize) -> Vec<Vec<f32>> {
    (0..d)
        .map(|f| {
            let mut v: Vec<f32> = rows.iter().map(|x| x[f]).collect();
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

fn grow(
    rows: &[&Vec<f32>],
    idx: Vec<usize>,
    g: &[f64],
    h: &[f64],
    cuts: &[Vec<f32>],
    (depth, p): (usize, Params),
    tree: &mut Vec<Node>,
) -> usize {
    let me = tree.len();
    tree.push(Node::Leaf(0.0));
    let (gs, hs): (f64, f64) = idx
        .iter()
        .fold((0.0, 0.0), |a, &i| (a.0 + g[i], a.1 + h[i]));
    let leaf = -gs / (hs + LAMBDA) * SHRINK;
    if depth == p.depth || hs < 2.0 * p.min_hess {
        tree[me] = Node::Leaf(leaf);
        return me;
    }
    let parent = gs * gs / (hs + LAMBDA);
    // Best (gain, feature, cut) over every feature, in parallel; ties go to the lower
    // feature and cut, so the result does not depend on the threads.
    let best = (0..cuts.len())
        .into_par_iter()
        .filter_map(|f| {
            let c = &cuts[f];
            if c.is_empty() {
                return None;
            }
            let mut hg = vec![0.0; c.len() + 1];
            let mut hh = vec![0.0; c.len() + 1];
            for &i in &idx {
                let b = c.partition_point(|t| *t < rows[i][f]);
                hg[b] += g[i];
                hh[b] += h[i];
            }
            let (mut gl, mut hl) = (0.0, 0.0);
            let mut best: Option<(f64, usize, usize)> = None;
            for k in 0..c.len() {
                gl += hg[k];
                hl += hh[k];
                let (gr, hr) = (gs - gl, hs - hl);
                if hl < p.min_hess || hr < p.min_hess {
                    continue;
                }
                let gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - parent;
                if best.is_none_or(|b| gain > b.0) {
                    best = Some((gain, f, k));
                }
            }
            best
        })
        .reduce_with(|a, b| {
            if b.0 > a.0 || (b.0 == a.0 && (b.1, b.2) < (a.1, a.2)) {
                b
            } else {
                a
            }
        });
    let Some((gain, f, k)) = best.filter(|b| b.0 > 1e-6) else {
        tree[me] = Node::Leaf(leaf);
        return me;
    };
    let _ = gain;
    let threshold = cuts[f][k];
    let (l, r): (Vec<usize>, Vec<usize>) = idx.into_iter().partition(|&i| rows[i][f] <= threshold);
    let left = grow(rows, l, g, h, cuts, (depth + 1, p), tree);
    let right = grow(rows, r, g, h, cuts, (depth + 1, p), tree);
    tree[me] = Node::Split {
        feature: f,
        threshold,
        left,
        right,
    };
    me
}

/// Boosted trees. Each story weighs the same within its class (an untouched story with many
/// pairs is one false alarm at most, as is a found injection), and both classes weigh the
/// same in total (mean row weight 1).
fn fit(stories: &[StoryRows], d: usize, p: Params) -> Forest {
    let mut rows: Vec<&Vec<f32>> = Vec::new();
    let mut y: Vec<f64> = Vec::new();
    let mut w: Vec<f64> = Vec::new();
    for (label, pick) in [
        (
            1.0,
            (|s: &StoryRows| &s.positives) as fn(&StoryRows) -> &Vec<Vec<f32>>,
        ),
        (0.0, |s: &StoryRows| &s.negatives),
    ] {
        let groups: Vec<&Vec<Vec<f32>>> =
            stories.iter().map(pick).filter(|g| !g.is_empty()).collect();
        for g in &groups {
            for x in g.iter() {
                rows.push(x);
                y.push(label);
                w.push(1.0 / (g.len() as f64 * groups.len() as f64));
            }
        }
    }
    let n = rows.len() as f64;
    for x in &mut w {
        *x *= n / 2.0;
    }
    let cuts = cut_points(&rows, d);
    let mut forest = Forest {
        base: 0.0,
        trees: Vec::new(),
    };
    let mut f: Vec<f64> = vec![0.0; rows.len()];
    for round in 0..p.rounds {
        let (g, h): (Vec<f64>, Vec<f64>) = (0..rows.len())
            .map(|i| {
                let p = sigmoid(f[i]);
                (w[i] * (p - y[i]), w[i] * (p * (1.0 - p)).max(1e-6))
            })
            .unzip();
        let mut tree = Vec::new();
        grow(
            &rows,
            (0..rows.len()).collect(),
            &g,
            &h,
            &cuts,
            (0, p),
            &mut tree,
        );
        for (i, x) in rows.iter().enumerate() {
            f[i] += tree_score(&tree, x);
        }
        forest.trees.push(tree);
        if round % 50 == 49 {
            let loss: f64 = (0..rows.len())
                .map(|i| {
                    let p = sigmoid(f[i]).clamp(1e-12, 1.0 - 1e-12);
                    -w[i] * if y[i] > 0.5 { p.ln() } else { (1.0 - p).ln() }
                })
                .sum::<f64>()
                / n;
            eprintln!("round {}: loss {loss:.5}", round + 1);
        }
    }
    forest
}

/// The margin a story with `k` judged pairs asks for, when the threshold holds up to `k0`
/// (as `PairModel::required` computes it).
fn required(k: usize, k0: f64) -> f64 {
    (k as f64 / k0).ln().max(0.0)
}

/// Per story: the highest score of the untouched story's pairs, and of the injected pairs,
/// less the margin the story's number of pairs asks for.
fn story_scores(stories: &[StoryRows], w: &Forest, k0: f64) -> (Vec<f64>, Vec<f64>) {
    let max = |rows: &[Vec<f32>], k: usize| {
        rows.iter()
            .map(|x| w.score(x))
            .fold(f64::NEG_INFINITY, f64::max)
            - required(k, k0)
    };
    let untouched = stories
        .iter()
        .map(|s| max(&s.negatives, s.pairs.0))
        .collect();
    let injected = stories
        .iter()
        .filter(|s| s.injected)
        .map(|s| max(&s.positives, s.pairs.1))
        .collect();
    (untouched, injected)
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(
        args.first()
            .map_or("../shared/data/multi-news-train", String::as_str),
    );
    let n_train: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let alarm_pct: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(4.0);
    let generator = |k: usize| -> Generator {
        args.get(k)
            .map_or(Ok(Generator::Original), |s| s.parse())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // TRAIN_GEN `both`: the original generator's rows, and the restated generator's
    // positives (its untouched stories are the same as the original's).
    let both = args.get(3).is_some_and(|s| s == "both");
    let train_gen = if both {
        Generator::Original
    } else {
        generator(3)
    };
    let val_gen = generator(4);
    eprintln!("train generator {train_gen:?} (both: {both}), validation generator {val_gen:?}");
    let names = pair_feature_names();
    let d = names.len();

    let mut train = rows_of(&dir.join("train.src.gz"), n_train, train_gen);
    if both {
        let restated = rows_of(&dir.join("train.src.gz"), n_train, Generator::Restated);
        train.extend(restated.into_iter().filter(|s| s.injected).map(|mut s| {
            s.negatives.clear();
            s
        }));
    }
    let pos: Vec<&Vec<f32>> = train.iter().flat_map(|s| &s.positives).collect();
    let neg: Vec<&Vec<f32>> = train.iter().flat_map(|s| &s.negatives).collect();
    let injected = train.iter().filter(|s| s.injected).count();
    eprintln!(
        "train: {} stories, {injected} injected, {} positive and {} negative pairs",
        train.len(),
        pos.len(),
        neg.len()
    );
    let val = rows_of(&dir.join("val.src.gz"), usize::MAX, val_gen);
    // The number of judged pairs up to which the threshold is set: most validation stories
    // have no more. Bigger stories need a larger margin (see `required`).
    let mut ks: Vec<usize> = val.iter().map(|s| s.pairs.0).collect();
    ks.sort_unstable();
    let k0 = ks[ks.len() * PAIRS_PERCENTILE / 100].max(1) as f64;
    let w = fit(&train, d, PARAMS);

    let (mut untouched, injected_scores) = story_scores(&val, &w, k0);
    untouched.sort_by(|a, b| b.total_cmp(a));
    // The lowest threshold with at most alarm_pct % of untouched stories above it.
    let allowed = ((alarm_pct / 100.0) * val.len() as f64).floor() as usize;
    let threshold = untouched
        .get(allowed)
        .copied()
        .filter(|t| t.is_finite())
        .unwrap_or(0.0)
        + 1e-4;
    let found = |scores: &[f64], t: f64| scores.iter().filter(|&&s| s >= t).count();
    let alarms = found(&untouched, threshold);
    let recall = found(&injected_scores, threshold);
    let reachable = injected_scores.iter().filter(|s| s.is_finite()).count();
    for a in [3.0, 3.5, 4.0, 4.5, 5.0] {
        let k = ((a / 100.0) * val.len() as f64).floor() as usize;
        let t = untouched.get(k).copied().unwrap_or(0.0) + 1e-4;
        eprintln!(
            "  val at {a}% of untouched stories: {:.1}% of injections (a candidate pair in {:.1}%)",
            pct(found(&injected_scores, t), injected_scores.len()),
            pct(reachable, injected_scores.len())
        );
    }
    for kind in ["day", "year", "number"] {
        let of: Vec<&StoryRows> = val
            .iter()
            .filter(|s| s.injected && s.kind == kind)
            .collect();
        let reach = of.iter().filter(|s| !s.positives.is_empty()).count();
        let hit = of
            .iter()
            .filter(|s| {
                s.positives
                    .iter()
                    .any(|x| w.score(x) - required(s.pairs.1, k0) >= threshold)
            })
            .count();
        eprintln!(
            "  val {kind}: {} injected, {reach} with a candidate pair, {hit} found",
            of.len()
        );
    }
    let (tr_untouched, tr_injected) = story_scores(&train, &w, k0);
    eprintln!(
        "val: {} stories, threshold {threshold:.4}: {:.1}% of untouched stories with a pair above, {:.1}% of {} injections with a positive pair above (train: {:.1}% / {:.1}%)",
        val.len(),
        pct(alarms, val.len()),
        pct(recall, injected_scores.len()),
        injected_scores.len(),
        pct(found(&tr_untouched, threshold), train.len()),
        pct(found(&tr_injected, threshold), tr_injected.len()),
    );
    println!("# Same-attribute pair model (crates/story/src/agreement/pair_model.rs).");
    println!("# Made by: cargo run --release -p triangulate-eval --example train_conflicts -- \\");
    println!(
        "#   {} {n_train} {alarm_pct} > resources/en/agreement/same-attribute.tsv",
        dir.display()
    );
    println!(
        "# Train: {} stories, {} positive / {} negative pairs. Validation: {} stories, {:.1}% untouched with a pair above the threshold, {:.1}% of {} injections with one.",
        train.len(),
        pos.len(),
        neg.len(),
        val.len(),
        pct(alarms, val.len()),
        pct(recall, injected_scores.len()),
        injected_scores.len()
    );
    println!("threshold\t{threshold:.6}");
    println!("pairs\t{k0}");
    println!("base\t{:.6}", w.base);
    println!("# node<TAB>tree<TAB>id<TAB>split<TAB>feature<TAB>at most<TAB>left<TAB>right, or ...<TAB>leaf<TAB>value");
    for (t, tree) in w.trees.iter().enumerate() {
        for (k, node) in tree.iter().enumerate() {
            match node {
                Node::Split {
                    feature,
                    threshold,
                    left,
                    right,
                } => println!(
                    "node\t{t}\t{k}\tsplit\t{}\t{threshold:?}\t{left}\t{right}",
                    names[*feature]
                ),
                Node::Leaf(v) => println!("node\t{t}\t{k}\tleaf\t{v:.6}"),
            }
        }
    }
}
