//! Who said what: quotes, reported speech, their speakers, and the story's entities.
//!
//! Pure analysis: no I/O. Input is a document and its [`TextAnalysis`]; output carries spans.
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;

/// One attribution relation (PolNeAR scheme): a source, a cue and a content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Who is speaking, as written at this place ("he", "Ulyanov"), if stated.
    pub source: Option<Span>,
    /// The cue ("said", "according to", "told reporters").
    pub cue: Option<Span>,
    /// What was said.
    pub content: Span,
    /// True for words in quotation marks (or that were, before the marks were stripped).
    pub direct: bool,
    /// Canonical speaker name once resolved to an entity ("Mikhail Ulyanov").
    pub speaker: Option<String>,
    /// Role or title as the text gives it.
    pub role: Option<String>,
}

/// Attribution relations of one document, in text order.
pub fn attribute(doc: &Document, text: &TextAnalysis) -> Vec<Quote> {
    let _ = (doc, text);
    Vec::new()
}
