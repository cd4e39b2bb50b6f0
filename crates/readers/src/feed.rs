//! RSS 2.0 / Atom (and RSS 1.0, JSON Feed) files through feed-rs: one document per item,
//! its `content:encoded` (or description / summary) through the HTML reader; the item's
//! title, link and published date, and the feed's title as the outlet.
//!
//! ```
//! use triangulate_readers::feed::documents_from_feed;
//! let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Ledger</title>
//! <item><title>Bridge shut</title><link>https://quay.example/a</link>
//! <pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
//! <description>&lt;p&gt;The bridge closed on Monday.&lt;/p&gt;</description></item>
//! </channel></rss>"#;
//! let docs = documents_from_feed("f.rss", rss.as_bytes(), 0).unwrap();
//! assert_eq!(docs[0].name, "f.rss#1");
//! assert_eq!(docs[0].meta.outlet.as_deref(), Some("Quay Ledger"));
//! assert!(docs[0].text.contains("The bridge closed on Monday."));
//! ```

use triangulate_core::{DateBasis, DocId, Document};

use crate::{finish, from_html, Given, ReadError};

/// True if the first 2 KiB are markup that opens an RSS, RDF or Atom feed (and no HTML page).
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('<')
        && !head.contains("<html")
        && (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf"))
}

/// Documents of a feed's items, numbered from `first_id` and named `{name}#N` (N from 1,
/// in the feed's order). Items without any text are skipped; a feed that does not parse or
/// has no item with text is [`ReadError::Unusable`].
pub fn documents_from_feed(
    name: &str,
    bytes: &[u8],
    first_id: u32,
) -> Result<Vec<Document>, ReadError> {
    let unusable = |reason: String| ReadError::Unusable {
        name: name.into(),
        format: "feed",
        reason,
    };
    let feed = feed_rs::parser::parse(bytes).map_err(|e| unusable(format!("{e}")))?;
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let mut docs = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        if html.trim().is_empty() {
            continue;
        }
        let (text, page, mut notes) = item_text(&html);
        if text.trim().is_empty() {
            continue;
        }
        notes.insert(0, "format: feed item".to_string());
        let title = entry
            .title
            .as_ref()
            .map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        let given = Given {
            title: title.or(page.title),
            byline: entry
                .authors
                .first()
                .and_then(|a| a.name.clone())
                .filter(|a| !a.trim().is_empty())
                .or(page.byline),
            url: entry.links.first().map(|l| l.href.clone()).or(page.url),
            source: outlet.clone(),
            site_name: page.site_name,
            published: entry
                .published
                .or(entry.updated)
                .map(|d| (d.to_rfc3339(), DateBasis::InputField))
                .or(page.published),
        };
        let id = DocId(first_id + docs.len() as u32);
        docs.push(finish(id, format!("{name}#{}", i + 1), text, given, notes));
    }
    if docs.is_empty() {
        return Err(unusable("no item with text".into()));
    }
    Ok(docs)
}

/// An item's HTML through the HTML reader; a fragment too short for the readability
/// extraction (it drops it or keeps a part) is read by stripping its tags.
fn item_text(html: &str) -> (String, Given, Vec<String>) {
    let (text, given, notes) = from_html(html);
    let stripped = crate::html::strip_tags(html);
    if text.len() * 2 < stripped.len() {
        return (
            stripped,
            given,
            vec!["HTML: short fragment, tags stripped".into()],
        );
    }
    (text, given, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_entries_with_content_and_dates() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbor Wire</title><id>urn:hw</id>
<updated>2025-03-05T00:00:00Z</updated>
<entry><title>Ferry late again</title><id>urn:1</id><link href="https://hw.example/1"/>
<published>2025-03-04T06:00:00Z</published><updated>2025-03-04T07:00:00Z</updated>
<content type="html">&lt;p&gt;The ferry ran late on Monday, the operator said.&lt;/p&gt;&lt;p&gt;Nobody was hurt.&lt;/p&gt;</content></entry>
<entry><title>Empty</title><id>urn:2</id><updated>2025-03-04T07:00:00Z</updated></entry>
<entry><title>Second</title><id>urn:3</id><updated>2025-03-06T07:00:00Z</updated>
<summary>Council meets on Friday.</summary></entry>
</feed>"#;
        let docs = documents_from_feed("a.atom", atom.as_bytes(), 5).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, DocId(5));
        assert_eq!(docs[1].id, DocId(6));
        assert_eq!(docs[1].name, "a.atom#3", "names count the feed's items");
        assert_eq!(docs[0].meta.title.as_deref(), Some("Ferry late again"));
        assert_eq!(docs[0].meta.url.as_deref(), Some("https://hw.example/1"));
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("Harbor Wire"));
        let p = docs[0].meta.published.unwrap();
        assert_eq!(p.date.to_string(), "2025-03-04");
        assert_eq!(p.basis, DateBasis::InputField);
        assert!(docs[0].text.contains("Nobody was hurt."));
        assert!(!docs[0].text.contains("<p>"));
        assert_eq!(docs[1].text, "Council meets on Friday.");
        assert_eq!(
            docs[1].meta.published.unwrap().date.to_string(),
            "2025-03-06"
        );
    }

    #[test]
    fn detection_and_bad_feeds() {
        assert!(looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?><rss>"));
        assert!(looks_like_feed(b"  <feed xmlns='x'>"));
        assert!(!looks_like_feed(b"<html><body>"));
        assert!(!looks_like_feed(b"plain words"));
        assert!(matches!(
            documents_from_feed(
                "x.rss",
                b"<rss><channel><title>T</title></channel></rss>",
                0
            ),
            Err(ReadError::Unusable { .. })
        ));
        assert!(matches!(
            documents_from_feed("x.rss", b"not xml at all", 0),
            Err(ReadError::Unusable { .. })
        ));
    }
}
