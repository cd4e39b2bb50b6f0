use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::Document;

/// Index of a document within one story (its position in the input order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub u32);

impl DocId {
    /// The index as `usize`, for indexing slices of documents.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range `[start, end)` into the immutable text of one document.
///
/// Invariant: `start <= end <= text.len()` and both ends fall on UTF-8 char boundaries.
/// [`Span::new`] checks this; [`Span::new_unchecked`] is for code that already knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// The document the range points into.
    pub doc: DocId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// A span that does not fit its document's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "span {start}..{end} is out of bounds or splits a character in document {doc} ({len} bytes)"
)]
pub struct SpanError {
    /// Document index.
    pub doc: u32,
    /// Requested start.
    pub start: usize,
    /// Requested end.
    pub end: usize,
    /// Length of the document's text.
    pub len: usize,
}

impl Span {
    /// A checked span of `doc`'s text.
    pub fn new(doc: &Document, start: usize, end: usize) -> Result<Span, SpanError> {
        Span::in_text(doc.id, &doc.text, start, end)
    }

    /// A checked span of `text`, which must be the text of document `doc`.
    pub fn in_text(doc: DocId, text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        if start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
        {
            Ok(Span::new_unchecked(doc, start, end))
        } else {
            Err(SpanError {
                doc: doc.0,
                start,
                end,
                len: text.len(),
            })
        }
    }

    /// A span whose bounds the caller has already checked against the text.
    pub fn new_unchecked(doc: DocId, start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            doc,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The byte range as `usize`.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True if the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True if the two spans are in the same document and share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.doc == other.doc && self.start < other.end && other.start < self.end
    }

    /// True if `other` lies inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.doc == other.doc && self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both (same document).
    pub fn cover(self, other: Span) -> Span {
        debug_assert_eq!(self.doc, other.doc);
        Span {
            doc: self.doc,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_constructor_rejects_out_of_bounds_and_split_chars() {
        let doc = Document::new(DocId(3), "x", "it’s");
        assert!(Span::new(&doc, 0, 2).is_ok());
        assert!(
            Span::new(&doc, 0, 3).is_err(),
            "splits the curly apostrophe"
        );
        assert!(Span::new(&doc, 2, 1).is_err());
        assert!(Span::new(&doc, 0, doc.text.len() + 1).is_err());
        assert_eq!(
            doc.slice(Span::new(&doc, 0, doc.text.len()).unwrap()),
            "it’s"
        );
    }
}
