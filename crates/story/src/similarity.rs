//! Sentence similarity within one story: stems, IDF-weighted overlap, numbers.
//!
//! A [`SentenceSet`] turns the sentences of a story's documents into bags of content stems
//! (stop words and punctuation dropped, Snowball stems) and number values, weighs each stem by
//! its inverse sentence frequency in the story, and answers similarity questions about any
//! two sentences by index. It is built once per story in time linear in the story's tokens;
//! each comparison is linear in the two sentences' lengths.
//!
//! Used by the summary (centrality, cross-document support, redundancy) and meant for any
//! stage that asks "do these two sentences say the same thing?" (agreement, conflicts).
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_story::similarity::SentenceSet;
//! let a = Document::new(DocId(0), "a", "Russia vetoed the draft resolution on Tuesday.");
//! let b = Document::new(DocId(1), "b", "On Tuesday Russia vetoed a draft resolution. It rained.");
//! let (ta, tb) = (triangulate_text::analyze(&a), triangulate_text::analyze(&b));
//! let set = SentenceSet::build(&[(&a, &ta), (&b, &tb)]);
//! assert_eq!(set.len(), 3);
//! assert!(set.cosine(0, 1) > 0.9);
//! assert!(set.cosine(0, 2) < 0.1);
//! ```

use std::collections::HashMap;

use triangulate_core::{DocId, Document, Span};
use triangulate_text::{is_stopword, stem, TextAnalysis, TokenKind};

/// Where a sentence of the set comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceRef {
    /// Index of its document in the slice given to [`SentenceSet::build`].
    pub doc: usize,
    /// Index of the sentence in that document's [`TextAnalysis::sentences`].
    pub sentence: usize,
    /// The sentence's span.
    pub span: Span,
}

/// One sentence as a bag of weighted stems and a set of numbers.
#[derive(Debug, Clone, Default)]
struct Bag {
    /// (stem id, count), sorted by id.
    terms: Vec<(u32, f32)>,
    /// Number values (as interned ids), sorted, deduplicated.
    numbers: Vec<u32>,
    /// Words and numbers in the sentence (tokens of kind Word or Number).
    words: usize,
}

/// The sentences of one story, indexed for similarity.
#[derive(Debug, Clone, Default)]
pub struct SentenceSet {
    refs: Vec<SentenceRef>,
    bags: Vec<Bag>,
    /// IDF of each stem id: `ln(1 + S / sf)` with `S` sentences and `sf` sentences holding it.
    idf: Vec<f32>,
    /// Euclidean norm of each sentence's TF-IDF vector.
    norms: Vec<f32>,
    /// Sum of IDF of each sentence's distinct stems.
    mass: Vec<f32>,
    /// Distinct sentence count per stem.
    sf: Vec<u32>,
    /// Number of documents holding each stem.
    dfd: Vec<u32>,
    /// Number of documents.
    docs: usize,
}

/// Normalized number value: digits and the decimal point only ("1,500" and "1500" agree).
fn number_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

