//! Tune the summary's concept coverage on two kinds of news at once: the fitting part of
//! duc2006-dev (D0601-D0630, ROUGE-1.5.5 recall at 250 words) and the first STORIES
//! Multi-News validation stories (rouge-score F1 at 230 words). Prints one line per setting
//! of `concepts`, `concept_power`, `concept_documents`, `lambda`, `concept_redundancy` and
//! `concept_story_documents`, optionally `concept_solver` (1 or 0), `concept_min_words` and
//! `concept_value`, then `concept_opening_bonus`, `concept_opening_sentences` and
//! `concept_min_mass` (the other weights as in the compiled-in model); `@FEATURE+DELTA,...`
//! after a setting moves feature weights of the learned score, or `lambda`, `redundancy`,
//! `coverage` and `bigram_lambda` (after the setting's own `lambda`).
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example tune_summary -- \
//!     ../shared/data/duc2006-dev ../shared/data/multi-news-train 1000 \
//!     0:0:0:0.2:0.25:0 3:0.5:3:0.2:0.4:6 ...
//! ```
//! Deterministic: each score is a sum in a fixed order.

use std::path::Path;

use rayon::prelude::*;
use triangulate_eval::rouge::rouge;
use triangulate_eval::summary::{
    read_text, reference_lines, story_documents, summarize_documents_with,
};
use triangulate_eval::summary_dir::{duc_recall_with, read_topics};
use triangulate_readers::multinews::story_lines;
use triangulate_story::summary::{Model, FEATURE_NAMES};

fn multinews(src: &[&str], tgt: &[&str], model: &Model) -> (f64, f64) {
    let per: Vec<(f64, f64)> = src
        .par_iter()
        .zip(tgt.par_iter())
        .map(|(line, reference)| {
            let docs = story_documents("val", line);
            let s = summarize_documents_with(&docs, 230, model);
            let r = rouge(&reference_lines(reference), &s.join("\n"));
            (r.rouge1.f, r.rouge2.f)
        })
        .collect();
    let n = per.len() as f64;
    let s = per.iter().fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    (100.0 * s.0 / n, 100.0 * s.1 / n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        return Err(
            "usage: tune_summary DUC_DIR MULTINEWS_TRAIN_DIR STORIES C:P:D:L:R:K...".into(),
        );
    }
    let duc_dir = Path::new(&args[1]);
    // TUNE_DUC_TOPICS=SKIP:LIMIT scores other topics (to check a chosen setting on the
    // held-out part, 30:20, never to choose one).
    let (skip, limit) = match std::env::var("TUNE_DUC_TOPICS") {
        Ok(v) => {
            let (s, l) = v.split_once(':').ok_or("TUNE_DUC_TOPICS is SKIP:LIMIT")?;
            (s.parse()?, l.parse()?)
        }
        Err(_) => (0, 30),
    };
    let topics = read_topics(
        &duc_dir.join("docs"),
        &duc_dir.join("models"),
        skip,
        Some(limit),
    )?;
    let mn = Path::new(&args[2]);
    let stories: usize = args[3].parse()?;
    let vsrc = read_text(&mn.join("val.src.gz"))?;
    let vtgt = read_text(&mn.join("val.tgt.gz"))?;
    let vsrc: Vec<&str> = story_lines(&vsrc).take(stories).collect();
    let vtgt: Vec<&str> = story_lines(&vtgt).take(stories).collect();
    for setting in &args[4..] {
        // Leading letters: "s" makes verbs of saying stop words for concepts, "l" uses the
        // long stop list, "w" counts document frequency over sentences of MIN_WORDS words,
        // "p" makes concept words runs of ASCII letters and digits, "a" drops trailing
        // attribution clauses.
        let flags: String = setting
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let setting = &setting[flags.len()..];
        // "@FEATURE+DELTA,..." after the setting adds DELTA to a feature's weight.
        let (setting, deltas) = setting.split_once('@').unwrap_or((setting, ""));
        let speech_stop = flags.contains('s');
        let v: Vec<&str> = setting.split(':').collect();
        let (&[c, p, d, l, r, k], extra) = (v.split_at(6.min(v.len())).0, &v[6.min(v.len())..])
        else {
            return Err(
                "setting is CONCEPTS:POWER:DOCUMENTS:LAMBDA:CONCEPT_REDUNDANCY:STORY_DOCUMENTS\
                 [:SOLVER:MIN_WORDS:VALUE[:OPENING_BONUS:OPENING_SENTENCES[:MIN_MASS]]]"
                    .into(),
            );
        };
        let mut model = Model::get().clone();
        model.concepts = c.parse()?;
        model.concept_power = p.parse()?;
        model.concept_documents = d.parse()?;
        model.lambda = l.parse()?;
        model.concept_redundancy = r.parse()?;
        model.concept_story_documents = k.parse()?;
        model.concept_speech_stop = speech_stop;
        model.concept_long_stop = flags.contains('l');
        model.concept_plain_tokens = flags.contains('p');
        model.shorten_attribution = flags.contains('a');
        if let [solver, min_words, value, rest @ ..] = extra {
            model.concept_solver = *solver == "1";
            model.concept_min_words = min_words.parse()?;
            if flags.contains('w') {
                model.concept_df_min_words = model.concept_min_words;
            }
            model.concept_value = value.parse()?;
            if let [bonus, sentences, more @ ..] = rest {
                model.concept_opening_bonus = bonus.parse()?;
                model.concept_opening_sentences = sentences.parse()?;
                if let [mass] = more {
                    model.concept_min_mass = mass.parse()?;
                }
            }
        }
        // After the setting, so that a change of `lambda` counts.
        for d in deltas.split(',').filter(|d| !d.is_empty()) {
            let at = d
                .find(['+', '-'])
                .ok_or("a weight change is FEATURE+DELTA")?;
            let delta = d[at..].parse::<f32>()?;
            match &d[..at] {
                "lambda" => model.lambda += delta,
                "redundancy" => model.redundancy += delta,
                "coverage" => model.coverage += delta,
                "bigram_lambda" => model.bigram_lambda += delta,
                name => {
                    let k = FEATURE_NAMES
                        .iter()
                        .position(|f| *f == name)
                        .ok_or_else(|| format!("no feature {name:?}"))?;
                    model.weights[k] += delta;
                }
            }
        }
        // TUNE_SKIP_DUC=1: Multi-News only (where the change cannot reach DUC).
        let (r1, r2, su4) = if std::env::var_os("TUNE_SKIP_DUC").is_some() {
            (0.0, 0.0, 0.0)
        } else {
            duc_recall_with(&topics, 250, &model)
        };
        let (m1, m2) = multinews(&vsrc, &vtgt, &model);
        println!(
            "{}{setting}@{deltas}: duc {skip}+{limit} R-1 {r1:.2} R-2 {r2:.2} SU4 {su4:.2} | \
             multi-news val F1 R-1 {m1:.2} R-2 {m2:.2}",
            flags
        );
    }
    Ok(())
}
