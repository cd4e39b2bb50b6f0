//! WARC files (a crawler's archive) through the warc crate: every `response` record holding
//! an HTTP 200 response with an HTML content type becomes a document through the HTML
//! reader, with the record's target URL and WARC-Date as metadata. Other records (requests,
//! metadata, redirects, images) are skipped.
//!
//! The reader works on any [`BufRead`]: the caller opens the file and, for `.warc.gz`,
//! puts a gzip decoder in front (members are decompressed one after the other).
//!
//! ```
//! use triangulate_readers::warc::documents_from_warc;
//! let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
//!             <html><body><p>The bridge closed on Monday.</p></body></html>";
//! let warc = format!(
//!     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
//!      WARC-Date: 2025-03-04T08:00:00Z\r\nWARC-Target-URI: https://quay.example/a\r\n\
//!      Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{}\r\n\r\n",
//!     http.len(), http);
//! let docs = documents_from_warc("c.warc", warc.as_bytes(), 0).unwrap();
//! assert_eq!(docs[0].name, "c.warc#1");
//! assert_eq!(docs[0].meta.url.as_deref(), Some("https://quay.example/a"));
//! assert!(docs[0].text.contains("The bridge closed on Monday."));
//! ```

use std::io::{BufRead, Read};

use triangulate_core::{DateBasis, DocId, Document};
use warc::{RecordType, WarcHeader, WarcReader};

use crate::{decode, finish, from_html, ReadError, MAX_INPUT_BYTES};

/// Documents of a WARC stream's HTML responses, numbered from `first_id` and named
/// `{name}#N`, N counting the stream's records from 1. A stream that breaks off after some
/// records keeps what was read before, with a diagnostic on the last document; one with no
/// HTML response at all is [`ReadError::Unusable`].
pub fn documents_from_warc(
    name: &str,
    r: impl BufRead,
    first_id: u32,
) -> Result<Vec<Document>, ReadError> {
    let unusable = |reason: String| ReadError::Unusable {
        name: name.into(),
        format: "warc",
        reason,
    };
    let mut docs: Vec<Document> = Vec::new();
    let mut broken = None;
    for (i, rec) in WarcReader::new(r).iter_records().enumerate() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                broken = Some(format!(
                    "WARC record {} unreadable ({e}); stopped there",
                    i + 1
                ));
                break;
            }
        };
        if *rec.warc_type() != RecordType::Response {
            continue;
        }
        // Headers are read from the raw parts: the crate's `header()` panics on a value that
        // is not UTF-8 (found by fuzzing reader_warc); a bad URL byte is replaced instead.
        let date = *rec.date();
        let (head, body) = rec.into_raw_parts();
        let Some(html) = http_html(&body) else {
            continue;
        };
        let decoded = decode::decode(&html);
        let (text, mut given, mut notes) = from_html(&decoded.text);
        if text.trim().is_empty() {
            continue;
        }
        notes.splice(0..0, decoded.notes);
        notes.insert(0, "format: warc response".to_string());
        if let Some(uri) = head.headers.get(&WarcHeader::TargetURI) {
            let uri = String::from_utf8_lossy(uri);
            let uri = uri.trim().trim_start_matches('<').trim_end_matches('>');
            given.url = Some(uri.to_string());
        }
        if given.published.is_none() {
            given.published = Some((date.to_rfc3339(), DateBasis::InputField));
        }
        let id = DocId(first_id + docs.len() as u32);
        docs.push(finish(id, format!("{name}#{}", i + 1), text, given, notes));
    }
    if let Some(msg) = broken {
        match docs.last_mut() {
            Some(d) => d.diagnostics.push(triangulate_core::Diagnostic {
                span: None,
                message: msg,
            }),
            None => return Err(unusable(msg)),
        }
    }
    if docs.is_empty() {
        return Err(unusable("no HTTP 200 response with HTML".into()));
    }
    Ok(docs)
}

/// [`documents_from_warc`] over bytes held in memory, gzipped (`.warc.gz`) or not.
pub fn documents_from_gz_or_plain(
    name: &str,
    bytes: &[u8],
    first_id: u32,
) -> Result<Vec<Document>, ReadError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(bytes);
        documents_from_warc(name, std::io::BufReader::new(gz), first_id)
    } else {
        documents_from_warc(name, bytes, first_id)
    }
}

