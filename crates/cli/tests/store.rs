//! `ingest`, `stories` and `report --db` end to end: idempotence, the same report from the
//! store as from the files, search, the JSON keys, and the data-set checks (seeds,
//! harbor-bridge and clustering-ecbplus-dev in one store).

mod common;

use common::{bin, ok};

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn scratch(name: &str) -> common::Scratch {
    common::scratch("store", name)
}

fn ingest(db: &Path, paths: &[&Path]) -> Value {
    let mut c = bin();
    c.args(["ingest", "--json", "--db"]).arg(db).args(paths);
    serde_json::from_slice(&ok(&mut c)).unwrap()
}

fn stories(db: &Path, extra: &[&str]) -> Value {
    let mut c = bin();
    c.args(["stories", "--json", "--db"]).arg(db).args(extra);
    serde_json::from_slice(&ok(&mut c)).unwrap()
}

fn harbor() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge")
}

/// The report's JSON without what differs by construction between the files and the store:
/// `store_id`.
fn without_store_ids(mut v: Value) -> Value {
    for d in v["documents"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("store_id");
    }
    v
}

#[test]
fn ingest_twice_adds_nothing_and_json_keys_are_as_documented() {
    let dir = scratch("twice");
    let db = dir.join("t.db");
    let first = ingest(&db, &[&harbor()]);
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "read",
        "new",
        "duplicates",
        "near_duplicates",
        "stories_new",
        "stories_grown",
        "errors",
        "seconds",
    ];
    want.sort();
    assert_eq!(keys, want);
    assert!(first["read"].as_u64().unwrap() >= 5, "{first}");
    assert_eq!(first["new"], first["read"]);
    let before = stories(&db, &["--members"]);
    let second = ingest(&db, &[&harbor()]);
    assert_eq!(second["new"], 0);
    assert_eq!(second["duplicates"], first["read"]);
    assert_eq!(second["stories_new"], 0);
    assert_eq!(stories(&db, &["--members"]), before);
    let s = &before["stories"][0];
    let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "documents",
            "first",
            "id",
            "inputs",
            "label",
            "last",
            "outlets"
        ]
    );
    let plain = stories(&db, &[]);
    assert!(plain["stories"][0].get("inputs").is_none());
}

#[test]
fn bad_files_are_skipped_and_the_rest_goes_in() {
    let dir = scratch("bad");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(
        input.join("sub/a.txt"),
        "The Tollgate Bridge closed on Monday after inspectors found cracks, the city said.",
    )
    .unwrap();
    std::fs::write(input.join("bad.json"), "{not json").unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let db = dir.join("b.db");
    let out = bin()
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.json") && err.contains("empty.txt"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["read"].as_u64(), v["new"].as_u64(), v["errors"].as_u64()),
        (Some(1), Some(1), Some(2))
    );
}

/// The story of the store with the most inputs, and the files they came from: a report on
/// them equals the story's report from the store when the story holds every record of them.
fn story_of_files(db: &Path) -> (String, Vec<String>) {
    let list = stories(db, &["--members"]);
    let best = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|s| s["inputs"].as_array().unwrap().len())
        .expect("a story");
    let mut files: Vec<String> = best["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().split('#').next().unwrap().to_string())
        .collect();
    files.dedup();
    (best["id"].to_string(), files)
}

#[test]
fn report_from_the_store_equals_the_report_from_the_files() {
    let dir = scratch("same");
    let db = dir.join("s.db");
    ingest(&db, &[&harbor()]);
    let found = stories(&db, &["--search", "ferry"]);
    assert!(
        !found["stories"].as_array().unwrap().is_empty(),
        "search found nothing"
    );
    let none = stories(&db, &["--search", "zeppelin"]);
    assert!(none["stories"].as_array().unwrap().is_empty());
    let (id, files) = story_of_files(&db);
    let report = |c: &mut Command| -> Value { serde_json::from_slice(&ok(c)).unwrap() };
    let from_files = report(bin().args(["report", "-o", "json"]).args(&files));
    let from_store = report(
        bin()
            .args(["report", "-o", "json", "--story", &id, "--db"])
            .arg(&db),
    );
    let docs = from_store["documents"].as_array().unwrap();
    assert!(docs
        .iter()
        .all(|d| d["store_id"].as_i64().is_some_and(|i| i > 0)));
    assert!(
        without_store_ids(from_store.clone()) == from_files,
        "JSON reports differ"
    );
    let md_files = ok(bin().arg("report").args(&files));
    let md_store = ok(bin().args(["report", "--story", &id, "--db"]).arg(&db));
    assert!(md_store == md_files, "Markdown reports differ");
}

