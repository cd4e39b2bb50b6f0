//! The in-memory store, for tests: the same behaviour as the file store, nothing on disk.

use std::collections::{BTreeMap, HashMap};

use triangulate_core::Document;
use triangulate_stream::NO_STORY;

use crate::{
    Batch, CachedReport, CarrierRow, Counts, DocRow, NewDocument, Replay, Store, StoreError,
    StoreId, Written,
};

/// Everything in memory; writes are atomic because a batch is checked before it is applied.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    docs: Vec<NewDocument>,
    by_key: HashMap<u64, StoreId>,
    carriers: BTreeMap<String, (StoreId, Option<String>)>,
    reports: BTreeMap<(u64, String), CachedReport>,
}

/// Words of a text, lower-cased, for the in-memory search (FTS5's default tokenizer splits
/// on everything that is not a letter or digit, and folds case).
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    crate::search_words(s).map(str::to_lowercase)
}

impl Store for MemoryStore {
    fn content_ids(&self, keys: &[u64]) -> Result<Vec<Option<StoreId>>, StoreError> {
        Ok(keys.iter().map(|k| self.by_key.get(k).copied()).collect())
    }

    fn write_batch(&mut self, batch: &Batch) -> Result<Written, StoreError> {
        let known = |k: &u64| {
            self.by_key.contains_key(k) || batch.documents.iter().any(|d| d.content_key == *k)
        };
        if let Some(c) = batch.carriers.iter().find(|c| !known(&c.content_key)) {
            return Err(StoreError::Corrupt {
                what: format!("carrier {}", c.input),
                reason: "its document is not stored".into(),
            });
        }
        let mut w = Written::default();
        for d in &batch.documents {
            if self.by_key.contains_key(&d.content_key) {
                continue;
            }
            self.docs.push(d.clone());
            self.by_key
                .insert(d.content_key, self.docs.len() as StoreId);
            w.documents += 1;
        }
        for c in &batch.carriers {
            let id = self.by_key[&c.content_key];
            if !self.carriers.contains_key(&c.input) {
                self.carriers
                    .insert(c.input.clone(), (id, c.outlet.clone()));
                w.carriers += 1;
            }
        }
        Ok(w)
    }

    fn replay(
        &self,
        each: &mut dyn FnMut(Replay) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut order: Vec<&NewDocument> = self.docs.iter().collect();
        order.sort_by_key(|d| d.arrival);
        for d in order {
            each(Replay {
                features: d.features.clone(),
                story: d.story,
                new_story: d.new_story,
                near_duplicate_of: d.near_duplicate_of,
            })?;
        }
        Ok(())
    }

    fn rows(&self) -> Result<Vec<DocRow>, StoreError> {
        let mut rows: Vec<DocRow> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| DocRow {
                id: i as StoreId + 1,
                arrival: d.arrival,
                story: d.story,
                title: d.doc.meta.title.clone(),
                published: d.doc.meta.published.map(|p| p.date.to_string()),
                lead: d.lead.clone(),
            })
            .collect();
        rows.sort_by_key(|r| r.arrival);
        Ok(rows)
    }

    fn carriers(&self) -> Result<Vec<CarrierRow>, StoreError> {
        let mut out: Vec<CarrierRow> = self
            .carriers
            .iter()
            .map(|(input, (document, outlet))| CarrierRow {
                document: *document,
                input: input.clone(),
                outlet: outlet.clone(),
            })
            .collect();
        out.sort_by(|a, b| (a.document, &a.input).cmp(&(b.document, &b.input)));
        Ok(out)
    }

    fn search(&self, query: &str) -> Result<Vec<StoreId>, StoreError> {
        let want: Vec<String> = words(query).collect();
        Ok(self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                let mut have: Vec<String> = words(&d.doc.text).collect();
                have.extend(words(d.doc.meta.title.as_deref().unwrap_or("")));
                !want.is_empty() && want.iter().all(|w| have.contains(w))
            })
            .map(|(i, _)| i as StoreId + 1)
            .collect())
    }

    fn story_documents(&self, story: u64) -> Result<Vec<(StoreId, Document)>, StoreError> {
        Ok(self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.story == story && story != NO_STORY)
            .map(|(i, d)| (i as StoreId + 1, d.doc.clone()))
            .collect())
    }

    fn cached_report(&self, story: u64, kind: &str) -> Result<Option<CachedReport>, StoreError> {
        Ok(self.reports.get(&(story, kind.to_string())).cloned())
    }

    fn put_report(
        &mut self,
        story: u64,
        kind: &str,
        report: &CachedReport,
    ) -> Result<(), StoreError> {
        self.reports
            .insert((story, kind.to_string()), report.clone());
        Ok(())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        Ok(Counts {
            documents: self.docs.len() as u64,
            carriers: self.carriers.len() as u64,
            stories: self.docs.iter().map(|d| d.story).max().unwrap_or(0),
        })
    }
}
