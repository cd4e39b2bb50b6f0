//! Fit the summary's learned concept weights (`crates/story/src/summary/concept_weights.rs`,
//! after Li, Qian and Liu, ACL 2013) on duc2006-dev topics, and score the coverage program
//! with them against the same program with document-frequency weights.
//!
//! Each row is a bigram of a topic held by at least MIN_DF documents, its features as the
//! summarizer makes them, its label the share of the topic's human summaries that hold it
//! (bigrams made from the summaries as from the articles, [`text_bigrams`]). Ridge
//! regression (no penalty on the bias), solved exactly. Then both weightings are scored by
//! ROUGE-1.5.5 recall at 250 words on the scoring topics.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example train_concepts -- \
//!     ../shared/data/duc2006-dev 0:30 0:30 [MIN_DF [RIDGE]]
//! ```
//! `TRAIN_CONCEPTS_WRITE=FILE` writes the compiled-in model with the fitted weights (as
//! `resources/weights/summary.json`; `bench/train_concepts.sh`). Deterministic: rows in
//! topic order, sums in a fixed order.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;
use triangulate_core::{DocId, Document};
use triangulate_eval::summary_dir::{duc_recall_with, read_topics, Topic};
use triangulate_story::summary::{
    features, story_concept_features, text_bigrams, ConceptOptions, Concepts, Model,
    CONCEPT_FEATURE_NAMES, NUM_CONCEPT_FEATURES,
};
use triangulate_text::TextAnalysis;

type Row = ([f64; NUM_CONCEPT_FEATURES], f64);

fn options(model: &Model) -> ConceptOptions {
    ConceptOptions {
        speech_stop: model.concept_speech_stop,
        long_stop: model.concept_long_stop,
        df_min_words: model.concept_df_min_words as usize,
        plain_tokens: model.concept_plain_tokens,
    }
}

/// The rows of one topic.
fn rows(topic: &Topic, model: &Model) -> Vec<Row> {
    let analyses: Vec<TextAnalysis> = topic.docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = topic.docs.iter().zip(analyses.iter()).collect();
    let scored = features(&pairs);
    let concepts =
        Concepts::build_with(&pairs, &scored.set, model.concept_documents, options(model));
    let f = story_concept_features(
        model,
        &scored.features,
        &concepts,
        &scored.set,
        topic.docs.len(),
    );
    let refs: Vec<HashSet<String>> = topic
        .models
        .iter()
        .map(|m| {
            let d = Document::new(DocId(0), "reference", m.as_str());
            let ta = triangulate_text::analyze(&d);
            text_bigrams(&ta, options(model)).into_iter().collect()
        })
        .collect();
    let n = refs.len().max(1) as f64;
    f.iter()
        .enumerate()
        .filter_map(|(c, x)| {
            let x = x.as_ref()?;
            let (a, b) = concepts.words(c as u32);
            let name = format!("{a} {b}");
            let held = refs.iter().filter(|r| r.contains(&name)).count() as f64;
            Some((x.map(f64::from), held / n))
        })
        .collect()
}

/// Ridge regression: (X'X + ridge I) w = X'y, the bias (feature 0) not penalized.
fn fit(rows: &[Row], ridge: f64) -> Result<Vec<f64>, String> {
    const K: usize = NUM_CONCEPT_FEATURES;
    let mut a = [[0.0f64; K + 1]; K];
    for (x, y) in rows {
        for i in 0..K {
            for j in 0..K {
                a[i][j] += x[i] * x[j];
            }
            a[i][K] += x[i] * y;
        }
    }
    for (i, row) in a.iter_mut().enumerate().skip(1) {
        row[i] += ridge * rows.len() as f64;
    }
    solve(a)
}