/// The body of an HTTP response block if its status is 200 and its content type HTML
/// (chunked transfer and gzip/deflate content encoding undone).
pub fn http_html(block: &[u8]) -> Option<Vec<u8>> {
    let end = find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| find(block, b"\n\n").map(|p| (p, p + 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status = lines.next()?;
    let mut parts = status.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") || parts.next()? != "200" {
        return None;
    }
    let (mut html, mut chunked, mut encoding) = (false, false, String::new());
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => html = v.contains("text/html") || v.contains("xhtml"),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    if !html {
        return None;
    }
    let body = &block[end.1..];
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    let limit = MAX_INPUT_BYTES;
    match encoding.as_str() {
        "gzip" | "x-gzip" => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .ok()?;
            Some(out)
        }
        "deflate" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .ok()?;
            Some(out)
        }
        "" | "identity" => Some(body),
        _ => None,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undo HTTP chunked transfer encoding; a damaged stream keeps what came before the damage.
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    while let Some(eol) = find(b, b"\r\n") {
        let size = String::from_utf8_lossy(&b[..eol]);
        let size = size.split(';').next().unwrap_or("").trim();
        let Ok(n) = usize::from_str_radix(size, 16) else {
            break;
        };
        b = &b[eol + 2..];
        if n == 0 || n > b.len() {
            out.extend_from_slice(&b[..n.min(b.len())]);
            break;
        }
        out.extend_from_slice(&b[..n]);
        b = b.get(n + 2..).unwrap_or(&[]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: 2025-03-04T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    const PAGE: &str = "<html><head><title>Bridge</title></head><body><article><p>The Halden Bridge will close on Monday for repairs to its deck, the city said.</p></article></body></html>";

    #[test]
    fn only_html_200_responses() {
        let ok = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let redirect =
            "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\nLocation: /b\r\n\r\n<p>moved</p>";
        let image = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG";
        let chunked_body = format!("{:x}\r\n{}\r\n0\r\n\r\n", PAGE.len(), PAGE);
        let chunked = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{chunked_body}");
        let warc = [
            record("request", "https://a.example/1", "GET / HTTP/1.1\r\n\r\n"),
            record("response", "https://a.example/1", &ok),
            record("response", "https://a.example/2", redirect),
            record("response", "https://a.example/3", image),
            record("response", "https://a.example/4", &chunked),
        ]
        .concat();
        let docs = documents_from_warc("c.warc", warc.as_bytes(), 0).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "c.warc#2");
        assert_eq!(docs[1].name, "c.warc#5");
        assert_eq!(docs[1].id, DocId(1));
        assert_eq!(docs[1].meta.url.as_deref(), Some("https://a.example/4"));
        assert!(docs[1].text.contains("Halden Bridge"), "{}", docs[1].text);
        assert!(!docs[1].text.contains("<p>"));
        let p = docs[0].meta.published.unwrap();
        assert_eq!(p.date.to_string(), "2025-03-04");
    }

    #[test]
    fn target_uri_that_is_not_utf8_is_read_not_a_panic() {
        // Found by fuzzing reader_warc: the warc crate's header() unwraps a UTF-8 conversion.
        let ok = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let mut warc = record("response", "https://a.example/X", &ok).into_bytes();
        let at = warc.windows(2).rposition(|w| w == b"/X").unwrap() + 1;
        warc[at] = 0xAD;
        let docs = documents_from_warc("c.warc", &warc[..], 0).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].meta.url.as_deref(),
            Some("https://a.example/\u{FFFD}")
        );
    }

    #[test]
    fn gzip_content_encoding_and_damage() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(PAGE.as_bytes()).unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(gz.finish().unwrap());
        assert_eq!(http_html(&block).unwrap(), PAGE.as_bytes());
        assert!(http_html(b"garbage").is_none());
        let ok = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let mut warc = record("response", "https://a.example/1", &ok);
        warc.push_str("WARC/1.0\r\nWARC-Type: resp");
        let docs = documents_from_warc("c.warc", warc.as_bytes(), 0).unwrap();
        assert_eq!(docs.len(), 1);
        assert!(matches!(
            documents_from_warc("c.warc", &b"WARC/1.0\r\nbroken"[..], 0),
            Err(ReadError::Unusable { .. })
        ));
    }
}
