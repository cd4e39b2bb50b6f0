//! Properties of tokens and sentences on arbitrary text: never a panic, every span in bounds
//! and on char boundaries, tokens and sentences ordered and non-overlapping, sentences made
//! of whole tokens, boilerplate skipped.

use proptest::prelude::*;
use triangulate_core::{Boilerplate, BoilerplateKind, DocId, Document, Span};
use triangulate_text::analyze;

/// Text built from pieces that exercise the splitter: abbreviations, quotes, numbers,
/// line breaks, stripped apostrophes, multi-byte characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.N.".to_string()),
        Just("Nov. 14".to_string()),
        Just("$1.5 billion".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("’s".to_string()),
        Just(" s ".to_string()),
        Just("?”".to_string()),
        Just(".’".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("...".to_string()),
        Just("é".to_string()),
        "[A-Za-z]{1,8}",
        "[ .,!?'\"()-]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn check(doc: &Document) {
    let a = analyze(doc);
    let text = &doc.text;
    assert_eq!(a.tokens.len(), a.norms.len());
    let mut prev_end = 0;
    for t in &a.tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(Span::new(doc, s, e).is_ok(), "token {s}..{e}");
        assert!(s < e, "empty token");
        assert!(s >= prev_end, "tokens overlap");
        assert!(!doc.is_boilerplate(s, e), "token in boilerplate");
        prev_end = e;
    }
    let mut prev_end = 0;
    let mut prev_tok = 0;
    for (i, st) in a.sentences.iter().enumerate() {
        let (s, e) = (st.start as usize, st.end as usize);
        assert!(Span::new(doc, s, e).is_ok(), "sentence {s}..{e}");
        assert!(s >= prev_end, "sentences overlap or go back");
        assert_eq!(
            st.first_token as usize, prev_tok,
            "sentences cover every token"
        );
        assert!(st.first_token < st.end_token);
        let r = st.token_range();
        assert_eq!(a.tokens[r.start].start, st.start);
        assert_eq!(a.tokens[r.end - 1].end, st.end);
        let _ = a.sentence_span(doc, i);
        prev_end = e;
        prev_tok = st.end_token as usize;
    }
    assert_eq!(prev_tok, a.tokens.len());
    let _ = text;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check(&Document::new(DocId(0), "p", s));
    }

    #[test]
    fn news_like_text(s in newsish()) {
        check(&Document::new(DocId(0), "p", s));
    }

    #[test]
    fn with_boilerplate(s in newsish(), a in 0usize..400, b in 0usize..400) {
        let mut doc = Document::new(DocId(0), "p", s);
        let floor = |mut i: usize| { i = i.min(doc.text.len()); while !doc.text.is_char_boundary(i) { i -= 1; } i };
        let (x, y) = (floor(a.min(b)), floor(a.max(b)));
        doc.boilerplate.push(Boilerplate { span: Span::new(&doc, x, y).unwrap(), kind: BoilerplateKind::Caption });
        check(&doc);
    }
}
