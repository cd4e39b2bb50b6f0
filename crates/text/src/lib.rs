//! Sentences, tokens, stems and word lists for news English.
//!
//! Every token and sentence is a byte range into the document's immutable text. Damage
//! that cannot be repaired in the text itself (stripped apostrophes: "it s") is repaired
//! in the token's normalized form instead.
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! let doc = Document::new(DocId(0), "a", "Russian U.N.\nAmbassador Nebenzia said it s over. Talks go on.");
//! let text = triangulate_text::analyze(&doc);
//! assert_eq!(text.sentences.len(), 2);
//! assert_eq!(text.norm_of(6), "'s");
//! ```
#![deny(missing_docs)]

mod calendar;
mod content;
pub mod embed;
mod lexicon;
mod paraphrase;
mod sentences;
mod tokenize;

pub use calendar::{is_weekday, month_number, MONTH_NAMES, WEEKDAY_NAMES};
pub use content::{content_key, hash_bytes, mix, plain_words, FNV_OFFSET, FNV_PRIME};
pub use lexicon::{
    abbreviation_class, data_lines, is_speech_verb, is_stopword, stem, AbbrevClass, Lexicon,
    LexiconError,
};
pub use paraphrase::{paraphrase, Paraphrase, Paraphrases};
pub use sentences::{bound_sentences, split_sentences, MAX_SENTENCE_TOKENS};
pub use tokenize::{tokenize, Token, TokenKind};

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span};

/// A sentence: a byte range of the text and the tokens inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index of the first token in [`TextAnalysis::tokens`].
    pub first_token: u32,
    /// One past the last token.
    pub end_token: u32,
}

impl Sentence {
    /// Token indices of this sentence.
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

/// Tokens and sentences of one document, boilerplate excluded.
#[derive(Debug, Clone, Default)]
pub struct TextAnalysis {
    /// All tokens outside boilerplate, in text order.
    pub tokens: Vec<Token>,
    /// Normalized (lower-cased, repaired) form of each token.
    pub norms: Vec<String>,
    /// Sentences in text order, none longer than [`MAX_SENTENCE_TOKENS`] tokens.
    pub sentences: Vec<Sentence>,
    /// Byte ranges of the over-long "sentences" (text without sentence ends) that were cut
    /// into pieces of at most [`MAX_SENTENCE_TOKENS`] tokens ([`bound_sentences`]).
    pub cut_sentences: Vec<(u32, u32)>,
}

impl TextAnalysis {
    /// Normalized form of token `i`.
    pub fn norm_of(&self, i: usize) -> &str {
        &self.norms[i]
    }

    /// The span of sentence `i` in document `doc`.
    pub fn sentence_span(&self, doc: &Document, i: usize) -> Span {
        let s = self.sentences[i];
        Span::new_unchecked(doc.id, s.start as usize, s.end as usize)
    }

    /// The span of token `i` in document `doc`.
    pub fn token_span(&self, doc: &Document, i: usize) -> Span {
        let t = self.tokens[i];
        Span::new_unchecked(doc.id, t.start as usize, t.end as usize)
    }
}

/// Tokenize and split a document into sentences, skipping its boilerplate lines; sentences
/// over [`MAX_SENTENCE_TOKENS`] tokens are cut ([`TextAnalysis::cut_sentences`]).
pub fn analyze(doc: &Document) -> TextAnalysis {
    let text = doc.analysis_text();
    // Boilerplate spans are hard boundaries: split the text into the segments between them.
    let mut cuts: Vec<(usize, usize)> = doc
        .boilerplate
        .iter()
        .map(|b| (b.span.start as usize, b.span.end as usize))
        .collect();
    cuts.sort_unstable();
    let mut segments = Vec::new();
    let mut pos = 0;
    for (s, e) in cuts {
        if s > pos {
            segments.push((pos, s));
        }
        pos = pos.max(e);
    }
    if pos < text.len() {
        segments.push((pos, text.len()));
    }

    let mut out = TextAnalysis::default();
    for (s, e) in segments {
        let base = out.tokens.len();
        let toks = tokenize(&text[s..e], s);
        let (sents, cut) = bound_sentences(text, &toks, split_sentences(text, &toks));
        out.cut_sentences.extend(cut);
        out.norms.extend(
            toks.iter()
                .enumerate()
                .map(|(i, _)| tokenize::normalize(text, &toks, i)),
        );
        out.tokens.extend(toks);
        for mut st in sents {
            st.first_token += base as u32;
            st.end_token += base as u32;
            // Whole marks in the original: a sentence that opens with a TeX quote read as a
            // straight one starts at its first backquote. Padding between two sentences goes
            // to the first (found by fuzzing reader_warc: both claimed it).
            let w = doc.cover_padding(Span::new_unchecked(
                doc.id,
                st.start as usize,
                st.end as usize,
            ));
            let prev_end = out.sentences.last().map_or(0, |p| p.end as usize);
            st.start = (w.start as usize).max(s).max(prev_end) as u32;
            st.end = (w.end as usize).min(e) as u32;
            out.sentences.push(st);
        }
    }
    out
}
