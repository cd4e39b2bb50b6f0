//! Properties of the readers on arbitrary bytes: never a panic; every document's boilerplate
//! and diagnostic spans in bounds, on char boundaries, ordered and non-overlapping; ids are
//! positions.

#[path = "support/documents.rs"]
mod documents;

use documents::read_and_check;
use proptest::prelude::*;
use triangulate_readers::Format;

fn check(name: &str, bytes: &[u8], format: Format) {
    for d in read_and_check(name, bytes, format, 3) {
        // The analysis runs on whatever was read.
        let _ = triangulate_text::analyze(&d);
    }
}

/// Inputs that look like the formats the readers know.
fn formatted() -> impl Strategy<Value = (String, Vec<u8>)> {
    let text = "[ -~\n“”’é©]{0,200}";
    prop_oneof![
        text.prop_map(|t| ("a.txt".to_string(), t.into_bytes())),
        text.prop_map(|t| (
            "a.html".to_string(),
            format!("<html><body><p>{t}</p></body></html>").into_bytes()
        )),
        text.prop_map(|t| (
            "a.jsonl".to_string(),
            format!("{{\"text\":{}}}\n{t}", serde_json::to_string(&t).unwrap()).into_bytes()
        )),
        text.prop_map(|t| (
            "a.txt".to_string(),
            format!(" date 2025-03-04 {t}\n© X/ Y {t}\nUpdated 04 March 2025").into_bytes()
        )),
        text.prop_map(|t| ("a.src".to_string(), format!("{t} ||||| {t}").into_bytes())),
    ]
}

/// Escape text for an XML element.
fn xml(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An RSS 2.0 feed (or an Atom feed) of items whose titles and bodies are `t` and `u`.
fn feed(t: &str, u: &str, atom: bool, cdata: bool) -> Vec<u8> {
    let body = if cdata && !u.contains("]]>") {
        format!("<![CDATA[<p>{u}</p>]]>")
    } else {
        xml(&format!("<p>{u}</p>"))
    };
    if atom {
        format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{}</title>\
             <entry><title>{}</title><link href=\"https://a.example/1\"/><id>1</id>\
             <updated>2025-03-10T12:00:00Z</updated><content type=\"html\">{body}</content></entry></feed>",
            xml(t),
            xml(t)
        )
    } else {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
             <channel><title>Wire</title><item><title>{}</title><link>https://a.example/1</link>\
             <pubDate>Mon, 10 Mar 2025 12:00:00 GMT</pubDate><description>{}</description>\
             <content:encoded>{body}</content:encoded></item><item><title>{}</title>\
             <description>{}</description></item></channel></rss>",
            xml(t),
            xml(u),
            xml(u),
            xml(t)
        )
    }
    .into_bytes()
}

/// One WARC response record carrying `html` (with a declared charset or none), optionally
/// followed by a request record and a truncated record.
fn warc(html: &str, charset: bool, tail: bool) -> Vec<u8> {
    let ct = if charset {
        "text/html; charset=utf-8"
    } else {
        "text/html"
    };
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
         WARC-Date: 2025-03-11T08:00:00Z\r\nWARC-Target-URI: https://a.example/x\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    if tail {
        out.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:2>\r\n\
              Content-Length: 5\r\n\r\nGET /\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nHTTP",
        );
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for f in [Format::Auto, Format::Text, Format::Html, Format::Json, Format::Jsonl, Format::MultiNews, Format::Feed, Format::Warc] {
            check("x", &bytes, f);
        }
    }

    #[test]
    fn text_like_bytes_never_panic(bytes in prop::collection::vec(prop_oneof![0x20u8..0x7f, 0x80u8..=0xff, Just(b'\n'), Just(b'<'), Just(b'{')], 0..600)) {
        for f in [Format::Auto, Format::Html, Format::Json, Format::Jsonl, Format::MultiNews, Format::Feed, Format::Warc] {
            check("x", &bytes, f);
        }
    }

    #[test]
    fn format_like_inputs((name, bytes) in formatted()) {
        check(&name, &bytes, Format::Auto);
    }

    #[test]
    fn feed_like_inputs(t in "[ -~\n“”’é©]{0,120}", u in "[ -~\n“”’é©]{0,200}", atom in any::<bool>(), cdata in any::<bool>()) {
        let bytes = feed(&t, &u, atom, cdata);
        // Named as a feed, sniffed without a name, and forced.
        check("a.xml", &bytes, Format::Auto);
        check("x", &bytes, Format::Auto);
        let docs = read_and_check("a.rss", &bytes, Format::Feed, 0);
        // A well-formed feed is read, not refused, when an item has a body with words (an
        // item with a title and no body is skipped by design).
        // (A body is HTML: "<a" in it is a tag, not words.)
        let words = |x: &str| x.chars().any(char::is_alphanumeric) && !x.contains(['<', '&']);
        let bodies = words(&u) || (!atom && words(&t));
        prop_assert!(!bodies || !docs.is_empty(), "feed refused: {:?}", String::from_utf8_lossy(&bytes));
        for d in &docs {
            let _ = triangulate_text::analyze(d);
        }
    }

    #[test]
    fn warc_like_inputs(u in "[ -~\n“”’é©<>&]{0,300}", charset in any::<bool>(), tail in any::<bool>(), cut in 0usize..400) {
        let html = format!("<html><head><title>T</title></head><body><p>{u}</p></body></html>");
        let plain = warc(&html, charset, tail);
        let gz = gzip(&plain);
        check("a.warc", &plain, Format::Auto);
        check("a.warc.gz", &gz, Format::Auto);
        // A well-formed record whose page has words is read as one document.
        let docs = read_and_check("a.warc", &plain, Format::Warc, 0);
        if u.chars().any(char::is_alphanumeric) {
            prop_assert_eq!(docs.len(), 1, "{:?}", String::from_utf8_lossy(&plain));
        }
        // A record cut anywhere, plain or gzipped, is an error or fewer documents, never a panic.
        let c = cut.min(plain.len());
        check("a.warc", &plain[..plain.len() - c], Format::Warc);
        let c = cut.min(gz.len());
        check("a.warc.gz", &gz[..gz.len() - c], Format::Auto);
    }

    #[test]
    fn utf16_with_bom(s in "\\PC{0,100}") {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        check("u.txt", &b, Format::Auto);
    }
}
