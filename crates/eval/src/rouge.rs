//! ROUGE-1, ROUGE-2 and ROUGE-Lsum as Google's `rouge-score` package computes them.
//!
//! Tokens: the text is lower-cased, every run of characters other than `a-z0-9` becomes a
//! space, tokens longer than 3 characters are stemmed with NLTK's Porter stemmer (the
//! `nltk-porter` crate, a differential-tested port of `nltk.stem.porter.PorterStemmer`), and
//! empty tokens are dropped. ROUGE-Lsum splits both texts into sentences on `\n` and scores
//! the union of longest common subsequences of each reference sentence with every candidate
//! sentence, counting each token at most as often as it occurs on both sides.
//!
//! Agreement with `rouge-score` is checked against fixture values it computed
//! (`crates/eval/tests/fixtures/rouge/`).
//!
//! ```
//! use triangulate_eval::rouge::{rouge, Rouge};
//! let r: Rouge = rouge("The cat sat on the mat.", "The cat was sitting on the mat.");
//! assert!(r.rouge1.f > 0.7 && r.rouge1.f < 1.0);
//! ```

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Serialize;

pub use crate::Prf;

/// The three scores of one candidate against one reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rouge {
    /// Unigram overlap.
    pub rouge1: Prf,
    /// Bigram overlap.
    pub rouge2: Prf,
    /// Summary-level union LCS over `\n`-separated sentences.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Prf,
}

impl Rouge {
    /// Component-wise scaling.
    pub fn scale(self, k: f64) -> Rouge {
        Rouge {
            rouge1: self.rouge1.scale(k),
            rouge2: self.rouge2.scale(k),
            rouge_lsum: self.rouge_lsum.scale(k),
        }
    }
}

/// Component-wise sum, for averaging.
impl std::ops::Add for Rouge {
    type Output = Rouge;
    fn add(self, o: Rouge) -> Rouge {
        Rouge {
            rouge1: self.rouge1 + o.rouge1,
            rouge2: self.rouge2 + o.rouge2,
            rouge_lsum: self.rouge_lsum + o.rouge_lsum,
        }
    }
}

/// NLTK Porter stem.
fn stem_uncached(word: &str) -> String {
    thread_local! {
        static STEMMER: nltk_porter::PorterStemmer = nltk_porter::PorterStemmer::new(nltk_porter::Mode::Nltk);
    }
    STEMMER.with(|st| st.stem(word))
}

/// NLTK Porter stem, memoized per thread (the same words recur in every story).
fn porter(word: &str) -> String {
    thread_local! {
        static STEMMER: nltk_porter::PorterStemmer = nltk_porter::PorterStemmer::new(nltk_porter::Mode::Nltk);
        static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    if let Some(s) = CACHE.with(|c| c.borrow().get(word).cloned()) {
        return s;
    }
    let s = STEMMER.with(|st| st.stem(word));
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(word.to_string(), s.clone());
    });
    s
}

/// `rouge-score`'s tokenizer with stemming: lower case, non-`[a-z0-9]` to spaces, Porter
/// stems of tokens longer than 3 characters.
pub fn tokenize(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.len() > 3 {
                porter(t)
            } else {
                t.to_string()
            }
        })
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()))
        .collect()
}

