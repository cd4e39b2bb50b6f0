//! Statements: sentences split into clauses, each with its content terms (stems mapped
//! through the paraphrase groups), its dates and quantities, and its claim cues.

use std::collections::HashMap;

use triangulate_core::Span;

use super::rules::{Cue, Rules};
use super::values::{find_values, resolve_dates, story_year, Mention, TokenView};
use crate::AnalyzedDoc;

/// Interned content terms of one story.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    map: HashMap<String, u32>,
    pub names: Vec<String>,
}

impl Terms {
    pub(crate) fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.map.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }
}

/// One clause of one document.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    /// Document index.
    pub doc: usize,
    /// Sentence index within the document.
    pub sentence: usize,
    /// Token range (absolute token indices of the document).
    pub first_token: usize,
    pub end_token: usize,
    /// The clause's bytes.
    pub span: Span,
    /// Sorted, distinct content terms.
    pub terms: Vec<u32>,
    /// Content term of each token (None for function words, punctuation, values).
    pub token_terms: Vec<Option<u32>>,
    /// Dates and quantities.
    pub values: Vec<Mention>,
    /// Claim cues: kind and token index.
    pub cues: Vec<(Cue, usize)>,
    /// Tokens that are punctuation (nearness does not cross them).
    pub breaks: Vec<bool>,
    /// A negation ("not", "no", "never", "n't") occurs.
    pub negated: bool,
    /// Tokens inside quotation marks (counted within the sentence).
    pub quoted: Vec<bool>,
    /// Byte range of each token in the document's text.
    pub ranges: Vec<(usize, usize)>,
}

/// For each token of sentence `[a, b)`: inside quotation marks.
fn quoted_tokens(norm: &[&str], a: usize, b: usize) -> Vec<bool> {
    let mut open = false;
    (a..b)
        .map(|k| match norm[k] {
            "\"" | "``" | "''" => {
                open = !open;
                false
            }
            "“" => {
                open = true;
                false
            }
            "”" => {
                open = false;
                false
            }
            _ => open,
        })
        .collect()
}

const SPLIT_AFTER_COMMA: [&str; 5] = ["but", "while", "whereas", "although", "though"];

fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "–" | "--" | "―")
}

/// The dash at `k` joins two names ("the United Nations — OPCW mechanism", "the
/// Paris–Berlin line"): capitalized words on both sides, so it does not end a clause.
fn joins_names(text: &[&str], k: usize, b: usize) -> bool {
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Callers pass `k` after the sentence's first token.
    k + 1 < b && capitalized(text[k - 1]) && capitalized(text[k + 1])
}

/// Token ranges of the clauses of sentence tokens `[a, b)` (`text`: as written, `norm`:
/// lower-cased).
fn clauses(text: &[&str], norm: &[&str], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut cuts = vec![a];
    for k in a + 1..b {
        let n = norm[k];
        let cut_before = (SPLIT_AFTER_COMMA.contains(&n) && norm[k - 1] == ",")
            || (is_dash(n) && !joins_names(text, k, b))
            || norm[k - 1] == ";";
        if cut_before {
            cuts.push(if is_dash(n) { k + 1 } else { k });
        }
    }
    cuts.push(b);
    let mut out: Vec<(usize, usize)> = Vec::new();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let words = (s..e)
            .filter(|&i| norm[i].chars().any(char::is_alphanumeric))
            .count();
        match out.last_mut() {
            // Short pieces stay with the clause before them.
            Some(last) if words < 4 => last.1 = e,
            _ => out.push((s, e)),
        }
    }
    if out.len() > 1 {
        let first_words = (out[0].0..out[0].1)
            .filter(|&i| norm[i].chars().any(char::is_alphanumeric))
            .count();
        if first_words < 4 {
            let e = out[0].1;
            out.remove(0);
            out[0].0 = a;
            let _ = e;
        }
    }
    out
}

