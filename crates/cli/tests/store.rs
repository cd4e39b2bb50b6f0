//! `ingest`, `stories` and `report --db` end to end: idempotence, the same report from the
//! store as from the files, search, the JSON keys, and the data-set checks (seeds,
//! harbor-bridge and clustering-ecbplus-dev in one store).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("triangulate-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    out.stdout
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
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec!["read", "new", "duplicates", "near_duplicates", "stories_new", "stories_grown", "errors", "seconds"];
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
    assert_eq!(keys, ["documents", "first", "id", "inputs", "label", "last", "outlets"]);
    let plain = stories(&db, &[]);
    assert!(plain["stories"][0].get("inputs").is_none());
}

#[test]
fn bad_files_are_skipped_and_the_rest_goes_in() {
    let dir = scratch("bad");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("sub/a.txt"), "The Tollgate Bridge closed on Monday after inspectors found cracks, the city said.").unwrap();
    std::fs::write(input.join("bad.json"), "{not json").unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let db = dir.join("b.db");
    let out = bin().args(["ingest", "--json", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("empty.txt"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["read"].as_u64(), v["new"].as_u64(), v["errors"].as_u64()), (Some(1), Some(1), Some(2)));
}

#[test]
fn report_from_the_store_equals_the_report_from_the_files() {
    let dir = scratch("same");
    let db = dir.join("s.db");
    ingest(&db, &[&harbor()]);
    let list = stories(&db, &["--search", "ferry"]);
    let found = list["stories"].as_array().unwrap();
    assert!(!found.is_empty(), "{list}");
    let id = found[0]["id"].to_string();
    let from_files: Value = serde_json::from_slice(&ok(bin().args(["report", "-o", "json"]).arg(harbor()))).unwrap();
    let report = |c: &mut Command| -> Value { serde_json::from_slice(&ok(c)).unwrap() };
    let mut c = bin();
    c.args(["report", "-o", "json", "--story", &id, "--db"]).arg(&db);
    let from_store = report(&mut c);
    let docs = from_store["documents"].as_array().unwrap();
    assert!(docs.iter().all(|d| d["store_id"].as_i64().is_some_and(|i| i > 0)));
    assert_eq!(without_store_ids(from_store.clone()), from_files);
    // Cached: the second run returns the same bytes.
    let mut again = bin();
    again.args(["report", "-o", "json", "--story", &id, "--db"]).arg(&db);
    assert_eq!(report(&mut again), from_store);
    let md_files = ok(bin().arg("report").arg(harbor()));
    let md_store = ok(bin().args(["report", "--story", &id, "--db"]).arg(&db));
    assert_eq!(String::from_utf8_lossy(&md_store), String::from_utf8_lossy(&md_files));
}

#[test]
fn a_cached_report_is_rebuilt_when_the_story_changes() {
    let dir = scratch("cache");
    let db = dir.join("c.db");
    let files: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(harbor()).unwrap().map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e != "md")).collect();
        v.sort();
        v
    };
    let first: Vec<&Path> = files[..3].iter().map(PathBuf::as_path).collect();
    ingest(&db, &first);
    let id = stories(&db, &[])["stories"][0]["id"].to_string();
    let summary = |db: &Path| ok(bin().args(["report", "-o", "json", "--story", &id, "--db"]).arg(db));
    let before: Value = serde_json::from_slice(&summary(&db)).unwrap();
    let all: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    ingest(&db, &all);
    let after: Value = serde_json::from_slice(&summary(&db)).unwrap();
    assert_eq!(before["documents"].as_array().unwrap().len(), 3);
    let from_files: Value = serde_json::from_slice(&ok(bin().args(["report", "-o", "json"]).arg(harbor()))).unwrap();
    assert_eq!(after["documents"], from_files["documents"].as_array().map(|d| {
        let ids = after["documents"].as_array().unwrap().iter().map(|x| x["store_id"].clone());
        Value::Array(d.iter().zip(ids).map(|(x, id)| { let mut x = x.clone(); x["store_id"] = id; x }).collect())
    }).unwrap(), "not the stale cache");
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
        list["stories"].as_array().unwrap().iter()
            .filter(|s| s["inputs"].as_array().unwrap().iter().any(|i| i.as_str().unwrap().starts_with(input)))
            .map(|s| s["id"].as_u64().unwrap()).collect()
    };
    let seed_stories: Vec<u64> = seed_files.iter().flat_map(|f| story_of(f.to_str().unwrap())).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let harbor_stories = story_of(h.to_str().unwrap());
    assert_eq!(seed_stories.len(), 1, "the seeds are one story: {seed_stories:?}");
    assert_eq!(harbor_stories.len(), 1, "harbor-bridge is one story: {harbor_stories:?}");
    assert_ne!(seed_stories, harbor_stories);
    let members = |id: u64| list["stories"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()["inputs"].as_array().unwrap().len();
    assert_eq!(members(seed_stories[0]), seed_files.len(), "nothing else in the seeds' story");
    let harbor_inputs = stories(&{ let d = dir.join("h.db"); ingest(&d, &[&h]); d }, &["--members"]);
    assert_eq!(harbor_inputs["stories"].as_array().unwrap().len(), 1);
    let n = harbor_inputs["stories"][0]["inputs"].as_array().unwrap().len();
    assert_eq!(members(harbor_stories[0]), n, "nothing else in harbor-bridge's story");
    // The seeds' report from the store: the same account as from the files.
    let id = seed_stories[0].to_string();
    let from_store: Value = serde_json::from_slice(&ok(bin().args(["report", "-o", "json", "--story", &id, "--db"]).arg(&db))).unwrap();
    let (from_files, _) = common::seeds_report().unwrap();
    for key in ["summary", "timeline", "quotes", "agreements", "conflicts"] {
        assert_eq!(from_store[key], from_files[key], "{key}");
    }
}
