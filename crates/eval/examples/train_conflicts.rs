//! Fit the same-attribute pair model of the conflict finder on Multi-News train and set its
//! threshold on other train stories; write `resources/en/agreement/same-attribute.tsv`.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example train_conflicts -- \
//!     ../shared/data/multi-news-train [TRAIN_STORIES] [ALARM_PCT] [TRAIN_GEN] [FEATURES] \
//!     > resources/en/agreement/same-attribute.tsv
//! ```
//!
//! FEATURES is `words` (the default: the paraphrase features, read from static word vectors,
//! are left out) or `paraphrases` (every feature).
//!
//! TRAIN_GEN names the injection generators whose injections give the positive rows:
//! `original` (the default), `restated`, or `both` (each generator's positives weigh half).
//! The figures printed at the end are for both generators on the tuning stories, so a model
//! fitted on one generator is scored on the other's injections too.
//!
//! Rows: the pairs the model judges (`agreement::pair_rows`: values of two documents of a
//! story that contradict as values, whose surroundings share something, and that no
//! document's other values settle), with the model's features. Positives: in a story where
//! an injection generator (seed 1) changed one value, the pairs of the changed value with a
//! value of another document that gave the old value. Negatives: the pairs of the untouched
//! stories (nearly all are different attributes: outlets rarely contradict each other). The
//! model is boosted regression trees (depth 2, 300 rounds, on the logistic loss), each story
//! weighing the same within its class (and generator), both classes the same in total,
//! fitted on the first TRAIN_STORIES train stories (default 20,000). Then, on the next
//! [`TUNE`] train stories (never fitted on; validation and train stories 30,001-35,000 stay
//! unseen): the number of judged pairs up to which the threshold holds (the 99th percentile
//! of those stories; bigger stories need a margin of ln(pairs / that number)), and the
//! threshold, the lowest score at which at most ALARM_PCT percent (default 4.0) of the
//! untouched stories have a pair above it. Deterministic: same data, same file.

use std::path::Path;

use rayon::prelude::*;
use triangulate_eval::inject::Generator;
use triangulate_eval::summary::{read_text, story_documents};
use triangulate_readers::multinews::story_lines;
use triangulate_story::agreement::{pair_feature_names, pair_paraphrase_features, pair_rows};

/// Injection seed (the benchmark's default).
const SEED: u64 = 1;

/// Train stories after the fitted ones on which the threshold is set.
const TUNE: usize = 5_000;

/// The generators, in the order of [`Injected::generator`].
const GENERATORS: [(Generator, &str); 2] = [
    (Generator::Original, "original"),
    (Generator::Restated, "restated"),
];

/// One generator's injection into a story and its positive rows.
struct Injected {
    /// Index into [`GENERATORS`].
    generator: usize,
    positives: Vec<Vec<f32>>,
    /// What was injected ("day", "year", "number", "age", "words").
    kind: String,
    /// Judged pairs of the injected story (the threshold rises with it).
    pairs: usize,
}

/// One story's rows: the untouched story's (negatives) and each generator's injection.
struct StoryRows {
    negatives: Vec<Vec<f32>>,
    /// Judged pairs of the untouched story.
    pairs: usize,
    injected: Vec<Injected>,
}

