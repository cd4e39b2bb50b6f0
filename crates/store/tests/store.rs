//! The store's contract, on every implementation (memory, SQLite, and PostgreSQL where
//! PostgreSQL 15 is installed): idempotent batches, exact duplicates as carriers, reopening
//! restores the clusterer, search, listing, schema version.

use std::sync::OnceLock;

use triangulate_core::{DateBasis, DocId, Document, Metadata, PublishedDate};
use triangulate_store::postgres_cluster::{Durability, PgCluster};
use triangulate_store::{
    cached_state, open, open_read_only, report_key, stories, CachedReport, CachedState, Ingester,
    MemoryStore, SqliteStore, Store, StoreError, StoryInfo, StoryQuery, NO_STORY,
};

fn doc(name: &str, title: Option<&str>, date: &str, text: &str) -> Document {
    let mut d = Document::new(DocId(0), name, text);
    d.meta = Metadata {
        title: title.map(str::to_string),
        outlet: Some(format!("Outlet {}", &name[..1])),
        published: Some(PublishedDate {
            date: date.parse().unwrap(),
            basis: DateBasis::InputField,
        }),
        ..Metadata::default()
    };
    d
}

/// Two made-up stories, told three and two times, plus one exact copy with other spacing.
fn docs() -> Vec<Document> {
    let bridge = "The Halden harbor bridge closed on Monday after inspectors found deep cracks in its steel deck, the city council said, and ferries will run every twenty minutes until engineers finish repairs.";
    let mine = "Rescuers reached seven trapped miners at the Korvel copper mine late on Thursday after a tunnel collapse, the mining company said, and all seven were taken to the regional hospital in Varna.";
    vec![
        doc("a.txt", Some("Harbor bridge shut"), "2025-03-03", bridge),
        doc("b.txt", Some("Miners rescued"), "2025-04-10", mine),
        doc(
            "c.txt",
            Some("Harbor bridge shut"),
            "2025-03-04",
            &format!("{bridge} Traffic was diverted through the old town."),
        ),
        doc("d.txt", None, "2025-03-03", &bridge.replace(' ', "  ")),
        doc(
            "e.txt",
            None,
            "2025-04-11",
            &format!("{mine} Relatives waited at the gate overnight."),
        ),
    ]
}

fn ingest<S: Store>(store: S, batches: &[Vec<Document>]) -> Ingester<S> {
    let mut ing = Ingester::open(store).unwrap();
    for b in batches {
        ing.add_batch(b.clone()).unwrap();
    }
    ing
}

fn listing(store: &dyn Store) -> Vec<StoryInfo> {
    stories(
        store,
        &StoryQuery {
            members: true,
            ..StoryQuery::default()
        },
    )
    .unwrap()
}

fn tmp(name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name).to_string_lossy().into_owned();
    (dir, p)
}

/// One PostgreSQL cluster for this test binary (each test makes its own database in it);
/// `None`, said once, where PostgreSQL 15 is not installed. It is stopped by its watchdog
/// when the binary exits.
fn cluster() -> Option<&'static PgCluster> {
    static CLUSTER: OnceLock<Option<PgCluster>> = OnceLock::new();
    CLUSTER
        .get_or_init(|| {
            if !PgCluster::available() {
                eprintln!("store tests: PostgreSQL skipped, 15 is not installed");
                return None;
            }
            Some(PgCluster::start(Durability::Fast).expect("the test cluster starts"))
        })
        .as_ref()
}

/// A `--db` string of each persistent store: a new SQLite file, and a new PostgreSQL
/// database where PostgreSQL is installed (the guard keeps the file's folder).
fn dbs(name: &str) -> Vec<(Option<tempfile::TempDir>, String)> {
    let (d, path) = tmp(name);
    let mut out = vec![(Some(d), path)];
    if let Some(c) = cluster() {
        out.push((None, c.new_database().unwrap()));
    }
    out
}

#[test]
fn the_same_input_twice_adds_nothing() {
    for (_d, db) in dbs("s.db") {
        let ing = ingest(open(&db).unwrap(), &[docs()]);
        let t = ing.totals();
        assert_eq!((t.read, t.new, t.duplicates), (5, 4, 1));
        let before = ing.store().counts().unwrap();
        drop(ing);
        let again = ingest(open(&db).unwrap(), &[docs()]);
        let t = again.totals();
        assert_eq!((t.read, t.new, t.duplicates, t.stories_new), (5, 0, 5, 0));
        assert_eq!(again.store().counts().unwrap(), before);
        assert_eq!(before.carriers, 5, "the copy's input is kept as a carrier");
    }
}