fn ngram_counts(tokens: &[u32], n: usize) -> HashMap<&[u32], usize> {
    let mut m = HashMap::new();
    if tokens.len() >= n {
        for w in tokens.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

fn rouge_n(target: &[u32], pred: &[u32], n: usize) -> Prf {
    let t = ngram_counts(target, n);
    let p = ngram_counts(pred, n);
    let hits: usize = t
        .iter()
        .map(|(k, &c)| c.min(p.get(k).copied().unwrap_or(0)))
        .sum();
    let pn: usize = p.values().sum();
    let tn: usize = t.values().sum();
    Prf::from_counts(hits, pn, tn)
}

/// Indices into `r` of one LCS of `r` and `c`, backtracked as `rouge-score` does.
fn lcs_indices(r: &[u32], c: &[u32], table: &mut Vec<u32>, out: &mut Vec<usize>) {
    let cols = c.len() + 1;
    table.clear();
    table.resize((r.len() + 1) * cols, 0);
    for i in 1..=r.len() {
        for j in 1..=c.len() {
            table[i * cols + j] = if r[i - 1] == c[j - 1] {
                table[(i - 1) * cols + j - 1] + 1
            } else {
                table[(i - 1) * cols + j].max(table[i * cols + j - 1])
            };
        }
    }
    let (mut i, mut j) = (r.len(), c.len());
    while i > 0 && j > 0 {
        if r[i - 1] == c[j - 1] {
            out.push(i - 1);
            i -= 1;
            j -= 1;
        } else if table[i * cols + j - 1] > table[(i - 1) * cols + j] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
}

fn rouge_lsum(target: &[Vec<u32>], pred: &[Vec<u32>]) -> Prf {
    let m: usize = target.iter().map(Vec::len).sum();
    let n: usize = pred.iter().map(Vec::len).sum();
    if target.is_empty() || pred.is_empty() || m == 0 || n == 0 {
        return Prf::default();
    }
    let mut cnt_r: HashMap<u32, usize> = HashMap::new();
    let mut cnt_c: HashMap<u32, usize> = HashMap::new();
    for s in target {
        for &t in s {
            *cnt_r.entry(t).or_insert(0) += 1;
        }
    }
    for s in pred {
        for &t in s {
            *cnt_c.entry(t).or_insert(0) += 1;
        }
    }
    let mut hits = 0;
    let mut table = Vec::new();
    let mut idx = Vec::new();
    for r in target {
        idx.clear();
        for c in pred {
            lcs_indices(r, c, &mut table, &mut idx);
        }
        idx.sort_unstable();
        idx.dedup();
        for &i in &idx {
            let t = r[i];
            let (Some(cc), Some(cr)) = (cnt_c.get_mut(&t), cnt_r.get_mut(&t)) else {
                continue;
            };
            if *cc > 0 && *cr > 0 {
                hits += 1;
                *cc -= 1;
                *cr -= 1;
            }
        }
    }
    Prf::from_counts(hits, n, m)
}

/// Token ids of `text` under [`tokenize`]: equal ids for equal stems. Ids come from a
/// per-thread table that only grows, so they are consistent within one call of [`rouge`];
/// each word form is stemmed once per thread.
fn token_ids(text: &str) -> Vec<u32> {
    const INVALID: u32 = u32::MAX;
    thread_local! {
        static WORDS: RefCell<HashMap<String, u32>> = RefCell::new(HashMap::new());
        static STEMS: RefCell<HashMap<String, u32>> = RefCell::new(HashMap::new());
    }
    let lower = text.to_lowercase();
    WORDS.with(|words| {
        let mut words = words.borrow_mut();
        lower
            .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
            .filter(|t| !t.is_empty())
            .filter_map(|t| {
                if let Some(&id) = words.get(t) {
                    return (id != INVALID).then_some(id);
                }
                let st = if t.len() > 3 {
                    stem_uncached(t)
                } else {
                    t.to_string()
                };
                let id = if !st.is_empty() && st.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    STEMS.with(|stems| {
                        let mut stems = stems.borrow_mut();
                        let n = stems.len() as u32;
                        *stems.entry(st).or_insert(n)
                    })
                } else {
                    INVALID
                };
                words.insert(t.to_string(), id);
                (id != INVALID).then_some(id)
            })
            .collect()
    })
}

/// Sentences of a text as ROUGE-Lsum sees them: split on `\n`, empty lines dropped.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(|s| !s.is_empty())
}

/// Score `prediction` against `target` (argument order as in `RougeScorer.score`).
/// For ROUGE-Lsum, put one sentence a line in both texts.
pub fn rouge(target: &str, prediction: &str) -> Rouge {
    let t_sents: Vec<Vec<u32>> = lines(target).map(token_ids).collect();
    let p_sents: Vec<Vec<u32>> = lines(prediction).map(token_ids).collect();
    // Tokens never span a newline, so the whole-text tokens are the concatenation.
    let t_all: Vec<u32> = t_sents.concat();
    let p_all: Vec<u32> = p_sents.concat();
    Rouge {
        rouge1: rouge_n(&t_all, &p_all, 1),
        rouge2: rouge_n(&t_all, &p_all, 2),
        rouge_lsum: rouge_lsum(&t_sents, &p_sents),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_matches_rouge_score_rules() {
        assert_eq!(
            tokenize("The U.N. envoy's talks, running-late: 1,500 cats!"),
            ["the", "u", "n", "envoy", "s", "talk", "run", "late", "1", "500", "cat"]
        );
        assert_eq!(tokenize("Café"), ["caf"]);
        assert!(tokenize(" -- ").is_empty());
    }

    #[test]
    fn identical_and_disjoint() {
        let r = rouge("a quick brown fox", "a quick brown fox");
        assert_eq!(r.rouge1.f, 1.0);
        assert_eq!(r.rouge2.f, 1.0);
        assert_eq!(r.rouge_lsum.f, 1.0);
        let r = rouge("a quick brown fox", "slow green turtles");
        assert_eq!(r.rouge1.f, 0.0);
        assert_eq!(rouge("", "x").rouge_lsum.f, 0.0);
    }

    #[test]
    fn counts_are_clipped() {
        // "the" twice in the prediction, once in the target: one hit.
        let r = rouge("the cat", "the the");
        assert!((r.rouge1.p - 0.5).abs() < 1e-12);
        assert!((r.rouge1.r - 0.5).abs() < 1e-12);
    }
}
