//! The server's state: one writing ingester, a few read-only connections, the report cache
//! (the store's, shared with `report --db`) and a short-lived cache of rendered responses.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use serde_json::Value;
use triangulate_store::{
    cached_state, report_key, AnyStore, CachedReport, CachedState, Ingester, Store, StoreError,
    StoreId,
};
use triangulate_story::{Budget, Fit, Order, Story, StoryOptions, SummaryOptions};

use crate::limits::{blocking, Failure};
use crate::ServerError;

/// Read-only connections (SQLite in WAL mode, or PostgreSQL: readers never wait for the
/// writer).
const READERS: usize = 4;
/// How long a rendered response is served before it is checked against the store again
/// (an ingest run beside the server shows within this time; the server's own writes at once).
pub const FRESH: Duration = Duration::from_secs(1);

/// The cache kind of the report JSON: the same as `triangulate report --db F --story N -o json`
/// with its default options, so both share one cached report.
pub const REPORT_KIND: &str = "Json words=100 sentences=None order=Importance";

/// Shared state of the server.
pub struct App {
    db: String,
    writer: Mutex<Option<Ingester<AnyStore>>>,
    cache_writer: Mutex<AnyStore>,
    readers: Vec<Mutex<AnyStore>>,
    next_reader: AtomicUsize,
    responses: Mutex<HashMap<String, Entry>>,
    posted: AtomicU64,
    warming: Mutex<HashSet<u64>>,
    building: Mutex<HashMap<String, tokio::sync::watch::Sender<()>>>,
}

struct Entry {
    made: Instant,
    stories: Vec<u64>,
    body: Bytes,
}

/// A report of a stored story: its JSON (docs/SCHEMA.md, with `store_id`) as cached.
pub struct Report {
    /// The JSON value.
    pub json: Value,
    /// Its bytes, as `report --db -o json` prints them.
    pub body: Vec<u8>,
}

/// Where the documents of a report are: a document's store id and its position.
pub fn store_ids(report: &Value) -> Vec<StoreId> {
    report["documents"]
        .as_array()
        .map(|d| d.iter().filter_map(|x| x["store_id"].as_i64()).collect())
        .unwrap_or_default()
}

impl App {
    /// Open the store at `db` (created if absent) for serving.
    pub fn open(db: &str) -> Result<App, ServerError> {
        let store = triangulate_store::open(db)?;
        let ingester = Ingester::open(store)?;
        let cache_writer = triangulate_store::open(db)?;
        let readers = (0..READERS)
            .map(|_| triangulate_store::open_read_only(db).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(App {
            db: db.to_string(),
            writer: Mutex::new(Some(ingester)),
            cache_writer: Mutex::new(cache_writer),
            readers,
            next_reader: AtomicUsize::new(0),
            responses: Mutex::new(HashMap::new()),
            posted: AtomicU64::new(0),
            warming: Mutex::new(HashSet::new()),
            building: Mutex::new(HashMap::new()),
        })
    }

    /// The store's file.
    pub fn db(&self) -> &str {
        &self.db
    }

    /// A read-only connection (round robin; waits if all are busy).
    pub fn reader(&self) -> MutexGuard<'_, AnyStore> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[i])
    }

    /// A fresh number for the input names of posted articles.
    pub fn next_post(&self) -> u64 {
        self.posted.fetch_add(1, Ordering::Relaxed)
    }

    /// Run `f` with the ingester. If it fails, the ingester is dropped and re-opened from
    /// what the store committed (its clusterer may be ahead of the store).
    pub fn with_ingester<T>(
        &self,
        f: impl FnOnce(&mut Ingester<AnyStore>) -> Result<T, ServerError>,
    ) -> Result<T, ServerError> {
        let mut guard = lock(&self.writer);
        if guard.is_none() {
            *guard = Some(Ingester::open(triangulate_store::open(&self.db)?)?);
        }
        let ing = guard.as_mut().expect("opened above");
        let r = f(ing);
        if r.is_err() {
            *guard = None;
        }
        r
    }

    /// A cached response, if it is fresh. A stale one is handed to this caller to rebuild
    /// (`None`) while the others keep getting it for a moment, so that a load does not
    /// rebuild the same page many times at once.
    pub fn cached(&self, key: &str) -> Option<Bytes> {
        let mut map = lock(&self.responses);
        let e = map.get_mut(key)?;
        if e.made.elapsed() < FRESH {
            return Some(e.body.clone());
        }
        e.made = Instant::now();
        None
    }

    /// Serve `key` from the response cache, or make it (off the async threads) and keep it.
    /// Of the requests that miss it at the same moment one makes it and the others wait for
    /// it: a post that drops a listing does not have every connection rebuild it at once.
    pub async fn cached_or_make(
        self: &Arc<Self>,
        key: String,
        json: bool,
        make: impl FnOnce(&Arc<App>) -> Result<(Vec<u64>, Vec<u8>), Failure> + Send + 'static,
    ) -> Result<Bytes, Failure> {
        loop {
            if let Some(b) = self.cached(&key) {
                return Ok(b);
            }
            // Either wait for a maker already at work, or make it here.
            let waiting = {
                let mut b = lock(&self.building);
                match b.get(&key) {
                    Some(tx) => Some(tx.subscribe()),
                    None => {
                        b.insert(key.clone(), tokio::sync::watch::channel(()).0);
                        None
                    }
                }
            };
            let Some(mut done) = waiting else {
                let guard = Making {
                    app: self.clone(),
                    key: key.clone(),
                };
                let app = self.clone();
                return blocking(json, move || {
                    let _guard = guard;
                    let (stories, body) = make(&app)?;
                    Ok(app.keep(key, stories, body))
                })
                .await;
            };
            // Wakes when the maker is done (the sender dropped with its entry), kept or
            // failed: look again.
            let _ = done.changed().await;
        }
    }

