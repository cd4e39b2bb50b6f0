//! Readers: bytes from files, directories and stdin into [`Document`]s.
//!
//! The I/O lives in [`fs`]; everything else here is pure and works on bytes.
//!
//! ```
//! use triangulate_readers::{documents_from_bytes, Format};
//! let docs = documents_from_bytes("a.txt", b"Russia said on Monday it was talking.", Format::Auto, 0).unwrap();
//! assert_eq!(docs[0].text, "Russia said on Monday it was talking.");
//! ```
#![deny(missing_docs)]

pub mod fs;

use triangulate_core::{DocId, Document};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Detect from name and content.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// One JSON record or an array of records.
    Json,
    /// One JSON record a line.
    Jsonl,
    /// Multi-News: one story a line, documents joined by `|||||`.
    MultiNews,
}

/// Why an input could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The input is empty.
    #[error("{name}: empty input")]
    Empty {
        /// Input name.
        name: String,
    },
}

/// Decode and parse one input's bytes into documents, numbered from `first_id`.
pub fn documents_from_bytes(
    name: &str,
    bytes: &[u8],
    format: Format,
    first_id: u32,
) -> Result<Vec<Document>, ReadError> {
    let _ = format;
    let text = String::from_utf8_lossy(bytes).into_owned();
    if text.trim().is_empty() {
        return Err(ReadError::Empty { name: name.into() });
    }
    Ok(vec![Document::new(DocId(first_id), name, text)])
}
