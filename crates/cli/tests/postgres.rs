//! The same input into a SQLite file and a PostgreSQL database through the binary (`ingest`,
//! `stories`, `report --db`, and `serve` on the store): equal counts, content keys, stories
//! with their members, search hits and reports. Skips, saying so, where PostgreSQL 15 is not
//! installed; adds the seeds where ../shared is present.

mod common;

use common::{bin, ok};

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use triangulate_store::postgres_cluster::PgCluster;

fn json(cmd: &mut Command) -> Value {
    serde_json::from_slice(&ok(cmd)).unwrap()
}

fn inputs() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(data) = common::data() {
        if data.join("seeds-jim").is_dir() {
            paths.extend(common::seed_files(&data));
        }
    }
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge"));
    paths
}

/// Content keys in store-id order, read with each store's own client.
fn sqlite_keys(db: &Path) -> Vec<i64> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c
        .prepare("SELECT content_key FROM documents ORDER BY id")
        .unwrap();
    let keys = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<i64>, _>>()
        .unwrap();
    keys
}

fn postgres_keys(url: &str) -> Vec<i64> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    c.query("SELECT content_key FROM documents ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// A GET on the server; the body.
fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{path}: {out}");
    out.split_once("\r\n\r\n").unwrap().1.to_string()
}

#[test]
fn sqlite_and_postgres_hold_the_same_stories_and_reports() {
    let Some(cluster) = PgCluster::start_or_skip("sqlite_and_postgres") else {
        return;
    };
    let url = cluster.new_database().unwrap();
    let dir = common::scratch("postgres", "same");
    let file = dir.join("s.db");
    let file_db = file.to_str().unwrap();
    let inputs = inputs();
    let ingest = |db: &str| {
        let mut v = json(bin().args(["ingest", "--json", "--db", db]).args(&inputs));
        v.as_object_mut().unwrap().remove("seconds");
        v
    };
    let first = ingest(file_db);
    assert!(first["new"].as_u64().unwrap() >= 5, "{first}");
    assert_eq!(ingest(&url), first, "ingest counts");
    let keys = sqlite_keys(&file);
    assert_eq!(keys.len() as u64, first["new"].as_u64().unwrap());
    assert_eq!(postgres_keys(&url), keys, "content keys, in store-id order");
    // Again: nothing new in either.
    let again = ingest(&url);
    assert_eq!(again["new"], 0, "{again}");
    assert_eq!(again["duplicates"], first["read"], "{again}");

    let stories =
        |db: &str, extra: &[&str]| json(bin().args(["stories", "--json", "--db", db]).args(extra));
    let listing = stories(file_db, &["--members"]);
    assert!(
        listing["stories"].as_array().unwrap().len() >= 2,
        "{listing}"
    );
    assert_eq!(
        stories(&url, &["--members"]),
        listing,
        "stories with members"
    );
    for words in ["ferry", "bridge inspectors", "Halden", "zeppelin", "\"or -"] {
        let hits = stories(file_db, &["--search", words]);
        assert_eq!(stories(&url, &["--search", words]), hits, "search {words}");
    }
    assert!(!stories(&url, &["--search", "ferry"])["stories"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        stories(&url, &["--since", "2000-01-01"]),
        stories(file_db, &["--since", "2000-01-01"])
    );

    // Reports of every story, twice on PostgreSQL (built, then from its cache).
    for s in listing["stories"].as_array().unwrap() {
        let id = s["id"].to_string();
        let report =
            |db: &str| ok(bin().args(["report", "-o", "json", "--story", &id, "--db", db]));
        let from_file = report(file_db);
        assert!(report(&url) == from_file, "report of story {id}");
        assert!(report(&url) == from_file, "cached report of story {id}");
    }

    // The server on each store: the same API answers.
    let file_server = triangulate_server::spawn(file_db, "127.0.0.1:0".parse().unwrap()).unwrap();
    let pg_server = triangulate_server::spawn(&url, "127.0.0.1:0".parse().unwrap()).unwrap();
    let id = listing["stories"][0]["id"].to_string();
    for path in [
        "/api/stories".to_string(),
        "/api/stories?search=ferry".to_string(),
        format!("/api/stories/{id}"),
        "/api/documents/1".to_string(),
    ] {
        assert_eq!(
            get(pg_server.addr(), &path),
            get(file_server.addr(), &path),
            "{path}"
        );
    }
    assert!(get(pg_server.addr(), "/").contains("</html>"));
    file_server.stop();
    pg_server.stop();
}

#[test]
fn a_postgres_store_that_is_not_there_is_a_clear_error() {
    let Some(cluster) = PgCluster::start_or_skip("postgres_not_there") else {
        return;
    };
    let url = cluster.url("no_such_database");
    let out = bin().args(["stories", "--db", &url]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no_such_database") && err.contains("does not exist"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let empty = cluster.new_database().unwrap();
    let out = bin().args(["stories", "--db", &empty]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("schema version 0"), "{err}");
}
