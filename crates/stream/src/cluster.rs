//! Online story clustering: each document joins the most probable recent story found
//! through an inverted index (or the story of a near duplicate found through MinHash LSH),
//! or opens a new story. Whether it joins is decided by a logistic model over features of
//! the (document, story) pair (crates/stream/src/join.rs), learned on multi-news-train;
//! the earlier hand rule (cosine plus a names bonus against a threshold) remains as
//! `Params::model` 0.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::features::{Features, MINHASH_LEN};
use crate::hash::{mix, IdBuild};
use crate::idf::Prior;
use crate::join::{sigmoid, JoinModel, PairFeatures};
use crate::lists::{merge, names_cosine, prune};
use crate::members::{self, Members};
pub use crate::params::Params;

/// Rows per LSH band (21 bands of 3 rows use 63 of the 64 MinHash values).
const BAND_ROWS: usize = 3;
const BANDS: usize = MINHASH_LEN / BAND_ROWS;
/// Documents looked at per LSH bucket (the most recent).
const BUCKET_SCAN: usize = 64;
/// Terms of a document used to find candidate stories.
const QUERY_TERMS: usize = 12;
/// Stories looked at per posting list (the most recent).
const POSTINGS_SCAN: usize = 256;
/// `doc_story` of a document in no story.
const NONE: u32 = u32::MAX;
/// Candidate stories scored in full.
const CANDIDATES: usize = 32;
/// Terms a story keeps.
const STORY_TERMS: usize = 256;
/// Heaviest terms of a document, and of a story, whose coverage the join decision sees.
const COVER_TERMS: usize = 10;
/// Centroid cosine below which a candidate's members are not compared (such a candidate is
/// never joined: it saves the comparisons for the few that matter).
const MEMBER_GATE: f32 = 0.05;
/// Candidates, the best by centroid cosine, whose members are compared: so a document costs
/// at most this many member walks however full the stories around it are.
const MEMBER_CANDIDATES: usize = 8;

/// The story of a document that belongs to none: page furniture (a crawl notice, a
/// sign-up box, a 404 page; [`Features::is_furniture_page`]). Such a page is
/// kept (a store holds it, with every input that carried it) but is no story: it is not
/// listed, and its exact copies from many outlets glue nothing together.
pub const NO_STORY: u64 = 0;

/// Where the next document goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Story id, numbered from 1 in order of creation; [`NO_STORY`] (0) for a document
    /// that belongs to none.
    pub story: u64,
    /// True when this document opened its story.
    pub new_story: bool,
    /// Arrival number (0-based count of documents given to the clusterer before it) of a
    /// near-duplicate this document joins as a wire copy, if any.
    pub near_duplicate_of: Option<u64>,
}

#[derive(Debug, Default)]
struct StoryState {
    /// Summed term weights, sorted by term hash.
    terms: Vec<(u64, u32)>,
    /// Summed name counts, sorted by hash.
    names: Vec<(u64, u32)>,
    docs: u32,
    /// The heaviest terms (weight times idf as of the story's last document), sorted.
    top: Vec<u64>,
    /// Norm of the weighted terms, as of the story's last document.
    norm: f32,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    /// The distinct years of its documents (see [`Features::year`]), sorted.
    years: Vec<u16>,
    /// Its latest documents' heaviest terms (idf as of each one's arrival).
    members: Members,
}

