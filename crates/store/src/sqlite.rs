//! The file store: SQLite through rusqlite (bundled), WAL journal (readers never block the
//! writer), schema versioned by `PRAGMA user_version` with forward migrations, FTS5 over
//! title and text. The SQL outside the FTS5 table is plain and portable (a PostgreSQL
//! store follows); content keys are stored as the signed 64-bit integer of the same bits.

use std::collections::HashMap;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use triangulate_core::Document;

use crate::{
    Batch, CachedReport, CarrierRow, Counts, DocRow, NewDocument, Replay, Store, StoreError,
    StoreId, Written,
};

/// Forward migrations: entry `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    "CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        arrival INTEGER NOT NULL UNIQUE,
        content_key INTEGER NOT NULL UNIQUE,
        input TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        lead TEXT NOT NULL,
        story INTEGER NOT NULL,
        new_story INTEGER NOT NULL,
        near_duplicate_of INTEGER,
        wire_group INTEGER NOT NULL,
        document TEXT NOT NULL,
        features TEXT NOT NULL
    );
    CREATE INDEX documents_story ON documents (story);
    CREATE TABLE carriers (
        input TEXT PRIMARY KEY,
        document INTEGER NOT NULL REFERENCES documents (id),
        url TEXT,
        outlet TEXT
    );
    CREATE INDEX carriers_document ON carriers (document);
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        opened_by INTEGER NOT NULL REFERENCES documents (id)
    );
    CREATE TABLE reports (
        story INTEGER NOT NULL,
        kind TEXT NOT NULL,
        cache_key TEXT NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (story, kind)
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content='', contentless_delete=1);",
];

