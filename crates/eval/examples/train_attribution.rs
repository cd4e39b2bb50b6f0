//! Learn the attribution tagger's weights from PolNeAR train.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example train_attribution -- \
//!     ../shared/data/polnear-train resources/weights/attribution.bin [EPOCHS] [MIN_COUNT]
//! ```
//! The weights are written in the compact binary form of `model::Weights::to_bin`
//! (compiled in by `crates/attribution/src/model.rs`); an output path ending in `.json`
//! writes the same weights as JSON instead, for inspection.
//! Step 1 (cue word list, a feature of the tagger; rebuild afterwards):
//! ```sh
//! cargo run --release -p triangulate-eval --example train_attribution -- \
//!     ../shared/data/polnear-train resources/en/attribution/cues-learned.txt
//! ```
//! Step 3 (content boundary ranker, trained on the output of the compiled-in tagger and
//! relation rules, so after step 2 and a rebuild):
//! ```sh
//! cargo run --release -p triangulate-eval --example train_attribution -- \
//!     ../shared/data/polnear-train resources/en/attribution/bounds.tsv [EPOCHS]
//! ```
//! Every annotation file of an article is one training sequence. Deterministic.
//! Diagnostic: `... train_attribution -- DIR --raw` scores the compiled-in tagger's own
//! spans (tag runs, before relation assembly and the content rules) on DIR.

use rayon::prelude::*;
use std::path::Path;
use triangulate_attribution::{bounds, model};
use triangulate_core::{DocId, Document};
use triangulate_eval::polnear;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .map(String::as_str)
        .unwrap_or("../shared/data/polnear-train");
    let out = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("resources/weights/attribution.bin");
    let epochs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let articles = polnear::load_dir(Path::new(dir))?;
    eprintln!("{} articles", articles.len());
    if out.ends_with(".txt") {
        return write_cues(&articles, out);
    }
    if out.ends_with(".tsv") {
        let epochs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
        let min_count: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
        return write_bounds(&articles, out, epochs, min_count);
    }
    if out == "--raw" {
        return raw_scores(&articles);
    }
    let data = tagger_data(&articles.iter().collect::<Vec<_>>());
    eprintln!("{} sequences; training {epochs} epochs", data.len());
    let min_count: u32 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    let w = model::train(&data, epochs, min_count);
    eprintln!("{} features kept", w.features.len());
    if out.ends_with(".json") {
        std::fs::write(out, serde_json::to_string(&w)?)?;
    } else {
        std::fs::write(out, w.to_bin()?)?;
    }
    eprintln!("wrote {out}");
    Ok(())
}

