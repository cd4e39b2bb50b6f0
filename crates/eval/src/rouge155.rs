//! ROUGE as the DUC evaluations score it: ROUGE-1.5.5 recall with stemming, a word limit
//! and several references (`ROUGE-1.5.5.pl -n 2 -m -2 4 -u -f A -l N`).
//!
//! What the Perl script does, and this module repeats:
//! - each summary is a list of lines; every line is lower-cased and, with a word limit, the
//!   lines are joined until the limit of whitespace-separated words, the last line cut
//!   (models are cut the same way);
//! - `-` becomes ` - `, every character other than `A-Za-z0-9-` a space; tokens that do not
//!   start with `[a-z0-9$]` are dropped (so `-` is);
//! - tokens longer than 3 characters are stemmed: a WordNet 2.0 exception form gives its
//!   base form (`went` → `go`, the exception files read in sorted order, a later entry
//!   replacing an earlier one), anything else the script's own Porter stemmer
//!   ([`crate::porter155`], checked word by word against the Perl by
//!   `bench/rouge155_check.py`);
//! - ROUGE-N counts n-grams; ROUGE-SU4 counts skip bigrams up to 4 words apart plus
//!   unigrams, where, as in the script, the last token's unigram is not counted;
//! - with several models (`-f A`), hits are clipped per model and summed, as are the
//!   models' and the peer's n-gram counts: recall = hits / model grams.
//!
//! ```
//! use triangulate_eval::rouge155::{score, Limit};
//! let s = score(&["The cats sat."], &[vec!["A cat sat down."]], Limit::Words(250));
//! assert!(s.rouge1.r > 0.4);
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::Prf;

/// WordNet 2.0 exception lists, in the sorted order the DUC database is rebuilt in.
const EXCEPTIONS: [&str; 4] = [
    include_str!("../../../resources/en/rouge/adj.exc"),
    include_str!("../../../resources/en/rouge/adv.exc"),
    include_str!("../../../resources/en/rouge/noun.exc"),
    include_str!("../../../resources/en/rouge/verb.exc"),
];

fn exceptions() -> &'static HashMap<&'static str, &'static str> {
    static DB: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut m = HashMap::new();
        for file in EXCEPTIONS {
            for line in file.lines() {
                let mut f = line.split_whitespace();
                if let (Some(form), Some(base)) = (f.next(), f.next()) {
                    m.insert(form, base);
                }
            }
        }
        m
    })
}

/// ROUGE-1.5.5's `MorphStem` of a lower-case token longer than 3 characters.
fn morph_stem(token: &str) -> String {
    thread_local! {
        static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    if let Some(base) = exceptions().get(token) {
        return (*base).to_string();
    }
    if let Some(s) = CACHE.with(|c| c.borrow().get(token).cloned()) {
        return s;
    }
    let s = crate::porter155::stem(token);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(token.to_string(), s.clone());
    });
    s
}

/// Length limit of `-l` (whitespace-separated words of the lines), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// No limit.
    None,
    /// The first N words.
    Words(usize),
}

/// The text ROUGE-1.5.5's `readText` makes of a summary's lines: lower case, cut to the
/// limit, then punctuation to spaces.
fn read_text(lines: &[&str], limit: Limit) -> String {
    let lower: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.to_ascii_lowercase())
        .collect();
    let text = match limit {
        Limit::None => lower.join(" "),
        Limit::Words(n) => {
            let mut out: Vec<&str> = Vec::new();
            for line in &lower {
                // Perl's split(/\s+/) keeps a leading empty field.
                let toks: Vec<&str> = if line.starts_with(char::is_whitespace) {
                    std::iter::once("").chain(line.split_whitespace()).collect()
                } else {
                    line.split_whitespace().collect()
                };
                if out.len() + toks.len() < n {
                    out.extend(toks);
                } else {
                    out.extend(&toks[..n - out.len()]);
                    break;
                }
            }
            out.join(" ")
        }
    };
    let mut t = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '-' {
            t.push_str(" - ");
        } else if c.is_ascii_alphanumeric() {
            t.push(c);
        } else {
            t.push(' ');
        }
    }
    t
}

/// Tokens of a summary (its lines) as ROUGE-1.5.5 counts them with `-m`.
pub fn tokens(lines: &[&str], limit: Limit) -> Vec<String> {
    read_text(lines, limit)
        .split_whitespace()
        .filter(|t| {
            t.as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'$')
        })
        .map(|t| {
            if t.len() > 3 {
                morph_stem(t)
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// Gram counts and their total.
type Grams<'a> = (HashMap<Vec<&'a str>, usize>, usize);

fn ngrams(toks: &[String], n: usize) -> Grams<'_> {
    let mut m = HashMap::new();
    let mut total = 0;
    if toks.len() >= n {
        for w in toks.windows(n) {
            *m.entry(w.iter().map(String::as_str).collect()).or_insert(0) += 1;
            total += 1;
        }
    }
    (m, total)
}

/// Skip bigrams at most `skip` words apart, plus unigrams (ROUGE-SU, `-u`): for every token
/// but the last, its unigram and its pairs with the next `skip + 1` tokens.
pub fn skip_bigrams(toks: &[String], skip: usize) -> Grams<'_> {
    let mut m = HashMap::new();
    let mut total = 0;
    for i in 0..toks.len().saturating_sub(1) {
        *m.entry(vec![toks[i].as_str()]).or_insert(0) += 1;
        total += 1;
        for j in i + 1..toks.len().min(i + skip + 2) {
            *m.entry(vec![toks[i].as_str(), toks[j].as_str()])
                .or_insert(0) += 1;
            total += 1;
        }
    }
    (m, total)
}

