//! The words of an event: the story's content stems with their inverse sentence frequency,
//! and the clause and head word around a time expression.

use std::collections::HashMap;

use triangulate_core::Span;
use triangulate_text::{is_stopword, stem, TokenKind};

use crate::AnalyzedDoc;

/// Fewest content terms of a clause; shorter clauses take in their neighbours.
const MIN_CLAUSE_TERMS: usize = 8;

/// Content stems of the story with their inverse sentence frequency.
#[derive(Default)]
pub(super) struct Vocab {
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// Normalized word → id of its stem, for the words seen in `build` (saves stemming).
    by_norm: HashMap<String, u32>,
}

/// Words that carry no content for telling events apart: function words, dates.
pub(super) fn is_content(lower: &str) -> bool {
    lower.chars().any(char::is_alphabetic)
        && !is_stopword(lower)
        && triangulate_text::month_number(lower).is_none()
        && !triangulate_text::is_weekday(lower.trim_end_matches('.'))
        && !matches!(
            lower.trim_end_matches('.'),
            "week"
                | "month"
                | "year"
                | "day"
                | "last"
                | "next"
                | "later"
                | "earlier"
                | "said"
                | "says"
                | "told"
        )
}

impl Vocab {
    pub(super) fn build(docs: &[AnalyzedDoc]) -> Vocab {
        let mut v = Vocab::default();
        let mut sf: Vec<u32> = Vec::new();
        let mut sentences = 0u32;
        for d in docs {
            for s in &d.text.sentences {
                sentences += 1;
                let mut seen: Vec<u32> = s
                    .token_range()
                    .filter(|&i| d.text.tokens[i].kind == TokenKind::Word)
                    .map(|i| d.text.norm_of(i))
                    .filter(|w| is_content(w))
                    .map(|w| {
                        if let Some(&id) = v.by_norm.get(w) {
                            return id;
                        }
                        let next = v.ids.len() as u32;
                        let id = *v.ids.entry(stem(w)).or_insert(next);
                        v.by_norm.insert(w.to_string(), id);
                        id
                    })
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                sf.resize(v.ids.len(), 0);
                for t in seen {
                    sf[t as usize] += 1;
                }
            }
        }
        let n = sentences.max(1) as f32;
        v.idf = sf
            .iter()
            .map(|&f| (1.0 + n / f.max(1) as f32).ln())
            .collect();
        v
    }

    /// Id of the stem of a normalized word, if the story has it.
    pub(super) fn id_of(&self, w: &str) -> Option<u32> {
        match self.by_norm.get(w) {
            Some(&id) => Some(id),
            None => self.ids.get(&stem(w)).copied(),
        }
    }

    pub(super) fn mass(&self, terms: &[u32]) -> f32 {
        terms.iter().map(|&t| self.idf[t as usize]).sum()
    }

    /// Shared IDF mass over the smaller bag's mass, and the number of shared terms.
    pub(super) fn overlap(&self, a: &[u32], b: &[u32]) -> (f32, usize) {
        let shared: Vec<u32> = a
            .iter()
            .copied()
            .filter(|t| b.binary_search(t).is_ok())
            .collect();
        let m = self.mass(a).min(self.mass(b));
        if m == 0.0 {
            return (0.0, 0);
        }
        ((self.mass(&shared) / m).min(1.0), shared.len())
    }

    /// Content terms of tokens `range` of `d`, outside `skip` (byte range).
    pub(super) fn terms(
        &self,
        d: &AnalyzedDoc,
        range: std::ops::Range<usize>,
        skip: (u32, u32),
    ) -> Vec<u32> {
        let mut t: Vec<u32> = range
            .filter(|&i| {
                let tok = d.text.tokens[i];
                tok.kind == TokenKind::Word && (tok.end <= skip.0 || tok.start >= skip.1)
            })
            .map(|i| d.text.norm_of(i))
            .filter(|w| is_content(w))
            .filter_map(|w| self.id_of(w))
            .collect();
        t.sort_unstable();
        t.dedup();
        t
    }
}

/// Tokens of the clause around `timex` in sentence `si` of `d`: the sentence cut at commas,
/// semicolons, colons, dashes and "saying"/"but", widened (leftwards first) to at least
/// [`MIN_CLAUSE_TERMS`] content terms.
pub(super) fn clause(vocab: &Vocab, d: &AnalyzedDoc, si: usize, timex: Span) -> Vec<u32> {
    let s = d.text.sentences[si];
    let range = s.token_range();
    let text = d.doc.analysis_text();
    let mut cuts = vec![range.start];
    for i in range.clone() {
        let tok = d.text.tokens[i];
        let w = tok.text(text);
        let cut = match tok.kind {
            TokenKind::Punct => matches!(w, "," | ";" | ":" | "—" | "–" | "--"),
            _ => matches!(d.text.norm_of(i), "saying" | "but" | "while"),
        };
        if cut && i > range.start {
            cuts.push(i);
        }
    }
    cuts.push(range.end);
    cuts.dedup();
    let k = cuts
        .windows(2)
        .position(|w| d.text.tokens[w[1] - 1].end > timex.start)
        .unwrap_or(0);
    let (mut a, mut b) = (k, k + 1);
    let skip = (timex.start, timex.end);
    loop {
        let t = vocab.terms(d, cuts[a]..cuts[b], skip);
        if t.len() >= MIN_CLAUSE_TERMS || (a == 0 && b == cuts.len() - 1) {
            return t;
        }
        // What happened is usually told before the date: widen to the left first.
        if a > 0 {
            a -= 1;
        } else {
            b += 1;
        }
    }
}

/// The lower-case content word nearest to `timex` in sentence `si`, preferring before it.
pub(super) fn head(vocab: &Vocab, d: &AnalyzedDoc, si: usize, timex: Span) -> Option<u32> {
    let text = d.doc.analysis_text();
    let s = d.text.sentences[si];
    let ok = |i: &usize| {
        let tok = d.text.tokens[*i];
        tok.kind == TokenKind::Word
            && tok.text(text).starts_with(|c: char| c.is_lowercase())
            && is_content(d.text.norm_of(*i))
            && (tok.end <= timex.start || tok.start >= timex.end)
    };
    let range = s.token_range();
    let before = range
        .clone()
        .rev()
        .filter(|i| d.text.tokens[*i].end <= timex.start)
        .find(ok);
    let pick = before.or_else(|| {
        range
            .filter(|i| d.text.tokens[*i].start >= timex.end)
            .find(ok)
    })?;
    vocab.id_of(d.text.norm_of(pick))
}

/// Token range of the sentence `span` of `d`.
pub(super) fn sentence_tokens(d: &AnalyzedDoc, span: Span) -> std::ops::Range<usize> {
    let i = d.text.sentences.partition_point(|s| s.end <= span.start);
    d.text.sentences.get(i).map_or(0..0, |s| s.token_range())
}