#[test]
fn exact_copies_are_carriers_of_one_document() {
    let ing = ingest(MemoryStore::default(), &[docs()]);
    let list = listing(ing.store());
    let bridge = list
        .iter()
        .find(|s| s.label == "Harbor bridge shut")
        .unwrap();
    assert_eq!(
        bridge.inputs.as_deref().unwrap(),
        ["a.txt", "c.txt", "d.txt"]
    );
    assert_eq!(bridge.outlets, ["Outlet a", "Outlet c", "Outlet d"]);
    assert_eq!(bridge.documents, 2);
    assert_eq!(bridge.first.as_deref(), Some("2025-03-03"));
    assert_eq!(bridge.last.as_deref(), Some("2025-03-04"));
    assert_eq!(list[0].label, "Miners rescued", "latest first");
}

#[test]
fn memory_and_sqlite_agree_and_reopening_restores_the_clusterer() {
    let all = docs();
    let mem = ingest(
        MemoryStore::default(),
        &[all[..2].to_vec(), all[2..].to_vec()],
    );
    for (_d, db) in dbs("r.db") {
        drop(ingest(open(&db).unwrap(), &[all[..2].to_vec()]));
        // A new process: the clusterer is restored from the store, not re-computed.
        let sql = ingest(open(&db).unwrap(), &[all[2..].to_vec()]);
        assert_eq!(listing(mem.store()), listing(sql.store()), "{db}");
        assert_eq!(mem.store().counts().unwrap(), sql.store().counts().unwrap());
        assert_eq!(
            listing(mem.store()),
            listing(&open_read_only(&db).unwrap()),
            "{db} read only"
        );
    }
}

/// Two made-up stories and a sign-up box that two outlets carried, word for word.
fn docs_and_furniture() -> Vec<Document> {
    let signup = "Please enable JavaScript in your browser to view this page. Sign up for our \
                  newsletter to get breaking news. Read our privacy policy and terms of use.";
    let mut all = docs();
    all.insert(1, doc("x.txt", None, "2025-03-03", signup));
    all.push(doc("y.txt", None, "2025-04-11", signup));
    all
}

fn furniture_is_in_no_story<S: Store>(store: S) {
    let ing = ingest(store, &[docs_and_furniture()]);
    let t = ing.totals();
    assert_eq!((t.read, t.new, t.duplicates), (7, 5, 2));
    assert_eq!((t.stories_new, t.stories_grown), (2, 0));
    let counts = ing.store().counts().unwrap();
    assert_eq!(
        (counts.documents, counts.carriers, counts.stories),
        (5, 7, 2)
    );
    let list = listing(ing.store());
    assert_eq!(list.len(), 2, "{list:?}");
    for s in &list {
        let inputs = s.inputs.as_deref().unwrap();
        assert!(
            !inputs.iter().any(|i| i == "x.txt" || i == "y.txt"),
            "{s:?}"
        );
    }
    assert!(ing.store().story_documents(NO_STORY).unwrap().is_empty());
    assert!(ing.store().story_document_ids(NO_STORY).unwrap().is_empty());
    assert_eq!(
        cached_state(ing.store(), NO_STORY, "md").unwrap(),
        CachedState::NoStory
    );
    let page = ing.store().search("newsletter").unwrap();
    assert_eq!(page.len(), 1, "stored and searchable");
    assert_eq!(ing.store().story_of(page[0]).unwrap(), Some(NO_STORY));
}

#[test]
fn issue10_furniture_is_stored_but_in_no_story() {
    furniture_is_in_no_story(MemoryStore::default());
    for (_d, db) in dbs("f.db") {
        furniture_is_in_no_story(open(&db).unwrap());
        // Reopened: the same input adds nothing, and the listing is unchanged.
        let before = listing(&open_read_only(&db).unwrap());
        let again = ingest(open(&db).unwrap(), &[docs_and_furniture()]);
        let t = again.totals();
        assert_eq!((t.new, t.stories_new, t.stories_grown), (0, 0, 0), "{db}");
        assert_eq!(listing(again.store()), before, "{db}");
    }
}

