//! The PostgreSQL store: the same tables as the SQLite file store, through the synchronous
//! `postgres` client. The schema version is a one-row table (`schema_version`) with forward
//! migrations, run under an advisory lock so two processes opening a new database do not
//! both migrate it. Full-text search is a generated `tsvector` column over title and text
//! with a GIN index. Each batch is one transaction, under an advisory lock so that
//! concurrent writers never interleave their store ids.
//!
//! Words are cut as the SQLite store's FTS5 cuts them (every run of letters and digits,
//! case folded): the column is built from the text with everything else replaced by spaces,
//! with the `simple` configuration (no stemming, no stop words), and a query is the user's
//! words joined the same way through `plainto_tsquery`, so user input is never query syntax
//! (`websearch_to_tsquery` would read `or`, `-` and quotes as operators). One difference
//! stays: FTS5 folds diacritics (`café` finds `cafe`), PostgreSQL without the `unaccent`
//! extension does not.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::{Client, NoTls, Transaction};
use triangulate_core::Document;

use crate::{
    Batch, CachedReport, CarrierRow, Counts, DocRow, Replay, Store, StoreError, StoreId, Written,
};

/// Forward migrations: entry `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema (the SQLite store's, with the search column in the table).
    "CREATE TABLE documents (
        id BIGINT PRIMARY KEY,
        arrival BIGINT NOT NULL UNIQUE,
        content_key BIGINT NOT NULL UNIQUE,
        input TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        lead TEXT NOT NULL,
        story BIGINT NOT NULL,
        new_story BOOLEAN NOT NULL,
        near_duplicate_of BIGINT,
        wire_group BIGINT NOT NULL,
        document TEXT NOT NULL,
        features TEXT NOT NULL,
        search TSVECTOR GENERATED ALWAYS AS (strip(to_tsvector('simple',
            regexp_replace(coalesce(title, '') || ' ' || (document::json ->> 'text'),
                '[^[:alnum:]]+', ' ', 'g')))) STORED
    );
    CREATE INDEX documents_story ON documents (story);
    CREATE INDEX documents_search ON documents USING GIN (search);
    CREATE TABLE carriers (
        input TEXT PRIMARY KEY,
        document BIGINT NOT NULL REFERENCES documents (id),
        url TEXT,
        outlet TEXT
    );
    CREATE INDEX carriers_document ON carriers (document);
    CREATE TABLE stories (
        id BIGINT PRIMARY KEY,
        opened_by BIGINT NOT NULL REFERENCES documents (id)
    );
    CREATE TABLE reports (
        story BIGINT NOT NULL,
        kind TEXT NOT NULL,
        cache_key TEXT NOT NULL,
        body BYTEA NOT NULL,
        PRIMARY KEY (story, kind)
    );",
];

/// Schema version this program writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Advisory lock keys (the session's transaction holds them): migrating, writing a batch.
const LOCK_MIGRATE: i64 = 0x7472_6961_6e67_0001;
const LOCK_WRITE: i64 = 0x7472_6961_6e67_0002;

/// Rows the replay reads per round trip (the features of a large store do not fit at once).
const REPLAY_PAGE: i64 = 2000;

/// A store in a PostgreSQL database.
pub struct PostgresStore {
    /// Always `Some` until dropped.
    client: RefCell<Option<Client>>,
    /// The connection URL without its password (for messages).
    url: String,
}

impl Drop for PostgresStore {
    /// The client blocks on its own runtime to say goodbye to the server, which panics on a
    /// thread that drives async tasks (the server drops its stores there): drop it on a
    /// thread of its own.
    fn drop(&mut self) {
        if let Some(c) = self.client.get_mut().take() {
            let _ = std::thread::spawn(move || drop(c)).join();
        }
    }
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("url", &self.url)
            .finish()
    }
}

/// The URL as messages show it: any password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (a, h),
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

