//! The only module of the readers that touches the file system or stdin.

use std::io::Read;
use std::path::Path;

use triangulate_core::Document;

use crate::{documents_from_bytes, Format, ReadError};

/// Read every path (`-` is stdin; directories are read in sorted order) into documents.
pub fn read_paths(paths: &[String], format: Format) -> Result<Vec<Document>, ReadError> {
    let mut files = Vec::new();
    for p in paths {
        if p != "-" && Path::new(p).is_dir() {
            let rd = std::fs::read_dir(p).map_err(|source| ReadError::Io {
                path: p.clone(),
                source,
            })?;
            let mut entries: Vec<String> = rd
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    let mut docs = Vec::new();
    for f in files {
        let bytes = if f == "-" {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|source| ReadError::Io {
                    path: f.clone(),
                    source,
                })?;
            b
        } else {
            std::fs::read(&f).map_err(|source| ReadError::Io {
                path: f.clone(),
                source,
            })?
        };
        let more = documents_from_bytes(&f, &bytes, format, docs.len() as u32)?;
        docs.extend(more);
    }
    Ok(docs)
}
