//! Fact alignment: statements of different documents that say the same thing, and copies
//! of one wire story.
//!
//! Two statements align when the idf-weighted cosine of their content terms (stems mapped
//! through the paraphrase groups, plus their dates and quantities, less the words that name
//! who said it: see `speaker_tokens`) is at least
//! [`MIN_SIMILARITY`] and they share at least three terms (two when both are short). Facts
//! are grown greedily from the most similar pairs, with at most one statement per document;
//! then from the pairs of which one is told inside the other: the cosine is low because the
//! longer statement adds details of its own, but at least [`INSIDE_SHARED`] terms and half
//! the shorter one's weight are shared (or [`MANY_SHARED`] terms and 40%). So the veto told
//! as "blocked a draft resolution on the extension of the JIM mandate, citing ...", "cast a
//! veto ... against renewing the investigation's mandate" and "vetoed a renewal effort ...
//! that would have prolonged the JIM mandate" is one fact of three sources and more (the
//! paraphrase groups of `synonyms.txt` make "blocked" and "cast a veto" one term).

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use triangulate_core::DocId;

use super::statements::{Statement, Terms};
use super::values::{display, Value};
use super::AgreedFact;
use crate::AnalyzedDoc;

/// Similarity at which two statements say the same thing.
pub(crate) const MIN_SIMILARITY: f32 = 0.42;
/// Share of the shorter statement's weighted terms found in the other at which the shorter
/// one is told inside the longer one, with at least [`INSIDE_SHARED`] shared terms.
const INSIDE: f32 = 0.5;
/// Shared terms a statement told inside another needs.
const INSIDE_SHARED: usize = 6;
/// With this many shared terms, a share of [`INSIDE_WITH_MANY`] is enough: a longer clause
/// adds more details of its own.
const MANY_SHARED: usize = 8;
/// See [`MANY_SHARED`].
const INSIDE_WITH_MANY: f32 = 0.4;
/// Word n-gram length for wire-copy detection.
const SHINGLE: usize = 8;
/// Share of the smaller document's n-grams found in the other that makes it a copy.
const COPY_SHARE: f32 = 0.4;