impl PostgresStore {
    /// Connect to the database at `url` (`postgres://USER@HOST:PORT/DB`) for writing,
    /// creating the tables or migrating them forward.
    pub fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let s = PostgresStore::connect(url)?;
        s.migrate()?;
        Ok(s)
    }

    /// Connect for reading only: the tables must be there, at this program's version.
    pub fn open_read_only(url: &str) -> Result<PostgresStore, StoreError> {
        let s = PostgresStore::connect(url)?;
        let v = s.version()?;
        if v > SCHEMA_VERSION {
            return Err(s.too_new(v));
        }
        if v < SCHEMA_VERSION {
            return Err(StoreError::Corrupt {
                what: format!("store {}", s.url),
                reason: format!(
                    "schema version {v}, this program reads {SCHEMA_VERSION}: open it for writing once (ingest) to migrate"
                ),
            });
        }
        s.conn()
            .batch_execute("SET default_transaction_read_only = on")
            .map_err(s.pg())?;
        Ok(s)
    }

    fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let redacted = redact(url);
        let client = Client::connect(url, NoTls).map_err(|source| error(&redacted, source))?;
        Ok(PostgresStore {
            client: RefCell::new(Some(client)),
            url: redacted,
        })
    }

    fn conn(&self) -> std::cell::RefMut<'_, Client> {
        std::cell::RefMut::map(self.client.borrow_mut(), |c| {
            c.as_mut()
                .expect("the client is there until the store is dropped")
        })
    }

    /// The connection URL, password left out.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn pg(&self) -> impl Fn(postgres::Error) -> StoreError + '_ {
        move |source| error(&self.url, source)
    }

    fn too_new(&self, found: u32) -> StoreError {
        StoreError::TooNew {
            path: self.url.clone(),
            found,
            supported: SCHEMA_VERSION,
        }
    }

    /// The schema version (0: no tables yet).
    fn version(&self) -> Result<u32, StoreError> {
        let mut c = self.conn();
        let exists: bool = c
            .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
            .map_err(self.pg())?
            .get(0);
        if !exists {
            return Ok(0);
        }
        let v: Option<i32> = c
            .query_opt("SELECT version FROM schema_version", &[])
            .map_err(self.pg())?
            .map(|r| r.get(0));
        Ok(v.unwrap_or(0).max(0) as u32)
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut c = self.conn();
        let mut tx = c.transaction().map_err(self.pg())?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_MIGRATE])
            .map_err(self.pg())?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_version (
                one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
                version INTEGER NOT NULL
            );
            INSERT INTO schema_version (version) VALUES (0) ON CONFLICT (one) DO NOTHING;",
        )
        .map_err(self.pg())?;
        let v: i32 = tx
            .query_one("SELECT version FROM schema_version", &[])
            .map_err(self.pg())?
            .get(0);
        let v = v.max(0) as u32;
        if v > SCHEMA_VERSION {
            return Err(self.too_new(v));
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            tx.batch_execute(m).map_err(self.pg())?;
            tx.execute("UPDATE schema_version SET version = $1", &[&(i as i32 + 1)])
                .map_err(self.pg())?;
        }
        tx.commit().map_err(self.pg())
    }

    /// Run `f` on this store's connection (the queue's pending rows and position live in
    /// the same database; a session-level advisory lock taken here lasts as long as the
    /// store's connection).
    pub fn with_client<R>(&self, f: impl FnOnce(&mut Client) -> R) -> R {
        f(&mut self.conn())
    }

    /// [`Store::write_batch`], with `then` run inside the same transaction after the batch
    /// (the queue's assigner moves its position there, so a batch and the position after it
    /// commit together). An error from `then` rolls the whole batch back.
    pub fn write_batch_then(
        &mut self,
        batch: &Batch,
        then: impl FnOnce(&mut Transaction<'_>) -> Result<(), StoreError>,
    ) -> Result<Written, StoreError> {
        let mut c = self.conn();
        let mut tx = c.transaction().map_err(self.pg())?;
        let w = PostgresStore::write(&mut tx, batch).map_err(self.pg())?;
        then(&mut tx)?;
        tx.commit().map_err(self.pg())?;
        Ok(w)
    }

    /// A store error for a failure of this store's server or connection.
    pub fn error(&self, source: postgres::Error) -> StoreError {
        error(&self.url, source)
    }

    fn write(tx: &mut Transaction<'_>, batch: &Batch) -> Result<Written, postgres::Error> {
        let mut w = Written::default();
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_WRITE])?;
        // Ids are given here (the next after the largest), so a document's wire group is
        // known when it is inserted: its own id, or the group of the document it copies.
        let mut next: i64 = tx
            .query_one("SELECT COALESCE(MAX(id), 0) + 1 FROM documents", &[])?
            .get(0);
        let doc_st = tx.prepare(
            "INSERT INTO documents (id, arrival, content_key, input, title, outlet, url, published, lead,
                story, new_story, near_duplicate_of, wire_group, document, features)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (content_key) DO NOTHING",
        )?;
        let group_st = tx.prepare("SELECT wire_group FROM documents WHERE arrival = $1")?;
        let story_st = tx.prepare("INSERT INTO stories (id, opened_by) VALUES ($1, $2)")?;
        let mut groups: HashMap<u64, i64> = HashMap::new();
        for d in &batch.documents {
            let group = crate::wire_group(d, next, &groups, |a| {
                Ok(tx.query_opt(&group_st, &[&(a as i64)])?.map(|r| r.get(0)))
            })?;
            let m = &d.doc.meta;
            let n = tx.execute(
                &doc_st,
                &[
                    &next,
                    &(d.arrival as i64),
                    &(d.content_key as i64),
                    &d.doc.name,
                    &m.title,
                    &m.outlet,
                    &m.url,
                    &m.published.map(|p| p.date.to_string()),
                    &d.lead,
                    &(d.story as i64),
                    &d.new_story,
                    &d.near_duplicate_of.map(|a| a as i64),
                    &group,
                    &d.json,
                    &d.features,
                ],
            )?;
            if n == 0 {
                continue;
            }
            groups.insert(d.arrival, group);
            if d.new_story {
                tx.execute(&story_st, &[&(d.story as i64), &next])?;
            }
            next += 1;
            w.documents += 1;
        }
        let carrier_st = tx.prepare(
            "INSERT INTO carriers (input, document, url, outlet)
             SELECT $1, id, $2, $3 FROM documents WHERE content_key = $4
             ON CONFLICT (input) DO NOTHING",
        )?;
        for c in &batch.carriers {
            w.carriers += tx.execute(
                &carrier_st,
                &[&c.input, &c.url, &c.outlet, &(c.content_key as i64)],
            )?;
        }
        // The search column is generated inside the document inserts: its time is in
        // `writing`, not `indexing`.
        Ok(w)
    }
}

