//! The only module of the readers that touches the file system or stdin.

use std::io::{BufRead, Read};
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
        if let Some(e) = only_subfolders(paths) {
            return Err(e);
        }
        return Err(ReadError::Empty {
            name: paths.join(" "),
        });
    }
    out.docs = dedupe(docs);
    Ok(out)
}

/// The first folder among `paths` that holds subfolders (not hidden) and no file read: the
/// error that says so, for a folder of stories given where one story's folder was meant.
fn only_subfolders(paths: &[String]) -> Option<ReadError> {
    paths
        .iter()
        .filter(|p| Path::new(p).is_dir())
        .find_map(|p| {
            let mut subfolders: Vec<String> = std::fs::read_dir(p)
                .ok()?
                .filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter(|e| e.path().is_dir())
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            subfolders.sort();
            (!subfolders.is_empty()).then(|| ReadError::OnlySubfolders {
                name: p.clone(),
                subfolders,
            })
        })
}

/// [`read_inputs`] without the list of skipped files.
pub fn read_paths(paths: &[String], format: Format) -> Result<Vec<Document>, ReadError> {
    read_inputs(paths, format).map(|i| i.docs)
}

/// File extensions `ingest` reads from directories: those of [`DIRECTORY_EXTENSIONS`],
/// feeds, WARC and Multi-News sources, each also gzipped (`.gz`); files without an extension
/// are read too.
pub const INGEST_EXTENSIONS: [&str; 13] = [
    "txt", "text", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "rss", "atom", "xml", "warc",
    "src",
];

fn wanted_for_ingest(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match Path::new(name).extension() {
        None => true,
        Some(e) => INGEST_EXTENSIONS.contains(&e.to_string_lossy().as_ref()),
    }
}

/// The files under `paths`, directories read recursively (hidden entries and files with
/// other extensions than [`INGEST_EXTENSIONS`] left out), each directory's files in sorted
/// order, the paths in the order given. A path that cannot be listed is an error in the
/// second list; the walk goes on.
pub fn walk(paths: &[String]) -> (Vec<String>, Vec<ReadError>) {
    fn visit(dir: &Path, files: &mut Vec<String>, errors: &mut Vec<ReadError>) {
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(source) => {
                errors.push(ReadError::Io {
                    path: dir.to_string_lossy().into_owned(),
                    source,
                });
                return;
            }
        };
        let mut entries: Vec<std::path::PathBuf> = rd
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                visit(&p, files, errors);
            } else if p.is_file() && wanted_for_ingest(&p) {
                files.push(p.to_string_lossy().into_owned());
            }
        }
    }
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            visit(path, &mut files, &mut errors);
        } else if path.exists() {
            files.push(p.clone());
        } else {
            errors.push(ReadError::Io {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
    }
    (files, errors)
}

fn is_gz(path: &str) -> bool {
    path.to_lowercase().ends_with(".gz")
}

/// Open a file for reading, through a gzip decoder if its name ends in `.gz`.
fn open_maybe_gz(path: &str) -> Result<Box<dyn std::io::BufRead>, ReadError> {
    let f = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: path.into(),
        source,
    })?;
    let r = std::io::BufReader::with_capacity(1 << 20, f);
    Ok(if is_gz(path) {
        Box::new(std::io::BufReader::new(
            flate2::bufread::MultiGzDecoder::new(r),
        ))
    } else {
        Box::new(r)
    })
}

/// Read one file into documents (numbered from 0): WARC files are streamed (no size limit),
/// `.gz` files decompressed (the limit applies to the decompressed size), everything else
/// through [`documents_from_bytes`].
pub fn read_file_documents(path: &str, format: Format) -> Result<Vec<Document>, ReadError> {
    let lower = path.to_lowercase();
    let warc = format == Format::Warc
        || (format == Format::Auto && (lower.ends_with(".warc") || lower.ends_with(".warc.gz")));
    if warc {
        return crate::warc::documents_from_warc(path, open_maybe_gz(path)?, 0);
    }
    let bytes = if is_gz(path) {
        read_limited(path, open_maybe_gz(path)?)?
    } else {
        read_file(path)?
    };
    documents_from_bytes(path, &bytes, format, 0)
}

/// The lines of a (possibly gzipped) line-format file, numbered from 1, without line ends,
/// for streaming large Multi-News files line by line. Invalid UTF-8 is replaced.
pub fn lines(
    path: &str,
) -> Result<impl Iterator<Item = Result<(usize, String), ReadError>>, ReadError> {
    let mut r = open_maybe_gz(path)?;
    let path = path.to_string();
    let mut n = 0;
    Ok(std::iter::from_fn(move || {
        let mut buf = Vec::new();
        match r.read_until(b'\n', &mut buf) {
            Ok(0) => None,
            Ok(_) => {
                n += 1;
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                Some(Ok((n, String::from_utf8_lossy(&buf).into_owned())))
            }
            Err(source) => Some(Err(ReadError::Io {
                path: path.clone(),
                source,
            })),
        }
    }))
}
