//! The tokenizer and the sentence splitter on arbitrary UTF-8: `analyze` on the whole text,
//! and `tokenize` on a segment at an offset, as the splitter calls it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_core::{DocId, Document};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::new(DocId(0), "s", text);
    triangulate_fuzz::check_analysis(&doc);
    let offset = text.len() / 2;
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    for t in triangulate_text::tokenize(&text[offset..], offset) {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(offset <= s && s < e && e <= text.len(), "token {s}..{e}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
});
