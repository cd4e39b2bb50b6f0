//! The queue (issue 15) with real servers: `ingest --queue` into nats-server (JetStream),
//! `worker`s into PostgreSQL, compared with `ingest` of the same input into a SQLite file:
//! the same counts, content keys (in store-id order), carriers and stories with their
//! members, however many workers ran, and when a worker, nats-server or PostgreSQL is killed
//! mid-stream. Skips, saying so, where nats-server or PostgreSQL 15 is not installed.

mod common;

use common::{bin, ok, ok_within};

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use triangulate_queue::nats_server::NatsServer;
use triangulate_store::postgres_cluster::{Durability, PgCluster};

/// Documents a batch holds in these tests: small, so that a small input makes many batches
/// and their order matters.
const BATCH: &str = "7";

fn json(cmd: &mut Command) -> Value {
    serde_json::from_slice(&ok(cmd)).unwrap()
}

/// Both servers, or `None` (with the skip message).
fn servers(test: &str) -> Option<(NatsServer, PgCluster)> {
    let nats = NatsServer::start_or_skip(test)?;
    let pg = PgCluster::start_or_skip(test)?;
    Some((nats, pg))
}

/// harbor-bridge and the seeds (where ../shared is present).
fn small_inputs() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(data) = common::data() {
        if data.join("seeds-jim").is_dir() {
            paths.extend(common::seed_files(&data));
        }
    }
    paths.push(common::harbor());
    paths
}

/// The first `lines` stories of multi-news-dev as a plain Multi-News file in `dir` (a few
/// hundred articles, so that a kill lands mid-stream), or `None` where ../shared is absent.
fn dev_sample(dir: &Path, lines: usize) -> Option<PathBuf> {
    let src = common::data()?.join("multi-news-dev/dev.src.gz");
    if !src.is_file() {
        println!(
            "skipping the multi-news-dev sample: {} absent",
            src.display()
        );
        return None;
    }
    let out = dir.join("sample.src");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "zcat '{}' | head -n {lines} > '{}'",
            src.display(),
            out.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    Some(out)
}

/// `ingest` into a fresh SQLite file: the counts (without the time).
fn ingest_sqlite(file: &Path, inputs: &[String]) -> Value {
    let mut v = json(
        bin()
            .env("TRIANGULATE_INGEST_BATCH", BATCH)
            .args(["ingest", "--json", "--db", file.to_str().unwrap()])
            .args(inputs),
    );
    v.as_object_mut().unwrap().remove("seconds");
    v
}

/// `ingest --queue`: the publisher's counts.
fn publish(queue: &str, inputs: &[String]) -> Value {
    json(
        bin()
            .env("TRIANGULATE_INGEST_BATCH", BATCH)
            .args(["ingest", "--json", "--queue", queue])
            .args(inputs),
    )
}

fn worker(queue: &str, db: &str) -> Command {
    let mut c = bin();
    c.args([
        "worker",
        "--queue",
        queue,
        "--db",
        db,
        "--until-idle",
        "2",
        "--ack-wait",
        "3",
        "--json",
    ]);
    c
}

/// Run `n` workers to their end (at most 10 minutes); their reports.
fn workers(queue: &str, db: &str, n: usize) -> Vec<Value> {
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..n)
            .map(|_| s.spawn(|| ok_within(&mut worker(queue, db), 600)))
            .collect();
        hs.into_iter()
            .map(|h| serde_json::from_slice(&h.join().unwrap()).unwrap())
            .collect()
    })
}