/// Groups of documents that are copies of one story (long shared wording): each document
/// once, groups in order of their first document.
pub(crate) fn wire_groups(docs: &[AnalyzedDoc]) -> Vec<Vec<usize>> {
    let shingles: Vec<Vec<u64>> = docs
        .iter()
        .map(|d| {
            let words: Vec<&str> = d
                .text
                .norms
                .iter()
                .map(String::as_str)
                .filter(|n| n.chars().any(char::is_alphanumeric))
                .collect();
            let mut v: Vec<u64> = words
                .windows(SHINGLE)
                .map(|w| {
                    let mut h = DefaultHasher::new();
                    w.hash(&mut h);
                    h.finish()
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        r
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&shingles[i], &shingles[j]);
            let small = a.len().min(b.len());
            if small < 5 {
                continue;
            }
            let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
            if common as f32 >= COPY_SHARE * small as f32 {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        let g = *index.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// Each document's attributions as (source, cue) byte ranges.
type Said = Vec<((usize, usize), (usize, usize))>;

/// The (source, cue) byte ranges of each document's quotes that name both.
fn attributions(docs: &[AnalyzedDoc]) -> Vec<Said> {
    docs.iter()
        .map(|d| {
            d.quotes
                .iter()
                .filter_map(|q| Some((q.source?, q.cue?)))
                .map(|(s, c)| {
                    (
                        (s.start as usize, s.end as usize),
                        (c.start as usize, c.end as usize),
                    )
                })
                .collect()
        })
        .collect()
}

/// Tokens of statement `s` that name who said it: the source of an attribution whose cue,
/// in this statement, is a verb of saying ("Ambassador Vassily Nebenzia told reporters"):
/// who said it is not what was said, so two statements do not align on it. A source whose
/// cue carries meaning ("Damascus denied", "Russia blocked") stays: it is the fact.
fn speaker_tokens(s: &Statement, said: &Said) -> Vec<bool> {
    let inside = |k: usize, (x, y): (usize, usize)| x <= s.ranges[k].0 && s.ranges[k].1 <= y;
    let mut out = vec![false; s.ranges.len()];
    for &(source, cue) in said {
        let cue_tokens: Vec<usize> = (0..s.ranges.len()).filter(|&k| inside(k, cue)).collect();
        let saying =
            !cue_tokens.is_empty() && cue_tokens.iter().all(|&k| s.token_terms[k].is_none());
        if saying {
            for (k, o) in out.iter_mut().enumerate() {
                *o |= inside(k, source);
            }
        }
    }
    out
}

/// Feature terms of each statement: content terms without the names of who said it, plus its
/// dates and quantities.
fn features(
    stmts: &[Statement],
    docs: &[AnalyzedDoc],
    terms: &mut Terms,
    year: Option<i32>,
) -> Vec<Vec<u32>> {
    let said = attributions(docs);
    stmts
        .iter()
        .map(|s| {
            let speaker = speaker_tokens(s, &said[s.doc]);
            let mut f: Vec<u32> = s
                .token_terms
                .iter()
                .enumerate()
                .filter(|&(k, t)| t.is_some() && !speaker[k])
                .filter_map(|(_, t)| *t)
                .collect();
            for m in &s.values {
                let precise = match &m.value {
                    Value::Date(d) => d.day.is_some() || d.month.is_some(),
                    Value::Qty(q) => q.unit.is_some(),
                };
                if precise {
                    f.push(terms.id(&format!("value:{}", display(&m.value, year))));
                }
            }
            f.sort_unstable();
            f.dedup();
            f
        })
        .collect()
}

/// Agreed facts: aligned statements stated by at least two independent sources.
pub(crate) fn agreed_facts(
    stmts: &[Statement],
    docs: &[AnalyzedDoc],
    terms: &mut Terms,
    groups: &[Vec<usize>],
    doc_ids: &[DocId],
    year: Option<i32>,
) -> Vec<AgreedFact> {
    let feats = features(stmts, docs, terms, year);
    let n = stmts.len();
    // Document frequency over statements.
    let mut df: HashMap<u32, u32> = HashMap::new();
    for f in &feats {
        for &t in f {
            *df.entry(t).or_default() += 1;
        }
    }
    let idf = |t: u32| -> f32 { ((n as f32 + 1.0) / (df[&t] as f32 + 0.5)).ln().max(0.05) };
    let norms: Vec<f32> = feats
        .iter()
        .map(|f| f.iter().map(|&t| idf(t) * idf(t)).sum::<f32>().sqrt())
        .collect();
    // Candidate pairs through an inverted index.
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, f) in feats.iter().enumerate() {
        for &t in f {
            postings.entry(t).or_default().push(i);
        }
    }
    let mut dot: HashMap<(usize, usize), (f32, usize)> = HashMap::new();
    let mut keys: Vec<u32> = postings.keys().copied().collect();
    keys.sort_unstable();
    for t in keys {
        let p = &postings[&t];
        if p.len() > 200 {
            continue; // too common to tell statements apart
        }
        let w = idf(t) * idf(t);
        for a in 0..p.len() {
            for b in a + 1..p.len() {
                let (i, j) = (p[a], p[b]);
                if stmts[i].doc == stmts[j].doc {
                    continue;
                }
                let e = dot.entry((i, j)).or_insert((0.0, 0));
                e.0 += w;
                e.1 += 1;
            }
        }
    }
    let mut pairs: Vec<((usize, usize), (f32, usize))> = dot.into_iter().collect();
    pairs.sort_by_key(|p| p.0);
    let mut edges: Vec<(f32, usize, usize)> = pairs
        .iter()
        .filter_map(|&((i, j), (d, k))| {
            let sim = d / (norms[i] * norms[j]).max(1e-6);
            // Short as written: a statement made short by leaving out who said it
            // ("`You can't regulate it,'' said Gordon Rose, a former lawyer") is no short fact.
            let len = |x: usize| feats[x].len().max(stmts[x].terms.len());
            let short = len(i) <= 4 && len(j) <= 4;
            let enough = k >= 3 || (short && k >= 2);
            (sim >= MIN_SIMILARITY && enough).then_some((sim, i, j))
        })
        .collect();
    by_weight(&mut edges);
    // Second: one statement told inside a longer one ("Russia last month cast a veto against
    // renewing the mandate" / "Russia blocked a draft resolution on the extension of the JIM
    // mandate, citing the need to examine its latest report"): the cosine is low because the
    // longer statement says more, yet the shorter one's words are nearly all in it.
    let mut inside: Vec<(f32, usize, usize)> = pairs
        .iter()
        .filter_map(|&((i, j), (d, k))| {
            let sim = d / (norms[i] * norms[j]).max(1e-6);
            let small = norms[i].min(norms[j]);
            let share = d / (small * small).max(1e-6);
            let inside = (k >= INSIDE_SHARED && share >= INSIDE)
                || (k >= MANY_SHARED && share >= INSIDE_WITH_MANY);
            (sim < MIN_SIMILARITY && inside).then_some((share, i, j))
        })
        .collect();
    by_weight(&mut inside);
    // Greedy merge, one statement per document per fact: the similar pairs first, then the
    // pairs of which one is told inside the other.
    let mut cluster: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut weight: Vec<f32> = vec![0.0; n];
    let told_inside = inside.into_iter().map(|(_, i, j)| {
        let sim = pairs
            .binary_search_by_key(&(i, j), |p| p.0)
            .map_or(0.0, |x| pairs[x].1 .0 / (norms[i] * norms[j]).max(1e-6));
        (sim, i, j)
    });
    for (sim, i, j) in edges.into_iter().chain(told_inside) {
        let (ci, cj) = (cluster[i], cluster[j]);
        if ci == cj {
            weight[ci] += sim;
            continue;
        }
        let clash = members[ci]
            .iter()
            .any(|&a| members[cj].iter().any(|&b| stmts[a].doc == stmts[b].doc));
        if clash {
            continue;
        }
        let (keep, gone) = (ci.min(cj), ci.max(cj));
        let moved = std::mem::take(&mut members[gone]);
        for &m in &moved {
            cluster[m] = keep;
        }
        members[keep].extend(moved);
        weight[keep] += weight[gone] + sim;
        weight[gone] = 0.0;
    }
    let group_of: Vec<usize> = {
        let mut g = vec![0; doc_ids.len()];
        for (gi, grp) in groups.iter().enumerate() {
            for &d in grp {
                g[d] = gi;
            }
        }
        g
    };
    let mut facts: Vec<AgreedFact> = Vec::new();
    for (c, m) in members.iter().enumerate() {
        if m.len() < 2 {
            continue;
        }
        let mut m = m.clone();
        m.sort_by_key(|&i| (stmts[i].doc, stmts[i].span.start));
        let mut src: Vec<usize> = m.iter().map(|&i| group_of[stmts[i].doc]).collect();
        src.sort_unstable();
        src.dedup();
        if src.len() < 2 {
            continue;
        }
        let documents: Vec<DocId> = m.iter().map(|&i| doc_ids[stmts[i].doc]).collect();
        let copies: Vec<Vec<DocId>> = src
            .iter()
            .map(|&g| {
                groups[g]
                    .iter()
                    .filter(|d| documents.contains(&doc_ids[**d]))
                    .map(|&d| doc_ids[d])
                    .collect::<Vec<_>>()
            })
            .filter(|g| g.len() > 1)
            .collect();
        // The representative: the statement most like the others.
        let rep = *m
            .iter()
            .max_by(|&&a, &&b| {
                let score = |x: usize| {
                    m.iter()
                        .filter(|&&y| y != x)
                        .map(|&y| {
                            feats[x]
                                .iter()
                                .filter(|t| feats[y].binary_search(t).is_ok())
                                .count()
                        })
                        .sum::<usize>()
                };
                score(a).cmp(&score(b)).then(b.cmp(&a))
            })
            .unwrap_or(&m[0]);
        facts.push(AgreedFact {
            span: stmts[rep].span,
            spans: m.iter().map(|&i| stmts[i].span).collect(),
            documents,
            independent_sources: src.len(),
            copies,
            score: weight[c] / (m.len() as f32 - 1.0),
        });
    }
    facts.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(b.documents.len().cmp(&a.documents.len()))
            .then(
                b.score
                    .partial_cmp(&a.score)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.span.cmp(&b.span))
    });
    facts
}

/// Sort pairs by weight, the heaviest first, ties by statement.
fn by_weight(edges: &mut [(f32, usize, usize)]) {
    edges.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
}
