//! The store: what `triangulate ingest` keeps on disk, behind the [`Store`] trait (as
//! tantivy keeps its files behind `Directory`): documents with their text as read (every
//! span stays valid), their metadata and content key, every input that carried an exact
//! duplicate, stories and memberships, near-duplicate (wire) groups, the stream stages'
//! features and assignment of each document (to restore the clusterer on open), a search
//! index over title and text, and cached reports.
//!
//! [`MemoryStore`] keeps everything in memory (tests); [`SqliteStore`] is the file store
//! (SQLite: WAL, `PRAGMA user_version` with forward migrations, FTS5); [`PostgresStore`]
//! keeps the same tables in a PostgreSQL database (tsvector search); [`open`] picks one of
//! the two from a `--db` string (`postgres://...` or a file). [`Ingester`] is the
//! ingest path on top of any store: batches of documents in, one transaction per batch.
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_store::{stories, Ingester, MemoryStore, StoryQuery};
//! let mut ing = Ingester::open(MemoryStore::default()).unwrap();
//! let doc = Document::new(DocId(0), "a.txt", "The Halden Bridge closed on Monday.");
//! let counts = ing.add_batch(vec![doc.clone()]).unwrap();
//! assert_eq!((counts.new, counts.stories_new), (1, 1));
//! let again = ing.add_batch(vec![doc]).unwrap();
//! assert_eq!((again.new, again.duplicates), (0, 1), "the same input adds nothing");
//! let list = stories(ing.store(), &StoryQuery::default()).unwrap();
//! assert_eq!(list[0].documents, 1);
//! ```
#![deny(missing_docs)]

mod any;
mod ingest;
mod memory;
mod postgres;
pub mod postgres_cluster;
mod sqlite;
mod stories;
pub mod throwaway;

pub use any::{db_display, is_postgres, open, open_read_only, AnyStore};

pub use crate::postgres::{postgres_error, PostgresStore};
pub use ingest::{prepare, prepare_one, BatchCounts, Ingester, Prepared, PreparedDoc, Timings};
pub use memory::MemoryStore;
pub use sqlite::SqliteStore;
pub use stories::{stories, StoryInfo, StoryQuery};
pub use triangulate_stream::NO_STORY;

use triangulate_core::Document;

/// Store id of a document (1, 2, ... in order of storing).
pub type StoreId = i64;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("store {path}: {source}")]
    Sqlite {
        /// The store's file.
        path: String,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The PostgreSQL server refused or failed (the URL is shown without its password).
    #[error("store {url}: {message}")]
    Postgres {
        /// The database's URL.
        url: String,
        /// What the server or the connection said.
        message: String,
        /// The cause.
        #[source]
        source: ::postgres::Error,
    },
    /// The store was written by a newer program.
    #[error("store {path}: schema version {found} is newer than this program's {supported}; use a newer triangulate")]
    TooNew {
        /// The store's file.
        path: String,
        /// Its `user_version`.
        found: u32,
        /// The newest this program knows.
        supported: u32,
    },
    /// A stored value does not read back (damage, or a format change without migration).
    #[error("store: {what} does not read back: {reason}")]
    Corrupt {
        /// Which value.
        what: String,
        /// Why.
        reason: String,
    },
    /// No story with this id.
    #[error("store: no story {0}")]
    NoStory(u64),
    /// A write given up because another writer changed what it depended on (the queue's
    /// assigner finding its position moved).
    #[error("store: {0}")]
    Conflict(String),
}

/// The words of a search query or a searched text, as every store's full-text search reads
/// them: runs of letters and digits (FTS5's default tokenizer; everything else separates).
pub(crate) fn search_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A stored document read back from its JSON, with its id.
pub(crate) fn decode_document(id: StoreId, json: &str) -> Result<(StoreId, Document), StoreError> {
    serde_json::from_str(json)
        .map(|d| (id, d))
        .map_err(|e| StoreError::Corrupt {
            what: format!("document {id}"),
            reason: e.to_string(),
        })
}

/// The wire group of a document about to be stored with id `next`: its own id, or the group
/// of the document it nearly duplicates, from this batch (`groups`: arrival -> group) or else
/// from the store (`stored`: the group of a stored arrival, if stored).
pub(crate) fn wire_group<E>(
    d: &NewDocument,
    next: i64,
    groups: &std::collections::HashMap<u64, i64>,
    stored: impl FnOnce(u64) -> Result<Option<i64>, E>,
) -> Result<i64, E> {
    match d.near_duplicate_of {
        None => Ok(next),
        Some(a) => match groups.get(&a) {
            Some(g) => Ok(*g),
            None => Ok(stored(a)?.unwrap_or(next)),
        },
    }
}

/// A new document, as one batch writes it.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Arrival number: the count of documents given to the clusterer before it.
    pub arrival: u64,
    /// Key of its normalized text (equal for exact duplicates).
    pub content_key: u64,
    /// The document as read (its `name` is the input that first carried it).
    pub doc: Document,
    /// The same document serialized (JSON), as the file store keeps it (made in parallel
    /// by [`prepare`]).
    pub json: String,
    /// The first sentence of its text (a story's label when no document has a headline).
    pub lead: String,
    /// The stream stages' features, serialized (JSON): the store does not read them.
    pub features: String,
    /// Its story (numbered from 1 by the clusterer).
    pub story: u64,
    /// True when it opened its story.
    pub new_story: bool,
    /// Arrival number of the near-duplicate it joined as a wire copy, if any.
    pub near_duplicate_of: Option<u64>,
}

/// An input that carried a document (the first carrier, or an exact duplicate of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carrier {
    /// Content key of the document carried.
    pub content_key: u64,
    /// Input name: `path` or `path#N`.
    pub input: String,
    /// Its URL, if known.
    pub url: Option<String>,
    /// Its outlet, if known.
    pub outlet: Option<String>,
}

