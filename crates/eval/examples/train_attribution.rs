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
//! Every annotation file of an article is one training sequence. Deterministic.

use rayon::prelude::*;
use std::path::Path;
use triangulate_attribution::model;
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
    let data: Vec<(Vec<Vec<u64>>, Vec<u8>)> = articles
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
        .collect();
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