#[test]
fn search_finds_stories_by_a_word() {
    let mut all: Vec<Box<dyn Store>> = vec![Box::new(
        ingest(MemoryStore::default(), &[docs()]).into_store(),
    )];
    let dbs = dbs("f.db");
    for (_d, db) in &dbs {
        all.push(Box::new(ingest(open(db).unwrap(), &[docs()]).into_store()));
    }
    for s in all.iter().map(|s| s.as_ref()) {
        let q = |w: &str| {
            stories(
                s,
                &StoryQuery {
                    search: Some(w.into()),
                    ..StoryQuery::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|s| s.label)
            .collect::<Vec<_>>()
        };
        assert_eq!(q("Korvel"), ["Miners rescued"]);
        assert_eq!(q("relatives GATE"), ["Miners rescued"]);
        assert_eq!(q("ferries"), ["Harbor bridge shut"]);
        assert!(q("ferries Korvel").is_empty());
        assert!(q("\"OR*").is_empty(), "user input is never FTS5 syntax");
        assert!(q("Korvel or ferries").is_empty(), "`or` is a word, not OR");
        assert!(q("ferries -Korvel").is_empty(), "`-` is no NOT");
        assert_eq!(q("harbor-bridge"), ["Harbor bridge shut"], "title words");
        let since = stories(
            s,
            &StoryQuery {
                since: Some("2025-04-01".parse().unwrap()),
                ..StoryQuery::default()
            },
        )
        .unwrap();
        assert_eq!(since.len(), 1);
    }
}

#[test]
fn story_documents_keep_their_text_and_order() {
    for (_d, db) in dbs("t.db") {
        let sql = ingest(open(&db).unwrap(), &[docs()]);
        let list = listing(sql.store());
        let bridge = list
            .iter()
            .find(|s| s.label == "Harbor bridge shut")
            .unwrap();
        let members = sql.store().story_documents(bridge.id).unwrap();
        let names: Vec<&str> = members.iter().map(|(_, d)| d.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "c.txt"]);
        assert_eq!(members[0].1.text, docs()[0].text);
        assert_eq!(members[0].1.meta, docs()[0].meta);
    }
}

#[test]
fn story_of_a_document_agrees_with_the_rows_and_the_stories_members() {
    let mut all: Vec<Box<dyn Store>> = vec![Box::new(
        ingest(MemoryStore::default(), &[docs()]).into_store(),
    )];
    let dbs = dbs("t.db");
    for (_d, db) in &dbs {
        all.push(Box::new(ingest(open(db).unwrap(), &[docs()]).into_store()));
    }
    for store in all.iter().map(|s| s.as_ref()) {
        let rows = store.rows().unwrap();
        assert!(rows.len() >= 3);
        for r in &rows {
            assert_eq!(store.story_of(r.id).unwrap(), Some(r.story));
            let members = store.story_documents(r.story).unwrap();
            assert!(members.iter().any(|(id, _)| *id == r.id));
        }
        let unknown = rows.iter().map(|r| r.id).max().unwrap() + 1;
        assert_eq!(store.story_of(unknown).unwrap(), None);
        assert_eq!(store.story_of(0).unwrap(), None);
    }
}

#[test]
fn a_cached_report_is_current_only_for_the_story_members_it_was_made_from() {
    for (_d, db) in dbs("c.db") {
        cache_follows_members(open(&db).unwrap());
    }
    cache_follows_members(MemoryStore::default());
}

fn cache_follows_members<S: Store>(store: S) {
    let all = docs();
    let mut store = ingest(store, &[all[..2].to_vec()]).into_store();
    let bridge = listing(&store)
        .iter()
        .find(|s| s.label == "Harbor bridge shut")
        .unwrap()
        .id;
    let ids = store.story_document_ids(bridge).unwrap();
    let members = store.story_documents(bridge).unwrap();
    assert_eq!(ids, members.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    assert_eq!(
        cached_state(&store, 999, "json").unwrap(),
        CachedState::NoStory
    );
    assert_eq!(
        cached_state(&store, bridge, "json").unwrap(),
        CachedState::Stale,
        "nothing cached yet"
    );
    let report = CachedReport {
        key: report_key(&ids),
        body: b"{}".to_vec(),
    };
    store.put_report(bridge, "json", &report).unwrap();
    assert_eq!(
        cached_state(&store, bridge, "json").unwrap(),
        CachedState::Current(report)
    );
    assert_eq!(
        cached_state(&store, bridge, "md").unwrap(),
        CachedState::Stale,
        "another kind"
    );
    // The story grows (c.txt joins the bridge story): the cached report is stale.
    let store = ingest(store, &[all[2..].to_vec()]).into_store();
    let grown = store.story_document_ids(bridge).unwrap();
    assert!(grown.len() > ids.len(), "{grown:?}");
    assert_eq!(
        cached_state(&store, bridge, "json").unwrap(),
        CachedState::Stale
    );
}

#[test]
fn schema_is_versioned_and_a_newer_store_is_refused() {
    let (_d, path) = tmp("v.db");
    drop(SqliteStore::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))
            .unwrap(),
        1
    );
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
    assert!(matches!(
        SqliteStore::open_read_only(&path),
        Err(StoreError::TooNew { .. })
    ));
}

