//! Who said what: quotes, reported speech, their speakers, and the story's entities.
//!
//! Pure analysis: no I/O. Input is a document and its [`TextAnalysis`]; output carries spans.
//! [`attribute`] finds attribution relations (source, cue, content: the PolNeAR scheme) with
//! a learned token tagger ([`model`]), rules that assemble the tagged spans into relations and a
//! learned ranker of content boundaries ([`bounds`]);
//! [`resolve`] links the sources of a whole story to its [`Entity`]s ([`entities`]).
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! let doc = Document::new(DocId(0), "a", "“We will not back down,” Mayor Jane Ortiz said on Monday.");
//! let text = triangulate_text::analyze(&doc);
//! let quotes = triangulate_attribution::attribute(&doc, &text);
//! assert!(quotes.iter().any(|q| doc.slice(q.content).contains("back down")));
//! ```
#![deny(missing_docs)]

pub mod bounds;
pub mod entities;
pub mod lexicon;
pub mod model;
mod relations;
mod speaker;

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;

use relations::{build, runs};

pub use entities::{resolve, Entity, EntityKind};

/// One attribution relation (PolNeAR scheme): a source, a cue and a content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Who is speaking, as written at this place ("he", "Ulyanov"), if stated.
    pub source: Option<Span>,
    /// The cue ("said", "according to", "told reporters").
    pub cue: Option<Span>,
    /// What was said: the span covering all of `content_parts`.
    pub content: Span,
    /// The content's pieces in text order: two when the cue splits a quotation
    /// (“A,” she said. “B.”), else one.
    pub content_parts: Vec<Span>,
    /// True for words in quotation marks (or that were, before the marks were stripped).
    pub direct: bool,
    /// Canonical speaker name once resolved to an entity ("Mikhail Ulyanov").
    pub speaker: Option<String>,
    /// Role or title as the text gives it.
    pub role: Option<String>,
}

/// Attribution relations of one document, in text order.
pub fn attribute(doc: &Document, text: &TextAnalysis) -> Vec<Quote> {
    let mut quotes = attribute_spans(doc, text).quotes;
    // Whole marks in the original: a content that opens or closes with a TeX quote read as
    // a straight one covers both of its characters.
    for q in &mut quotes {
        q.content = doc.cover_padding(q.content);
        for p in &mut q.content_parts {
            *p = doc.cover_padding(*p);
        }
    }
    quotes
}

/// Relations plus every source and cue span found, also those not tied to a content.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    /// The relations, in text order.
    pub quotes: Vec<Quote>,
    /// Every source span, in text order.
    pub sources: Vec<Span>,
    /// Every cue span, in text order.
    pub cues: Vec<Span>,
}

/// Like [`attribute`], also returning the source and cue spans not tied to a content.
pub fn attribute_spans(doc: &Document, text: &TextAnalysis) -> Attribution {
    if text.tokens.is_empty() {
        return Attribution::default();
    }
    let m = model::Model::get();
    let feats = model::features(doc.analysis_text(), text);
    let tags = m.tag(&feats);
    let (mut quotes, rule_contents) = build(doc, text, &tags);
    let ranker = bounds::Ranker::get();
    if !ranker.is_empty() {
        let sent = sentence_of_tokens(text);
        let mut drop = vec![false; quotes.len()];
        for (q, dropped) in quotes.iter_mut().zip(&mut drop) {
            let Some((cands, (a0, b0))) = quote_candidates(doc, text, &tags, &sent, q, false)
            else {
                continue;
            };
            let (Some(a), Some(mut b)) = (ranker.best(&cands.starts), ranker.best(&cands.ends))
            else {
                continue;
            };
            if b == bounds::NONE {
                // The sentence rule's contents (stripped quotation marks) are kept.
                *dropped = rule_contents
                    .binary_search_by_key(&(q.content.start, q.content.end), |s| (s.start, s.end))
                    .is_err();
                continue;
            }
            // A "that" clause keeps the end the clause rules gave it.
            if text.norm_of(a0) == "that" && a == a0 {
                b = b0;
            }
            if a < b {
                let span = Span::new_unchecked(
                    doc.id,
                    text.tokens[a].start as usize,
                    text.tokens[b - 1].end as usize,
                );
                q.content = span;
                q.content_parts = vec![span];
            }
        }
        let mut keep = drop.iter().map(|d| !d);
        quotes.retain(|_| keep.next().unwrap_or(true));
        quotes.sort_by_key(|q| (q.content.start, q.content.end));
    }
    let mut out = Attribution {
        quotes,
        ..Attribution::default()
    };
    for r in runs(&tags) {
        let span = Span::new_unchecked(
            doc.id,
            text.tokens[r.start].start as usize,
            text.tokens[r.end - 1].end as usize,
        );
        match r.kind {
            0 => out.sources.push(span),
            1 => out.cues.push(span),
            _ => {}
        }
    }
    out
}

/// Load the tagger weights, the boundary ranker and the word lists now rather than at first
/// use, so a caller can overlap loading with other work (reading files). Idempotent.
pub fn warm_up() {
    lexicon::Lexicon::get();
    model::Model::get();
    bounds::Ranker::get();
}

/// Sentence index of every token.
fn sentence_of_tokens(ta: &TextAnalysis) -> Vec<usize> {
    let mut sent = vec![0usize; ta.tokens.len()];
    for (k, s) in ta.sentences.iter().enumerate() {
        for i in s.token_range() {
            sent[i] = k;
        }
    }
    sent
}

/// Boundary candidates of a one-part content, with its current token range.
fn quote_candidates(
    doc: &Document,
    ta: &TextAnalysis,
    tags: &[u8],
    sent: &[usize],
    q: &Quote,
    names: bool,
) -> Option<(bounds::Candidates, (usize, usize))> {
    if q.content_parts.len() != 1 || q.content.is_empty() {
        return None;
    }
    let n = ta.tokens.len();
    let tok_of = |byte: u32| ta.tokens.partition_point(|t| t.end <= byte).min(n - 1);
    let a = tok_of(q.content.start);
    let b = tok_of(q.content.end - 1) + 1;
    if a >= b {
        return None;
    }
    let cue = q
        .cue
        .filter(|c| !c.is_empty())
        .map(|c| (tok_of(c.start), tok_of(c.end - 1) + 1));
    let cx = bounds::Context {
        text: doc.analysis_text(),
        ta,
        tags,
        sent,
        names,
    };
    Some((bounds::candidates(&cx, a, b, cue, q.direct), (a, b)))
}

/// For training the boundary ranker: the candidates of every one-part content the tagger and
/// the relation rules find (before re-ranking), with the content's token range.
/// `model`: the tagger to use (training uses taggers that have not seen the document).
pub fn boundary_candidates(
    doc: &Document,
    text: &TextAnalysis,
    m: &model::Model,
) -> Vec<(bounds::Candidates, (usize, usize))> {
    if text.tokens.is_empty() {
        return Vec::new();
    }
    let tags = m.tag(&model::features(doc.analysis_text(), text));
    let (quotes, _) = build(doc, text, &tags);
    let sent = sentence_of_tokens(text);
    quotes
        .iter()
        .filter_map(|q| quote_candidates(doc, text, &tags, &sent, q, true))
        .collect()
}
