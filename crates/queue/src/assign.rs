//! The assigner: the one worker that holds the PostgreSQL advisory lock applies the
//! manifests in stream order, each as `ingest` applies a batch.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_nats::jetstream::stream::Stream;
use triangulate_core::{DocId, Document};
use triangulate_store::{
    prepare_one, Batch, BatchCounts, CachedReport, CarrierRow, Counts, DocRow, Ingester,
    PostgresStore, Prepared, PreparedDoc, Replay, Store, StoreError, StoreId, Written,
};

use crate::pending::{self, LOCK_ASSIGN};
use crate::{nats, Entry, Manifest, QueueError, SUBJECT_BATCHES};

/// How often a waiting assigner looks again (a manifest's documents, the next manifest).
const POLL: Duration = Duration::from_millis(100);

/// What the assigner did and where its time went.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct AssignStats {
    pub batches: u64,
    pub counts: BatchCounts,
    /// Waiting for a manifest's documents to be prepared.
    pub waiting: Duration,
    /// Reading the pending rows back (and their JSON).
    pub loading: Duration,
    /// `add_prepared`: duplicates, the clusterer, the write.
    pub applying: Duration,
}

/// The move of the queue's position that the next batch write commits with.
struct Advance {
    from: u64,
    to: u64,
    keys: Vec<u64>,
}

/// The PostgreSQL store, with the queue's position moved in each batch's transaction.
struct QueueStore {
    pg: PostgresStore,
    next: RefCell<Option<Advance>>,
}

impl Store for QueueStore {
    fn content_ids(&self, keys: &[u64]) -> Result<Vec<Option<StoreId>>, StoreError> {
        self.pg.content_ids(keys)
    }
    fn write_batch(&mut self, batch: &Batch) -> Result<Written, StoreError> {
        let Some(a) = self.next.get_mut().take() else {
            return self.pg.write_batch(batch);
        };
        let url = self.pg.url().to_string();
        self.pg.write_batch_then(batch, |tx| {
            match pending::advance(tx, a.from, a.to, &a.keys) {
                Ok(true) => Ok(()),
                Ok(false) => Err(StoreError::Conflict(format!(
                    "the queue's position is no longer {} (another assigner?): batch given up",
                    a.from
                ))),
                Err(e) => Err(triangulate_store::postgres_error(&url, e)),
            }
        })
    }
    fn replay(
        &self,
        each: &mut dyn FnMut(Replay) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.pg.replay(each)
    }
    fn rows(&self) -> Result<Vec<DocRow>, StoreError> {
        self.pg.rows()
    }
    fn carriers(&self) -> Result<Vec<CarrierRow>, StoreError> {
        self.pg.carriers()
    }
    fn search(&self, words: &str) -> Result<Vec<StoreId>, StoreError> {
        self.pg.search(words)
    }
    fn story_documents(&self, story: u64) -> Result<Vec<(StoreId, Document)>, StoreError> {
        self.pg.story_documents(story)
    }
    fn cached_report(&self, story: u64, kind: &str) -> Result<Option<CachedReport>, StoreError> {
        self.pg.cached_report(story, kind)
    }
    fn put_report(
        &mut self,
        story: u64,
        kind: &str,
        report: &CachedReport,
    ) -> Result<(), StoreError> {
        self.pg.put_report(story, kind, report)
    }
    fn counts(&self) -> Result<Counts, StoreError> {
        self.pg.counts()
    }
}

/// Why an assigner session ended without an error.
pub(crate) enum Ended {
    /// The worker is stopping.
    Stopped,
    /// Another worker holds the lock.
    NotAssigner,
}