/// Tagger training sequences: one per annotation file of every article.
fn tagger_data(articles: &[&polnear::Article]) -> Vec<(Vec<Vec<u64>>, Vec<u8>)> {
    articles
        .par_iter()
        .flat_map_iter(|a| {
            let doc = Document::new(DocId(0), a.name.clone(), a.text.clone());
            let ta = triangulate_text::analyze(&doc);
            let feats = model::features(&doc.text, &ta);
            a.annotations
                .iter()
                .map(|ann| {
                    let mut spans = Vec::new();
                    for (k, list) in [&ann.sources, &ann.cues, &ann.contents].iter().enumerate() {
                        for frs in list.iter() {
                            spans.push((k, frs.clone()));
                        }
                    }
                    (feats.clone(), model::encode_tags(&ta, &spans))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Words that are part of a gold cue at least 3 times and in at least 15% of their uses.
fn write_cues(articles: &[polnear::Article], out: &str) -> Result<(), Box<dyn std::error::Error>> {
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for a in articles {
        let doc = Document::new(DocId(0), a.name.clone(), a.text.clone());
        let ta = triangulate_text::analyze(&doc);
        let ann = &a.annotations[0];
        let spans: Vec<(usize, Vec<(usize, usize)>)> =
            ann.cues.iter().map(|f| (1, f.clone())).collect();
        let tags = model::encode_tags(&ta, &spans);
        for (i, t) in ta.tokens.iter().enumerate() {
            if t.kind != triangulate_text::TokenKind::Word {
                continue;
            }
            let e = seen.entry(ta.norm_of(i).to_string()).or_default();
            e.1 += 1;
            if tags[i] != 0 {
                e.0 += 1;
            }
        }
    }
    let mut s = String::from(
        "# Cue words learned from PolNeAR train: part of an annotated cue at least 3 times and in\n\
         # at least 15% of their uses. Generated; do not edit. Reproduce with\n\
         # cargo run --release -p triangulate-eval --example train_attribution -- \\\n\
         #     ../shared/data/polnear-train resources/en/attribution/cues-learned.txt\n\
         # EXAMPLE: Critics likened the plan to a tax on the poor.\n",
    );
    for (w, (c, n)) in &seen {
        if *c >= 3 && *c as f64 >= 0.15 * *n as f64 && !w.contains(char::is_whitespace) {
            s.push_str(w);
            s.push('\n');
        }
    }
    std::fs::write(out, s)?;
    eprintln!("wrote {out}");
    Ok(())
}

/// Exact and overlap F1 of the tagger's raw tag runs, per span kind.
fn raw_scores(articles: &[polnear::Article]) -> Result<(), Box<dyn std::error::Error>> {
    let m = model::Model::get();
    let report = polnear::evaluate(articles, |a| {
        let doc = Document::new(DocId(0), a.name.clone(), a.text.clone());
        let ta = triangulate_text::analyze(&doc);
        let tags = m.tag(&model::features(&doc.text, &ta));
        let mut out: polnear::Predicted = Default::default();
        let mut i = 0;
        while i < tags.len() {
            let Some(k) = model::kind_of(tags[i]) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < tags.len() && !model::begins(tags[j]) && model::kind_of(tags[j]) == Some(k) {
                j += 1;
            }
            let (s, e) = (ta.tokens[i].start as usize, ta.tokens[j - 1].end as usize);
            out[k].push(vec![(s, e)]);
            i = j;
        }
        out
    });
    for (k, name) in ["source", "cue", "content"].iter().enumerate() {
        let (e, o) = (report.counts[k].exact_prf(), report.counts[k].overlap_prf());
        println!(
            "raw {name:<8} exact P {:.1} R {:.1} F {:.1}   overlap F {:.1}",
            e.p, e.r, e.f, o.f
        );
    }
    Ok(())
}

/// One ranking example: candidates (features) and the index of the gold one.
type RankItem = (Vec<Vec<String>>, usize);

/// Train the content boundary ranker (`triangulate_attribution::bounds`): for every one-part
/// content the pipeline finds on the training data, the gold content overlapping it most
/// (any annotator, one fragment) gives the right start and end among the candidates; an
/// averaged perceptron learns to rank them. Writes `weight<TAB>feature` lines, sorted.
fn write_bounds(
    articles: &[polnear::Article],
    out: &str,
    epochs: usize,
    min_count: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::collections::BTreeMap;
    // Two folds: each half's contents come from a tagger trained on the other half (the
    // same command as step 2), so the ranker sees tagger errors as on unseen text.
    let mut taggers = Vec::new();
    for fold in 0..2 {
        let rest: Vec<&polnear::Article> = articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 != fold)
            .map(|(_, a)| a)
            .collect();
        let w = model::train(&tagger_data(&rest), 60, 5);
        eprintln!("fold {fold}: tagger with {} features", w.features.len());
        taggers.push(model::Model::from_weights(&w)?);
    }
    let per: Vec<(Vec<RankItem>, [usize; 3])> = articles
        .par_iter()
        .enumerate()
        .map(|(ai, a)| {
            let doc = Document::new(DocId(0), a.name.clone(), a.text.clone());
            let ta = triangulate_text::analyze(&doc);
            let n = ta.tokens.len();
            let tok_range = |s: usize, e: usize| {
                let i = ta.tokens.partition_point(|t| (t.end as usize) <= s);
                let j = ta.tokens.partition_point(|t| (t.start as usize) < e);
                (i < j && j <= n).then_some((i, j))
            };
            let gold: Vec<(usize, usize)> = a
                .annotations
                .iter()
                .flat_map(|ann| ann.contents.iter())
                .filter(|f| f.len() == 1)
                .filter_map(|f| tok_range(f[0].0, f[0].1))
                .collect();
            // Every gold content (all fragments) as its covering token range.
            let any_gold: Vec<(usize, usize)> = a
                .annotations
                .iter()
                .flat_map(|ann| ann.contents.iter())
                .filter_map(|f| tok_range(f.first()?.0, f.last()?.1))
                .collect();
            let mut items = Vec::new();
            let mut stats = [0usize; 3];
            for (c, (a0, b0)) in
                triangulate_attribution::boundary_candidates(&doc, &ta, &taggers[ai % 2])
            {
                let best = gold
                    .iter()
                    .filter(|g| g.0 < b0 && a0 < g.1)
                    .max_by_key(|g| (g.1.min(b0) - g.0.max(a0), std::cmp::Reverse(g.0)));
                let Some(&(gs, ge)) = best else {
                    if any_gold.iter().any(|g| g.0 < b0 && a0 < g.1) {
                        continue;
                    }
                    // No gold content here: "no content" is the right end.
                    let none = c.ends.iter().position(|(p, _)| *p == bounds::NONE);
                    if let Some(i) = none {
                        items.push((c.ends.iter().map(|(_, f)| f.names.clone()).collect(), i));
                    }
                    continue;
                };
                stats[0] += 1;
                for (list, g, k) in [(&c.starts, gs, 1), (&c.ends, ge, 2)] {
                    if let Some(i) = list.iter().position(|(p, _)| *p == g) {
                        stats[k] += 1;
                        items.push((list.iter().map(|(_, f)| f.names.clone()).collect(), i));
                    }
                }
            }
            (items, stats)
        })
        .collect();
    let mut items: Vec<RankItem> = Vec::new();
    let mut stats = [0usize; 3];
    for (it, st) in per {
        items.extend(it);
        for k in 0..3 {
            stats[k] += st[k];
        }
    }
    eprintln!(
        "{} contents overlapping gold; gold start among candidates {}, gold end {}",
        stats[0], stats[1], stats[2]
    );
    // Feature strings to indexes, in sorted order (deterministic).
    // Features seen in fewer than `min_count` items are left out.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (cands, _) in &items {
        let mut fs: Vec<&str> = cands.iter().flatten().map(String::as_str).collect();
        fs.sort_unstable();
        fs.dedup();
        for f in fs {
            *seen.entry(f).or_default() += 1;
        }
    }
    let index: BTreeMap<&str, usize> = seen
        .into_iter()
        .filter(|&(_, k)| k >= min_count)
        .enumerate()
        .map(|(i, (f, _))| (f, i))
        .collect();
    let items_ix: Vec<(Vec<Vec<usize>>, usize)> = items
        .iter()
        .map(|(cands, g)| {
            (
                cands
                    .iter()
                    .map(|fs| {
                        fs.iter()
                            .filter_map(|f| index.get(f.as_str()).copied())
                            .collect()
                    })
                    .collect(),
                *g,
            )
        })
        .collect();
    let nf = index.len();
    let (mut w, mut wa) = (vec![0f64; nf], vec![0f64; nf]);
    let mut c = 1.0f64;
    let mut order: Vec<usize> = (0..items_ix.len()).collect();
    let mut rng = model::SHUFFLE_SEED;
    for _ in 0..epochs {
        model::shuffle(&mut order, &mut rng);
        for &k in &order {
            let (cands, g) = &items_ix[k];
            let score = |fs: &Vec<usize>| fs.iter().map(|&j| w[j]).sum::<f64>();
            let mut best = 0;
            let mut bs = score(&cands[0]);
            for (i, fs) in cands.iter().enumerate().skip(1) {
                let s = score(fs);
                if s > bs {
                    best = i;
                    bs = s;
                }
            }
            if best != *g {
                for &j in &cands[*g] {
                    w[j] += 1.0;
                    wa[j] += c;
                }
                for &j in &cands[best] {
                    w[j] -= 1.0;
                    wa[j] -= c;
                }
            }
            c += 1.0;
        }
    }
    let mut s = String::from(
        "# Content boundary ranker (crates/attribution/src/bounds.rs): weight<TAB>feature.\n\
         # Generated from PolNeAR train; do not edit. Reproduce with\n\
         # cargo run --release -p triangulate-eval --example train_attribution -- \\\n\
         #     ../shared/data/polnear-train resources/en/attribution/bounds.tsv\n",
    );
    let mut kept = 0;
    for (f, &j) in &index {
        let v = ((w[j] - wa[j] / c) * 1000.0).round() / 1000.0;
        if v != 0.0 {
            kept += 1;
            s.push_str(&format!("{v}\t{f}\n"));
        }
    }
    std::fs::write(out, s)?;
    eprintln!(
        "{} ranking items, {kept} features; wrote {out}",
        items_ix.len()
    );
    Ok(())
}