#[test]
fn a_reader_works_while_a_writer_holds_a_transaction() {
    let (_d, path) = tmp("w.db");
    drop(ingest(SqliteStore::open(&path).unwrap(), &[docs()]));
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM carriers;")
        .unwrap();
    let reader = SqliteStore::open_read_only(&path).unwrap();
    assert_eq!(
        reader.counts().unwrap().carriers,
        5,
        "the reader sees the last commit"
    );
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn postgres_schema_is_versioned_and_a_newer_store_is_refused() {
    let Some(c) = cluster() else { return };
    let db = c.new_database().unwrap();
    drop(open(&db).unwrap());
    drop(open(&db).unwrap());
    let mut client = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    let version = |client: &mut postgres::Client| -> i32 {
        client
            .query_one("SELECT version FROM schema_version", &[])
            .unwrap()
            .get(0)
    };
    assert_eq!(version(&mut client), 1, "opening twice migrates once");
    client
        .execute("UPDATE schema_version SET version = 99", &[])
        .unwrap();
    assert!(matches!(
        open(&db),
        Err(StoreError::TooNew { found: 99, .. })
    ));
    assert!(matches!(
        open_read_only(&db),
        Err(StoreError::TooNew { .. })
    ));
    let empty = c.new_database().unwrap();
    let e = open_read_only(&empty).unwrap_err().to_string();
    assert!(e.contains("schema version 0"), "{e}");
}

#[test]
fn postgres_batches_are_atomic_and_a_reader_sees_the_last_commit() {
    let Some(c) = cluster() else { return };
    let db = c.new_database().unwrap();
    drop(ingest(open(&db).unwrap(), &[docs()]));
    let mut writer = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    let mut tx = writer.transaction().unwrap();
    tx.execute("DELETE FROM carriers", &[]).unwrap();
    let reader = open_read_only(&db).unwrap();
    assert_eq!(reader.counts().unwrap().carriers, 5);
    tx.rollback().unwrap();
    // A reader cannot write.
    let mut reader = reader;
    let e = reader
        .put_report(
            1,
            "json",
            &CachedReport {
                key: "k".into(),
                body: vec![],
            },
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("read-only"), "{e}");
}

#[test]
fn a_bad_postgres_url_is_a_clear_error_without_the_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = open(&format!("postgres://ann:secret@127.0.0.1:{port}/news"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&format!("postgres://ann:***@127.0.0.1:{port}/news")),
        "{e}"
    );
    assert!(!e.contains("secret"), "{e}");
}

#[test]
fn postgres_restarted_between_batches_loses_nothing_and_stores_nothing_twice() {
    // A cluster of its own (this test stops the server as a crash would), durable: with the
    // tests' fsync and synchronous_commit off, a crash loses the last commits by design.
    if cluster().is_none() {
        return;
    }
    let c = PgCluster::start(Durability::Default).unwrap();
    let all = docs();
    let whole = ingest(
        MemoryStore::default(),
        &[all[..2].to_vec(), all[2..].to_vec()],
    );
    let db = c.new_database().unwrap();
    let mut ing = ingest(open(&db).unwrap(), &[all[..2].to_vec()]);
    c.restart().unwrap();
    // The connection is gone: the batch fails with an error, and nothing of it is stored.
    let e = ing.add_batch(all[2..].to_vec()).unwrap_err().to_string();
    assert!(e.contains(&db), "{e}");
    drop(ing);
    let reopened = open_read_only(&db).unwrap();
    assert_eq!(
        reopened.counts().unwrap().documents,
        2,
        "whole batches only"
    );
    // The same batch again, from a new connection, ends where an uninterrupted run ends.
    let again = ingest(open(&db).unwrap(), std::slice::from_ref(&all));
    assert_eq!(listing(again.store()), listing(whole.store()));
    assert_eq!(
        again.store().counts().unwrap(),
        whole.store().counts().unwrap()
    );
}