/// One assigner session: connect, take the lock (or give up at once), restore the
/// clusterer from the store and apply manifests until `stop`. Any error ends the session;
/// the caller starts another (the lock is freed with the connection, and the clusterer
/// restored from what was committed).
pub(crate) fn session(
    db: &str,
    rt: &tokio::runtime::Runtime,
    stream: &Stream,
    url: &str,
    stop: &AtomicBool,
    stats: &Mutex<AssignStats>,
) -> Result<Ended, QueueError> {
    let store = PostgresStore::open(db)?;
    let got: bool = store.with_client(|c| {
        c.query_one("SELECT pg_try_advisory_lock($1)", &[&LOCK_ASSIGN])
            .map(|r| r.get(0))
            .map_err(|e| store.error(e))
    })?;
    if !got {
        return Ok(Ended::NotAssigner);
    }
    store
        .with_client(pending::create_tables)
        .map_err(|e| store.error(e))?;
    let mut pos = store
        .with_client(pending::position)
        .map_err(|e| store.error(e))?;
    let mut ing = Ingester::open(QueueStore {
        pg: store,
        next: RefCell::new(None),
    })?;
    let mut idle_since = Instant::now();
    let mut swept = false;
    while !stop.load(Ordering::Relaxed) {
        let next = rt.block_on(stream.get_first_raw_message_by_subject(SUBJECT_BATCHES, pos + 1));
        let msg = match next {
            Ok(m) => m,
            Err(e) if is_not_found(&e) => {
                // Nothing to apply: once idle a while, drop pending rows already stored.
                if !swept && idle_since.elapsed() > Duration::from_secs(1) {
                    let pg = &ing.store().pg;
                    pg.with_client(pending::sweep).map_err(|e| pg.error(e))?;
                    swept = true;
                }
                std::thread::sleep(POLL);
                continue;
            }
            Err(e) => return Err(nats(url, format!("reading the batches: {e}"))),
        };
        swept = false;
        let manifest: Manifest = serde_json::from_slice(&msg.payload).map_err(|e| {
            QueueError::BadMessage(format!(
                "batch manifest at stream sequence {}: {e}",
                msg.sequence
            ))
        })?;
        let keys: Vec<u64> = manifest.entries.iter().map(|e| e.key).collect();
        // Wait until every input is prepared (pending) or its text stored.
        let t = Instant::now();
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(Ended::Stopped);
            }
            let pg = &ing.store().pg;
            let missing = pg
                .with_client(|c| pending::missing(c, &keys))
                .map_err(|e| pg.error(e))?;
            if missing == 0 {
                break;
            }
            std::thread::sleep(POLL);
        }
        let waited = t.elapsed();
        let t = Instant::now();
        let pg = &ing.store().pg;
        let rows = pg
            .with_client(|c| pending::load(c, &keys))
            .map_err(|e| pg.error(e))?;
        let docs = manifest
            .entries
            .iter()
            .map(|e| prepared(e, rows.get(&e.key)))
            .collect::<Result<Vec<_>, _>>()?;
        let loaded = t.elapsed();
        let t = Instant::now();
        *ing.store().next.borrow_mut() = Some(Advance {
            from: pos,
            to: msg.sequence,
            keys,
        });
        let counts = ing.add_prepared(Prepared::from_docs(docs))?;
        pos = msg.sequence;
        idle_since = Instant::now();
        let mut s = stats.lock().expect("not poisoned");
        s.batches += 1;
        s.waiting += waited;
        s.loading += loaded;
        s.applying += t.elapsed();
        let c = &mut s.counts;
        c.read += counts.read;
        c.new += counts.new;
        c.duplicates += counts.duplicates;
        c.near_duplicates += counts.near_duplicates;
        c.stories_new += counts.stories_new;
        c.stories_grown += counts.stories_grown;
    }
    Ok(Ended::Stopped)
}

fn is_not_found(e: &async_nats::jetstream::stream::RawMessageError) -> bool {
    matches!(
        e.kind(),
        async_nats::jetstream::stream::RawMessageErrorKind::NoMessageFound
    )
}

/// One input of a manifest as the batch needs it: the pending document under the input's
/// own name, URL and outlet (a copy published by another input was dropped as a
/// duplicate); without a pending row its text is stored already, and a stand-in carries
/// the input (only its name, URL and outlet are written).
fn prepared(e: &Entry, row: Option<&pending::PendingRow>) -> Result<PreparedDoc, QueueError> {
    let Some(row) = row else {
        let mut doc = Document::new(DocId(0), e.input.clone(), String::new());
        doc.meta.url = e.url.clone();
        doc.meta.outlet = e.outlet.clone();
        let mut p = prepare_one(doc);
        p.key = e.key;
        return Ok(p);
    };
    let bad = |what: &str, err: serde_json::Error| {
        QueueError::BadMessage(format!("pending {what} of {}: {err}", e.input))
    };
    let mut doc: Document =
        serde_json::from_str(&row.document).map_err(|err| bad("document", err))?;
    let features = serde_json::from_str(&row.features).map_err(|err| bad("features", err))?;
    let mut document_json = row.document.clone();
    if doc.name != e.input || doc.meta.url != e.url || doc.meta.outlet != e.outlet {
        doc.name = e.input.clone();
        doc.meta.url = e.url.clone();
        doc.meta.outlet = e.outlet.clone();
        document_json = serde_json::to_string(&doc).expect("a Document serializes");
    }
    Ok(PreparedDoc {
        key: e.key,
        doc,
        features,
        lead: row.lead.clone(),
        features_json: row.features.clone(),
        document_json,
    })
}

/// Read the manifests' count for `until-idle`: the stream sequence of the last manifest
/// (0: none).
pub(crate) async fn last_manifest(stream: &Stream) -> Result<u64, String> {
    match stream
        .get_last_raw_message_by_subject(SUBJECT_BATCHES)
        .await
    {
        Ok(m) => Ok(m.sequence),
        Err(e)
            if matches!(
                e.kind(),
                async_nats::jetstream::stream::LastRawMessageErrorKind::NoMessageFound
            ) =>
        {
            Ok(0)
        }
        Err(e) => Err(e.to_string()),
    }
}