/// Solve the system whose augmented matrix is `a`.
#[allow(clippy::needless_range_loop)]
fn solve(
    mut a: [[f64; NUM_CONCEPT_FEATURES + 1]; NUM_CONCEPT_FEATURES],
) -> Result<Vec<f64>, String> {
    const K: usize = NUM_CONCEPT_FEATURES;
    // Gaussian elimination with partial pivoting.
    for col in 0..K {
        let p = (col..K)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .expect("rows left");
        if a[p][col].abs() < 1e-12 {
            return Err(format!(
                "singular at feature {}",
                CONCEPT_FEATURE_NAMES[col]
            ));
        }
        a.swap(col, p);
        for r in 0..K {
            if r != col {
                let f = a[r][col] / a[col][col];
                for c in col..=K {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
    }
    Ok((0..K).map(|i| a[i][K] / a[i][i]).collect())
}

/// Poisson regression (log link) by Newton's method: the prediction exp(x w) of the share,
/// ridge on all but the bias. Starts from the log of the mean label.
fn fit_exp(rows: &[Row], ridge: f64) -> Result<Vec<f64>, String> {
    const K: usize = NUM_CONCEPT_FEATURES;
    let mean = rows.iter().map(|r| r.1).sum::<f64>() / rows.len().max(1) as f64;
    let mut w = vec![0.0f64; K];
    w[0] = mean.max(1e-6).ln();
    for _ in 0..30 {
        let mut a = [[0.0f64; K + 1]; K];
        for (x, y) in rows {
            let mu: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>().exp();
            for i in 0..K {
                for j in 0..K {
                    a[i][j] += mu * x[i] * x[j];
                }
                a[i][K] += x[i] * (y - mu);
            }
        }
        for i in 1..K {
            a[i][i] += ridge * rows.len() as f64;
            a[i][K] -= ridge * rows.len() as f64 * w[i];
        }
        let step = solve(a)?;
        let size: f64 = step.iter().map(|s| s.abs()).sum();
        for (wi, s) in w.iter_mut().zip(&step) {
            *wi += s;
        }
        if size < 1e-8 {
            break;
        }
    }
    Ok(w)
}

fn mse_exp(rows: &[Row], w: &[f64]) -> f64 {
    let s: f64 = rows
        .iter()
        .map(|(x, y)| {
            let p: f64 = x.iter().zip(w).map(|(a, b)| a * b).sum::<f64>().exp();
            (p - y).powi(2)
        })
        .sum();
    s / rows.len().max(1) as f64
}

fn mse(rows: &[Row], w: &[f64]) -> f64 {
    let s: f64 = rows
        .iter()
        .map(|(x, y)| {
            let p: f64 = x.iter().zip(w).map(|(a, b)| a * b).sum();
            (p - y).powi(2)
        })
        .sum();
    s / rows.len().max(1) as f64
}

fn range(s: &str) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let (a, b) = s.split_once(':').ok_or("a topic range is SKIP:LIMIT")?;
    Ok((a.parse()?, b.parse()?))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        return Err(
            "usage: train_concepts DUC_DIR FIT_SKIP:FIT_LIMIT SCORE_SKIP:SCORE_LIMIT [MIN_DF [RIDGE]]"
                .into(),
        );
    }
    let dir = Path::new(&args[1]);
    let (fs, fl) = range(&args[2])?;
    let (ss, sl) = range(&args[3])?;
    let mut model = Model::get().clone();
    model.concept_learned_documents = match args.get(4) {
        Some(d) => d.parse()?,
        None if model.concept_learned_documents > 0 => model.concept_learned_documents,
        None => 2,
    };
    let ridge: f64 = match args.get(5) {
        Some(r) => r.parse()?,
        None => 1e-4,
    };
    let fit_topics = read_topics(&dir.join("docs"), &dir.join("models"), fs, Some(fl))?;
    let score_topics = read_topics(&dir.join("docs"), &dir.join("models"), ss, Some(sl))?;
    let all: Vec<Row> = fit_topics
        .par_iter()
        .map(|t| rows(t, &model))
        .collect::<Vec<_>>()
        .concat();
    let exp = std::env::var_os("TRAIN_CONCEPTS_EXP").is_some();
    model.concept_learned_exp = exp;
    if let Ok(v) = std::env::var("TRAIN_CONCEPTS_VALUE") {
        model.concept_value = v.parse()?;
    }
    let w = if exp {
        fit_exp(&all, ridge)?
    } else {
        fit(&all, ridge)?
    };
    let err = if exp {
        mse_exp(&all, &w)
    } else {
        mse(&all, &w)
    };
    let mean = all.iter().map(|r| r.1).sum::<f64>() / all.len().max(1) as f64;
    let constant = all.iter().map(|r| (r.1 - mean).powi(2)).sum::<f64>() / all.len() as f64;
    eprintln!(
        "{} rows from topics {fs}+{fl}, min df {}, ridge {ridge}: mean label {mean:.4}, \
         squared error {:.5} (constant {constant:.5})",
        all.len(),
        model.concept_learned_documents,
        err
    );
    for (name, x) in CONCEPT_FEATURE_NAMES.iter().zip(&w) {
        eprintln!("  {name:>16} {x:+.5}");
    }
    let mut df = model.clone();
    df.concept_learned.clear();
    let (a1, a2, a4) = duc_recall_with(&score_topics, 250, &df);
    println!("document frequency, topics {ss}+{sl}: R-1 {a1:.2} R-2 {a2:.2} SU4 {a4:.2}");
    model.concept_learned = w.iter().map(|&x| (x as f32 * 1e5).round() / 1e5).collect();
    model.concept_learned_provenance = format!(
        "{} ({ridge}) of the share of human summaries holding a bigram on {} \
         bigrams held by {} or more documents of duc2006-dev topics {}-{} (D06{:02}-D06{:02}): \
         crates/eval/examples/train_concepts.rs (bench/train_concepts.sh)",
        if exp {
            "Poisson regression (log link), ridge"
        } else {
            "ridge regression"
        },
        all.len(),
        model.concept_learned_documents,
        fs + 1,
        fs + fl,
        fs + 1,
        fs + fl
    );
    let (b1, b2, b4) = duc_recall_with(&score_topics, 250, &model);
    println!("learned weights,    topics {ss}+{sl}: R-1 {b1:.2} R-2 {b2:.2} SU4 {b4:.2}");
    if let Some(path) = std::env::var_os("TRAIN_CONCEPTS_WRITE") {
        std::fs::write(path, serde_json::to_string_pretty(&model)? + "\n")?;
    }
    Ok(())
}