/// Online story clustering with near-duplicate detection (MinHash LSH) and a candidate
/// index (never all pairs).
#[derive(Debug, Default)]
pub struct Clusterer {
    params: Params,
    /// The learned join decision, when `params.model` asks for it.
    model: Option<JoinModel>,
    /// Documents seen.
    n: u64,
    /// Documents seen that have terms (the idf's N).
    n_terms: u64,
    /// Document frequency of each term seen in the stream: (in the stream, in the learned
    /// prior). The prior's is looked up once, when the term is first seen, not by a binary
    /// search at every use (the idf of a story's terms is read for each of its documents).
    df: HashMap<u64, (u32, u32), IdBuild>,
    /// Story (0-based) of each arrival (`NONE`: in no story).
    doc_story: Vec<u32>,
    /// Low 16 bits of each arrival's MinHash values (empty signature: zeros, never matched).
    sigs: Vec<[u16; MINHASH_LEN]>,
    /// LSH buckets: band key -> arrivals.
    buckets: HashMap<u64, Vec<u32>, IdBuild>,
    stories: Vec<StoryState>,
    /// Term -> stories (0-based) that hold it, in order of the term's arrival in them.
    postings: HashMap<u64, Vec<u32>, IdBuild>,
}

fn band_keys(sig: &[u32]) -> impl Iterator<Item = u64> + '_ {
    (0..BANDS).map(move |b| {
        let mut h = mix(b as u64 + 1);
        for &v in &sig[b * BAND_ROWS..(b + 1) * BAND_ROWS] {
            h = mix(h ^ v as u64);
        }
        h
    })
}

fn low16(sig: &[u32]) -> [u16; MINHASH_LEN] {
    let mut out = [0u16; MINHASH_LEN];
    for (o, &v) in out.iter_mut().zip(sig) {
        *o = v as u16;
    }
    out
}

/// True when a document dated `d` names a year before its own that falls within the
/// story's dates: a follow-up that refers back to the story's event ("the September 2010
/// shooting", in an article of 2012), which the time decay must not split off.
fn refers_back(f: &Features, d: NaiveDate, first: NaiveDate, last: NaiveDate) -> bool {
    use chrono::Datelike;
    let own = d.year();
    f.years_named().iter().any(|&y| {
        let y = y as i32;
        y < own && y >= first.year() && y <= last.year()
    })
}

