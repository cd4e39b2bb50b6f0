//! Score the stream clusterer under several settings with the features computed once
//! (tuning runs; `triangulate eval cluster` is the figure of record).
//!
//! cargo run --release -p triangulate-eval --example cluster_tune -- 'SETTINGS;SETTINGS;...' DATA...
//!
//! SETTINGS: `name=value,name=value` (the names of `Params::set`; empty: the defaults).
//! DATA: a `docs/` + `gold.tsv` directory, or a Multi-News source file (`.src` or `.src.gz`,
//! shuffled with seed 1). Prints one line per data set and setting: B³ P / R / F1, the F1
//! with exact copies of furniture pages in one story (`--strict-copies`), and the seconds of
//! the clustering (arrival order and assignment, one thread; features excluded).
//!
//! `CLUSTER_TUNE_MODEL=FILE`: the join decision's weights from FILE (the format of
//! `resources/weights/cluster_join.txt`, as `train_cluster_join` writes it) instead of the
//! compiled-in ones.
//!
//! `CLUSTER_TUNE_DATES=FILE`: each dated document's name, gold story, publication date,
//! where the date came from (`DateBasis`) and the date marker's words, if any (the date
//! study of session 13).

use std::path::Path;

use rayon::prelude::*;
use std::collections::HashMap;
use triangulate_core::BoilerplateKind;
use triangulate_eval::cluster::{assign_with, read_dir, read_multinews, score};
use triangulate_stream::{arrival_order, features, Clusterer, Features, JoinModel, Params};

/// The clusterer of a setting: with the model of `CLUSTER_TUNE_MODEL` when given.
fn clusterer(p: Params, model: Option<&JoinModel>) -> Clusterer {
    match model {
        Some(m) if p.model > 0.0 => Clusterer::with_model(p, m.clone()),
        _ => Clusterer::with_params(p),
    }
}

/// Print, for each document in arrival order, its gold story, the candidates' gold
/// stories (the first document's of each) and pair features, and where it went.
fn trace(feats: &[Features], gold: &[&str], p: Params, model: Option<&JoinModel>, all: bool) {
    let mut c = clusterer(p, model);
    let jm = model.or(JoinModel::get());
    let mut story_gold: HashMap<u64, String> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for i in arrival_order(feats) {
        let f = &feats[i];
        if !seen.insert(f.content_key()) {
            continue;
        }
        let pairs = c.training_pairs(f).unwrap_or_default();
        let a = c.assign(f);
        story_gold
            .entry(a.story)
            .or_insert_with(|| gold[i].to_string());
        let mut line = format!(
            "{}\t{}\t-> {} ({}){}",
            gold[i],
            f.date().map(|d| d.to_string()).unwrap_or_default(),
            a.story,
            story_gold[&a.story],
            if a.near_duplicate_of.is_some() {
                " dup"
            } else {
                ""
            }
        );
        let mut pairs = pairs;
        pairs.sort_by(|x, y| y.1.cosine.total_cmp(&x.1.cosine));
        let shown = if all { pairs.len() } else { 3 };
        for (s, x) in pairs.iter().take(shown) {
            line.push_str(&format!(
                "\t{}:{} c{:.3} n{:.2} dc{:.2} sc{:.2} mx{:.3} mm{:.3} mn{:.3} d{} g{:.2} p{:.3}",
                s,
                story_gold[s],
                x.cosine,
                x.names,
                x.doc_coverage,
                x.story_coverage,
                x.member_max,
                x.member_mean,
                x.member_min,
                x.log_docs.exp().round(),
                x.gap,
                jm.map_or(0.0, |m| m.probability(x))
            ));
        }
        println!("{line}");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: cluster_tune 'SETTINGS;...' DATA...".into());
    }
    let mut settings: Vec<(String, Params)> = Vec::new();
    for s in args[0].split(';') {
        let mut p = Params::default();
        for kv in s.split(',').filter(|kv| !kv.trim().is_empty()) {
            let (k, v) = kv.split_once('=').ok_or("want name=value")?;
            if !p.set(k.trim(), v.trim().parse()?) {
                return Err(format!("unknown setting {k}").into());
            }
        }
        settings.push((s.to_string(), p));
    }
    let model = match std::env::var("CLUSTER_TUNE_MODEL") {
        Ok(file) => Some(
            JoinModel::parse(&std::fs::read_to_string(&file)?)
                .ok_or_else(|| format!("{file}: no weights"))?,
        ),
        Err(_) => None,
    };
    let model = model.as_ref();
    for data in &args[1..] {
        let path = Path::new(data);
        let labeled = if path.is_dir() {
            read_dir(path)?
        } else {
            read_multinews(path, 1)?
        };
        let feats: Vec<Features> = labeled.par_iter().map(|l| features(&l.doc)).collect();
        let gold: Vec<&str> = labeled.iter().map(|l| l.gold.as_str()).collect();
        let dated = feats.iter().filter(|f| f.date().is_some()).count();
        eprintln!("{data}: {} documents, {dated} dated", feats.len());
        if let Ok(out) = std::env::var("CLUSTER_TUNE_DUMP") {
            // Each document's name, gold story, found story (first setting) and date.
            let pred = assign_with(clusterer(settings[0].1, model), &feats, false);
            let mut text = String::new();
            for ((l, f), p) in labeled.iter().zip(&feats).zip(&pred) {
                let date = f.date().map(|d| d.to_string()).unwrap_or_default();
                text.push_str(&format!("{}\t{}\t{p}\t{date}\n", l.doc.name, l.gold));
            }
            std::fs::write(&out, text)?;
        }
        if let Ok(out) = std::env::var("CLUSTER_TUNE_DATES") {
            let mut text = String::new();
            for l in &labeled {
                let Some(p) = l.doc.meta.published else {
                    continue;
                };
                let marker: Vec<&str> = l
                    .doc
                    .boilerplate
                    .iter()
                    .filter(|b| b.kind == BoilerplateKind::DateMarker)
                    .map(|b| l.doc.text[b.span.start as usize..b.span.end as usize].trim())
                    .collect();
                text.push_str(&format!(
                    "{}\t{}\t{}\t{:?}\t{}\n",
                    l.doc.name,
                    l.gold,
                    p.date,
                    p.basis,
                    marker.join(" | ")
                ));
            }
            std::fs::write(&out, text)?;
        }
        if let Ok(v) = std::env::var("CLUSTER_TUNE_TRACE") {
            // `all`: every candidate, not only the three closest.
            trace(&feats, &gold, settings[0].1, model, v == "all");
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(data);
        for (label, p) in &settings {
            let t = std::time::Instant::now();
            let pred = assign_with(clusterer(*p, model), &feats, false);
            let seconds = t.elapsed().as_secs_f64();
            let s = score(&gold, &pred);
            let strict = score(&gold, &assign_with(clusterer(*p, model), &feats, true));
            println!(
                "{name:<28} [{label}] B3 {:.4} / {:.4} / {:.4}  stories {}  strict F1 {:.4}  assign {seconds:.2} s",
                s.bcubed.p, s.bcubed.r, s.bcubed.f, s.stories, strict.bcubed.f
            );
        }
    }
    Ok(())
}