/// A PostgreSQL failure as a store error, with what the server said (the client's own
/// `Display` says only "db error") and the URL `db` without its password. For other crates
/// that talk to the store's database (the queue's workers).
pub fn postgres_error(db: &str, source: postgres::Error) -> StoreError {
    error(&crate::db_display(db), source)
}

/// A store error with what the server said (the client's own `Display` says only "db error");
/// `url` is already without its password.
fn error(url: &str, source: postgres::Error) -> StoreError {
    let message = match source.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => {
            let mut m = source.to_string();
            let mut cause = std::error::Error::source(&source);
            while let Some(c) = cause {
                m = format!("{m}: {c}");
                cause = c.source();
            }
            m
        }
    };
    StoreError::Postgres {
        url: url.to_string(),
        message,
        source,
    }
}

/// The words of a query as the search column holds them: runs of letters and digits.
fn query_words(words: &str) -> String {
    crate::search_words(words).collect::<Vec<_>>().join(" ")
}

fn u64_of(v: Option<i64>) -> Option<u64> {
    v.map(|x| x as u64)
}

impl Store for PostgresStore {
    fn content_ids(&self, keys: &[u64]) -> Result<Vec<Option<StoreId>>, StoreError> {
        let signed: Vec<i64> = keys.iter().map(|k| *k as i64).collect();
        let rows = self
            .conn()
            .query(
                "SELECT content_key, id FROM documents WHERE content_key = ANY($1)",
                &[&signed],
            )
            .map_err(self.pg())?;
        let found: HashMap<i64, i64> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
        Ok(signed.iter().map(|k| found.get(k).copied()).collect())
    }

    fn write_batch(&mut self, batch: &Batch) -> Result<Written, StoreError> {
        let mut c = self.conn();
        let mut tx = c.transaction().map_err(self.pg())?;
        let w = PostgresStore::write(&mut tx, batch).map_err(self.pg())?;
        tx.commit().map_err(self.pg())?;
        Ok(w)
    }

    fn replay(
        &self,
        each: &mut dyn FnMut(Replay) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        // Page by arrival, so that no borrow of the connection is held while `each` runs.
        let mut after: i64 = -1;
        loop {
            let rows = self
                .conn()
                .query(
                    "SELECT arrival, features, story, new_story, near_duplicate_of FROM documents
                     WHERE arrival > $1 ORDER BY arrival LIMIT $2",
                    &[&after, &REPLAY_PAGE],
                )
                .map_err(self.pg())?;
            if rows.is_empty() {
                return Ok(());
            }
            for r in rows {
                after = r.get(0);
                each(Replay {
                    features: r.get(1),
                    story: r.get::<_, i64>(2) as u64,
                    new_story: r.get(3),
                    near_duplicate_of: u64_of(r.get(4)),
                })?;
            }
        }
    }

