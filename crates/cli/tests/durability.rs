//! `kill -9` during `ingest`, several times at random moments, then the same ingest run to
//! the end: the store passes `PRAGMA integrity_check` after every kill and ends holding
//! exactly what an uninterrupted run holds (counts, stories and their inputs).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use triangulate_store::{SqliteStore, Store};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
}

fn scratch(name: &str) -> common::Scratch {
    common::scratch("kill", name)
}

/// A small deterministic generator (the test's "random" moments and texts).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Made-up articles: 300 events, each told by about ten outlets in their own words, spread
/// over JSONL files of 50 records.
fn corpus(dir: &Path) {
    let common = [
        "the", "said", "on", "after", "a", "in", "local", "week", "city", "were", "and", "staff",
    ];
    let mut rng = Lcg(7);
    let mut lines = Vec::new();
    for i in 0..3000u64 {
        let event = rng.next() % 300;
        let mut words: Vec<String> = Vec::new();
        for k in 0..60 {
            if k % 3 == 0 {
                words.push(format!("ev{event}term{}", rng.next() % 12));
            } else {
                words.push(common[(rng.next() % common.len() as u64) as usize].to_string());
            }
        }
        let day = 1 + event % 28;
        let text = format!("{}. Reported by desk {i}.", words.join(" "));
        lines.push(serde_json::json!({"text": text, "source": format!("Outlet {}", i % 17), "published": format!("2025-02-{day:02}")}).to_string());
    }
    for (n, chunk) in lines.chunks(50).enumerate() {
        std::fs::write(
            dir.join(format!("part-{n:03}.jsonl")),
            chunk.join("\n") + "\n",
        )
        .unwrap();
    }
}

fn ingest(db: &Path, input: &Path) -> std::process::Child {
    bin()
        .args(["ingest", "--json", "--db"])
        .arg(db)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn state(db: &Path) -> (triangulate_store::Counts, String) {
    let store = SqliteStore::open_read_only(db.to_str().unwrap()).unwrap();
    let out = bin()
        .args(["stories", "--json", "--members", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(out.status.success());
    (
        store.counts().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn killed_ingests_finish_as_an_uninterrupted_one() {
    let dir = scratch("k");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    corpus(&input);
    let whole = dir.join("whole.db");
    let t0 = Instant::now();
    assert!(ingest(&whole, &input).wait().unwrap().success());
    let full_time = t0.elapsed();
    let expected = state(&whole);
    assert!(
        expected.0.documents > 2900 && expected.0.stories > 1,
        "{:?}",
        expected.0
    );

    let killed = dir.join("killed.db");
    let mut rng = Lcg(2026);
    let mut kills_mid_run = 0;
    for _ in 0..5 {
        let mut child = ingest(&killed, &input);
        // A random moment in the first two thirds of an uninterrupted run's time (later
        // attempts skip what is stored, so a late moment would often find the run done).
        let at = full_time.mul_f64(0.05 + 0.6 * (rng.next() % 1000) as f64 / 1000.0);
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            kills_mid_run += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let store = SqliteStore::open_read_only(killed.to_str().unwrap());
        if let Ok(store) = store {
            assert_eq!(store.integrity_check().unwrap(), "ok");
        }
    }
    assert!(kills_mid_run > 0, "no kill landed during an ingest");
    assert!(ingest(&killed, &input).wait().unwrap().success());
    let store = SqliteStore::open_read_only(killed.to_str().unwrap()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(state(&killed), expected);
}
