//! Extractive multi-document summary with citations.

use serde::{Deserialize, Serialize};
use triangulate_core::Span;

use crate::AnalyzedDoc;

/// How long the summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// At most this many words (the last sentence may be cut to fit, as evaluation does).
    Words(usize),
    /// Exactly this many sentences (fewer if the story has fewer).
    Sentences(usize),
}

/// Order of the summary sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Most important first.
    #[default]
    Importance,
    /// By the date of what the sentence tells, then importance.
    Time,
    /// By document, then position in the document.
    Source,
}

/// Summary settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Length.
    pub budget: Budget,
    /// Order.
    pub order: Order,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            budget: Budget::Words(100),
            order: Order::Importance,
        }
    }
}

/// One summary sentence and every document span that states its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence it was taken from.
    pub span: Span,
    /// Spans (in other documents too) that say the same; includes `span`.
    pub supported_by: Vec<Span>,
    /// Ranking score.
    pub score: f32,
}

/// Summarize: placeholder lead baseline until the ranker lands.
pub fn summarize(docs: &[AnalyzedDoc], opts: &SummaryOptions) -> Vec<SummarySentence> {
    let mut out = Vec::new();
    let mut words = 0;
    for d in docs {
        let Some(s) = d.text.sentences.first() else {
            continue;
        };
        match opts.budget {
            Budget::Words(w) if words >= w => break,
            Budget::Sentences(k) if out.len() >= k => break,
            _ => {}
        }
        words += s.token_range().len();
        let span = d.text.sentence_span(&d.doc, 0);
        out.push(SummarySentence {
            span,
            supported_by: vec![span],
            score: 0.0,
        });
    }
    out
}