/// Clipped hits of a peer against one model.
fn hits(model: &Grams<'_>, peer: &Grams<'_>) -> usize {
    model
        .0
        .iter()
        .map(|(g, &c)| c.min(peer.0.get(g).copied().unwrap_or(0)))
        .sum()
}

/// Hits and counts summed over the models (`-f A`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    hits: usize,
    model: usize,
    peer: usize,
}

impl Counts {
    fn add(&mut self, model: &Grams<'_>, peer: &Grams<'_>) {
        self.hits += hits(model, peer);
        self.model += model.1;
        self.peer += peer.1;
    }

    /// Recall, precision and F (alpha 0.5) as the script computes them per summary.
    fn prf(self) -> Prf {
        let r = ratio(self.hits, self.model);
        let p = ratio(self.hits, self.peer);
        let f = if 0.5 * p + 0.5 * r > 0.0 {
            p * r / (0.5 * p + 0.5 * r)
        } else {
            0.0
        };
        Prf { p, r, f }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// ROUGE-1, ROUGE-2 and ROUGE-SU4 of one peer summary against its models.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DucRouge {
    /// ROUGE-1.
    pub rouge1: Prf,
    /// ROUGE-2.
    pub rouge2: Prf,
    /// ROUGE-SU4.
    #[serde(rename = "rougeSU4")]
    pub rouge_su4: Prf,
}

impl DucRouge {
    /// Component-wise scaling.
    pub fn scale(self, k: f64) -> DucRouge {
        DucRouge {
            rouge1: self.rouge1.scale(k),
            rouge2: self.rouge2.scale(k),
            rouge_su4: self.rouge_su4.scale(k),
        }
    }
}

impl std::ops::Add for DucRouge {
    type Output = DucRouge;
    fn add(self, o: DucRouge) -> DucRouge {
        DucRouge {
            rouge1: self.rouge1 + o.rouge1,
            rouge2: self.rouge2 + o.rouge2,
            rouge_su4: self.rouge_su4 + o.rouge_su4,
        }
    }
}

/// Score a peer summary (its lines) against model summaries (each its lines).
pub fn score(peer: &[&str], models: &[Vec<&str>], limit: Limit) -> DucRouge {
    let p = tokens(peer, limit);
    let (p1, p2, psu) = (ngrams(&p, 1), ngrams(&p, 2), skip_bigrams(&p, 4));
    let (mut c1, mut c2, mut csu) = (Counts::default(), Counts::default(), Counts::default());
    for m in models {
        let t = tokens(m, limit);
        c1.add(&ngrams(&t, 1), &p1);
        c2.add(&ngrams(&t, 2), &p2);
        csu.add(&skip_bigrams(&t, 4), &psu);
    }
    DucRouge {
        rouge1: c1.prf(),
        rouge2: c2.prf(),
        rouge_su4: csu.prf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_as_rouge_155_reads_them() {
        // Lower case, hyphens split off and dropped, `'s` split, WordNet exceptions before
        // Porter, short tokens unstemmed, `$` kept only as a token start.
        assert_eq!(
            tokens(
                &["The U.S.-led talks went badly; Russia's envoys"],
                Limit::None
            ),
            ["the", "u", "s", "led", "talk", "go", "badli", "russia", "s", "envoi"]
        );
        // Original Porter, not NLTK's: "generously" → "gener", "agreed" → "agre".
        assert_eq!(
            tokens(&["generously agreed"], Limit::None),
            ["gener", "agre"]
        );
    }

    #[test]
    fn word_limit_counts_raw_words_across_lines() {
        let lines = ["One two three.", "Four five-six seven."];
        assert_eq!(tokens(&lines, Limit::Words(4)).len(), 4);
        // "five-six" is one word for the limit, three tokens after (the hyphen dropped).
        assert_eq!(
            tokens(&lines, Limit::Words(5)),
            ["one", "two", "three", "four", "five", "six"]
        );
        assert_eq!(tokens(&lines, Limit::Words(100)).len(), 7);
    }

    #[test]
    fn skip_bigrams_leave_out_the_last_unigram() {
        let t: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let (m, total) = skip_bigrams(&t, 4);
        // unigrams a, b; pairs ab, ac, bc.
        assert_eq!(total, 5);
        assert!(!m.contains_key(&vec!["c"]));
        let t: Vec<String> = (0..7).map(|i| i.to_string()).collect();
        // Pairs at most 4 words between: 0 pairs with 1..=5, not 6.
        let (m, _) = skip_bigrams(&t, 4);
        assert!(m.contains_key(&vec!["0", "5"]));
        assert!(!m.contains_key(&vec!["0", "6"]));
    }

    #[test]
    fn several_models_sum_clipped_hits() {
        // Peer "a b"; models "a b" and "a c": unigram hits 2 + 1 of 4, bigram 1 of 2.
        let s = score(&["a b"], &[vec!["a b"], vec!["a c"]], Limit::None);
        assert!((s.rouge1.r - 0.75).abs() < 1e-12);
        assert!((s.rouge2.r - 0.5).abs() < 1e-12);
        assert!((s.rouge1.p - 0.75).abs() < 1e-12);
        let none = score(&["x y"], &[vec!["a b"]], Limit::Words(250));
        assert_eq!(none.rouge2.r, 0.0);
    }
}
