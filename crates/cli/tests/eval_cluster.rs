//! `triangulate eval cluster`: a made-up directory of articles with gold stories in, scores
//! out; bad input is a message and a non-zero exit.

mod common;

use std::fs;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
}

/// Two stories told three times each, in words written for this test.
const DOCS: &[(&str, &str, &str)] = &[
    ("a1.txt", "bridge", "The Harbor Bridge in Portview will close for six weeks of repairs, city engineers said on Monday. Cracks were found in two steel girders during an inspection. Commuters were told to use the ferry while the bridge is closed."),
    ("a2.txt", "flood", "Heavy rain flooded the lower town of Millbrook on Monday, forcing two hundred families from their homes. The river rose three metres overnight and the fire brigade rescued residents by boat."),
    ("a3.txt", "bridge", "Portview engineers confirmed the Harbor Bridge closure. The cracked steel girders will be replaced and the bridge should reopen in April; the ferry adds sailings for commuters during the repairs."),
    ("a4.txt", "flood", "Millbrook families forced from their homes by the flood may return on Thursday, the fire brigade said, as the river fell after heavy rain flooded the lower town."),
    ("a5.txt", "bridge", "Commuters crowded the Portview ferry on Tuesday, the first day the Harbor Bridge was closed for repairs to its cracked steel girders."),
    ("a6.txt", "flood", "The regional governor promised aid to Millbrook after the river flooded the lower town and the fire brigade rescued residents by boat from their flooded homes."),
];

fn fixture(name: &str) -> common::Scratch {
    let dir = common::scratch("eval-cluster", name);
    fs::create_dir_all(dir.join("docs")).unwrap();
    let mut gold = String::new();
    for (file, story, text) in DOCS {
        fs::write(dir.join("docs").join(file), text).unwrap();
        gold.push_str(&format!("{file}\t{story}\n"));
    }
    fs::write(dir.join("gold.tsv"), gold).unwrap();
    dir
}

#[test]
fn scores_a_directory_with_gold_stories() {
    let dir = fixture("ok");
    let out = bin()
        .args(["eval", "cluster", "--json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 6);
    assert_eq!(v["gold_stories"], 2);
    for key in ["bcubed", "pairwise"] {
        for k in ["p", "r", "f"] {
            let x = v[key][k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{key}.{k} = {x}");
        }
    }
    assert!(v["seconds"].as_f64().is_some());
    // Two clearly different stories: nothing of one is put with the other.
    assert_eq!(v["bcubed"]["p"], 1.0, "{v}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_gold_file_naming_a_missing_document_is_an_error() {
    let dir = fixture("missing");
    fs::remove_file(dir.join("docs").join("a3.txt")).unwrap();
    let out = bin().args(["eval", "cluster"]).arg(&dir).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("a3.txt"));
    let _ = fs::remove_dir_all(&dir);
}
