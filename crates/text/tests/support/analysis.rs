//! The invariants of tokens and sentences on any text. Shared by the property tests and the
//! fuzz targets (`fuzz/`), which include this file by path.

use triangulate_core::{Document, Span};
use triangulate_text::{analyze, TextAnalysis, MAX_SENTENCE_TOKENS};

/// Analyze `doc` and check: tokens in bounds, on char boundaries, not empty, ordered, not
/// overlapping, not in boilerplate; sentences made of whole tokens, ordered, covering every
/// token, none over `MAX_SENTENCE_TOKENS` tokens (issue 13). Panics on the first violation; returns the analysis.
pub fn check_analysis(doc: &Document) -> TextAnalysis {
    let a = analyze(doc);
    assert_eq!(a.tokens.len(), a.norms.len());
    let mut prev_end = 0;
    for t in &a.tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(Span::new(doc, s, e).is_ok(), "token {s}..{e}");
        assert!(s < e, "empty token at {s}");
        assert!(s >= prev_end, "tokens overlap at {s}");
        assert!(!doc.is_boilerplate(s, e), "token in boilerplate at {s}");
        prev_end = e;
    }
    let mut prev_end = 0;
    let mut prev_tok = 0;
    for (i, st) in a.sentences.iter().enumerate() {
        let (s, e) = (st.start as usize, st.end as usize);
        assert!(Span::new(doc, s, e).is_ok(), "sentence {s}..{e}");
        assert!(s >= prev_end, "sentences overlap or go back at {s}");
        assert_eq!(
            st.first_token as usize, prev_tok,
            "sentences cover every token"
        );
        assert!(st.first_token < st.end_token, "empty sentence at {s}");
        assert!(
            st.token_range().len() <= MAX_SENTENCE_TOKENS,
            "sentence over MAX_SENTENCE_TOKENS at {s}"
        );
        // A sentence spans its tokens, widened only over the analysis view's padding (the
        // second half of a TeX quote read as a straight one), so the original shows whole marks.
        let r = st.token_range();
        let (first, last) = (a.tokens[r.start].start, a.tokens[r.end - 1].end);
        let wide = doc.cover_padding(Span::new_unchecked(doc.id, first as usize, last as usize));
        assert!(
            wide.start <= st.start && st.start <= first,
            "sentence start {s} not its first token's {first}"
        );
        assert!(
            last <= st.end && st.end <= wide.end,
            "sentence end {e} not its last token's {last}"
        );
        let _ = a.sentence_span(doc, i);
        prev_end = e;
        prev_tok = st.end_token as usize;
    }
    assert_eq!(prev_tok, a.tokens.len(), "sentences cover every token");
    a
}