    /// Keep a rendered response, made from these stories.
    pub fn keep(&self, key: String, stories: Vec<u64>, body: Vec<u8>) -> Bytes {
        let body = Bytes::from(body);
        let mut map = lock(&self.responses);
        if map.len() > 10_000 {
            map.clear();
        }
        map.insert(
            key,
            Entry {
                made: Instant::now(),
                stories,
                body: body.clone(),
            },
        );
        body
    }

    /// Forget the responses made from these stories and every listing.
    pub fn changed(&self, stories: &[u64]) {
        lock(&self.responses)
            .retain(|_, e| !e.stories.is_empty() && !e.stories.iter().any(|s| stories.contains(s)));
    }

    /// The report of a story (`None`: no such story): the store's cached one when it was
    /// made from the story's present documents by this program, else built and cached.
    pub fn report(&self, story: u64) -> Result<Option<Report>, ServerError> {
        if let Some(r) = self.cached_report(story)? {
            return Ok(Some(r));
        }
        // The members as they are now: the key is made from what the report is built from.
        let members = self.reader().story_documents(story)?;
        if members.is_empty() {
            return Ok(None);
        }
        let ids: Vec<StoreId> = members.iter().map(|(id, _)| *id).collect();
        let docs = triangulate_readers::dedupe(members.into_iter().map(|(_, d)| d).collect());
        let built = Story::build(docs, &story_options());
        let json = triangulate_render::to_json_stored(&built, &ids);
        let mut body = serde_json::to_vec_pretty(&json).expect("a JSON value serializes");
        body.push(b'\n');
        let cached = CachedReport {
            key: report_key(&ids),
            body,
        };
        // The cache is a convenience: a store that cannot take it now (locked) still answers.
        if let Err(e) = lock(&self.cache_writer).put_report(story, REPORT_KIND, &cached) {
            tracing::warn!(story, error = %e, "report not cached");
        }
        Ok(Some(Report {
            json,
            body: cached.body,
        }))
    }

    /// The report of a story only if the store holds a valid one (`None`: not built yet,
    /// or no such story); never builds, and reads no document.
    pub fn cached_report(&self, story: u64) -> Result<Option<Report>, ServerError> {
        let CachedState::Current(c) = cached_state(&*self.reader(), story, REPORT_KIND)? else {
            return Ok(None);
        };
        let json = serde_json::from_slice(&c.body).map_err(|e| StoreError::Corrupt {
            what: format!("cached report of story {story}"),
            reason: e.to_string(),
        })?;
        Ok(Some(Report { json, body: c.body }))
    }

    /// Build and cache the reports of these stories on a thread of their own, one after
    /// another (a story already being built is skipped), then drop the cached listings so
    /// the next view counts their conflicts. A listing never waits for a report.
    pub fn warm(self: &Arc<Self>, stories: Vec<u64>) {
        let todo: Vec<u64> = {
            let mut w = lock(&self.warming);
            stories.into_iter().filter(|s| w.insert(*s)).collect()
        };
        if todo.is_empty() {
            return;
        }
        let app = self.clone();
        std::thread::spawn(move || {
            for s in &todo {
                if let Err(e) = app.report(*s) {
                    tracing::warn!(story = s, error = %e, "report not built");
                }
            }
            lock(&app.warming).retain(|s| !todo.contains(s));
            app.changed(&[]);
        });
    }

    /// The story a document belongs to.
    pub fn story_of(&self, document: StoreId) -> Result<Option<u64>, ServerError> {
        Ok(self.reader().story_of(document)?)
    }
}

/// A response being made: when dropped (made, failed or its request gone), the key's entry
/// and with it the sender go, and the requests waiting for it wake.
struct Making {
    app: Arc<App>,
    key: String,
}

impl Drop for Making {
    fn drop(&mut self) {
        lock(&self.app.building).remove(&self.key);
    }
}

/// The options of `report`'s defaults (100 words, most important first, whole sentences).
pub fn story_options() -> StoryOptions {
    StoryOptions {
        summary: SummaryOptions {
            budget: Budget::Words(100),
            order: Order::Importance,
            fit: Fit::Whole,
        },
    }
}

/// A lock that a panicking holder did not leave unusable (the data is plain).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn requests_missing_one_response_at_once_make_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db").to_string_lossy().into_owned();
        let app = Arc::new(App::open(&db).unwrap());
        let made = Arc::new(AtomicUsize::new(0));
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        const N: usize = 8;
        let bodies = rt.block_on(async {
            let tasks: Vec<_> = (0..N)
                .map(|_| {
                    let (app, made) = (app.clone(), made.clone());
                    tokio::spawn(async move {
                        app.cached_or_make("k".into(), true, move |app| {
                            made.fetch_add(1, Ordering::SeqCst);
                            // Hold on until the others wait for this one, at most 10 s.
                            let t = Instant::now();
                            while waiting(app, "k") < N - 1 && t.elapsed() < Duration::from_secs(10)
                            {
                                std::thread::sleep(Duration::from_millis(5));
                            }
                            Ok((Vec::new(), b"made".to_vec()))
                        })
                        .await
                    })
                })
                .collect();
            let mut out = Vec::new();
            for t in tasks {
                out.push(t.await.unwrap().ok().unwrap());
            }
            out
        });
        assert_eq!(made.load(Ordering::SeqCst), 1);
        assert!(bodies.iter().all(|b| &b[..] == b"made"));
        assert!(lock(&app.building).is_empty(), "the key is freed");
    }

    /// Requests waiting for `key` to be made.
    fn waiting(app: &App, key: &str) -> usize {
        lock(&app.building)
            .get(key)
            .map_or(0, |tx| tx.receiver_count())
    }
}