/// Split every document into statements.
pub(crate) fn statements(docs: &[AnalyzedDoc], terms: &mut Terms) -> Vec<Statement> {
    let rules = Rules::get();
    let year = story_year(docs);
    let mut out = Vec::new();
    for (d, ad) in docs.iter().enumerate() {
        let view = TokenView::new(ad.doc.analysis_text(), &ad.text);
        let stems: Vec<&str> = view.stem.iter().map(String::as_str).collect();
        for (si, sent) in ad.text.sentences.iter().enumerate() {
            let (a, b) = (sent.first_token as usize, sent.end_token as usize);
            let quoted = quoted_tokens(&view.norm, a, b);
            for (s, e) in clauses(&view.text, &view.norm, a, b) {
                if s >= e {
                    continue;
                }
                let mut values = find_values(&view, s, e);
                resolve_dates(&ad.timexes, &mut values, year);
                let mut in_value = vec![false; e - s];
                for m in &values {
                    for k in m.first_token..m.end_token {
                        in_value[k - s] = true;
                    }
                }
                let mut cues = Vec::new();
                let mut negated = false;
                let mut token_terms = vec![None; e - s];
                let mut speech = vec![false; e - s];
                let local: Vec<&str> = stems[s..e].to_vec();
                let mut k = 0;
                while k < e - s {
                    // "the United States" is no verb of saying ("states").
                    let name = s + k > 0 && view.norm[s + k - 1] == "united";
                    if let Some((len, cue)) = rules.cues.longest_at(&local, k).filter(|_| !name) {
                        cues.push((cue, s + k));
                        if cue == Cue::Speech {
                            for x in speech.iter_mut().skip(k).take(len) {
                                *x = true;
                            }
                        }
                    }
                    if matches!(view.norm[s + k], "not" | "no" | "never" | "n't" | "without") {
                        negated = true;
                    }
                    k += 1;
                }
                let mut k = 0;
                while k < e - s {
                    let n = view.norm[s + k];
                    if in_value[k] || speech[k] || !n.chars().any(char::is_alphabetic) {
                        k += 1;
                        continue;
                    }
                    if let Some((len, group)) = rules.synonyms.longest_at(&local, k) {
                        token_terms[k] = Some(terms.id(&group));
                        k += len;
                        continue;
                    }
                    if !triangulate_text::is_stopword(n) && n.len() > 1 {
                        token_terms[k] = Some(terms.id(local[k]));
                    }
                    k += 1;
                }
                let mut t: Vec<u32> = token_terms.iter().flatten().copied().collect();
                t.sort_unstable();
                t.dedup();
                out.push(Statement {
                    doc: d,
                    sentence: si,
                    first_token: s,
                    end_token: e,
                    span: Span::new_unchecked(ad.doc.id, view.range[s].0, view.range[e - 1].1),
                    terms: t,
                    token_terms,
                    values,
                    breaks: (s..e)
                        .map(|k| {
                            matches!(view.norm[k], "," | ";" | ":" | "(" | ")" | "—" | "–" | "--")
                        })
                        .collect(),
                    cues,
                    negated,
                    quoted: quoted[s - a..e - a].to_vec(),
                    ranges: view.range[s..e].to_vec(),
                });
            }
        }
    }
    out
}

impl Statement {
    /// Tokens within `radius` of the token range `[a, b)`, not crossing punctuation.
    pub(crate) fn near_range(&self, a: usize, b: usize, radius: usize) -> (usize, usize) {
        let mut lo = a;
        while lo > self.first_token && a - lo < radius && !self.breaks[lo - 1 - self.first_token] {
            lo -= 1;
        }
        let mut hi = b;
        while hi < self.end_token && hi - b < radius && !self.breaks[hi - self.first_token] {
            hi += 1;
        }
        (lo, hi)
    }

    /// True if the statement has a cue of this kind.
    pub(crate) fn has(&self, cue: Cue) -> bool {
        self.cues.iter().any(|c| c.0 == cue)
    }

    /// Dates and quantities only.
    pub(crate) fn values(&self) -> impl Iterator<Item = &Mention> {
        self.values.iter()
    }
}

/// Number of shared items of two sorted lists.
pub(crate) fn shared(a: &[u32], b: &[u32]) -> usize {
    let mut n = 0;
    for_each_shared(a, b, |_| n += 1);
    n
}

/// Call `f` on every item two sorted, distinct lists share (one walk through both).
pub(crate) fn for_each_shared(a: &[u32], b: &[u32], mut f: impl FnMut(u32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clauses;

    #[test]
    fn a_dash_between_names_does_not_end_a_clause() {
        let text: Vec<&str> = "Talks on the Harbor Authority — Kestrel Works contract went on — and the council will vote on it Friday ."
            .split(' ')
            .collect();
        let lower: Vec<String> = text.iter().map(|w| w.to_lowercase()).collect();
        let norm: Vec<&str> = lower.iter().map(String::as_str).collect();
        let got = clauses(&text, &norm, 0, text.len());
        let second_dash = text.iter().rposition(|w| *w == "—").unwrap();
        assert_eq!(
            got,
            vec![(0, second_dash + 1), (second_dash + 1, text.len())]
        );
    }
}
