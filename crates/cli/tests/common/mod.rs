//! Helpers shared by the integration tests that run the binary on the seeds.
//! Each test file uses a subset of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// `../shared/data`, or `None` (with the skip message) where it is absent.
pub fn data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipping: ../shared/data not found");
        None
    }
}

/// The seed articles (`seeds-jim/*.txt`), sorted.
pub fn seed_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("seeds-jim"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// `seeds-jim/gold.json`.
pub fn gold(data: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(data.join("seeds-jim/gold.json")).unwrap())
        .unwrap()
}

/// Run the binary with `args` on `threads` rayon threads; its stdout, after asserting success.
pub fn run(args: &[&str], threads: &str) -> Vec<u8> {
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

/// The JSON report of the seeds and gold.json, or `None` where the data is absent.
pub fn seeds_report() -> Option<(Value, Value)> {
    let data = data()?;
    let files = seed_files(&data);
    let mut args: Vec<&str> = vec!["report", "--output", "json"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let report = serde_json::from_slice(&run(&args, "2")).unwrap();
    Some((report, gold(&data)))
}

/// Lower-cased text with whitespace runs collapsed, for comparing spans with gold strings.
pub fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
}

/// Run `cmd`; its stdout, after asserting success and no panic.
pub fn ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    out.stdout
}

/// A fresh scratch directory for one test (`prefix` names the test file), removed when the
/// test passes; kept, and named on stderr, when it fails, to look into.
pub fn scratch(prefix: &str, name: &str) -> Scratch {
    let d = std::env::temp_dir().join(format!(
        "triangulate-{prefix}-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    Scratch(d)
}

/// A test's scratch directory (see [`scratch`]).
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("test failed: its files are kept in {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Run `cmd` to its end, at most `secs` seconds (killed and failed after that: a command
/// that waits on another process must fail the test, not hang it); its stdout, after
/// asserting success and no panic.
pub fn ok_within(cmd: &mut Command, secs: u64) -> Vec<u8> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads, so a large output cannot stall the child.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        so.read_to_end(&mut b).unwrap();
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        se.read_to_end(&mut b).unwrap();
        b
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed().as_secs() >= secs {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{cmd:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    let err = String::from_utf8_lossy(&err);
    assert!(status.success(), "{cmd:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    out
}

/// `examples/harbor-bridge`.
pub fn harbor() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-bridge")
}
