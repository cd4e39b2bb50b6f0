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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for f in [Format::Auto, Format::Text, Format::Html, Format::Json, Format::Jsonl, Format::MultiNews] {
            check("x", &bytes, f);
        }
    }

    #[test]
    fn text_like_bytes_never_panic(bytes in prop::collection::vec(prop_oneof![0x20u8..0x7f, 0x80u8..=0xff, Just(b'\n'), Just(b'<'), Just(b'{')], 0..600)) {
        for f in [Format::Auto, Format::Html, Format::Json, Format::Jsonl, Format::MultiNews] {
            check("x", &bytes, f);
        }
    }

    #[test]
    fn format_like_inputs((name, bytes) in formatted()) {
        check(&name, &bytes, Format::Auto);
    }

    #[test]
    fn utf16_with_bom(s in "\\PC{0,100}") {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        check("u.txt", &b, Format::Auto);
    }
}