/// What the two stores must agree on: counts of documents, carriers and stories, content
/// keys in store-id order, and every story with its members.
fn assert_same(file: &Path, url: &str, what: &str) {
    let c = rusqlite::Connection::open(file).unwrap();
    let sqlite: Vec<i64> = c
        .prepare("SELECT content_key FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let count = |table: &str| -> i64 {
        c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let mut pg = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let keys: Vec<i64> = pg
        .query("SELECT content_key FROM documents ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(keys.len(), sqlite.len(), "{what}: documents");
    assert_eq!(keys, sqlite, "{what}: content keys in store-id order");
    for table in ["carriers", "stories"] {
        let n: i64 = pg
            .query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .unwrap()
            .get(0);
        assert_eq!(n, count(table), "{what}: {table}");
    }
    let pending: i64 = pg
        .query_one("SELECT COUNT(*) FROM queue_pending", &[])
        .unwrap()
        .get(0);
    assert_eq!(pending, 0, "{what}: pending rows left");
    let stories = |db: &str| json(bin().args(["stories", "--json", "--members", "--db", db]));
    assert_eq!(
        stories(url),
        stories(file.to_str().unwrap()),
        "{what}: stories with members"
    );
}

/// The assigned counts of the workers, summed (each batch is applied by one of them).
fn assigned(reports: &[Value]) -> Value {
    let mut sum = serde_json::Map::new();
    for r in reports {
        for (k, v) in r["assigned"].as_object().unwrap() {
            let s = sum.get(k).and_then(Value::as_u64).unwrap_or(0) + v.as_u64().unwrap();
            sum.insert(k.clone(), s.into());
        }
    }
    Value::Object(sum)
}

fn strings(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_workers_store_what_one_ingest_stores() {
    let Some((nats, cluster)) = servers("two_workers") else {
        return;
    };
    let dir = common::scratch("queue", "two");
    let file = dir.join("s.db");
    let inputs = strings(&small_inputs());
    let single = ingest_sqlite(&file, &inputs);
    let url = cluster.new_database().unwrap();
    let q = nats.url();
    let published = publish(&q, &inputs);
    assert_eq!(published["read"], single["read"], "{published}");
    let batches = published["batches"].as_u64().unwrap();
    assert!(batches >= 2, "several batches: {published}");
    let reports = workers(&q, &url, 2);
    let prepared: u64 = reports
        .iter()
        .map(|r| r["prepared"].as_u64().unwrap())
        .sum();
    assert!(
        prepared >= published["published"].as_u64().unwrap(),
        "{reports:?}"
    );
    let applied: u64 = reports.iter().map(|r| r["batches"].as_u64().unwrap()).sum();
    assert_eq!(applied, batches, "{reports:?}");
    let mut expected = single.clone();
    expected.as_object_mut().unwrap().remove("errors");
    assert_eq!(assigned(&reports), expected, "counts");
    assert_eq!(single["errors"], 0);
    assert_same(&file, &url, "two workers");

    // The same input published again: every document a duplicate, nothing new.
    let again = publish(&q, &inputs);
    assert_eq!(again["published"], 0, "inside the window: {again}");
    let reports = workers(&q, &url, 1);
    assert_eq!(reports[0]["assigned"]["new"], 0, "{reports:?}");
    assert_eq!(
        reports[0]["assigned"]["duplicates"], single["read"],
        "{reports:?}"
    );
    assert_same(&file, &url, "published twice");
}

#[test]
fn a_worker_needs_postgres_and_a_queue() {
    let out = bin()
        .args(["worker", "--queue", "nats://127.0.0.1:1", "--db", "x.db"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PostgreSQL"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let out = bin()
        .args(["ingest", "--queue", "nats://127.0.0.1:1"])
        .arg(common::harbor())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nats://127.0.0.1:1"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A worker running in the background, killed with SIGKILL.
/// `n` workers started in the background, their output discarded.
fn spawn_workers(queue: &str, db: &str, n: usize) -> Vec<Child> {
    (0..n)
        .map(|_| {
            worker(queue, db)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect()
}

/// Wait for each worker and require that it ended well despite `fault`.
fn all_succeed(running: Vec<Child>, fault: &str) {
    for c in running {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "a worker failed on {fault}");
    }
}

fn kill(mut c: Child) {
    c.kill().unwrap();
    c.wait().unwrap();
}

/// Wait until the store holds at least `n` documents (at most a minute).
fn wait_documents(url: &str, n: i64) {
    let start = Instant::now();
    loop {
        if let Ok(mut pg) = postgres::Client::connect(url, postgres::NoTls) {
            let got: i64 = pg
                .query_one("SELECT COUNT(*) FROM documents", &[])
                .map(|r| r.get(0))
                .unwrap_or(0);
            if got >= n {
                return;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the store never reached {n} documents"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn faults_lose_nothing_and_store_nothing_twice() {
    let Some((nats, _)) = servers("faults") else {
        return;
    };
    // PostgreSQL's own durability: the tests' fast cluster (synchronous_commit off) may
    // lose a commit when it is killed, which a worker had already acknowledged.
    let cluster = PgCluster::start(Durability::Default).unwrap();
    let dir = common::scratch("queue", "faults");
    let Some(sample) = dev_sample(&dir, 60) else {
        return;
    };
    let mut inputs = strings(&small_inputs());
    inputs.push(sample.to_str().unwrap().to_string());
    let file = dir.join("s.db");
    let single = ingest_sqlite(&file, &inputs);
    let new = single["new"].as_i64().unwrap();
    assert!(new > 100, "{single}");
    let q = nats.url();

    // A worker killed with SIGKILL after a third of the documents, then two more.
    let url = cluster.new_database().unwrap();
    publish(&q, &inputs);
    let background = spawn_workers(&q, &url, 1);
    wait_documents(&url, new / 3);
    background.into_iter().for_each(kill);
    workers(&q, &url, 2);
    assert_same(&file, &url, "a worker killed");

    // A server crashed and started again mid-stream, on a fresh stream and database: each
    // worker ends well, and the store holds what the single-process run holds.
    let crash_mid_stream = |server: &str, crash: &dyn Fn(&NatsServer)| {
        let nats = NatsServer::start().unwrap();
        let q = nats.url();
        let url = cluster.new_database().unwrap();
        publish(&q, &inputs);
        let running = spawn_workers(&q, &url, 2);
        wait_documents(&url, new / 3);
        crash(&nats);
        all_succeed(running, &format!("the {server} restart"));
        assert_same(&file, &url, &format!("{server} restarted"));
    };
    // nats-server killed (its stream and consumer survive).
    crash_mid_stream("nats-server", &|nats| nats.restart().unwrap());
    // PostgreSQL stopped (as a crash).
    crash_mid_stream("PostgreSQL", &|_| cluster.restart().unwrap());
}
