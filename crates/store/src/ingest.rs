//! The ingest path over any [`Store`]: features (in parallel), exact duplicates by content
//! key, arrival order, the clusterer's assignment, and one transaction per batch.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_stream::{arrival_order, features, Assignment, Clusterer, Features};

use crate::{Batch, Carrier, NewDocument, Store, StoreError};

/// What an ingest did (one batch, or the whole run via [`Ingester::totals`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchCounts {
    /// Documents read.
    pub read: u64,
    /// Documents stored (new text).
    pub new: u64,
    /// Exact duplicates of a stored document or of one earlier in the input: only their
    /// input, URL and outlet are added.
    pub duplicates: u64,
    /// New documents that joined a near-duplicate as a wire copy.
    pub near_duplicates: u64,
    /// Stories opened.
    pub stories_new: u64,
    /// Stories that existed before and got documents.
    pub stories_grown: u64,
}

/// Where an ingester's time went (wall time of each stage, summed over batches).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Features and leads (in parallel).
    pub features: std::time::Duration,
    /// Duplicate look-ups, arrival order and the clusterer.
    pub clustering: std::time::Duration,
    /// The batch's transaction.
    pub writing: std::time::Duration,
}

/// Ingest into a store: holds the clusterer, restored from the store on open.
///
/// If a write fails the clusterer is ahead of the store: drop the ingester and open a new
/// one (which restores from what was committed).
pub struct Ingester<S: Store> {
    store: S,
    clusterer: Clusterer,
    totals: BatchCounts,
    opened: BTreeSet<u64>,
    grown: BTreeSet<u64>,
    timings: Timings,
}

/// The first sentence of a document's text outside boilerplate, at most about 200
/// characters (a story's label when none of its documents has a headline).
pub fn lead(doc: &Document) -> String {
    let mut start = 0;
    for line in doc.text.split_inclusive('\n') {
        let end = start + line.len();
        let l = line.trim();
        let s = start;
        start = end;
        if l.split_whitespace().count() < 4 || doc.is_boilerplate(s, end - 1) {
            continue;
        }
        let mut cut = l.len();
        for (i, c) in l.char_indices() {
            if matches!(c, '.' | '!' | '?')
                && i > 20
                && l[i + 1..].starts_with(' ')
                && l[i + 1..]
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase() || c == '"')
            {
                cut = i + 1;
                break;
            }
        }
        let sentence = &l[..cut];
        if sentence.chars().count() <= 200 {
            return sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        let mut words = String::new();
        for w in sentence.split_whitespace() {
            if words.chars().count() + w.chars().count() > 200 {
                break;
            }
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(w);
        }
        return format!("{words} …");
    }
    String::new()
}

