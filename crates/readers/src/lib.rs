//! Readers: bytes from files, directories and stdin into [`Document`]s.
//!
//! Formats: plain text, HTML pages (main content through dom_smoothie; metadata from meta
//! tags and JSON-LD), JSON records and arrays, JSONL, and Multi-News lines. Encodings:
//! UTF-8 with or without BOM, UTF-16 with BOM, and legacy single-byte encodings
//! (Windows-1252/Latin-1) detected with chardetng. Each document's text is immutable after
//! reading: boilerplate lines are marked as spans, never cut out, and what they tell
//! (publication date, dateline place, outlet, headline) goes into [`Metadata`](triangulate_core::Metadata).
//!
//! The I/O lives in [`fs`]; everything else here is pure and works on bytes.
//!
//! ```
//! use triangulate_core::DateBasis;
//! use triangulate_readers::{documents_from_bytes, Format};
//! let input = "PORT HALDEN (Harbor Wire) - The bridge closed on Monday.\nUpdated 04 March 2025\n";
//! let docs = documents_from_bytes("a.txt", input.as_bytes(), Format::Auto, 0).unwrap();
//! assert_eq!(docs[0].text, input, "the text is kept as read");
//! assert_eq!(docs[0].meta.outlet.as_deref(), Some("Harbor Wire"));
//! assert_eq!(docs[0].meta.dateline.as_deref(), Some("PORT HALDEN"));
//! assert_eq!(docs[0].meta.published.unwrap().basis, DateBasis::InText);
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod damage;
pub mod dates;
pub mod decode;
pub mod feed;
mod format;
pub mod fs;
pub mod html;
pub mod json;
pub mod multinews;
pub mod rules;
pub mod unwrap;
pub mod view;
pub mod warc;

pub use format::{detect_container, detect_format, format_of_extension, sniff_format, Format};

use std::collections::HashMap;

use triangulate_core::{Boilerplate, DateBasis, Diagnostic, DocId, Document, PublishedDate, Span};

/// Inputs larger than this are refused (64 MiB): a story's articles are far smaller, and a
/// larger input is most likely the wrong file.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Why an input could not be read at all. Each variant has its own exit code in the CLI.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The input is empty (or only whitespace, or a directory without readable files).
    #[error("{name}: empty input: no text to read")]
    Empty {
        /// Input name.
        name: String,
    },
    /// A folder given to read one story holds no articles, only subfolders (a tree of
    /// stories, as `ingest` reads it).
    #[error(
        "{name}: no articles in this folder, only subfolders ({}); a report reads one story: \
         name the story's folder (e.g. {}), or use `triangulate ingest` for a tree of stories",
        subfolders.join(", "),
        subfolders.first().map(String::as_str).unwrap_or("")
    )]
    OnlySubfolders {
        /// The folder as given.
        name: String,
        /// Its subfolders' paths, sorted.
        subfolders: Vec<String>,
    },
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("{name}: input too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// Input name.
        name: String,
        /// Its size in bytes (at least this many).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The input is not text (NUL bytes or control characters).
    #[error("{name}: binary data, not text")]
    Binary {
        /// Input name.
        name: String,
    },
    /// The input does not parse as the format asked for or detected, or holds no article.
    #[error("{name}: not usable as {format}: {reason}")]
    Unusable {
        /// Input name.
        name: String,
        /// The format.
        format: &'static str,
        /// Why.
        reason: String,
    },
}

/// Metadata an input states outside the text: a JSON record's fields, an HTML page's meta.
#[derive(Debug, Clone, Default)]
struct Given {
    title: Option<String>,
    byline: Option<String>,
    url: Option<String>,
    /// Outlet from an input field.
    source: Option<String>,
    /// Outlet from HTML meta.
    site_name: Option<String>,
    /// Date as written, and how it was given.
    published: Option<(String, DateBasis)>,
}

