//! The timeline: dated events merged across sources.

use serde::{Deserialize, Serialize};
use triangulate_core::Span;

use crate::AnalyzedDoc;

/// One event on the timeline with every source that reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// ISO date at the finest granularity any source gives ("2017-10-26", "2017-04", "2015").
    pub date: String,
    /// "day", "month", "year", ...
    pub granularity: String,
    /// Short description in the words of the text.
    pub text: String,
    /// Supporting spans, one or more per document.
    pub sources: Vec<Span>,
}

/// Build the timeline of the analyzed documents.
pub fn build(docs: &[AnalyzedDoc]) -> Vec<TimelineEntry> {
    let _ = docs;
    Vec::new()
}
