//! Summary evaluation on Multi-News: summarize each story, score it with ROUGE.
//!
//! Each source line is one story (documents joined by `|||||`), read and cleaned by the
//! readers as `triangulate report --format multinews` reads it; each story is summarized from
//! its text analysis alone ([`triangulate_story::summary::summarize_texts`]) to a word
//! budget, cut at the budget as every summarizer in `bench/` is cut. The reference line is
//! split into sentences by `triangulate_text` (one a line, for ROUGE-Lsum); the summary has
//! one extracted sentence a line. Scores are means over stories, in percent.
//!
//! Summaries files (`--output`, and what `bench/summary_peers.py` writes) hold one story a
//! line, its sentences separated by tabs.

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use triangulate_core::{DocId, Document};
use triangulate_readers::{documents_from_bytes, multinews, Format};
use triangulate_story::summary::{
    summarize_texts, summarize_with, Budget, Fit, Model, Order, SummaryOptions,
};
use triangulate_text::TextAnalysis;

use crate::rouge::{rouge, Rouge};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read or decompressed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Source, reference or prediction files disagree.
    #[error("{0}")]
    Mismatch(String),
}

/// Mean scores over a data set, in percent.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryScores {
    /// Stories scored.
    pub stories: usize,
    /// Word budget.
    pub words: usize,
    /// ROUGE-1.
    pub rouge1: crate::rouge::Prf,
    /// ROUGE-2.
    pub rouge2: crate::rouge::Prf,
    /// ROUGE-Lsum.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: crate::rouge::Prf,
    /// Wall time of the run.
    pub seconds: f64,
}

