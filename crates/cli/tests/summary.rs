//! Issue 2 summary tests through the binary: the seeds summary, and determinism across
//! thread counts. Skip when ../shared/data is absent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipping: ../shared/data not found");
        None
    }
}

fn seed_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("seeds-jim"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn run(args: &[&str], threads: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn issue2_seeds_summary_cites_three_documents_and_no_boilerplate() {
    let Some(data) = data() else { return };
    let files = seed_files(&data);
    assert_eq!(files.len(), 5);
    let mut args: Vec<&str> = vec!["report", "--output", "json"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let report: Value = serde_json::from_slice(&run(&args, "2")).unwrap();
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("seeds-jim/gold.json")).unwrap())
            .unwrap();

    let summary = report["summary"].as_array().unwrap();
    let words: usize = summary
        .iter()
        .map(|s| s["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    assert!((90..=100).contains(&words), "{words} words: {summary:#?}");

    let mut cited = BTreeSet::new();
    for s in summary {
        cited.insert(s["document"].as_u64().unwrap());
        for sp in s["supported_by"].as_array().unwrap() {
            cited.insert(sp["document"].as_u64().unwrap());
        }
    }
    assert!(cited.len() >= 3, "cites {cited:?}: {summary:#?}");

    let mut boilerplate = Vec::new();
    for doc in gold["documents"].as_object().unwrap().values() {
        for b in doc["boilerplate"].as_array().unwrap() {
            boilerplate.push(squash(b.as_str().unwrap()));
        }
    }
    assert!(!boilerplate.is_empty());
    for s in summary {
        let text = squash(s["text"].as_str().unwrap());
        for b in &boilerplate {
            assert!(
                !text.contains(b.as_str()) && !b.contains(text.as_str()),
                "summary sentence {text:?} holds boilerplate {b:?}"
            );
        }
    }
}

#[test]
fn summary_is_the_same_on_one_and_two_threads() {
    let Some(data) = data() else { return };
    let files = seed_files(&data);
    let mut args: Vec<&str> = vec!["report", "--output", "json", "--words", "150"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    assert_eq!(run(&args, "1"), run(&args, "2"));

    // 200 Multi-News stories through `eval summary --output`.
    let dev = data.join("multi-news-dev");
    let read = |name: &str| {
        let s = triangulate_eval::summary::read_text(&dev.join(name)).unwrap();
        s.lines().take(200).collect::<Vec<_>>().join("\n") + "\n"
    };
    let dir = std::env::temp_dir().join(format!("triangulate-determinism-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (src, tgt) = (dir.join("src.txt"), dir.join("tgt.txt"));
    std::fs::write(&src, read("dev.src.gz")).unwrap();
    std::fs::write(&tgt, read("dev.tgt.gz")).unwrap();
    let mut outs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.join(format!("out{threads}.txt"));
        run(
            &[
                "eval",
                "summary",
                "--format",
                "multinews",
                src.to_str().unwrap(),
                tgt.to_str().unwrap(),
                "--words",
                "100",
                "--output",
                out.to_str().unwrap(),
            ],
            threads,
        );
        outs.push(std::fs::read(&out).unwrap());
    }
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0].iter().filter(|&&b| b == b'\n').count(), 200);
}