/// Decode and parse one input's bytes into documents, numbered from `first_id`.
///
/// Errors are for inputs that cannot be read at all (empty, binary, too large, not the
/// format asked for); messy input gives documents with diagnostics.
pub fn documents_from_bytes(
    name: &str,
    bytes: &[u8],
    format: Format,
    first_id: u32,
) -> Result<Vec<Document>, ReadError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            name: name.into(),
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty { name: name.into() });
    }
    match format {
        Format::Feed => return feed::documents_from_feed(name, bytes, first_id),
        Format::Warc => return warc::documents_from_gz_or_plain(name, bytes, first_id),
        Format::Auto => match detect_container(name, bytes) {
            Some(Format::Warc) => return warc::documents_from_gz_or_plain(name, bytes, first_id),
            Some(Format::Feed) => return feed::documents_from_feed(name, bytes, first_id),
            _ => {}
        },
        _ => {}
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(ReadError::Unusable {
            name: name.into(),
            format: format.name(),
            reason: "gzip-compressed; decompress it first (zcat)".into(),
        });
    }
    if decode::looks_binary(bytes) {
        return Err(ReadError::Binary { name: name.into() });
    }
    let decoded = decode::decode(bytes);
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(ReadError::Empty { name: name.into() });
    }
    let (format, how) = match format {
        Format::Auto => match format_of_extension(name) {
            Some(f) => (f, "from the extension"),
            None => (sniff_format(&text), "sniffed"),
        },
        f => (f, "given"),
    };
    let mut notes = decoded.notes;
    notes.push(format!("format: {} ({how})", format.name()));
    // A sniffed format is a guess: if the input does not parse as it, it is text.
    if how == "sniffed" && matches!(format, Format::Json | Format::Jsonl) {
        if let Some(why) = json_parse_failure(format, &text) {
            notes.push(format!(
                "looked like {} but does not parse ({why}); read as text",
                format.name()
            ));
            return documents_from_text(name, text, notes, first_id);
        }
    }
    let unusable = |reason: String| ReadError::Unusable {
        name: name.into(),
        format: format.name(),
        reason,
    };
    let mut raw: Vec<(String, String, Given, Vec<String>)> = Vec::new();
    match format {
        Format::Auto | Format::Text => raw.push((name.into(), text, Given::default(), notes)),
        Format::Html => {
            let (t, g, n) = from_html(&text);
            notes.extend(n);
            raw.push((name.into(), t, g, notes));
        }
        Format::Json | Format::Jsonl => {
            let (records, skipped) = if format == Format::Json {
                json::parse_json(&text).map_err(unusable)?
            } else {
                json::parse_jsonl(&text)
            };
            if records.is_empty() {
                let why = skipped
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "no records".into());
                return Err(unusable(why));
            }
            for (i, r) in records.into_iter().enumerate() {
                let mut n = notes.clone();
                if i == 0 {
                    n.extend(skipped.iter().cloned());
                }
                let mut g = Given {
                    title: r.title,
                    byline: r.byline,
                    url: r.url,
                    source: r.source,
                    site_name: None,
                    published: r.published.map(|p| (p, DateBasis::InputField)),
                };
                let t = match (r.text, r.html) {
                    (Some(t), _) => t,
                    (None, Some(h)) => {
                        let (t, hg, hn) = from_html(&h);
                        n.extend(hn);
                        g.title = g.title.or(hg.title);
                        g.byline = g.byline.or(hg.byline);
                        g.url = g.url.or(hg.url);
                        g.site_name = hg.site_name;
                        g.published = g.published.or(hg.published);
                        t
                    }
                    (None, None) => unreachable!("records without text are skipped"),
                };
                raw.push((format!("{name}{}", r.suffix), t, g, n));
            }
        }
        Format::Feed | Format::Warc => unreachable!("read before decoding"),
        Format::MultiNews => {
            for (line_no, line) in multinews::story_lines(&text).enumerate() {
                for d in multinews::parse_line(&format!("{name}#{}", line_no + 1), line) {
                    raw.push((d.name, d.text, Given::default(), notes.clone()));
                }
            }
        }
    }
    let docs: Vec<Document> = raw
        .into_iter()
        .filter(|(_, t, _, _)| !t.trim().is_empty())
        .enumerate()
        .map(|(i, (n, t, g, notes))| finish(DocId(first_id + i as u32), n, t, g, notes))
        .collect();
    if docs.is_empty() {
        return Err(ReadError::Empty { name: name.into() });
    }
    Ok(docs)
}

/// Why `text` does not parse as JSON (`Format::Json`) or as JSONL (no line parses), if so.
fn json_parse_failure(format: Format, text: &str) -> Option<String> {
    if format == Format::Json {
        return json::parse_json(text).err();
    }
    let (records, skipped) = json::parse_jsonl(text);
    let invalid = skipped
        .iter()
        .filter(|s| s.contains("not valid JSON"))
        .count();
    (records.is_empty() && invalid > 0 && invalid == skipped.len()).then(|| skipped[0].clone())
}

/// One plain-text document.
fn documents_from_text(
    name: &str,
    text: String,
    notes: Vec<String>,
    first_id: u32,
) -> Result<Vec<Document>, ReadError> {
    let doc = finish(DocId(first_id), name.into(), text, Given::default(), notes);
    Ok(vec![doc])
}

