//! Core types shared by every stage of triangulate: [`Document`], [`Span`], [`Metadata`]
//! (and [`UnionFind`], the grouping two stages share).
//!
//! This crate does no I/O and knows nothing of formats, analysis or rendering.
//!
//! ```
//! use triangulate_core::{DocId, Document, Span};
//! let doc = Document::new(DocId(0), "a.txt", "Russia said Thursday it will agree.");
//! let span = Span::new(&doc, 0, 6).unwrap();
//! assert_eq!(doc.slice(span), "Russia");
//! ```
#![deny(missing_docs)]

mod document;
mod span;
mod union_find;

pub use document::{
    Boilerplate, BoilerplateKind, DateBasis, Diagnostic, Document, Metadata, PublishedDate,
    ViewError,
};
pub use span::{DocId, Span, SpanError};
pub use union_find::UnionFind;