fn days_between(d: NaiveDate, first: NaiveDate, last: NaiveDate) -> i64 {
    if d < first {
        (first - d).num_days()
    } else if d > last {
        (d - last).num_days()
    } else {
        0
    }
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new() -> Clusterer {
        Clusterer::with_params(Params::default())
    }

    /// An empty clusterer with other settings than the defaults (a store must reopen with
    /// the settings it was filled with).
    pub fn with_params(params: Params) -> Clusterer {
        let model = JoinModel::get().filter(|_| params.model > 0.0).cloned();
        Clusterer {
            params,
            model,
            ..Clusterer::default()
        }
    }

    /// An empty clusterer whose join decision is `model` (fitting and tuning runs).
    #[doc(hidden)]
    pub fn with_model(params: Params, model: JoinModel) -> Clusterer {
        Clusterer {
            params,
            model: Some(model),
            ..Clusterer::default()
        }
    }

    /// Number of documents seen.
    pub fn len(&self) -> u64 {
        self.n
    }

    /// True before the first document.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Number of stories.
    pub fn stories(&self) -> u64 {
        self.stories.len() as u64
    }

    /// Assign the next document in arrival order (exact duplicates are filtered by the
    /// caller via content_key and never given here).
    pub fn assign(&mut self, f: &Features) -> Assignment {
        let a = self.decide(f);
        self.restore(f, &a);
        a
    }

    fn decide(&self, f: &Features) -> Assignment {
        let new = Assignment {
            story: self.stories.len() as u64 + 1,
            new_story: true,
            near_duplicate_of: None,
        };
        if f.is_furniture_page() {
            return Assignment {
                story: NO_STORY,
                new_story: false,
                near_duplicate_of: None,
            };
        }
        if f.is_furniture() {
            // Too short to tell a story by: a story of its own, which nothing joins.
            return new;
        }
        if let Some(dup) = self.near_duplicate(f) {
            return Assignment {
                story: self.doc_story[dup as usize] as u64 + 1,
                new_story: false,
                near_duplicate_of: Some(dup),
            };
        }
        match self.best_story(f) {
            Some(s) => Assignment {
                story: s as u64 + 1,
                new_story: false,
                near_duplicate_of: None,
            },
            None => new,
        }
    }

    /// The earliest most similar earlier document whose shingles overlap enough.
    fn near_duplicate(&self, f: &Features) -> Option<u64> {
        let sig = f.minhash();
        if sig.len() != MINHASH_LEN {
            return None;
        }
        let mine = low16(sig);
        let mut seen: Vec<u32> = Vec::new();
        for key in band_keys(sig) {
            if let Some(b) = self.buckets.get(&key) {
                seen.extend(b.iter().rev().take(BUCKET_SCAN));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let mut best: Option<(usize, u32)> = None;
        for d in seen {
            if self.doc_story[d as usize] == NONE {
                continue;
            }
            let other = &self.sigs[d as usize];
            let same = mine.iter().zip(other).filter(|(a, b)| a == b).count();
            if best.is_none_or(|(s, _)| same > s) {
                best = Some((same, d));
            }
        }
        best.filter(|&(same, _)| same as f32 >= self.params.near_duplicate * MINHASH_LEN as f32)
            .map(|(_, d)| d as u64)
    }

    /// Idf over the learned prior's documents and the stream's documents so far.
    fn idf(&self, term: u64) -> f32 {
        let prior = Prior::get();
        let df = match self.df.get(&term) {
            Some(&(stream, learned)) => stream + learned,
            None => prior.df(term),
        } as f32;
        ((self.n_terms as f32 + prior.n as f32 + 1.0) / (df + 1.0)).ln() + 0.1
    }

    /// Weighted norm of a story's terms (idf as of now).
    fn story_norm(&self, terms: &[(u64, u32)]) -> f32 {
        terms
            .iter()
            .map(|&(t, w)| {
                let x = (1.0 + (w as f32).ln()) * self.idf(t);
                x * x
            })
            .sum::<f32>()
            .sqrt()
    }

    /// The candidate stories of `f` (from the inverted index), each with the hand rule's
    /// similarity and the learned decision's pair features, in story order.
    fn candidates(&self, f: &Features) -> Vec<(usize, f32, PairFeatures)> {
        // (term, weight, idf), sorted by term.
        let weighted: Vec<(u64, f32, f32)> = f
            .terms()
            .iter()
            .map(|&(t, w)| {
                let idf = self.idf(t);
                (t, (1.0 + (w as f32).ln()) * idf, idf)
            })
            .collect();
        // Query with the heaviest terms that some story holds (a term never seen finds nothing).
        let mut query: Vec<(u64, f32)> = weighted
            .iter()
            .filter(|(t, _, _)| self.postings.contains_key(t))
            .map(|&(t, w, _)| (t, w))
            .collect();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        query.truncate(QUERY_TERMS);
        let mut votes: HashMap<u32, f32, IdBuild> = HashMap::default();
        for (t, w) in &query {
            if let Some(p) = self.postings.get(t) {
                for &s in p.iter().rev().take(POSTINGS_SCAN) {
                    *votes.entry(s).or_insert(0.0) += w;
                }
            }
        }
        let mut cands: Vec<(u32, f32)> = votes.into_iter().collect();
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(CANDIDATES);
        cands.sort_unstable_by_key(|c| c.0);

        // The document's heaviest terms (all of them, not only those some story holds).
        let mut heavy: Vec<(u64, f32)> = weighted.iter().map(|&(t, w, _)| (t, w)).collect();
        heavy.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        heavy.truncate(COVER_TERMS);
        let heavy_sum: f32 = heavy.iter().map(|h| h.1).sum();

        let norm_d = weighted.iter().map(|(_, w, _)| w * w).sum::<f32>().sqrt();
        // The document's weighted terms by the members' key (low 32 bits of the hash).
        let short = members::short(weighted.iter().map(|&(t, w, _)| (t, w)));
        let cosines: Vec<f32> = cands
            .iter()
            .map(|&(s, _)| self.cosine(&weighted, norm_d, &self.stories[s as usize]))
            .collect();
        let mut best: Vec<usize> = (0..cands.len())
            .filter(|&i| cosines[i] >= MEMBER_GATE)
            .collect();
        best.sort_unstable_by(|&a, &b| {
            cosines[b]
                .total_cmp(&cosines[a])
                .then(cands[a].0.cmp(&cands[b].0))
        });
        best.truncate(MEMBER_CANDIDATES);
        let mut out = Vec::with_capacity(cands.len());
        for (i, (s, _)) in cands.into_iter().enumerate() {
            let st = &self.stories[s as usize];
            let cosine = cosines[i];
            let names = if f.names().is_empty() {
                0.0
            } else {
                names_cosine(f.names(), &st.names)
            };
            let mut sim = cosine;
            if !f.names().is_empty() && self.params.names > 0.0 {
                sim += self.params.names * names;
            }
            let mut x = PairFeatures {
                cosine,
                names,
                log_docs: (st.docs.max(1) as f32).ln(),
                no_names: if f.names().is_empty() { 1.0 } else { 0.0 },
                ..PairFeatures::default()
            };
            if heavy_sum > 0.0 {
                let held: f32 = heavy
                    .iter()
                    .filter(|h| st.terms.binary_search_by_key(&h.0, |e| e.0).is_ok())
                    .map(|h| h.1)
                    .sum();
                x.doc_coverage = held / heavy_sum;
            }
            if !st.top.is_empty() {
                let held = st
                    .top
                    .iter()
                    .filter(|&&t| weighted.binary_search_by_key(&t, |e| e.0).is_ok())
                    .count();
                x.story_coverage = held as f32 / st.top.len() as f32;
            }
            if let (Some(d), Some(first), Some(last)) = (f.date(), st.first, st.last) {
                x.dated = 1.0;
                let gap = days_between(d, first, last) as f32 - self.params.fresh_days;
                let follow_up = self.params.refer_back > 0.0 && refers_back(f, d, first, last);
                if gap > 0.0 && !follow_up {
                    sim *= (-gap / self.params.decay_days).exp();
                    x.gap = gap / self.params.decay_days;
                }
            }
            if best.contains(&i) {
                (x.member_max, x.member_mean, x.member_min) = st.members.cosines(&short, norm_d);
            }
            if let Some(y) = f.year() {
                let gap = st.years.iter().map(|&z| (z as i32 - y as i32).abs()).min();
                if gap.is_some_and(|g| g as f32 >= self.params.year_gap) {
                    sim *= self.params.year_factor;
                    x.other_year = 1.0;
                }
            }
            out.push((s as usize, sim, x));
        }
        out
    }

    /// The story most similar to `f`, if similar enough.
    fn best_story(&self, f: &Features) -> Option<usize> {
        let model = self.model.as_ref();
        let mut best: Option<(f32, usize)> = None;
        for (s, sim, x) in self.candidates(f) {
            let score = match model {
                // The model is fitted on a collection without dates: time lowers its
                // log-odds (at most `content_cap`) by the gap in decay days, so a strong
                // content match outweighs weeks and nothing outweighs a year; or,
                // `odds_decay` 0, it divides the probability as it does the hand rule's
                // similarity.
                Some(m) if self.params.odds_decay > 0.0 => {
                    let z = m.logit(&x);
                    if x.gap > 0.0 {
                        sigmoid(z.min(self.params.content_cap) - x.gap)
                    } else {
                        sigmoid(z)
                    }
                }
                Some(m) => m.probability(&x) * (-x.gap).exp(),
                None => sim,
            };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, s));
            }
        }
        let threshold = if model.is_some() {
            self.params.join_p
        } else {
            self.params.join
        };
        best.filter(|&(score, _)| score >= threshold)
            .map(|(_, s)| s)
    }

    /// For fitting the join decision: the candidate stories (1-based ids) of the next
    /// document with their pair features, or None when the document would not be decided
    /// by them (a furniture page, or a wire copy of an earlier document).
    #[doc(hidden)]
    pub fn training_pairs(&self, f: &Features) -> Option<Vec<(u64, PairFeatures)>> {
        if f.is_furniture() || self.near_duplicate(f).is_some() {
            return None;
        }
        Some(
            self.candidates(f)
                .into_iter()
                .map(|(s, _, x)| (s as u64 + 1, x))
                .collect(),
        )
    }

    /// Cosine of a document's weighted terms (term, weight, idf; sorted by term) and a story's terms, with the
    /// story's norm as of its last document.
    fn cosine(&self, doc: &[(u64, f32, f32)], norm_d: f32, st: &StoryState) -> f32 {
        if st.norm == 0.0 || norm_d == 0.0 {
            return 0.0;
        }
        // One walk through the two sorted lists.
        let (mut dot, mut i, mut j) = (0.0, 0, 0);
        while i < doc.len() && j < st.terms.len() {
            let (t, w, idf) = doc[i];
            let (u, c) = st.terms[j];
            if t < u {
                i += 1;
            } else if u < t {
                j += 1;
            } else {
                dot += w * (1.0 + (c as f32).ln()) * idf;
                i += 1;
                j += 1;
            }
        }
        dot / (st.norm * norm_d)
    }

    /// Count the document's terms in the stream's document frequencies.
    fn count_terms(&mut self, f: &Features) {
        if !f.terms().is_empty() {
            self.n_terms += 1;
            let prior = Prior::get();
            for &(t, _) in f.terms() {
                self.df.entry(t).or_insert_with(|| (0, prior.df(t))).0 += 1;
            }
        }
    }

    /// Re-apply an earlier assignment without searching (reopening a store): restoring every
    /// stored document in arrival order leaves the same state as assigning them did.
    pub fn restore(&mut self, f: &Features, a: &Assignment) {
        let arrival = self.n as u32;
        self.n += 1;
        if a.story == NO_STORY {
            // Part of no story: counted in the stream, never a candidate nor a wire source.
            self.doc_story.push(NONE);
            self.sigs.push([0; MINHASH_LEN]);
            self.count_terms(f);
            return;
        }
        let story = (a.story - 1) as usize;
        while self.stories.len() <= story {
            self.stories.push(StoryState::default());
        }
        self.doc_story.push(story as u32);
        let sig = f.minhash();
        if sig.len() == MINHASH_LEN {
            self.sigs.push(low16(sig));
            for key in band_keys(sig) {
                self.buckets.entry(key).or_default().push(arrival);
            }
        } else {
            self.sigs.push([0; MINHASH_LEN]);
        }
        self.count_terms(f);
        let mut st = std::mem::take(&mut self.stories[story]);
        st.docs += 1;
        if let Some(y) = f.year() {
            if let Err(i) = st.years.binary_search(&y) {
                st.years.insert(i, y);
            }
        }
        if let Some(d) = f.date() {
            st.first = Some(st.first.map_or(d, |x| x.min(d)));
            st.last = Some(st.last.map_or(d, |x| x.max(d)));
        }
        let mut new_terms = Vec::new();
        merge(&mut st.terms, f.terms(), &mut new_terms);
        prune(&mut st.terms, STORY_TERMS);
        let mut new_names = Vec::new();
        merge(&mut st.names, f.names(), &mut new_names);
        prune(&mut st.names, STORY_TERMS / 4);
        st.norm = self.story_norm(&st.terms);
        let mut top: Vec<(u64, f32)> = st
            .terms
            .iter()
            .map(|&(t, w)| (t, (1.0 + (w as f32).ln()) * self.idf(t)))
            .collect();
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        st.top = top.into_iter().take(COVER_TERMS).map(|(t, _)| t).collect();
        if !f.terms().is_empty() {
            st.members.push(members::member(
                f.terms()
                    .iter()
                    .map(|&(t, c)| (t, (1.0 + (c as f32).ln()) * self.idf(t))),
            ));
        }
        self.stories[story] = st;
        for t in new_terms {
            self.postings.entry(t).or_default().push(story as u32);
        }
    }
}
