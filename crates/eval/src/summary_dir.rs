//! Summary evaluation on a folder per topic (`eval summary --format dir DOCS MODELS`), and
//! ROUGE as the DUC evaluations score it ([`crate::rouge155`]) for either data format.
//!
//! `DOCS/<topic>/` holds the topic's articles (read as `triangulate report` reads a folder);
//! `MODELS/<topic>.<anything>` are its reference summaries, one sentence a line (the DUC
//! layout of `../shared/data/duc2006-dev`). Topics are taken in name order; `skip` and
//! `limit` select a contiguous part of them (a held-out part, say).

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use triangulate_core::Document;
use triangulate_readers::Format;

use crate::rouge::{rouge, Rouge};
use crate::rouge155::{self, DucRouge, Limit};
use crate::summary::{
    mean, summarize_documents, summarize_documents_with, EvalError, SummaryScores,
};
use triangulate_story::summary::Model;

/// One topic: its articles and its reference summaries (each a list of lines).
#[derive(Debug, Clone)]
pub struct Topic {
    /// Folder name.
    pub name: String,
    /// The articles.
    pub docs: Vec<Document>,
    /// Reference summaries, one sentence a line.
    pub models: Vec<String>,
}

fn io_err(path: &Path, source: std::io::Error) -> EvalError {
    EvalError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Topic folder names under `docs`, sorted, `skip` then at most `limit` of them.
pub fn topic_names(
    docs: &Path,
    skip: usize,
    limit: Option<usize>,
) -> Result<Vec<String>, EvalError> {
    let mut names: Vec<String> = std::fs::read_dir(docs)
        .map_err(|e| io_err(docs, e))?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .skip(skip)
        .take(limit.unwrap_or(usize::MAX))
        .collect())
}

/// Read the selected topics: articles through the readers, models as text.
pub fn read_topics(
    docs: &Path,
    models: &Path,
    skip: usize,
    limit: Option<usize>,
) -> Result<Vec<Topic>, EvalError> {
    let names = topic_names(docs, skip, limit)?;
    let mut files: Vec<String> = std::fs::read_dir(models)
        .map_err(|e| io_err(models, e))?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    names
        .into_par_iter()
        .map(|name| {
            let dir = docs.join(&name);
            let docs =
                triangulate_readers::fs::read_paths(&[dir.display().to_string()], Format::Auto)
                    .map_err(|e| EvalError::Mismatch(format!("{}: {e}", dir.display())))?;
            let prefix = format!("{name}.");
            let mut texts = Vec::new();
            for f in files.iter().filter(|f| f.starts_with(&prefix)) {
                let p = models.join(f);
                texts.push(crate::summary::read_text(&p)?);
            }
            if texts.is_empty() {
                return Err(EvalError::Mismatch(format!(
                    "no reference summary {}/{name}.* for topic {name}",
                    models.display()
                )));
            }
            Ok(Topic {
                name,
                docs,
                models: texts,
            })
        })
        .collect()
}

/// Mean DUC scores (recall, precision, F of ROUGE-1.5.5), in percent.
#[derive(Debug, Clone, Serialize)]
pub struct DucScores {
    /// Topics or stories scored.
    pub stories: usize,
    /// Word limit (`-l`).
    pub words: usize,
    /// ROUGE-1.
    pub rouge1: crate::Prf,
    /// ROUGE-2.
    pub rouge2: crate::Prf,
    /// ROUGE-SU4.
    #[serde(rename = "rougeSU4")]
    pub rouge_su4: crate::Prf,
    /// Wall time of the run.
    pub seconds: f64,
}

/// Mean of per-summary DUC scores, in percent.
pub fn duc_mean(scores: &[DucRouge], words: usize, seconds: f64) -> DucScores {
    let n = scores.len().max(1) as f64;
    let m = scores
        .iter()
        .fold(DucRouge::default(), |a, &b| a + b)
        .scale(100.0 / n);
    DucScores {
        stories: scores.len(),
        words,
        rouge1: m.rouge1,
        rouge2: m.rouge2,
        rouge_su4: m.rouge_su4,
        seconds,
    }
}

/// Either kind of score.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Scores {
    /// rouge-score F1 (and P, R).
    RougeScore(SummaryScores),
    /// ROUGE-1.5.5 as DUC scores it.
    Duc(DucScores),
}