fn from_html(src: &str) -> (String, Given, Vec<String>) {
    let p = html::read_html(src);
    let g = Given {
        title: p.title,
        byline: p.byline,
        url: p.url,
        source: None,
        site_name: p.site_name,
        published: p.published.map(|d| (d, DateBasis::HtmlMeta)),
    };
    (p.text, g, p.notes)
}

/// Build a document: mark boilerplate and fill metadata by precedence.
fn finish(id: DocId, name: String, text: String, given: Given, notes: Vec<String>) -> Document {
    let rules = rules::Rules::get();
    let view = view::view(&text);
    // Lines are found in the view: a wrapped paragraph is one line there.
    let c = clean::clean(
        view.text.as_deref().unwrap_or(&text),
        given.title.as_deref(),
    );
    let mut doc = Document::new(id, name, text);
    doc.diagnostics = notes
        .into_iter()
        .chain(view.notes)
        .map(|message| Diagnostic {
            span: None,
            message,
        })
        .collect();
    if let Some(v) = view.text {
        if let Err(e) = doc.set_analysis_text(v) {
            doc.diagnostics.push(Diagnostic {
                span: None,
                message: format!("analysis view not used: {e}"),
            });
        }
    }
    for d in damage::find(&doc.text) {
        doc.diagnostics.push(Diagnostic {
            span: Some(Span::new_unchecked(id, d.first.start, d.first.end)),
            message: d.message,
        });
    }
    doc.boilerplate = c
        .boilerplate
        .iter()
        .map(|(r, kind)| Boilerplate {
            span: Span::new_unchecked(id, r.start, r.end),
            kind: *kind,
        })
        .collect();
    let m = &mut doc.meta;
    m.title = given.title.or(c.headline);
    m.byline = given.byline;
    m.url = given.url.or(c.url);
    m.dateline = c.dateline;
    // Outlet: input field > known URL host > HTML meta > unknown URL host (the host itself)
    // > dateline.
    let known_host = m.url.as_deref().and_then(|u| rules.known_outlet_of_url(u));
    let host = m.url.as_deref().and_then(rules::host_of);
    let (outlet, basis) = if let Some(s) = given.source {
        (Some(s), Some("input"))
    } else if let Some(s) = known_host {
        (Some(s), Some("url"))
    } else if let Some(s) = given.site_name {
        (Some(s), Some("html-meta"))
    } else if let Some(s) = host {
        (Some(s), Some("url"))
    } else if let Some(s) = c.dateline_outlet {
        (Some(s), Some("dateline"))
    } else {
        (None, None)
    };
    m.outlet = outlet;
    m.outlet_basis = basis.map(str::to_string);
    // Publication date: input field / HTML meta > in-text marker.
    let mut published = None;
    if let Some((s, basis)) = &given.published {
        match dates::parse_date(s) {
            Some(date) => {
                published = Some(PublishedDate {
                    date,
                    basis: *basis,
                })
            }
            None => doc.diagnostics.push(Diagnostic {
                span: None,
                message: format!("publication date {s:?} not understood; ignored"),
            }),
        }
    }
    if published.is_none() {
        published = c.date.map(|date| PublishedDate {
            date,
            basis: DateBasis::InText,
        });
    }
    doc.meta.published = published;
    if !doc.boilerplate.is_empty() {
        let kinds: Vec<String> = doc
            .boilerplate
            .iter()
            .map(|b| format!("{:?}", b.kind).to_lowercase())
            .collect();
        doc.diagnostics.push(Diagnostic {
            span: None,
            message: format!(
                "{} boilerplate span(s) left out of the analysis: {}",
                kinds.len(),
                kinds.join(", ")
            ),
        });
    }
    doc
}

/// Keep the first of documents with the same text (by [`triangulate_text::content_key`] of
/// the analysis text: case, whitespace, punctuation and markup aside; the rule the store's
/// ingest drops exact duplicates by), drop the others with a diagnostic on the one kept,
/// and renumber the rest so that `DocId` stays the position.
pub fn dedupe(docs: Vec<Document>) -> Vec<Document> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut out: Vec<Document> = Vec::with_capacity(docs.len());
    for mut d in docs {
        let key = triangulate_text::content_key(d.analysis_text());
        if let Some(&k) = seen.get(&key) {
            let msg = format!("{} has the same text and was left out", d.name);
            out[k].diagnostics.push(Diagnostic {
                span: None,
                message: msg,
            });
            continue;
        }
        let id = DocId(out.len() as u32);
        if d.id != id {
            d.id = id;
            for b in &mut d.boilerplate {
                b.span.doc = id;
            }
            for g in &mut d.diagnostics {
                if let Some(s) = &mut g.span {
                    s.doc = id;
                }
            }
        }
        seen.insert(key, out.len());
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests;