/// What one transaction writes: new documents (in input order; store ids follow it) and carriers (every input
/// of the batch, new documents' own included). A carrier whose input is already stored is
/// left alone, which makes writing the same batch twice add nothing.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// New documents.
    pub documents: Vec<NewDocument>,
    /// Inputs that carried them or earlier documents.
    pub carriers: Vec<Carrier>,
}

/// What a batch changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Documents added.
    pub documents: u64,
    /// Carriers added (inputs not stored before).
    pub carriers: u64,
    /// Time spent on the full-text index (zero for a store without one).
    pub indexing: std::time::Duration,
}

/// One stored document's features and assignment, to replay into the clusterer.
#[derive(Debug, Clone)]
pub struct Replay {
    /// Serialized features.
    pub features: String,
    /// Story.
    pub story: u64,
    /// Whether it opened its story.
    pub new_story: bool,
    /// Arrival number of the near-duplicate it joined.
    pub near_duplicate_of: Option<u64>,
}

/// What a story listing needs of one document (no text).
#[derive(Debug, Clone)]
pub struct DocRow {
    /// Store id.
    pub id: StoreId,
    /// Arrival number.
    pub arrival: u64,
    /// Story.
    pub story: u64,
    /// Headline.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// First sentence.
    pub lead: String,
}

/// What a story listing needs of one carrier.
#[derive(Debug, Clone)]
pub struct CarrierRow {
    /// The document carried.
    pub document: StoreId,
    /// Input name.
    pub input: String,
    /// Outlet.
    pub outlet: Option<String>,
}

/// A cached report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedReport {
    /// What it was built from (the story's documents, the program version, the options).
    pub key: String,
    /// The rendered report.
    pub body: Vec<u8>,
}

/// What a cached report must have been made from: this program and these documents (the
/// story's members at the time). `report --db` and the server share it, so each uses the
/// report the other cached.
pub fn report_key(ids: &[StoreId]) -> String {
    let ids: Vec<String> = ids.iter().map(StoreId::to_string).collect();
    format!(
        "triangulate {}; documents {}",
        env!("CARGO_PKG_VERSION"),
        ids.join(",")
    )
}

/// A story's report of one kind as the cache holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CachedState {
    /// No such story.
    NoStory,
    /// Made by this program from the story's present documents: serve it.
    Current(CachedReport),
    /// Missing, made from other documents or by another program: build it again.
    Stale,
}

/// Look up the cached report of `kind` for a story and check it against the story's
/// present members (their ids only: no document is read).
pub fn cached_state<S: Store + ?Sized>(
    store: &S,
    story: u64,
    kind: &str,
) -> Result<CachedState, StoreError> {
    let ids = store.story_document_ids(story)?;
    if ids.is_empty() {
        return Ok(CachedState::NoStory);
    }
    Ok(match store.cached_report(story, kind)? {
        Some(c) if c.key == report_key(&ids) => CachedState::Current(c),
        _ => CachedState::Stale,
    })
}

/// Totals of a store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents (exact duplicates once).
    pub documents: u64,
    /// Inputs that carried them.
    pub carriers: u64,
    /// Stories.
    pub stories: u64,
}

/// Storage of documents, stories and reports. Implementations keep each
/// [`Store::write_batch`] atomic: after a crash the store holds whole batches only.
pub trait Store {
    /// Store ids of the documents with these content keys (`None` where not stored).
    fn content_ids(&self, keys: &[u64]) -> Result<Vec<Option<StoreId>>, StoreError>;
    /// Write one batch in one transaction.
    fn write_batch(&mut self, batch: &Batch) -> Result<Written, StoreError>;
    /// Every document's features and assignment, in arrival order.
    fn replay(
        &self,
        each: &mut dyn FnMut(Replay) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// Every document's listing row, in arrival order.
    fn rows(&self) -> Result<Vec<DocRow>, StoreError>;
    /// The story of one document (`None`: no such document). The default scans
    /// [`Store::rows`]; a store with an index on ids answers it directly.
    fn story_of(&self, document: StoreId) -> Result<Option<u64>, StoreError> {
        Ok(self
            .rows()?
            .into_iter()
            .find(|r| r.id == document)
            .map(|r| r.story))
    }
    /// Every carrier, by document then input.
    fn carriers(&self) -> Result<Vec<CarrierRow>, StoreError>;
    /// Documents whose title or text hold all these words (full-text search).
    fn search(&self, words: &str) -> Result<Vec<StoreId>, StoreError>;
    /// The members of a story with their store ids, in the order they were read
    /// (input order of the run that stored them). [`NO_STORY`] (the stored page furniture)
    /// has none: it is no story.
    fn story_documents(&self, story: u64) -> Result<Vec<(StoreId, Document)>, StoreError>;
    /// The store ids of a story's members, in the order of [`Store::story_documents`],
    /// without reading their documents. The default reads them; a store with an index on
    /// stories answers from it.
    fn story_document_ids(&self, story: u64) -> Result<Vec<StoreId>, StoreError> {
        Ok(self
            .story_documents(story)?
            .into_iter()
            .map(|(id, _)| id)
            .collect())
    }
    /// The cached report of `kind` for a story, if any.
    fn cached_report(&self, story: u64, kind: &str) -> Result<Option<CachedReport>, StoreError>;
    /// Cache a report (replacing the one of the same story and kind).
    fn put_report(
        &mut self,
        story: u64,
        kind: &str,
        report: &CachedReport,
    ) -> Result<(), StoreError>;
    /// Totals.
    fn counts(&self) -> Result<Counts, StoreError>;
}
