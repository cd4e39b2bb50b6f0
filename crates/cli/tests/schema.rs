//! docs/SCHEMA.md lists every key path the JSON report can hold; this test fails when the
//! output grows a key the page does not document.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

fn is_span(map: &serde_json::Map<String, serde_json::Value>) -> bool {
    ["document", "start", "end"]
        .iter()
        .all(|k| map.contains_key(*k))
        && map
            .keys()
            .all(|k| matches!(k.as_str(), "document" | "start" | "end" | "text"))
}

fn key_paths(v: &serde_json::Value, path: &str, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) if !is_span(map) => {
            for (k, x) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                out.insert(p.clone());
                key_paths(x, &p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for x in items {
                key_paths(x, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_json_key_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut inputs = vec![root.join("examples/harbor-bridge")];
    let seeds = root.join("../shared/data/seeds-jim");
    if seeds.is_dir() {
        inputs.push(seeds);
    } else {
        eprintln!("skipping the seeds part: ../shared/data not found");
    }
    let mut paths = BTreeSet::new();
    for input in inputs {
        let out = common::run(
            &["report", "--output", "json", input.to_str().unwrap()],
            "2",
        );
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        key_paths(&v, "", &mut paths);
    }
    // A report from the store adds `store_id` to each document.
    let dir = common::scratch("schema", "store");
    let db = dir.join("store.db");
    let harbor = root.join("examples/harbor-bridge");
    common::run(
        &[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            harbor.to_str().unwrap(),
        ],
        "2",
    );
    let out = common::run(
        &[
            "report",
            "-o",
            "json",
            "--story",
            "1",
            "--db",
            db.to_str().unwrap(),
        ],
        "2",
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    key_paths(&v, "", &mut paths);
    assert!(paths.contains("documents[].store_id"));
    let doc = std::fs::read_to_string(root.join("docs/SCHEMA.md")).unwrap();
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| !doc.contains(&format!("`{p}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "keys missing from docs/SCHEMA.md: {missing:?}"
    );
    assert!(
        paths.len() > 40,
        "the report should have all its sections: {paths:?}"
    );
}
