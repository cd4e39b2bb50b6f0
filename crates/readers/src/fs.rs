//! The only module of the readers that touches the file system or stdin.

use std::io::Read;
use std::path::Path;

use triangulate_core::Document;

use crate::{dedupe, documents_from_bytes, Format, ReadError, MAX_INPUT_BYTES};

/// What was read from a set of paths.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The documents, numbered by position, duplicates removed (see [`crate::dedupe`]).
    pub docs: Vec<Document>,
    /// Files found inside directories that could not be used (empty, binary, too large, ...):
    /// they are skipped, and the caller may warn about them.
    pub skipped: Vec<ReadError>,
}

/// Read at most [`MAX_INPUT_BYTES`] from `r`; refuse more without reading it all.
fn read_limited(name: &str, r: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut b = Vec::new();
    r.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut b)
        .map_err(|source| ReadError::Io {
            path: name.into(),
            source,
        })?;
    if b.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            name: name.into(),
            size: b.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(b)
}

fn read_file(path: &str) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.into(),
        source,
    };
    let f = std::fs::File::open(path).map_err(io)?;
    let len = f.metadata().map_err(io)?.len();
    if len > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            name: path.into(),
            size: len,
            limit: MAX_INPUT_BYTES,
        });
    }
    read_limited(path, f)
}

/// File extensions read from a directory (files without an extension are read too); other
/// files (README.md, archives, images) are skipped.
pub const DIRECTORY_EXTENSIONS: [&str; 8] = [
    "txt", "text", "html", "htm", "xhtml", "json", "jsonl", "ndjson",
];

fn wanted_in_directory(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(e) => DIRECTORY_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()),
    }
}

/// Read every path (`-` is stdin; directories are read in sorted order, hidden files and
/// files with other extensions than [`DIRECTORY_EXTENSIONS`] left out) into documents.
///
/// A path named on the command line that cannot be used is an error; a file found inside a
/// directory that cannot be used is skipped and reported in [`Inputs::skipped`]. No document
/// at all is [`ReadError::Empty`].
pub fn read_inputs(paths: &[String], format: Format) -> Result<Inputs, ReadError> {
    let mut files: Vec<(String, bool)> = Vec::new();
    for p in paths {
        if p != "-" && Path::new(p).is_dir() {
            let rd = std::fs::read_dir(p).map_err(|source| ReadError::Io {
                path: p.clone(),
                source,
            })?;
            let mut entries: Vec<String> = rd
                .filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter(|e| e.path().is_file() && wanted_in_directory(&e.path()))
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            entries.sort();
            files.extend(entries.into_iter().map(|e| (e, true)));
        } else {
            files.push((p.clone(), false));
        }
    }
    let mut out = Inputs::default();
    let mut docs = Vec::new();
    for (f, in_dir) in files {
        let read = if f == "-" {
            read_limited("-", std::io::stdin().lock())
        } else {
            read_file(&f)
        };
        match read.and_then(|bytes| documents_from_bytes(&f, &bytes, format, docs.len() as u32)) {
            Ok(more) => docs.extend(more),
            Err(e) if in_dir => out.skipped.push(e),
            Err(e) => return Err(e),
        }
    }
    if docs.is_empty() {
        return Err(ReadError::Empty {
            name: paths.join(" "),
        });
    }
    out.docs = dedupe(docs);
    Ok(out)
}

/// [`read_inputs`] without the list of skipped files.
pub fn read_paths(paths: &[String], format: Format) -> Result<Vec<Document>, ReadError> {
    read_inputs(paths, format).map(|i| i.docs)
}