/// Schema version this program writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Open (creating it if absent) the store at `path` for writing, migrating its schema
    /// forward.
    pub fn open(path: &str) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path).map_err(sql(path))?;
        let mut s = SqliteStore {
            conn,
            path: path.to_string(),
        };
        s.pragmas(false)?;
        s.migrate()?;
        Ok(s)
    }

    /// Open an existing store for reading only (works while an ingest writes).
    pub fn open_read_only(path: &str) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql(path))?;
        let s = SqliteStore {
            conn,
            path: path.to_string(),
        };
        s.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sql(path))?;
        let v = s.version()?;
        if v > SCHEMA_VERSION {
            return Err(s.too_new(v));
        }
        if v < SCHEMA_VERSION {
            return Err(StoreError::Corrupt {
                what: format!("store {path}"),
                reason: format!(
                    "schema version {v}, this program reads {SCHEMA_VERSION}: open it for writing once (ingest) to migrate"
                ),
            });
        }
        Ok(s)
    }

    /// The file's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `PRAGMA integrity_check`: `ok`, or what is damaged.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")
            .and_then(|mut st| {
                st.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(sql(&self.path))?;
        Ok(rows.join("\n"))
    }

    fn pragmas(&self, _read_only: bool) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sql(&self.path))?;
        // WAL: readers see the last commit and never block the writer; NORMAL sync keeps
        // every commit through a process crash (kill -9), which is what ingest needs. A
        // page cache of up to 64 MiB keeps a batch's pages from spilling mid-transaction.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
                 PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
            )
            .map_err(sql(&self.path))
    }

    fn version(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))
            .map_err(sql(&self.path))
    }

    fn too_new(&self, found: u32) -> StoreError {
        StoreError::TooNew {
            path: self.path.clone(),
            found,
            supported: SCHEMA_VERSION,
        }
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let v = self.version()?;
        if v > SCHEMA_VERSION {
            return Err(self.too_new(v));
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            let tx = self.conn.transaction().map_err(sql(&self.path))?;
            tx.execute_batch(m).map_err(sql(&self.path))?;
            tx.pragma_update(None, "user_version", i as u32 + 1)
                .map_err(sql(&self.path))?;
            tx.commit().map_err(sql(&self.path))?;
        }
        Ok(())
    }

    fn write(&mut self, batch: &Batch) -> rusqlite::Result<Written> {
        let tx = self.conn.transaction()?;
        let mut w = Written::default();
        {
            // Ids are given here (the next after the largest), so a document's wire group
            // is known when it is inserted: its own id, or the group of the document it copies.
            let mut next: i64 =
                tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM documents", [], |r| {
                    r.get(0)
                })?;
            let mut doc_st = tx.prepare_cached(
                "INSERT INTO documents (id, arrival, content_key, input, title, outlet, url, published, lead,
                    story, new_story, near_duplicate_of, wire_group, document, features)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (content_key) DO NOTHING",
            )?;
            let mut group_st =
                tx.prepare_cached("SELECT wire_group FROM documents WHERE arrival = ?1")?;
            let mut story_st =
                tx.prepare_cached("INSERT INTO stories (id, opened_by) VALUES (?1, ?2)")?;
            let mut groups: HashMap<u64, i64> = HashMap::new();
            let mut inserted: Vec<(i64, &NewDocument)> = Vec::with_capacity(batch.documents.len());
            for d in &batch.documents {
                let group = crate::wire_group(d, next, &groups, |a| {
                    group_st.query_row([a as i64], |r| r.get(0)).optional()
                })?;
                let m = &d.doc.meta;
                let n = doc_st.execute(params![
                    next,
                    d.arrival as i64,
                    d.content_key as i64,
                    d.doc.name,
                    m.title,
                    m.outlet,
                    m.url,
                    m.published.map(|p| p.date.to_string()),
                    d.lead,
                    d.story as i64,
                    d.new_story,
                    d.near_duplicate_of.map(|a| a as i64),
                    group,
                    d.json,
                    d.features,
                ])?;
                if n == 0 {
                    continue;
                }
                groups.insert(d.arrival, group);
                if d.new_story {
                    story_st.execute(params![d.story as i64, next])?;
                }
                inserted.push((next, d));
                next += 1;
                w.documents += 1;
            }
            let t = std::time::Instant::now();
            let mut fts_st = tx.prepare_cached(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
            )?;
            for (id, d) in &inserted {
                let title = d.doc.meta.title.as_deref().unwrap_or("");
                fts_st.execute(params![id, title, d.doc.text])?;
            }
            w.indexing = t.elapsed();
            let mut carrier_st = tx.prepare_cached(
                "INSERT INTO carriers (input, document, url, outlet)
                 SELECT ?1, id, ?2, ?3 FROM documents WHERE content_key = ?4
                 ON CONFLICT (input) DO NOTHING",
            )?;
            for c in &batch.carriers {
                w.carriers +=
                    carrier_st.execute(params![c.input, c.url, c.outlet, c.content_key as i64])?
                        as u64;
            }
        }
        tx.commit()?;
        Ok(w)
    }
}

fn sql(path: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_string(),
        source,
    }
}

fn u64_of(v: Option<i64>) -> Option<u64> {
    v.map(|x| x as u64)
}

/// FTS5 query of plain words: each word quoted (no operators from user input), all required.
fn fts_query(words: &str) -> String {
    crate::search_words(words)
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" AND ")
}

