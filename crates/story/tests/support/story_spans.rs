//! The span invariant of a whole story: every span of every section names one of the story's
//! documents and is in bounds and on char boundaries of its text. Shared by the property
//! tests (`crates/story/tests/properties.rs`) and the fuzz targets (`fuzz/`), which include
//! this file by path.

use triangulate_core::Span;
use triangulate_story::Story;

/// Panics, naming the section, on the first span of `story` that is not a valid span of its
/// document.
pub fn check_story_spans(story: &Story) {
    let check = |what: &str, sp: Span| {
        let Some(d) = story.docs.get(sp.doc.index()) else {
            panic!("{what}: span {sp:?} names no document");
        };
        assert!(
            Span::new(&d.doc, sp.start as usize, sp.end as usize).is_ok(),
            "{what}: span {sp:?} not in bounds or not on char boundaries of {:?}",
            d.doc.text
        );
    };
    for (i, d) in story.docs.iter().enumerate() {
        assert_eq!(d.doc.id.index(), i, "document ids are positions");
        for q in &d.quotes {
            q.source.into_iter().for_each(|s| check("quote source", s));
            q.cue.into_iter().for_each(|s| check("quote cue", s));
            check("quote content", q.content);
            q.content_parts.iter().for_each(|&s| check("quote part", s));
        }
        d.timexes.iter().for_each(|t| check("timex", t.span));
        for (k, st) in d.text.sentences.iter().enumerate() {
            check("sentence", d.text.sentence_span(&d.doc, k));
            assert!(st.start <= st.end);
        }
    }
    for s in &story.summary {
        check("summary", s.span);
        s.supported_by
            .iter()
            .for_each(|&x| check("summary support", x));
    }
    for e in &story.timeline {
        for src in &e.sources {
            check("timeline source", src.span);
            src.timex
                .into_iter()
                .for_each(|x| check("timeline timex", x));
        }
    }
    for f in &story.agreements {
        check("agreed fact", f.span);
        f.spans
            .iter()
            .for_each(|&x| check("agreed fact statement", x));
    }
    for c in &story.conflicts {
        for side in &c.sides {
            side.spans
                .iter()
                .for_each(|&x| check("conflict statement", x));
            side.evidence
                .iter()
                .for_each(|&x| check("conflict evidence", x));
        }
    }
    for e in &story.entities {
        e.mentions.iter().for_each(|&x| check("entity mention", x));
    }
}
