//! Tests of the crate root: format detection and reading whole inputs.

use super::*;

fn read(name: &str, s: &str) -> Result<Vec<Document>, ReadError> {
    documents_from_bytes(name, s.as_bytes(), Format::Auto, 0)
}

#[test]
fn detection() {
    assert_eq!(detect_format("a.txt", "plain"), Format::Text);
    assert_eq!(detect_format("a", "<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(detect_format("a", "{\"text\":\"x\"}"), Format::Json);
    assert_eq!(
        detect_format("a", "{\"text\":\"x\"}\n{\"text\":\"y\"}\n"),
        Format::Jsonl
    );
    assert_eq!(
        detect_format("a", "one doc ||||| two doc"),
        Format::MultiNews
    );
    assert_eq!(detect_format("a.JSONL", "x"), Format::Jsonl);
    // An extension says what a file is: sniffing is for the others.
    assert_eq!(
        detect_format("a.txt", "[Photo: agency] It closed."),
        Format::Text
    );
    assert_eq!(
        detect_format("dir.v2/a.TXT", "{\"text\":\"x\"}"),
        Format::Text
    );
    assert_eq!(detect_format("notes.md", "<p>x</p>"), Format::Text);
    assert_eq!(detect_format("dir.json/story", "[1]"), Format::Json);
}

#[test]
fn issue13_a_txt_file_opening_with_a_bracket_is_text() {
    let text = "[Photo: Harbor Wire] The council voted on Monday to keep the landing open.";
    let docs = read("story.txt", text).unwrap();
    assert_eq!(docs[0].text, text);
    assert!(docs[0]
        .diagnostics
        .iter()
        .any(|d| d.message == "format: text (from the extension)"));
}

#[test]
fn issue13_a_sniffed_format_that_does_not_parse_falls_back_to_text() {
    let text = "[Photo: Harbor Wire] The council voted on Monday to keep the landing open.";
    let docs = read("-", text).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, text);
    assert!(
        docs[0]
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("looked like json but does not parse")),
        "{:?}",
        docs[0].diagnostics
    );
    // Lines in braces that are not JSON: the same.
    let docs = read(
        "notes",
        "{draft} The ferry ran late.\n{final} It ran on time.\n",
    )
    .unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0]
        .diagnostics
        .iter()
        .any(|d| d.message.contains("read as text")));
    // Sniffed JSON that parses is read as JSON.
    let docs = read("-", "[{\"text\": \"The ferry ran late.\"}]").unwrap();
    assert_eq!(docs[0].text, "The ferry ran late.");
}

#[test]
fn issue13_a_broken_json_file_still_fails_naming_the_line() {
    let err = read("story.json", "[\n{\"text\": \"a\"},\n{\"text\": oops}\n]").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ReadError::Unusable { .. }));
    assert!(msg.contains("line 3"), "{msg}");
}

#[test]
fn json_precedence() {
    let docs = read(
        "s.jsonl",
        "{\"url\":\"https://www.reuters.com/x\",\"published\":\"2025-03-04T10:00:00Z\",\"text\":\"WASHINGTON (AP) - It closed.\"}\n\
{\"source\":\"Quay Ledger\",\"url\":\"https://www.reuters.com/y\",\"text\":\"(Sputnik) — It closed.\\nUpdated 05 March 2025\"}\n\
{\"url\":\"https://news.example.org/z\",\"published\":\"soon\",\"text\":\"It closed again.\"}\n",
    )
    .unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].name, "s.jsonl#1");
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Reuters"));
    assert_eq!(docs[0].meta.outlet_basis.as_deref(), Some("url"));
    assert_eq!(docs[0].meta.dateline.as_deref(), Some("WASHINGTON"));
    assert_eq!(docs[0].meta.published.unwrap().basis, DateBasis::InputField);
    assert_eq!(docs[1].meta.outlet.as_deref(), Some("Quay Ledger"));
    assert_eq!(docs[1].meta.published.unwrap().basis, DateBasis::InText);
    assert_eq!(docs[1].id, DocId(1));
    assert_eq!(docs[2].meta.outlet.as_deref(), Some("news.example.org"));
    assert!(docs[2].meta.published.is_none());
    assert!(docs[2]
        .diagnostics
        .iter()
        .any(|d| d.message.contains("not understood")));
}

#[test]
fn html_site_name_beats_an_unknown_host_but_not_a_known_one() {
    let page = |url: &str| {
        let body = "<p>The ferry ran late again on Monday, the operator said, and the council asked for a report on the delays by the end of the month.</p>".repeat(4);
        let html = format!("<html><head><meta property=\"og:site_name\" content=\"Quay Ledger\"></head><body><article>{body}</article></body></html>");
        let rec = serde_json::json!({"url": url, "html": html});
        read("r.json", &rec.to_string()).unwrap().remove(0).meta
    };
    assert_eq!(
        page("https://quay.example/a").outlet.as_deref(),
        Some("Quay Ledger")
    );
    assert_eq!(
        page("https://quay.example/a").outlet_basis.as_deref(),
        Some("html-meta")
    );
    assert_eq!(
        page("https://www.reuters.com/a").outlet.as_deref(),
        Some("Reuters")
    );
}

#[test]
fn bad_inputs() {
    assert!(matches!(read("e.txt", ""), Err(ReadError::Empty { .. })));
    assert!(matches!(
        read("e.txt", " \n\t"),
        Err(ReadError::Empty { .. })
    ));
    assert!(matches!(
        documents_from_bytes("b", b"\x7fELF\x00\x01\x02", Format::Auto, 0),
        Err(ReadError::Binary { .. })
    ));
    assert!(matches!(
        read("x.json", "{nope"),
        Err(ReadError::Unusable { .. })
    ));
    assert!(matches!(
        read("x.json", "{\"title\":\"no text\"}"),
        Err(ReadError::Unusable { .. })
    ));
    // No sentence end, one document: read as is.
    let d = read("x.txt", "just words without an end").unwrap();
    assert_eq!(d[0].text, "just words without an end");
}

#[test]
fn duplicates_are_dropped_with_a_diagnostic() {
    let mut docs = read("a.txt", "It closed.\nNobody was hurt.").unwrap();
    docs.extend(
        documents_from_bytes(
            "b.txt",
            b"It closed.\r\nNobody was hurt.\n",
            Format::Auto,
            1,
        )
        .unwrap(),
    );
    docs.extend(documents_from_bytes("c.txt", b"Something else.", Format::Auto, 2).unwrap());
    // Case and punctuation aside, the same text (the store's rule, `content_key`).
    docs.extend(
        documents_from_bytes("d.txt", b"IT CLOSED ... nobody was hurt!", Format::Auto, 3).unwrap(),
    );
    let docs = dedupe(docs);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].name, "c.txt");
    assert_eq!(docs[1].id, DocId(1));
    assert!(docs[0]
        .diagnostics
        .iter()
        .any(|d| d.message.contains("b.txt")));
    assert!(docs[0]
        .diagnostics
        .iter()
        .any(|d| d.message.contains("d.txt")));
}