impl<S: Store> Ingester<S> {
    /// Open an ingest over `store`: replays every stored document's features and assignment
    /// into a new clusterer, in arrival order.
    pub fn open(store: S) -> Result<Ingester<S>, StoreError> {
        let mut clusterer = Clusterer::new();
        let mut n = 0u64;
        store.replay(&mut |r| {
            let f: Features =
                serde_json::from_str(&r.features).map_err(|e| StoreError::Corrupt {
                    what: format!("features of arrival {n}"),
                    reason: e.to_string(),
                })?;
            let a = Assignment {
                story: r.story,
                new_story: r.new_story,
                near_duplicate_of: r.near_duplicate_of,
            };
            clusterer.restore(&f, &a);
            n += 1;
            Ok(())
        })?;
        Ok(Ingester {
            store,
            clusterer,
            totals: BatchCounts::default(),
            opened: BTreeSet::new(),
            grown: BTreeSet::new(),
            timings: Timings::default(),
        })
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store, ingest ended.
    pub fn into_store(self) -> S {
        self.store
    }

    /// What this ingester did so far (`stories_grown` counts each story once).
    pub fn totals(&self) -> BatchCounts {
        BatchCounts {
            stories_grown: self.grown.len() as u64,
            ..self.totals
        }
    }

    /// Where the time went so far.
    pub fn timings(&self) -> Timings {
        self.timings
    }

    /// Add one batch of documents (in input order) in one transaction. The same batch given
    /// again adds nothing.
    pub fn add_batch(&mut self, docs: Vec<Document>) -> Result<BatchCounts, StoreError> {
        let t0 = Instant::now();
        let feats: Vec<(Features, String)> =
            docs.par_iter().map(|d| (features(d), lead(d))).collect();
        let t1 = Instant::now();
        let keys: Vec<u64> = feats.iter().map(|(f, _)| f.content_key()).collect();
        let stored = self.store.content_ids(&keys)?;
        let mut counts = BatchCounts {
            read: docs.len() as u64,
            ..BatchCounts::default()
        };
        // The first of each new text in input order is stored; the rest are carriers.
        let mut first_in_batch: HashMap<u64, usize> = HashMap::new();
        let mut new_idx: Vec<usize> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            if stored[i].is_some() || first_in_batch.contains_key(k) {
                counts.duplicates += 1;
            } else {
                first_in_batch.insert(*k, i);
                new_idx.push(i);
            }
        }
        let new_feats: Vec<Features> = new_idx.iter().map(|&i| feats[i].0.clone()).collect();
        let mut assigned: Vec<Option<(u64, Assignment)>> = vec![None; docs.len()];
        let mut grown = BTreeSet::new();
        for k in arrival_order(&new_feats) {
            let arrival = self.clusterer.len();
            let a = self.clusterer.assign(&new_feats[k]);
            if a.new_story {
                counts.stories_new += 1;
                self.opened.insert(a.story);
            } else if !self.opened.contains(&a.story) {
                grown.insert(a.story);
            }
            if a.near_duplicate_of.is_some() {
                counts.near_duplicates += 1;
            }
            assigned[new_idx[k]] = Some((arrival, a));
        }
        let mut batch = Batch::default();
        for (i, d) in docs.into_iter().enumerate() {
            batch.carriers.push(Carrier {
                content_key: keys[i],
                input: d.name.clone(),
                url: d.meta.url.clone(),
                outlet: d.meta.outlet.clone(),
            });
            if let Some((arrival, a)) = assigned[i] {
                let (f, lead) = &feats[i];
                batch.documents.push(NewDocument {
                    arrival,
                    content_key: keys[i],
                    doc: d,
                    lead: lead.clone(),
                    features: serde_json::to_string(f).expect("features serialize"),
                    story: a.story,
                    new_story: a.new_story,
                    near_duplicate_of: a.near_duplicate_of,
                });
            }
        }
        let t2 = Instant::now();
        let w = self.store.write_batch(&batch)?;
        self.timings.features += t1 - t0;
        self.timings.clustering += t2 - t1;
        self.timings.writing += t2.elapsed();
        counts.new = w.documents;
        counts.stories_grown = grown.len() as u64;
        self.grown.extend(grown);
        let t = &mut self.totals;
        t.read += counts.read;
        t.new += counts.new;
        t.duplicates += counts.duplicates;
        t.near_duplicates += counts.near_duplicates;
        t.stories_new += counts.stories_new;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::DocId;

    #[test]
    fn lead_is_the_first_sentence_outside_boilerplate() {
        let d = Document::new(
            DocId(0),
            "a",
            "Menu\nThe Halden Bridge closed on Monday after a crack was found. Engineers met.\n",
        );
        assert_eq!(
            lead(&d),
            "The Halden Bridge closed on Monday after a crack was found."
        );
        let long = Document::new(DocId(0), "b", "word ".repeat(100));
        let l = lead(&long);
        assert!(l.ends_with(" …") && l.chars().count() < 205, "{l}");
        assert_eq!(lead(&Document::new(DocId(0), "c", "Hi.")), "");
    }
}
