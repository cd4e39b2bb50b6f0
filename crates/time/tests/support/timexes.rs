//! The invariants of time tagging on any text and anchor. Shared by the property tests and
//! the fuzz targets (`fuzz/`), which include this file by path.

use chrono::NaiveDate;
use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;
use triangulate_time::Timex;

/// Tag `doc` on `anchor` and check: every time expression in bounds, on char boundaries, not
/// empty, in text order without overlap, inside one sentence, outside boilerplate, with a
/// value. Panics on the first violation; returns the time expressions.
pub fn check_timexes(doc: &Document, a: &TextAnalysis, anchor: Option<NaiveDate>) -> Vec<Timex> {
    let timexes = triangulate_time::tag(doc, a, anchor);
    let mut prev_end = 0;
    for t in &timexes {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        assert_eq!(t.span.doc, doc.id);
        assert!(Span::new(doc, s, e).is_ok(), "timex {s}..{e}");
        assert!(s < e, "empty timex at {s}");
        assert!(s >= prev_end, "timexes overlap or go back at {s}");
        assert!(!doc.is_boilerplate(s, e), "timex in boilerplate at {s}");
        assert!(
            a.sentences
                .iter()
                .any(|st| st.start as usize <= s && e <= st.end as usize),
            "timex {s}..{e} crosses a sentence bound"
        );
        assert!(!t.value.is_empty(), "timex {s}..{e} without a value");
        prev_end = e;
    }
    timexes
}