    fn story_of(&self, document: StoreId) -> Result<Option<u64>, StoreError> {
        Ok(self
            .conn()
            .query_opt("SELECT story FROM documents WHERE id = $1", &[&document])
            .map_err(self.pg())?
            .map(|r| r.get::<_, i64>(0) as u64))
    }

    fn rows(&self) -> Result<Vec<DocRow>, StoreError> {
        let rows = self
            .conn()
            .query(
                "SELECT id, arrival, story, title, published, lead FROM documents ORDER BY arrival",
                &[],
            )
            .map_err(self.pg())?;
        Ok(rows
            .iter()
            .map(|r| DocRow {
                id: r.get(0),
                arrival: r.get::<_, i64>(1) as u64,
                story: r.get::<_, i64>(2) as u64,
                title: r.get(3),
                published: r.get(4),
                lead: r.get(5),
            })
            .collect())
    }

    fn carriers(&self) -> Result<Vec<CarrierRow>, StoreError> {
        // `COLLATE "C"`: inputs sorted by their bytes, as SQLite sorts them.
        let rows = self.conn()
            .query(
                "SELECT document, input, outlet FROM carriers ORDER BY document, input COLLATE \"C\"",
                &[],
            )
            .map_err(self.pg())?;
        Ok(rows
            .iter()
            .map(|r| CarrierRow {
                document: r.get(0),
                input: r.get(1),
                outlet: r.get(2),
            })
            .collect())
    }

    fn search(&self, words: &str) -> Result<Vec<StoreId>, StoreError> {
        let q = query_words(words);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self.conn()
            .query(
                "SELECT id FROM documents WHERE search @@ plainto_tsquery('simple', $1) ORDER BY id",
                &[&q],
            )
            .map_err(self.pg())?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn story_documents(&self, story: u64) -> Result<Vec<(StoreId, Document)>, StoreError> {
        let rows = self
            .conn()
            .query(
                "SELECT id, document FROM documents WHERE story = $1 AND story <> 0 ORDER BY id",
                &[&(story as i64)],
            )
            .map_err(self.pg())?;
        rows.iter()
            .map(|r| crate::decode_document(r.get(0), r.get(1)))
            .collect()
    }

    fn story_document_ids(&self, story: u64) -> Result<Vec<StoreId>, StoreError> {
        let rows = self
            .conn()
            .query(
                "SELECT id FROM documents WHERE story = $1 AND story <> 0 ORDER BY id",
                &[&(story as i64)],
            )
            .map_err(self.pg())?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn cached_report(&self, story: u64, kind: &str) -> Result<Option<CachedReport>, StoreError> {
        Ok(self
            .conn()
            .query_opt(
                "SELECT cache_key, body FROM reports WHERE story = $1 AND kind = $2",
                &[&(story as i64), &kind],
            )
            .map_err(self.pg())?
            .map(|r| CachedReport {
                key: r.get(0),
                body: r.get(1),
            }))
    }

    fn put_report(
        &mut self,
        story: u64,
        kind: &str,
        report: &CachedReport,
    ) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO reports (story, kind, cache_key, body) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (story, kind) DO UPDATE SET cache_key = excluded.cache_key, body = excluded.body",
                &[&(story as i64), &kind, &report.key, &report.body],
            )
            .map(|_| ())
            .map_err(self.pg())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let r = self
            .conn()
            .query_one(
                "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM carriers),
                        (SELECT COUNT(*) FROM stories)",
                &[],
            )
            .map_err(self.pg())?;
        Ok(Counts {
            documents: r.get::<_, i64>(0) as u64,
            carriers: r.get::<_, i64>(1) as u64,
            stories: r.get::<_, i64>(2) as u64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_shows() {
        assert_eq!(
            redact("postgres://ann:secret@db.example:5432/news"),
            "postgres://ann:***@db.example:5432/news"
        );
        assert_eq!(
            redact("postgres://ann@db.example/news"),
            "postgres://ann@db.example/news"
        );
        assert_eq!(redact("postgresql://h/db"), "postgresql://h/db");
    }

    #[test]
    fn query_words_are_plain_words() {
        assert_eq!(query_words("\"OR* -gate"), "OR gate");
        assert_eq!(query_words("  "), "");
    }
}
