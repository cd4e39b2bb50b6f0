//! The store while an ingest runs (issue 10): `stories` and `report --db` work from another
//! process while `ingest` is in the middle of its input (it reads a FIFO the test holds
//! open); the story grows with a wire copy and its cached report is rebuilt, the copy shows
//! in the report's coverage as one wire group with its original; and `report` on files and
//! `ingest` agree on what an exact duplicate is (one rule: `triangulate_text::content_key`).
#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{bin, harbor, ok_within, scratch};
use serde_json::{json, Value};
use triangulate_store::{SqliteStore, Store};

/// Seconds any one command may take before the test fails instead of hanging.
const LIMIT: u64 = 120;

fn json_of(cmd: &mut Command) -> Value {
    serde_json::from_slice(&ok_within(cmd, LIMIT)).unwrap()
}

fn stories(db: &Path) -> Value {
    json_of(
        bin()
            .args(["stories", "--json", "--members", "--db"])
            .arg(db),
    )
}

/// The story whose inputs include harbor-bridge's wire story, and its number of documents.
fn harbor_story(db: &Path) -> (String, u64) {
    let list = stories(db);
    let s = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i.as_str().unwrap().ends_with("01-harbor-wire.txt"))
        })
        .unwrap_or_else(|| panic!("no story holds the harbor wire story: {list}"));
    (s["id"].to_string(), s["documents"].as_u64().unwrap())
}

fn report_json(db: &Path, id: &str) -> Value {
    json_of(
        bin()
            .args(["report", "-o", "json", "--story", id, "--db"])
            .arg(db),
    )
}

/// The JSON report's cache kind (as `report --db` names it for `-o json` and the defaults).
const JSON_KIND: &str = "Json words=100 sentences=None order=Importance";

/// Records for the FIFO: a wire copy of harbor-bridge's wire story (new headline, first
/// sentence changed, last paragraph left out, another outlet) and an exact duplicate of
/// another harbor article that differs only in case, spacing and punctuation.
/// Returns them as JSONL lines.
fn records() -> (String, String) {
    let wire = std::fs::read_to_string(harbor().join("01-harbor-wire.txt")).unwrap();
    let (first, rest) = wire.split_once("\n\n").unwrap();
    assert!(first.contains("Tollgate Bridge"));
    let body = rest.trim_end();
    let body = &body[..body.rfind("\n\n").unwrap()];
    let copy = format!(
        "PORT HALDEN (Harbor Wire) — Port Halden shut the Tollgate Bridge to all traffic on Monday after inspectors found three cracks in a steel plate under its lift span, officials said.\n\n{body}\n"
    );
    let courier = std::fs::read_to_string(harbor().join("03-kell-valley-courier.txt")).unwrap();
    let lowered = courier
        .to_lowercase()
        .replace("\n\n", "\n \n\n")
        .replace(',', " ,");
    assert_ne!(lowered, courier);
    let a = json!({"text": copy, "title": "Tollgate Bridge shut over cracked plate", "source": "Coastal Daily", "url": "https://coastal.example/tollgate"});
    let b = json!({"text": lowered, "source": "Reprint Weekly"});
    (a.to_string(), b.to_string())
}