/// `old` occurs in `text` as a whole number (not inside a longer one).
fn has_number(text: &str, old: &str) -> bool {
    let t = text.to_lowercase();
    let old = old.to_lowercase();
    t.match_indices(&old).any(|(i, _)| {
        let before = t[..i].chars().next_back();
        let after = t[i + old.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == ',')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

fn story_rows(generators: &[usize], i: usize, line: &str) -> StoryRows {
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
    let pairs = negatives.len();
    let injected = generators
        .iter()
        .filter_map(|&g| {
            let (changed, inj) = GENERATORS[g].0.inject(docs.clone(), SEED, i)?;
            let texts: Vec<String> = changed.iter().map(|d| d.text.clone()).collect();
            let analyzed: Vec<_> = changed
                .into_iter()
                .map(triangulate_story::analyze_document)
                .collect();
            let d = inj.document as usize;
            let spans: Vec<(usize, usize)> = std::iter::once((inj.start, inj.end))
                .chain(inj.also.iter().copied())
                .collect();
            let hits =
                |x: (usize, usize, usize)| x.0 == d && spans.iter().any(|s| x.1 < s.1 && s.0 < x.2);
            let gave_old =
                |x: (usize, usize, usize)| x.0 != d && has_number(&texts[x.0][x.1..x.2], &inj.old);
            let rows = pair_rows(&analyzed);
            let pairs = rows.len();
            let positives = rows
                .into_iter()
                .filter(|r| (hits(r.a) && gave_old(r.b)) || (hits(r.b) && gave_old(r.a)))
                .map(|r| r.features)
                .collect();
            Some(Injected {
                generator: g,
                positives,
                kind: inj.kind,
                pairs,
            })
        })
        .collect();
    StoryRows {
        negatives,
        pairs,
        injected,
    }
}

fn rows_of(path: &Path, skip: usize, limit: usize, generators: &[usize]) -> Vec<StoryRows> {
    let src = read_text(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines: Vec<(usize, &str)> = story_lines(&src)
        .enumerate()
        .skip(skip)
        .take(limit)
        .collect();
    lines
        .par_iter()
        .map(|&(i, l)| story_rows(generators, i, l))
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
/// Percentile of the tuning stories' numbers of judged pairs up to which the threshold
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
/// pairs is one false alarm at most, as is a found injection) and generator, each generator
/// the same among the positives, and both classes the same in total (mean row weight 1).
fn fit<'a>(stories: &'a [StoryRows], d: usize, p: Params, skip: &[bool]) -> Forest {
    let mut rows: Vec<&'a Vec<f32>> = Vec::new();
    let mut y: Vec<f64> = Vec::new();
    let mut w: Vec<f64> = Vec::new();
    let mut add = |label: f64, groups: Vec<&'a Vec<Vec<f32>>>, share: f64| {
        for g in &groups {
            for x in g.iter() {
                rows.push(x);
                y.push(label);
                w.push(share / (g.len() as f64 * groups.len() as f64));
            }
        }
    };
    let used: Vec<usize> = (0..GENERATORS.len())
        .filter(|&g| {
            stories
                .iter()
                .flat_map(|s| &s.injected)
                .any(|j| j.generator == g)
        })
        .collect();
    for &g in &used {
        let groups: Vec<&Vec<Vec<f32>>> = stories
            .iter()
            .flat_map(|s| &s.injected)
            .filter(|j| j.generator == g && !j.positives.is_empty())
            .map(|j| &j.positives)
            .collect();
        add(1.0, groups, 1.0 / used.len() as f64);
    }
    let groups: Vec<&Vec<Vec<f32>>> = stories
        .iter()
        .map(|s| &s.negatives)
        .filter(|g| !g.is_empty())
        .collect();
    add(0.0, groups, 1.0);
    let n = rows.len() as f64;
    for x in &mut w {
        *x *= n / 2.0;
    }
    let mut cuts = cut_points(&rows, d);
    // A feature left out is never split on.
    for (c, _) in cuts.iter_mut().zip(skip).filter(|(_, &s)| s) {
        c.clear();
    }
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

/// Per story: the highest score of the untouched story's pairs less the margin the story's
/// number of pairs asks for; per injection of generator `g`, the same over its positive
/// pairs.
fn story_scores(stories: &[StoryRows], w: &Forest, k0: f64, g: usize) -> (Vec<f64>, Vec<f64>) {
    let max = |rows: &[Vec<f32>], k: usize| {
        rows.iter()
            .map(|x| w.score(x))
            .fold(f64::NEG_INFINITY, f64::max)
            - required(k, k0)
    };
    let untouched = stories.iter().map(|s| max(&s.negatives, s.pairs)).collect();
    let injected = stories
        .iter()
        .flat_map(|s| &s.injected)
        .filter(|j| j.generator == g)
        .map(|j| max(&j.positives, j.pairs))
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
    let train_gen = args.get(3).map_or("original", String::as_str);
    let fitted: Vec<usize> = match train_gen {
        "both" => vec![0, 1],
        g => match GENERATORS.iter().position(|x| x.1 == g) {
            Some(k) => vec![k],
            None => panic!("unknown generator {g:?} (original, restated or both)"),
        },
    };
    // The paraphrase features (static word vectors) are left out unless asked for.
    let paraphrases = match args.get(4).map(String::as_str) {
        None | Some("words") => false,
        Some("paraphrases") => true,
        Some(x) => panic!("unknown feature set {x:?} (words or paraphrases)"),
    };
    eprintln!("train generator {train_gen}, paraphrase features {paraphrases}");
    let names = pair_feature_names();
    let d = names.len();
    let skip: Vec<bool> = names
        .iter()
        .map(|n| !paraphrases && pair_paraphrase_features().contains(n))
        .collect();

    let train_src = dir.join("train.src.gz");
    let train = rows_of(&train_src, 0, n_train, &fitted);
    let count = |f: &dyn Fn(&StoryRows) -> usize| train.iter().map(f).sum::<usize>();
    let (pos, neg) = (
        count(&|s| s.injected.iter().map(|j| j.positives.len()).sum()),
        count(&|s| s.negatives.len()),
    );
    let injected = count(&|s| s.injected.len());
    eprintln!(
        "train: {} stories, {injected} injections, {pos} positive and {neg} negative pairs",
        train.len()
    );
    let tune = rows_of(&train_src, n_train, TUNE, &[0, 1]);
    // The number of judged pairs up to which the threshold is set: most tuning stories have
    // no more. Bigger stories need a larger margin (see `required`).
    let mut ks: Vec<usize> = tune.iter().map(|s| s.pairs).collect();
    ks.sort_unstable();
    let k0 = ks[ks.len() * PAIRS_PERCENTILE / 100].max(1) as f64;
    let w = fit(&train, d, PARAMS, &skip);

    let (mut untouched, _) = story_scores(&tune, &w, k0, 0);
    untouched.sort_by(|a, b| b.total_cmp(a));
    // The lowest threshold with at most alarm_pct % of untouched stories above it.
    let at = |a: f64| {
        let k = ((a / 100.0) * tune.len() as f64).floor() as usize;
        untouched
            .get(k)
            .copied()
            .filter(|t| t.is_finite())
            .unwrap_or(0.0)
            + 1e-4
    };
    let threshold = at(alarm_pct);
    let found = |scores: &[f64], t: f64| scores.iter().filter(|&&s| s >= t).count();
    let alarms = found(&untouched, threshold);
    let mut summary = Vec::new();
    for (g, (_, name)) in GENERATORS.iter().enumerate() {
        let (_, scores) = story_scores(&tune, &w, k0, g);
        let reachable = scores.iter().filter(|s| s.is_finite()).count();
        for a in [2.5, 3.0, 3.5, 4.0, 4.5, 5.0] {
            eprintln!(
                "  tuning {name} at {a}% of untouched stories (threshold {:.4}): {:.1}% of {} injections (a candidate pair in {:.1}%)",
                at(a),
                pct(found(&scores, at(a)), scores.len()),
                scores.len(),
                pct(reachable, scores.len())
            );
        }
        let mut kinds: Vec<&str> = tune
            .iter()
            .flat_map(|s| &s.injected)
            .filter(|j| j.generator == g)
            .map(|j| j.kind.as_str())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            let of: Vec<(&Injected, usize)> = tune
                .iter()
                .flat_map(|s| &s.injected)
                .filter(|j| j.generator == g && j.kind == kind)
                .map(|j| (j, j.pairs))
                .collect();
            let reach = of.iter().filter(|(j, _)| !j.positives.is_empty()).count();
            let hit = of
                .iter()
                .filter(|(j, k)| {
                    j.positives
                        .iter()
                        .any(|x| w.score(x) - required(*k, k0) >= threshold)
                })
                .count();
            eprintln!(
                "  tuning {name} {kind}: {} injected, {reach} with a candidate pair, {hit} found",
                of.len()
            );
        }
        let (_, tr) = story_scores(&train, &w, k0, g);
        summary.push(format!(
            "{name} {:.1}% of {} (train {:.1}%)",
            pct(found(&scores, threshold), scores.len()),
            scores.len(),
            pct(found(&tr, threshold), tr.len())
        ));
    }
    eprintln!(
        "tuning: {} stories, threshold {threshold:.4}: {:.1}% of untouched stories with a pair above; found: {}",
        tune.len(),
        pct(alarms, tune.len()),
        summary.join(", ")
    );
    println!("# Same-attribute pair model (crates/story/src/agreement/pair_model.rs).");
    println!("# Made by: cargo run --release -p triangulate-eval --example train_conflicts -- \\");
    println!(
        "#   {} {n_train} {alarm_pct} {train_gen}{} > resources/en/agreement/same-attribute.tsv",
        dir.display(),
        if paraphrases { " paraphrases" } else { "" }
    );
    println!(
        "# Train: {} stories ({train_gen}), {pos} positive / {neg} negative pairs. Threshold on train stories {}-{}: {:.1}% untouched with a pair above it; injections with one: {}.",
        train.len(),
        n_train + 1,
        n_train + tune.len(),
        pct(alarms, tune.len()),
        summary.join(", ")
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