/// Score one summary (its sentences) against references (each one sentence a line).
fn score_one(
    summary: &[String],
    models: &[String],
    words: usize,
    duc: bool,
) -> (Option<Rouge>, Option<DucRouge>) {
    if duc {
        let peer: Vec<&str> = summary.iter().map(String::as_str).collect();
        let models: Vec<Vec<&str>> = models
            .iter()
            .map(|m| m.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
            .collect();
        (
            None,
            Some(rouge155::score(&peer, &models, Limit::Words(words))),
        )
    } else {
        // rouge-score takes one reference: the mean over references.
        let pred = summary.join("\n");
        let n = models.len().max(1) as f64;
        let sum = models
            .iter()
            .map(|m| rouge(m.trim(), &pred))
            .fold(Rouge::default(), |a, b| a + b);
        (Some(sum.scale(1.0 / n)), None)
    }
}

/// Summarize each topic (or take its line of `predictions`) and score it.
pub fn evaluate_topics(
    topics: &[Topic],
    words: usize,
    duc: bool,
    predictions: Option<&str>,
    tick: &(dyn Fn() + Sync),
) -> Result<(Scores, Vec<String>), EvalError> {
    let start = std::time::Instant::now();
    let preds: Option<Vec<&str>> = predictions.map(|p| p.lines().collect());
    if let Some(p) = &preds {
        if p.len() != topics.len() {
            return Err(EvalError::Mismatch(format!(
                "{} predicted summaries but {} topics",
                p.len(),
                topics.len()
            )));
        }
    }
    let results: Vec<(Option<Rouge>, Option<DucRouge>, String)> = topics
        .par_iter()
        .enumerate()
        .map(|(i, t)| {
            let summary: Vec<String> = match &preds {
                Some(p) => p[i].split('\t').map(str::to_string).collect(),
                None => summarize_documents(&t.docs, words),
            };
            let (r, d) = score_one(&summary, &t.models, words, duc);
            tick();
            (r, d, summary.join("\t"))
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    let summaries = results.iter().map(|r| r.2.clone()).collect();
    let scores = if duc {
        let d: Vec<DucRouge> = results.iter().filter_map(|r| r.1).collect();
        Scores::Duc(duc_mean(&d, words, seconds))
    } else {
        let r: Vec<Rouge> = results.iter().filter_map(|r| r.0).collect();
        Scores::RougeScore(mean(&r, words, seconds))
    };
    Ok((scores, summaries))
}

/// Mean ROUGE-1.5.5 recall (R-1, R-2, SU4, in percent) of `model`'s summaries of `topics`
/// at `words` words: the figure the tuning examples (`tune_summary`, `train_concepts`)
/// compare models by.
pub fn duc_recall_with(topics: &[Topic], words: usize, model: &Model) -> (f64, f64, f64) {
    let per: Vec<DucRouge> = topics
        .par_iter()
        .map(|t| {
            let s = summarize_documents_with(&t.docs, words, model);
            score_one(&s, &t.models, words, true).1.unwrap_or_default()
        })
        .collect();
    let n = per.len().max(1) as f64;
    let s = per.iter().fold((0.0, 0.0, 0.0), |a, b| {
        (a.0 + b.rouge1.r, a.1 + b.rouge2.r, a.2 + b.rouge_su4.r)
    });
    (100.0 * s.0 / n, 100.0 * s.1 / n, 100.0 * s.2 / n)
}

/// DUC scores of Multi-News summaries against their one reference each (split into
/// sentence lines).
pub fn duc_multinews(
    summaries: &[Vec<String>],
    references: &[&str],
    words: usize,
) -> Vec<DucRouge> {
    summaries
        .par_iter()
        .zip(references.par_iter())
        .map(|(s, r)| {
            let model = crate::summary::reference_lines(r);
            score_one(s, &[model], words, true).1.unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_from_folders_and_model_files() {
        let dir = std::env::temp_dir().join(format!("tri-summary-dir-{}", std::process::id()));
        let docs = dir.join("docs");
        let models = dir.join("models");
        for t in ["T2", "T1"] {
            std::fs::create_dir_all(docs.join(t)).unwrap();
            std::fs::write(
                docs.join(t).join("a.txt"),
                "The harbor bridge in Port Ellis opened to traffic on Friday after six years of work. Mayor Lena Ortiz cut the ribbon before a crowd of residents.",
            )
            .unwrap();
        }
        std::fs::create_dir_all(&models).unwrap();
        std::fs::write(
            models.join("T1.A.txt"),
            "The harbor bridge opened on Friday.\n",
        )
        .unwrap();
        std::fs::write(models.join("T1.B.txt"), "Port Ellis opened a bridge.\n").unwrap();
        std::fs::write(models.join("T2.A.txt"), "A bridge opened.\n").unwrap();
        let topics = read_topics(&docs, &models, 0, None).unwrap();
        assert_eq!(
            topics.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["T1", "T2"]
        );
        assert_eq!(topics[0].models.len(), 2);
        let only = read_topics(&docs, &models, 1, Some(1)).unwrap();
        assert_eq!(only[0].name, "T2");
        let (s, summaries) = evaluate_topics(&topics, 20, true, None, &|| {}).unwrap();
        let Scores::Duc(d) = s else {
            panic!("DUC scores expected")
        };
        assert!(d.rouge1.r > 30.0 && d.rouge_su4.r > 0.0, "{d:?}");
        // Predictions are scored as given: a summary sharing nothing scores 0.
        let (s, _) = evaluate_topics(&topics, 20, true, Some("zebra\nzebra"), &|| {}).unwrap();
        let Scores::Duc(z) = s else { panic!() };
        assert_eq!(z.rouge1.r, 0.0);
        assert_eq!(summaries.len(), 2);
        std::fs::remove_file(models.join("T2.A.txt")).unwrap();
        assert!(read_topics(&docs, &models, 0, None).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