fn spawn_ingest(db: &Path, input: &Path) -> Child {
    bin()
        .args(["ingest", "--json", "--db"])
        .arg(db)
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn stories_and_reports_work_while_an_ingest_runs() {
    let dir = scratch("live", "fifo");
    let db = dir.join("live.db");
    // The harbor-bridge story, stored and reported (so its report is cached).
    json_of(
        bin()
            .args(["ingest", "--json", "--db"])
            .arg(&db)
            .arg(harbor()),
    );
    let (id, n) = harbor_story(&db);
    assert!(n >= 5, "harbor-bridge is one story of its articles: {n}");
    let before = report_json(&db, &id);
    assert_eq!(before["documents"].as_array().unwrap().len() as u64, n);
    // The cache is in use: an entry under the current key is served as it is.
    let story: u64 = id.parse().unwrap();
    {
        let mut store = SqliteStore::open(db.to_str().unwrap()).unwrap();
        let mut cached = store
            .cached_report(story, JSON_KIND)
            .unwrap()
            .expect("the JSON report is cached after `report --db`");
        cached.body = b"{\"from\": \"the cache\"}\n".to_vec();
        store.put_report(story, JSON_KIND, &cached).unwrap();
    }
    assert_eq!(report_json(&db, &id), json!({"from": "the cache"}));

    // An ingest reading a FIFO: it has opened the store and waits for the rest of its input.
    let fifo = dir.join("wire.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipping: mkfifo is not available");
        return;
    }
    let mut ingest = spawn_ingest(&db, &fifo);
    // Opening the write end returns once the ingest has opened the read end.
    let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    let (copy, dup) = records();
    writeln!(w, "{copy}").unwrap();
    w.flush().unwrap();

    // Meanwhile, from other processes: the listing and the (cached) report.
    let during = stories(&db);
    assert!(
        ingest.try_wait().unwrap().is_none(),
        "the ingest ended before its input did"
    );
    assert_eq!(
        harbor_story(&db).1,
        n,
        "nothing of the unfinished input shows"
    );
    assert!(!during["stories"].as_array().unwrap().is_empty());
    let searched = json_of(
        bin()
            .args(["stories", "--json", "--search", "ferries", "--db"])
            .arg(&db),
    );
    assert!(
        searched["stories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"].as_u64() == Some(story)),
        "{searched}"
    );
    assert_eq!(report_json(&db, &id), json!({"from": "the cache"}));
    assert!(ingest.try_wait().unwrap().is_none());

    // The rest of the input; the ingest ends.
    writeln!(w, "{dup}").unwrap();
    drop(w);
    let out = ingest.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&counts["read"], &counts["new"], &counts["duplicates"]),
        (&json!(2), &json!(1), &json!(1)),
        "the case-changed copy is an exact duplicate: {counts}"
    );
    assert_eq!(counts["near_duplicates"], 1, "{counts}");
    assert_eq!(counts["stories_grown"], 1, "{counts}");

    // The story grew by the wire copy, and its report was rebuilt with it.
    assert_eq!(harbor_story(&db).1, n + 1);
    let after = report_json(&db, &id);
    let docs = after["documents"].as_array().expect("a rebuilt report");
    assert_eq!(docs.len() as u64, n + 1);
    let at = |suffix: &str| {
        docs.iter()
            .position(|d| d["input"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("no document {suffix}"))
    };
    let (original, copy_at) = (at("01-harbor-wire.txt"), at("wire.jsonl#1"));
    // The wire copy and its original are one wire group of the coverage.
    let groups = after["coverage"]["wire_groups"].as_array().unwrap();
    assert!(
        groups.iter().any(|g| {
            let g: Vec<u64> = g
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap())
                .collect();
            g.contains(&(original as u64)) && g.contains(&(copy_at as u64))
        }),
        "wire groups {groups:?}"
    );

    // `report` on the same files agrees: the duplicate is dropped and the copy kept ...
    let inputs = |v: &Value| -> Vec<String> {
        v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["input"].as_str().unwrap().to_string())
            .collect()
    };
    std::fs::remove_file(&fifo).unwrap();
    std::fs::write(&fifo, format!("{copy}\n{dup}\n")).unwrap();
    let files = || {
        json_of(
            bin()
                .args(["report", "-o", "json"])
                .arg(harbor())
                .arg(&fifo),
        )
    };
    assert_eq!(inputs(&files()), inputs(&after));
    // ... and without the duplicate (whose drop `report` notes on the one kept), the
    // report from the files equals the store's.
    std::fs::write(&fifo, format!("{copy}\n")).unwrap();
    let mut from_store = after.clone();
    for d in from_store["documents"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("store_id");
    }
    assert!(
        from_store == files(),
        "the store's report differs from the files'"
    );
}

#[test]
fn report_and_ingest_agree_on_exact_duplicates() {
    let dir = scratch("live", "dupes");
    let text = std::fs::read_to_string(harbor().join("04-southbank-gazette.txt")).unwrap();
    let variants = [
        ("a.txt", text.clone()),
        // Case, spacing and punctuation: the same text.
        (
            "b.txt",
            text.to_lowercase()
                .replace(". ", " . ")
                .replace('\n', "\n\n"),
        ),
        // One word changed: another text for both.
        ("c.txt", text.replacen("bridge", "span", 1)),
    ];
    assert_ne!(variants[2].1, text, "the word to change is in the article");
    for (name, t) in &variants {
        std::fs::write(dir.join(name), t).unwrap();
    }
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, t) in &variants {
        std::fs::write(input.join(name), t).unwrap();
    }
    let report = json_of(bin().args(["report", "-o", "json"]).arg(&input));
    let kept: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["input"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(kept, ["a.txt", "c.txt"]);
    let counts = json_of(
        bin()
            .args(["ingest", "--json", "--db"])
            .arg(dir.join("d.db"))
            .arg(&input),
    );
    assert_eq!(
        (&counts["read"], &counts["new"], &counts["duplicates"]),
        (&json!(3), &json!(2), &json!(1)),
        "{counts}"
    );
}