/// Read a whole file, gunzipping it if it starts with the gzip magic bytes.
pub fn read_text(path: &Path) -> Result<String, EvalError> {
    let io = |source| EvalError::Io {
        path: path.display().to_string(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(io)?;
        Ok(s)
    } else {
        String::from_utf8(bytes)
            .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }
}

/// The documents of one Multi-News line, cleaned by the readers (boilerplate marked). A
/// line the readers reject (empty) gives no documents.
pub fn story_documents(name: &str, line: &str) -> Vec<Document> {
    match documents_from_bytes(name, line.as_bytes(), Format::MultiNews, 0) {
        Ok(docs) => docs,
        Err(_) => multinews::parse_line(name, line)
            .into_iter()
            .filter(|d| !d.text.trim().is_empty())
            .enumerate()
            .map(|(i, mut d)| {
                d.id = DocId(i as u32);
                d
            })
            .collect(),
    }
}

/// Summarize one Multi-News story to `words` words: its sentences, one-lined, in order.
pub fn summarize_line(name: &str, line: &str, words: usize) -> Vec<String> {
    summarize_documents(&story_documents(name, line), words)
}

/// Summarize a story's documents to `words` words, as evaluation cuts it: its sentences,
/// one-lined, in order.
pub fn summarize_documents(docs: &[Document], words: usize) -> Vec<String> {
    let analyses: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(analyses.iter()).collect();
    let opts = SummaryOptions {
        budget: Budget::Words(words),
        order: Order::Importance,
        fit: Fit::Cut,
    };
    summarize_texts(&pairs, &opts)
        .iter()
        .map(|s| {
            docs[s.span.doc.index()]
                .slice(s.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Summarize a story's documents to `words` words with `model` (fitting and tuning try
/// models other than the shipped one), cut as evaluation cuts it: the chosen spans' text as
/// it stands, in order.
pub fn summarize_documents_with(docs: &[Document], words: usize, model: &Model) -> Vec<String> {
    let analyses: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(analyses.iter()).collect();
    summarize_with(
        &pairs,
        Budget::Words(words),
        Order::Importance,
        Fit::Cut,
        model,
    )
    .iter()
    .map(|s| docs[s.span.doc.index()].slice(s.span).to_string())
    .collect()
}

/// A reference summary with one sentence a line, for ROUGE-Lsum.
pub fn reference_lines(reference: &str) -> String {
    let doc = Document::new(DocId(0), "reference", reference);
    let ta = triangulate_text::analyze(&doc);
    ta.sentences
        .iter()
        .map(|s| {
            doc.text[s.start as usize..s.end as usize]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn lines(text: &str) -> Vec<&str> {
    multinews::story_lines(text).collect()
}

/// Mean of per-story scores, in percent.
pub fn mean(scores: &[Rouge], words: usize, seconds: f64) -> SummaryScores {
    let n = scores.len().max(1) as f64;
    let sum = scores.iter().fold(Rouge::default(), |a, &b| a + b);
    let m = sum.scale(100.0 / n);
    SummaryScores {
        stories: scores.len(),
        words,
        rouge1: m.rouge1,
        rouge2: m.rouge2,
        rouge_lsum: m.rouge_lsum,
        seconds,
    }
}

/// Summarize every story of `src` to `words` words and score it against the same line of
/// `tgt`. `tick` is called once per story (for a progress bar). Returns the scores and the
/// summaries (one story a line, sentences separated by tabs).
pub fn evaluate(
    src: &str,
    tgt: &str,
    words: usize,
    tick: &(dyn Fn() + Sync),
) -> Result<(SummaryScores, Vec<String>), EvalError> {
    let start = std::time::Instant::now();
    let (s, t) = (lines(src), lines(tgt));
    if s.len() != t.len() {
        return Err(EvalError::Mismatch(format!(
            "{} source stories but {} references",
            s.len(),
            t.len()
        )));
    }
    let results: Vec<(Rouge, String)> = s
        .par_iter()
        .zip(t.par_iter())
        .enumerate()
        .map(|(i, (line, reference))| {
            let summary = summarize_line(&format!("story{}", i + 1), line, words);
            let r = rouge(&reference_lines(reference), &summary.join("\n"));
            tick();
            (r, summary.join("\t"))
        })
        .collect();
    let (scores, summaries): (Vec<Rouge>, Vec<String>) = results.into_iter().unzip();
    Ok((
        mean(&scores, words, start.elapsed().as_secs_f64()),
        summaries,
    ))
}

/// Score a summaries file (one story a line, sentences separated by tabs) against `tgt`.
pub fn score_predictions(
    predictions: &str,
    tgt: &str,
    words: usize,
    tick: &(dyn Fn() + Sync),
) -> Result<SummaryScores, EvalError> {
    let start = std::time::Instant::now();
    let (p, t) = (lines(predictions), lines(tgt));
    if p.len() != t.len() {
        return Err(EvalError::Mismatch(format!(
            "{} predicted summaries but {} references",
            p.len(),
            t.len()
        )));
    }
    let scores: Vec<Rouge> = p
        .par_iter()
        .zip(t.par_iter())
        .map(|(pred, reference)| {
            let r = rouge(&reference_lines(reference), &pred.replace('\t', "\n"));
            tick();
            r
        })
        .collect();
    Ok(mean(&scores, words, start.elapsed().as_secs_f64()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_respect_the_budget_and_score_against_references() {
        let src = "The harbor bridge opened on Friday after six years of work. Mayor Lena Ortiz cut the ribbon before a large crowd. ||||| The new harbor bridge opened Friday, the city said. It cost $410 million to build over six years.\n\
                   Heavy rain flooded the valley road on Monday morning. Drivers were stuck for hours in the water.\n";
        let tgt = "The harbor bridge opened on Friday. It cost $410 million.\nRain flooded the valley road on Monday.\n";
        let (scores, summaries) = evaluate(src, tgt, 12, &|| {}).unwrap();
        assert_eq!(scores.stories, 2);
        assert_eq!(summaries.len(), 2);
        for s in &summaries {
            assert!(s.split_whitespace().count() <= 12, "{s}");
        }
        assert!(
            scores.rouge1.f > 30.0 && scores.rouge1.f < 100.0,
            "{scores:?}"
        );
        let again = score_predictions(&summaries.join("\n"), tgt, 12, &|| {}).unwrap();
        assert!((again.rouge1.f - scores.rouge1.f).abs() < 1e-9);
        assert!((again.rouge_lsum.f - scores.rouge_lsum.f).abs() < 1e-9);
        assert!(evaluate(src, "one\n", 12, &|| {}).is_err());
    }

    #[test]
    fn reference_is_split_into_sentence_lines() {
        assert_eq!(
            reference_lines("– The U.N. met. It voted  on Friday."),
            "– The U.N. met.\nIt voted on Friday."
        );
    }
}
