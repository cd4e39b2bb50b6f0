//! A story from the documents that report it: summary, timeline, agreement and conflicts.
//!
//! Pure: no I/O. Documents are analyzed in parallel; results are collected in input order,
//! so the same input gives the same story on any number of threads.
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_story::{Story, StoryOptions};
//! let docs = vec![
//!     Document::new(DocId(0), "a", "Russia vetoed the draft on Tuesday. Talks go on."),
//!     Document::new(DocId(1), "b", "Russia vetoed the draft. Diplomats were angry."),
//! ];
//! let story = Story::build(docs, &StoryOptions::default());
//! assert!(!story.summary.is_empty());
//! ```
#![deny(missing_docs)]

pub mod agreement;
mod boosted;
pub mod similarity;
pub mod summary;
pub mod timeline;

use rayon::prelude::*;
use triangulate_attribution::Quote;
use triangulate_core::{Diagnostic, Document, Span};
use triangulate_text::TextAnalysis;
use triangulate_time::Timex;

pub use agreement::{AgreedFact, Conflict, ConflictKind, Coverage, Side};
pub use summary::{Budget, Fit, Order, SummaryOptions, SummarySentence};
pub use timeline::{TimelineEntry, TimelineSource};

/// One document with everything the analysis stages found in it.
#[derive(Debug, Clone)]
pub struct AnalyzedDoc {
    /// The document (text, metadata, boilerplate).
    pub doc: Document,
    /// Tokens and sentences.
    pub text: TextAnalysis,
    /// Attribution relations.
    pub quotes: Vec<Quote>,
    /// Time expressions.
    pub timexes: Vec<Timex>,
}

/// Which stages to run and how.
#[derive(Debug, Clone, Default)]
pub struct StoryOptions {
    /// Summary length and order.
    pub summary: SummaryOptions,
}

/// The sourced account of one story.
#[derive(Debug, Clone)]
pub struct Story {
    /// The documents, in input order (index = `DocId`).
    pub docs: Vec<AnalyzedDoc>,
    /// Summary sentences, in the requested order.
    pub summary: Vec<SummarySentence>,
    /// Dated events across sources, by date.
    pub timeline: Vec<TimelineEntry>,
    /// Facts stated by at least two independent sources, the best supported first.
    pub agreements: Vec<AgreedFact>,
    /// Contradictions, discrepancies of precision and disputed claims.
    pub conflicts: Vec<Conflict>,
    /// What each document includes, omits and quotes.
    pub coverage: Coverage,
    /// People, organizations and places of the whole story, aliases merged.
    pub entities: Vec<triangulate_attribution::Entity>,
}

impl Story {
    /// Analyze the documents and assemble the story.
    pub fn build(docs: Vec<Document>, opts: &StoryOptions) -> Story {
        let (mut docs, prepared): (Vec<AnalyzedDoc>, Vec<triangulate_time::Prepared>) =
            docs.into_par_iter().map(|d| analyze(d, false)).unzip();
        timeline::infer_published(&mut docs, &prepared);
        let entities = resolve_speakers(&mut docs);
        // The three story-level stages read the documents only: run them side by side.
        let (summary, (timeline, agreement)) = rayon::join(
            || summary::summarize(&docs, &opts.summary),
            || {
                rayon::join(
                    || timeline::build(&docs),
                    || agreement::analyze_with_entities(&docs, &entities),
                )
            },
        );
        let agreement::Agreement {
            agreements,
            conflicts,
            coverage,
        } = agreement;
        Story {
            docs,
            summary,
            timeline,
            agreements,
            conflicts,
            coverage,
            entities,
        }
    }
}

/// Load every compiled-in model, rule set and word list of the analysis now (attribution,
/// time, agreement, word vectors), so that a caller can run this on another thread while it reads the
/// input. The attribution model and the time rules, the largest parts, load on two threads
/// of the pool when one is free. Output never depends on whether or when this ran.
pub fn warm_up() {
    rayon::join(
        || {
            triangulate_text::Lexicon::get();
            triangulate_attribution::warm_up();
        },
        || {
            triangulate_time::warm_up();
            agreement::warm_up();
            // The summary's context features read the word-vector table.
            triangulate_text::embed::Embeddings::get();
        },
    );
}

/// Find the story's entities and resolve every quote's speaker across its documents.
pub fn resolve_speakers(docs: &mut [AnalyzedDoc]) -> Vec<triangulate_attribution::Entity> {
    let mut quotes: Vec<Vec<Quote>> = docs
        .iter_mut()
        .map(|d| std::mem::take(&mut d.quotes))
        .collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().map(|d| (&d.doc, &d.text)).collect();
    let entities = triangulate_attribution::resolve(&pairs, &mut quotes);
    for (d, q) in docs.iter_mut().zip(quotes) {
        d.quotes = q;
    }
    entities
}

/// Run the per-document analysis stages (an undated document's time expressions are tagged
/// without an anchor).
pub fn analyze_document(doc: Document) -> AnalyzedDoc {
    analyze(doc, true).0
}

/// The per-document stages; `tag_undated: false` leaves an undated document's time
/// expressions to `timeline::infer_published`, which tags them once its date is inferred.
/// Also returns the document's time expressions prepared (found, not yet normalized), for
/// that inference and tagging.
fn analyze(mut doc: Document, tag_undated: bool) -> (AnalyzedDoc, triangulate_time::Prepared) {
    let text = triangulate_text::analyze(&doc);
    for &(start, end) in &text.cut_sentences {
        doc.diagnostics.push(Diagnostic {
            span: Some(Span::new_unchecked(doc.id, start as usize, end as usize)),
            message: format!(
                "text without sentence ends ({} bytes at {start}): analyzed in pieces of at most {} tokens",
                end - start,
                triangulate_text::MAX_SENTENCE_TOKENS
            ),
        });
    }
    let quotes = triangulate_attribution::attribute(&doc, &text);
    let anchor = doc.meta.published.map(|p| p.date);
    let prepared = triangulate_time::prepare(&doc, &text);
    let timexes = if anchor.is_some() || tag_undated {
        prepared.tag(&doc, anchor)
    } else {
        Vec::new()
    };
    let analyzed = AnalyzedDoc {
        doc,
        text,
        quotes,
        timexes,
    };
    (analyzed, prepared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::DocId;

    /// Issue 13: a document without sentence ends is analyzed in bounded pieces, and the
    /// report says so.
    #[test]
    fn issue_13_text_without_sentence_ends_gets_a_diagnostic() {
        let words: Vec<String> = (0..3000)
            .map(|i| {
                if i % 12 == 5 {
                    "said".into()
                } else {
                    format!("word{}", i % 89)
                }
            })
            .collect();
        let doc = Document::new(DocId(0), "transcript", words.join(" "));
        let story = Story::build(vec![doc], &StoryOptions::default());
        let d = &story.docs[0];
        assert!(d.text.sentences.len() >= 3000 / triangulate_text::MAX_SENTENCE_TOKENS);
        let notes: Vec<&Diagnostic> = d
            .doc
            .diagnostics
            .iter()
            .filter(|x| x.message.contains("without sentence ends"))
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].span.map(|s| s.len()), Some(d.doc.text.len()));
    }
}
