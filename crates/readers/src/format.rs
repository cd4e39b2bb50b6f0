//! Input formats and how an input's format is decided: by container (WARC, feeds), by
//! extension, else sniffed from its first bytes.

use crate::{feed, json};

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
    /// An RSS 2.0 / Atom feed: one document per item ([`feed`]).
    Feed,
    /// A WARC file, plain or gzipped: one document per HTML response ([`warc`]).
    Warc,
}

impl Format {
    /// Lower-case name, as `--format` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::MultiNews => "multinews",
            Format::Feed => "feed",
            Format::Warc => "warc",
        }
    }
}

/// Formats recognized before decoding: WARC by name (`.warc`, `.warc.gz`) and feeds by
/// their first markup ([`feed::looks_like_feed`]).
pub fn detect_container(name: &str, bytes: &[u8]) -> Option<Format> {
    let lower = name.to_lowercase();
    if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
        return Some(Format::Warc);
    }
    feed::looks_like_feed(bytes).then_some(Format::Feed)
}

/// The format a file's extension names, if it names one: an extension says what a file is.
pub fn format_of_extension(name: &str) -> Option<Format> {
    let lower = name.to_lowercase();
    let file = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    Some(match ext {
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "json" => Format::Json,
        "txt" | "text" | "md" | "markdown" => Format::Text,
        _ => return None,
    })
}

/// Decide the format of an input: by its extension if known, else sniffed from its first
/// bytes (see [`sniff_format`]).
pub fn detect_format(name: &str, text: &str) -> Format {
    format_of_extension(name).unwrap_or_else(|| sniff_format(text))
}

/// Guess the format of a text from its first bytes, for inputs without a known extension.
pub fn sniff_format(text: &str) -> Format {
    let head = text.trim_start();
    let head_lower: String = head.chars().take(512).collect::<String>().to_lowercase();
    if head_lower.starts_with("<!doctype html")
        || head_lower.starts_with("<html")
        || (head.starts_with('<') && (head_lower.contains("<body") || head_lower.contains("<p")))
    {
        return Format::Html;
    }
    if head.starts_with('{') || head.starts_with('[') {
        if json::looks_like_jsonl(text) && text.trim().lines().count() > 1 {
            return Format::Jsonl;
        }
        return Format::Json;
    }
    if text.contains("|||||") {
        return Format::MultiNews;
    }
    Format::Text
}
