//! Time tagging and normalization on arbitrary UTF-8, anchored on a date the first byte
//! picks (none, ordinary, leap day, the ends of chrono's range); also `tag_text` with the
//! whole text as one sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_core::{DocId, Document};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let anchor = triangulate_fuzz::anchor_of(data);
    let doc = Document::new(DocId(0), "t", text);
    let a = triangulate_fuzz::check_analysis(&doc);
    triangulate_fuzz::check_timexes(&doc, &a, anchor);
    for t in triangulate_time::tag_text(text, &[], anchor) {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        assert!(s < e && e <= text.len(), "timex {s}..{e}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
});