impl SentenceSet {
    /// Index every sentence of every document, in document then text order.
    pub fn build(docs: &[(&Document, &TextAnalysis)]) -> SentenceSet {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut by_norm: HashMap<&str, u32> = HashMap::new();
        let mut set = SentenceSet::default();
        for (di, (doc, ta)) in docs.iter().enumerate() {
            for (si, s) in ta.sentences.iter().enumerate() {
                let mut bag = Bag::default();
                let mut terms: Vec<u32> = Vec::new();
                for ti in s.token_range() {
                    let tok = ta.tokens[ti];
                    let norm = ta.norm_of(ti);
                    match tok.kind {
                        TokenKind::Word => {
                            bag.words += 1;
                            if norm.len() < 2 || is_stopword(norm) || norm.starts_with('\'') {
                                continue;
                            }
                            // Stem each distinct word form once per story.
                            let id = match by_norm.get(norm) {
                                Some(&id) => id,
                                None => {
                                    let n = vocab.len() as u32;
                                    let id = *vocab.entry(stem(norm)).or_insert(n);
                                    by_norm.insert(norm, id);
                                    id
                                }
                            };
                            terms.push(id);
                        }
                        TokenKind::Number => {
                            bag.words += 1;
                            let key = format!("#{}", number_key(norm));
                            let n = vocab.len() as u32;
                            let id = *vocab.entry(key).or_insert(n);
                            terms.push(id);
                            bag.numbers.push(id);
                        }
                        TokenKind::Punct => {}
                    }
                }
                terms.sort_unstable();
                for t in terms {
                    match bag.terms.last_mut() {
                        Some((id, c)) if *id == t => *c += 1.0,
                        _ => bag.terms.push((t, 1.0)),
                    }
                }
                bag.numbers.sort_unstable();
                bag.numbers.dedup();
                set.refs.push(SentenceRef {
                    doc: di,
                    sentence: si,
                    span: Span::new_unchecked(DocId(doc.id.0), s.start as usize, s.end as usize),
                });
                set.bags.push(bag);
            }
        }
        let v = vocab.len();
        set.sf = vec![0; v];
        set.dfd = vec![0; v];
        set.docs = docs.len();
        let mut last_doc = vec![usize::MAX; v];
        for (b, r) in set.bags.iter().zip(&set.refs) {
            for &(t, _) in &b.terms {
                set.sf[t as usize] += 1;
                if last_doc[t as usize] != r.doc {
                    last_doc[t as usize] = r.doc;
                    set.dfd[t as usize] += 1;
                }
            }
        }
        let s = set.bags.len().max(1) as f32;
        set.idf = set
            .sf
            .iter()
            .map(|&df| (1.0 + s / df.max(1) as f32).ln())
            .collect();
        for b in &set.bags {
            let mut sq = 0.0;
            let mut mass = 0.0;
            for &(t, c) in &b.terms {
                let w = c * set.idf[t as usize];
                sq += w * w;
                mass += set.idf[t as usize];
            }
            set.norms.push(sq.sqrt());
            set.mass.push(mass);
        }
        set
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// True if the story has no sentence.
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// Where sentence `i` comes from.
    pub fn sentence(&self, i: usize) -> SentenceRef {
        self.refs[i]
    }

    /// All sentence references, in document then text order.
    pub fn sentences(&self) -> &[SentenceRef] {
        &self.refs
    }

    /// Words and numbers in sentence `i`.
    pub fn word_count(&self, i: usize) -> usize {
        self.bags[i].words
    }

    /// Distinct content stems and numbers in sentence `i`.
    pub fn content_terms(&self, i: usize) -> usize {
        self.bags[i].terms.len()
    }

    /// Distinct numbers in sentence `i`.
    pub fn number_count(&self, i: usize) -> usize {
        self.bags[i].numbers.len()
    }

    /// Sum of the IDF weights of sentence `i`'s distinct terms (its information mass).
    pub fn mass(&self, i: usize) -> f32 {
        self.mass[i]
    }

    /// Mean over sentence `i`'s distinct terms of the fraction of the story's sentences that
    /// contain the term: high for sentences made of the story's recurring words.
    pub fn term_spread(&self, i: usize) -> f32 {
        let b = &self.bags[i];
        if b.terms.is_empty() || self.refs.is_empty() {
            return 0.0;
        }
        let s = self.refs.len() as f32;
        b.terms
            .iter()
            .map(|&(t, _)| (self.sf[t as usize] - 1) as f32 / s)
            .sum::<f32>()
            / b.terms.len() as f32
    }

    /// Mean over sentence `i`'s distinct terms of the fraction of the story's *other*
    /// documents that contain the term: words several sources use. 0 for a one-document story.
    pub fn doc_spread(&self, i: usize) -> f32 {
        let b = &self.bags[i];
        if b.terms.is_empty() || self.docs < 2 {
            return 0.0;
        }
        let others = (self.docs - 1) as f32;
        b.terms
            .iter()
            .map(|&(t, _)| (self.dfd[t as usize] - 1) as f32 / others)
            .sum::<f32>()
            / b.terms.len() as f32
    }

    /// Term ids of sentence `i` (distinct, sorted), for coverage bookkeeping. Ids are dense:
    /// all below [`SentenceSet::vocabulary_size`].
    pub fn terms(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        self.bags[i].terms.iter().map(|&(t, _)| t)
    }

    /// Number of distinct terms in the story.
    pub fn vocabulary_size(&self) -> usize {
        self.idf.len()
    }

    /// Fraction of the story's sentences, other than one holding it, that contain term `t`.
    pub fn term_weight(&self, t: u32) -> f32 {
        (self.sf[t as usize].saturating_sub(1)) as f32 / self.refs.len().max(1) as f32
    }

    /// Cosine of the two sentences' TF-IDF vectors, in `[0, 1]`.
    pub fn cosine(&self, i: usize, j: usize) -> f32 {
        let (ni, nj) = (self.norms[i], self.norms[j]);
        if ni == 0.0 || nj == 0.0 {
            return 0.0;
        }
        let mut dot = 0.0;
        self.merge(i, j, |t, ci, cj| {
            let w = self.idf[t as usize];
            dot += ci * cj * w * w;
        });
        (dot / (ni * nj)).min(1.0)
    }

    /// IDF-weighted overlap: the IDF mass of the shared distinct terms over the mass of the
    /// smaller sentence, in `[0, 1]`. 1 when one sentence's content is inside the other's.
    pub fn overlap(&self, i: usize, j: usize) -> f32 {
        let m = self.mass[i].min(self.mass[j]);
        if m == 0.0 {
            return 0.0;
        }
        let mut shared = 0.0;
        self.merge(i, j, |t, _, _| shared += self.idf[t as usize]);
        (shared / m).min(1.0)
    }

    /// Number of distinct content terms the two sentences share.
    pub fn shared_terms(&self, i: usize, j: usize) -> usize {
        let mut n = 0;
        self.merge(i, j, |_, _, _| n += 1);
        n
    }

    /// Numbers in both sentences, and numbers in only one of them.
    pub fn numbers(&self, i: usize, j: usize) -> (usize, usize) {
        let (a, b) = (&self.bags[i].numbers, &self.bags[j].numbers);
        let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
        (shared, a.len() + b.len() - 2 * shared)
    }

    /// True if the two sentences state the same content by a conservative test: cosine at
    /// least 0.5, or at least 70% of the smaller sentence's IDF mass shared over at least 4
    /// distinct terms.
    pub fn same_content(&self, i: usize, j: usize) -> bool {
        self.cosine(i, j) >= 0.5 || (self.overlap(i, j) >= 0.7 && self.shared_terms(i, j) >= 4)
    }

    /// Cosine of sentence `i` to the story's centroid (sum of all sentences' TF-IDF vectors).
    pub fn centroid_similarity(&self, i: usize, centroid: &[f32], centroid_norm: f32) -> f32 {
        if self.norms[i] == 0.0 || centroid_norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = self.bags[i]
            .terms
            .iter()
            .map(|&(t, c)| c * self.idf[t as usize] * centroid[t as usize])
            .sum();
        dot / (self.norms[i] * centroid_norm)
    }

    /// The story's centroid: summed TF-IDF weight of each term, and its norm.
    pub fn centroid(&self) -> (Vec<f32>, f32) {
        let mut c = vec![0.0; self.idf.len()];
        for b in &self.bags {
            for &(t, n) in &b.terms {
                c[t as usize] += n * self.idf[t as usize];
            }
        }
        let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
        (c, norm)
    }

    /// An index of the first `limit` sentences for [`CosineRows::row`]: the cosines of one
    /// sentence with all of them at once.
    pub fn cosine_rows(&self, limit: usize) -> CosineRows<'_> {
        let limit = limit.min(self.len());
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); self.idf.len()];
        for (j, b) in self.bags[..limit].iter().enumerate() {
            for &(t, c) in &b.terms {
                postings[t as usize].push((j as u32, c));
            }
        }
        CosineRows {
            set: self,
            postings,
            limit,
        }
    }

    fn merge(&self, i: usize, j: usize, mut f: impl FnMut(u32, f32, f32)) {
        let (a, b) = (&self.bags[i].terms, &self.bags[j].terms);
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    f(a[x].0, a[x].1, b[y].1);
                    x += 1;
                    y += 1;
                }
            }
        }
    }
}