#[test]
fn reports_are_cached_by_documents_and_version() {
    use triangulate_store::{SqliteStore, Store};
    let dir = scratch("cache");
    let db = dir.join("c.db");
    ingest(&db, &[&harbor()]);
    let (id, _) = story_of_files(&db);
    let summary = || {
        ok(bin()
            .args(["report", "-o", "summary", "--story", &id, "--db"])
            .arg(&db))
    };
    let fresh = summary();
    let story: u64 = id.parse().unwrap();
    let mut store = SqliteStore::open(db.to_str().unwrap()).unwrap();
    let kind = "Summary words=100 sentences=None order=Importance";
    let mut cached = store
        .cached_report(story, kind)
        .unwrap()
        .expect("cached after a report");
    assert_eq!(cached.body, fresh);
    // A cache entry with the current key is served as is ...
    cached.body = b"from the cache\n".to_vec();
    store.put_report(story, kind, &cached).unwrap();
    assert_eq!(summary(), b"from the cache\n");
    // ... one built from other documents or by another version is rebuilt.
    cached.key = cached.key.replace("documents ", "documents 999999,");
    store.put_report(story, kind, &cached).unwrap();
    assert_eq!(summary(), fresh);
}

#[test]
fn seeds_harbor_and_ecbplus_in_one_store() {
    let Some(data) = common::data() else { return };
    let ecb = data.join("clustering-ecbplus-dev/docs");
    let seeds = data.join("seeds-jim");
    if !ecb.is_dir() || !seeds.is_dir() {
        println!("skipping: seeds-jim or clustering-ecbplus-dev not found");
        return;
    }
    let dir = scratch("mixed");
    let db = dir.join("m.db");
    let seed_files = common::seed_files(&data);
    let mut paths: Vec<&Path> = seed_files.iter().map(PathBuf::as_path).collect();
    let h = harbor();
    paths.push(&h);
    paths.push(&ecb);
    let counts = ingest(&db, &paths);
    assert_eq!(counts["errors"], 0, "{counts}");
    let list = stories(&db, &["--members"]);
    let story_of = |input: &str| -> Vec<u64> {
        list["stories"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                s["inputs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i.as_str().unwrap().starts_with(input))
            })
            .map(|s| s["id"].as_u64().unwrap())
            .collect()
    };
    let seed_stories: Vec<u64> = seed_files
        .iter()
        .flat_map(|f| story_of(f.to_str().unwrap()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let harbor_stories = story_of(h.to_str().unwrap());
    assert_eq!(
        seed_stories.len(),
        1,
        "the seeds are one story: {seed_stories:?}"
    );
    assert_eq!(
        harbor_stories.len(),
        1,
        "harbor-bridge is one story: {harbor_stories:?}"
    );
    assert_ne!(seed_stories, harbor_stories);
    let members = |id: u64| {
        list["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["inputs"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(
        members(seed_stories[0]),
        seed_files.len(),
        "nothing else in the seeds' story"
    );
    let all_inputs: Vec<String> = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_str().unwrap().to_string())
        })
        .collect();
    let n = all_inputs
        .iter()
        .filter(|i| i.starts_with(h.to_str().unwrap()))
        .count();
    assert_eq!(
        members(harbor_stories[0]),
        n,
        "nothing else in harbor-bridge's story"
    );
    // The seeds' report from the store: the same account as from the files.
    let id = seed_stories[0].to_string();
    let from_store: Value = serde_json::from_slice(&ok(bin()
        .args(["report", "-o", "json", "--story", &id, "--db"])
        .arg(&db)))
    .unwrap();
    let (from_files, _) = common::seeds_report().unwrap();
    for key in ["summary", "timeline", "quotes", "agreements", "conflicts"] {
        assert_eq!(from_store[key], from_files[key], "{key}");
    }
}

/// Same input, same stories, on any number of threads: features are computed in parallel,
/// assignment in arrival order, so one thread and two give the same store (listing with
/// members, counts, and a report from the store).
#[test]
fn ingest_gives_the_same_stories_on_one_and_two_threads() {
    let ecb = common::data()
        .map(|d| d.join("clustering-ecbplus-dev/docs"))
        .filter(|p| p.is_dir());
    if ecb.is_none() {
        println!("clustering-ecbplus-dev not found: the harbor-bridge example only");
    }
    let dir = scratch("threads");
    let h = harbor();
    let mut paths: Vec<&Path> = vec![&h];
    if let Some(e) = &ecb {
        paths.push(e);
    }
    let run = |threads: &str| -> (Value, Value, Vec<u8>) {
        let db = dir.join(format!("t{threads}.db"));
        let mut c = bin();
        c.env("RAYON_NUM_THREADS", threads)
            .args(["ingest", "--json", "--db"])
            .arg(&db)
            .args(&paths);
        let mut counts: Value = serde_json::from_slice(&ok(&mut c)).unwrap();
        counts["seconds"] = Value::Null;
        let list = stories(&db, &["--members"]);
        let first = list["stories"][0]["id"].to_string();
        let report = ok(bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["report", "-o", "json", "--story", &first, "--db"])
            .arg(&db));
        (counts, list, report)
    };
    let one = run("1");
    let two = run("2");
    assert!(one.0["new"].as_u64().unwrap() > 0, "{}", one.0);
    assert_eq!(one.0, two.0, "ingest counts differ");
    assert!(one.1 == two.1, "stories differ between 1 and 2 threads");
    assert!(one.2 == two.2, "the first story's report differs");
}