impl Store for SqliteStore {
    fn content_ids(&self, keys: &[u64]) -> Result<Vec<Option<StoreId>>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE content_key = ?1")
            .map_err(sql(&self.path))?;
        keys.iter()
            .map(|k| {
                st.query_row([*k as i64], |r| r.get(0))
                    .optional()
                    .map_err(sql(&self.path))
            })
            .collect()
    }

    fn write_batch(&mut self, batch: &Batch) -> Result<Written, StoreError> {
        self.write(batch).map_err(sql(&self.path))
    }

    fn replay(
        &self,
        each: &mut dyn FnMut(Replay) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT features, story, new_story, near_duplicate_of FROM documents ORDER BY arrival",
            )
            .map_err(sql(&self.path))?;
        let mut rows = st.query([]).map_err(sql(&self.path))?;
        while let Some(r) = rows.next().map_err(sql(&self.path))? {
            let get = || -> rusqlite::Result<Replay> {
                Ok(Replay {
                    features: r.get(0)?,
                    story: r.get::<_, i64>(1)? as u64,
                    new_story: r.get(2)?,
                    near_duplicate_of: u64_of(r.get(3)?),
                })
            };
            each(get().map_err(sql(&self.path))?)?;
        }
        Ok(())
    }

    fn story_of(&self, document: StoreId) -> Result<Option<u64>, StoreError> {
        self.conn
            .prepare_cached("SELECT story FROM documents WHERE id = ?1")
            .and_then(|mut st| st.query_row([document], |r| r.get::<_, i64>(0)).optional())
            .map(|s| s.map(|s| s as u64))
            .map_err(sql(&self.path))
    }

    fn rows(&self) -> Result<Vec<DocRow>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, arrival, story, title, published, lead FROM documents ORDER BY arrival",
            )
            .map_err(sql(&self.path))?;
        let rows = st
            .query_map([], |r| {
                Ok(DocRow {
                    id: r.get(0)?,
                    arrival: r.get::<_, i64>(1)? as u64,
                    story: r.get::<_, i64>(2)? as u64,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    lead: r.get(5)?,
                })
            })
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(sql(&self.path))?;
        Ok(rows)
    }

    fn carriers(&self) -> Result<Vec<CarrierRow>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT document, input, outlet FROM carriers ORDER BY document, input")
            .map_err(sql(&self.path))?;
        let rows = st
            .query_map([], |r| {
                Ok(CarrierRow {
                    document: r.get(0)?,
                    input: r.get(1)?,
                    outlet: r.get(2)?,
                })
            })
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(sql(&self.path))?;
        Ok(rows)
    }

    fn search(&self, words: &str) -> Result<Vec<StoreId>, StoreError> {
        let q = fts_query(words);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self
            .conn
            .prepare("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rowid")
            .map_err(sql(&self.path))?;
        let ids = st
            .query_map([q], |r| r.get(0))
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(sql(&self.path))?;
        Ok(ids)
    }

    fn story_documents(&self, story: u64) -> Result<Vec<(StoreId, Document)>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, document FROM documents WHERE story = ?1 AND story <> 0 ORDER BY id",
            )
            .map_err(sql(&self.path))?;
        let rows: Vec<(StoreId, String)> = st
            .query_map([story as i64], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(sql(&self.path))?;
        rows.into_iter()
            .map(|(id, json)| crate::decode_document(id, &json))
            .collect()
    }

    fn story_document_ids(&self, story: u64) -> Result<Vec<StoreId>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM documents WHERE story = ?1 AND story <> 0 ORDER BY id")
            .map_err(sql(&self.path))?;
        st.query_map([story as i64], |r| r.get(0))
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(sql(&self.path))
    }

    fn cached_report(&self, story: u64, kind: &str) -> Result<Option<CachedReport>, StoreError> {
        self.conn
            .query_row(
                "SELECT cache_key, body FROM reports WHERE story = ?1 AND kind = ?2",
                params![story as i64, kind],
                |r| {
                    Ok(CachedReport {
                        key: r.get(0)?,
                        body: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(sql(&self.path))
    }

    fn put_report(
        &mut self,
        story: u64,
        kind: &str,
        report: &CachedReport,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO reports (story, kind, cache_key, body) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (story, kind) DO UPDATE SET cache_key = excluded.cache_key, body = excluded.body",
                params![story as i64, kind, report.key, report.body],
            )
            .map(|_| ())
            .map_err(sql(&self.path))
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |q: &str| {
            self.conn
                .query_row(q, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(sql(&self.path))
        };
        Ok(Counts {
            documents: count("SELECT COUNT(*) FROM documents")?,
            carriers: count("SELECT COUNT(*) FROM carriers")?,
            stories: count("SELECT COUNT(*) FROM stories")?,
        })
    }
}
