//! One store from a `--db` string: `postgres://...` (or `postgresql://...`) is a PostgreSQL
//! database, anything else a SQLite file. The CLI's commands and the server open stores
//! only through [`open`] and [`open_read_only`].

use triangulate_core::Document;

use crate::{
    Batch, CachedReport, CarrierRow, Counts, DocRow, PostgresStore, Replay, SqliteStore, Store,
    StoreError, StoreId, Written,
};

/// A SQLite file or a PostgreSQL database, as the `--db` string chose.
#[derive(Debug)]
pub enum AnyStore {
    /// A SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL database.
    Postgres(PostgresStore),
}

/// True when `db` names a PostgreSQL database rather than a file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The `--db` string as messages show it (a URL's password replaced by `***`).
pub fn db_display(db: &str) -> String {
    if is_postgres(db) {
        crate::postgres::redact(db)
    } else {
        db.to_string()
    }
}

/// Open the store `db` names for writing (a file is created if absent, a database's tables
/// are created), migrating its schema forward.
pub fn open(db: &str) -> Result<AnyStore, StoreError> {
    Ok(if is_postgres(db) {
        AnyStore::Postgres(PostgresStore::open(db)?)
    } else {
        AnyStore::Sqlite(SqliteStore::open(db)?)
    })
}

/// Open an existing store for reading only (works while an ingest writes).
pub fn open_read_only(db: &str) -> Result<AnyStore, StoreError> {
    Ok(if is_postgres(db) {
        AnyStore::Postgres(PostgresStore::open_read_only(db)?)
    } else {
        AnyStore::Sqlite(SqliteStore::open_read_only(db)?)
    })
}

impl AnyStore {
    fn inner(&self) -> &dyn Store {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Postgres(s) => s,
        }
    }

    fn inner_mut(&mut self) -> &mut dyn Store {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Postgres(s) => s,
        }
    }
}

impl Store for AnyStore {
    fn content_ids(&self, keys: &[u64]) -> Result<Vec<Option<StoreId>>, StoreError> {
        self.inner().content_ids(keys)
    }
    fn write_batch(&mut self, batch: &Batch) -> Result<Written, StoreError> {
        self.inner_mut().write_batch(batch)
    }
    fn replay(
        &self,
        each: &mut dyn FnMut(Replay) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.inner().replay(each)
    }
    fn rows(&self) -> Result<Vec<DocRow>, StoreError> {
        self.inner().rows()
    }
    fn story_of(&self, document: StoreId) -> Result<Option<u64>, StoreError> {
        self.inner().story_of(document)
    }
    fn carriers(&self) -> Result<Vec<CarrierRow>, StoreError> {
        self.inner().carriers()
    }
    fn search(&self, words: &str) -> Result<Vec<StoreId>, StoreError> {
        self.inner().search(words)
    }
    fn story_documents(&self, story: u64) -> Result<Vec<(StoreId, Document)>, StoreError> {
        self.inner().story_documents(story)
    }
    fn story_document_ids(&self, story: u64) -> Result<Vec<StoreId>, StoreError> {
        self.inner().story_document_ids(story)
    }
    fn cached_report(&self, story: u64, kind: &str) -> Result<Option<CachedReport>, StoreError> {
        self.inner().cached_report(story, kind)
    }
    fn put_report(
        &mut self,
        story: u64,
        kind: &str,
        report: &CachedReport,
    ) -> Result<(), StoreError> {
        self.inner_mut().put_report(story, kind, report)
    }
    fn counts(&self) -> Result<Counts, StoreError> {
        self.inner().counts()
    }
}