/// The first sentences of a [`SentenceSet`] indexed by term (postings), so that the cosines
/// of one sentence with all of them cost the postings of its terms, not a merge with every
/// sentence: a pair that shares no term costs nothing. Made by [`SentenceSet::cosine_rows`].
#[derive(Debug, Clone)]
pub struct CosineRows<'a> {
    set: &'a SentenceSet,
    /// For each term id, the (sentence, count) of the indexed sentences holding it, in
    /// sentence order.
    postings: Vec<Vec<(u32, f32)>>,
    limit: usize,
}

impl CosineRows<'_> {
    /// Number of indexed sentences (the first this-many of the set).
    pub fn len(&self) -> usize {
        self.limit
    }

    /// True if no sentence is indexed.
    pub fn is_empty(&self) -> bool {
        self.limit == 0
    }

    /// `out[j] = set.cosine(i, j)` for every indexed sentence `j` (`out` is resized to
    /// [`CosineRows::len`]), bit for bit: each pair's products are added in the same order
    /// (ascending term id) as [`SentenceSet::cosine`] adds them.
    pub fn row(&self, i: usize, out: &mut Vec<f32>) {
        let set = self.set;
        out.clear();
        out.resize(self.limit, 0.0);
        let ni = set.norms[i];
        if ni == 0.0 {
            return;
        }
        for &(t, ci) in &set.bags[i].terms {
            let w = set.idf[t as usize];
            for &(j, cj) in &self.postings[t as usize] {
                out[j as usize] += ci * cj * w * w;
            }
        }
        for (j, dot) in out.iter_mut().enumerate() {
            let nj = set.norms[j];
            *dot = if nj == 0.0 {
                0.0
            } else {
                (*dot / (ni * nj)).min(1.0)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(texts: &[&str]) -> SentenceSet {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(DocId(i as u32), "x", *t))
            .collect();
        let tas: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
        let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(tas.iter()).collect();
        SentenceSet::build(&pairs)
    }

    #[test]
    fn paraphrase_with_stems_is_similar_and_unrelated_is_not() {
        let s = set(&[
            "The mayor opened the new harbor bridge on Friday.",
            "On Friday the mayor was opening a new bridge over the harbor. Fishermen complained about noise.",
        ]);
        assert_eq!(s.len(), 3);
        assert!(s.same_content(0, 1));
        assert!(!s.same_content(0, 2));
        assert_eq!(
            s.shared_terms(0, 1),
            6,
            "mayor open new harbor bridge friday"
        );
        assert_eq!(s.overlap(0, 1), 1.0);
    }

    #[test]
    fn numbers_are_normalized_and_compared() {
        let s = set(&[
            "The toll rose to 1,500 by 2017.",
            "The toll rose to 1500 in 2016.",
        ]);
        assert_eq!(s.numbers(0, 1), (1, 2));
        assert_eq!(s.number_count(0), 2);
    }

    #[test]
    fn issue_13_cosine_rows_equal_pairwise_cosines_bit_for_bit() {
        let s = set(&[
            "The mayor opened the new harbor bridge on Friday. The. Tolls rose to 1,500.",
            "On Friday the mayor was opening a new bridge over the harbor. Fishermen complained.",
            "Fishermen said the bridge noise scared the fish; the mayor said tolls would fall.",
        ]);
        for limit in [0, 2, s.len(), s.len() + 3] {
            let rows = s.cosine_rows(limit);
            assert_eq!(rows.len(), limit.min(s.len()));
            let mut out = Vec::new();
            for i in 0..s.len() {
                rows.row(i, &mut out);
                assert_eq!(out.len(), rows.len());
                for (j, c) in out.iter().enumerate() {
                    assert_eq!(c.to_bits(), s.cosine(i, j).to_bits(), "({i}, {j})");
                }
            }
        }
    }

    #[test]
    fn empty_sentences_compare_as_zero() {
        let s = set(&["The. Bridge opened."]);
        assert_eq!(s.cosine(0, 1), 0.0);
        assert_eq!(s.overlap(0, 1), 0.0);
    }
}
