//! The ingest path over any [`Store`]: features (in parallel), exact duplicates by content
//! key, arrival order, the clusterer's assignment, and one transaction per batch.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_stream::{arrival_order, features, Assignment, Clusterer, Features, NO_STORY};

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
    /// Features, leads and serialization ([`prepare`], in parallel; it may run on another
    /// thread than the ingester, overlapping the other stages).
    pub features: Duration,
    /// Duplicate look-ups, arrival order and the clusterer.
    pub clustering: Duration,
    /// The batch's transaction, full-text indexing left out.
    pub writing: Duration,
    /// Full-text indexing (part of the same transaction).
    pub indexing: Duration,
}

/// A batch of documents with the work that needs no store done: features, content keys,
/// leads and the serialized forms, computed in parallel by [`prepare`]. Give it to
/// [`Ingester::add_prepared`]; preparing the next batch can overlap adding this one.
pub struct Prepared {
    docs: Vec<Document>,
    feats: Vec<Features>,
    keys: Vec<u64>,
    leads: Vec<String>,
    features_json: Vec<String>,
    documents_json: Vec<String>,
    took: Duration,
}

impl Prepared {
    /// Documents in the batch.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the batch holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// One document's share of a [`Prepared`] batch: what [`prepare_one`] computes, so that
/// documents can be prepared apart (by the queue's workers, issue 15) and put together into
/// a batch with [`Prepared::from_docs`].
#[derive(Debug, Clone)]
pub struct PreparedDoc {
    /// Content key (exact duplicates share it).
    pub key: u64,
    /// The document as read.
    pub doc: Document,
    /// Its stream features (read only if the document turns out new).
    pub features: Features,
    /// Its lead ([`lead`]).
    pub lead: String,
    /// `features` serialized.
    pub features_json: String,
    /// `doc` serialized.
    pub document_json: String,
}

/// Prepare one document: features, content key, lead, the stored forms.
pub fn prepare_one(doc: Document) -> PreparedDoc {
    let f = features(&doc);
    PreparedDoc {
        key: f.content_key(),
        lead: lead(&doc),
        features_json: serde_json::to_string(&f).expect("features serialize"),
        document_json: serde_json::to_string(&doc).expect("a Document serializes"),
        features: f,
        doc,
    }
}

/// Do a batch's per-document work (in parallel, in input order): features, content key,
/// lead, and the features and document as the store keeps them.
pub fn prepare(docs: Vec<Document>) -> Prepared {
    let t = Instant::now();
    let per: Vec<PreparedDoc> = docs.into_par_iter().map(prepare_one).collect();
    let mut p = Prepared::from_docs(per);
    p.took = t.elapsed();
    p
}

impl Prepared {
    /// A batch of documents prepared apart, in input order. A document's `key` is what
    /// de-duplication reads, so a stand-in for an input whose text is stored already (only
    /// its name, URL and outlet are written, as a carrier) may carry any features.
    pub fn from_docs(per: Vec<PreparedDoc>) -> Prepared {
        let mut p = Prepared {
            docs: Vec::with_capacity(per.len()),
            feats: Vec::with_capacity(per.len()),
            keys: Vec::with_capacity(per.len()),
            leads: Vec::with_capacity(per.len()),
            features_json: Vec::with_capacity(per.len()),
            documents_json: Vec::with_capacity(per.len()),
            took: Duration::ZERO,
        };
        for d in per {
            p.keys.push(d.key);
            p.docs.push(d.doc);
            p.feats.push(d.features);
            p.leads.push(d.lead);
            p.features_json.push(d.features_json);
            p.documents_json.push(d.document_json);
        }
        p
    }
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
        self.add_prepared(prepare(docs))
    }

    /// Add one [`prepare`]d batch in one transaction: exact duplicates, arrival order, the
    /// clusterer, the write. Equal to [`Ingester::add_batch`] of the same documents.
    pub fn add_prepared(&mut self, p: Prepared) -> Result<BatchCounts, StoreError> {
        let t1 = Instant::now();
        let Prepared {
            docs,
            feats,
            keys,
            leads,
            features_json,
            documents_json,
            took,
        } = p;
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
        let mut feats: Vec<Option<Features>> = feats.into_iter().map(Some).collect();
        let new_feats: Vec<Features> = new_idx.iter().filter_map(|&i| feats[i].take()).collect();
        let mut assigned: Vec<Option<(u64, Assignment)>> = vec![None; docs.len()];
        let mut grown = BTreeSet::new();
        for k in arrival_order(&new_feats) {
            let arrival = self.clusterer.len();
            let a = self.clusterer.assign(&new_feats[k]);
            if a.new_story {
                counts.stories_new += 1;
                self.opened.insert(a.story);
            } else if a.story != NO_STORY && !self.opened.contains(&a.story) {
                grown.insert(a.story);
            }
            if a.near_duplicate_of.is_some() {
                counts.near_duplicates += 1;
            }
            assigned[new_idx[k]] = Some((arrival, a));
        }
        let mut batch = Batch::default();
        let per = docs
            .into_iter()
            .zip(leads)
            .zip(features_json)
            .zip(documents_json);
        for (i, (((d, lead), fj), dj)) in per.enumerate() {
            batch.carriers.push(Carrier {
                content_key: keys[i],
                input: d.name.clone(),
                url: d.meta.url.clone(),
                outlet: d.meta.outlet.clone(),
            });
            if let Some((arrival, a)) = assigned[i] {
                batch.documents.push(NewDocument {
                    arrival,
                    content_key: keys[i],
                    doc: d,
                    json: dj,
                    lead,
                    features: fj,
                    story: a.story,
                    new_story: a.new_story,
                    near_duplicate_of: a.near_duplicate_of,
                });
            }
        }
        let t2 = Instant::now();
        let w = self.store.write_batch(&batch)?;
        self.timings.features += took;
        self.timings.clustering += t2 - t1;
        self.timings.writing += t2.elapsed().saturating_sub(w.indexing);
        self.timings.indexing += w.indexing;
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
