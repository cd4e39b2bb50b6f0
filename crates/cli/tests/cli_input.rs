//! The binary on bad input: each case gets a one-line message and its own exit code, or a
//! sensible result; never a panic. Exit codes are documented in the README.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> common::Scratch {
    common::scratch("cli", name)
}

fn report(args: &[&str]) -> Output {
    bin().arg("report").args(args).output().unwrap()
}

/// Exit code, and stderr checked to be one line starting with the program name.
fn failure(out: &Output) -> (i32, String) {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with("triangulate: "), "{err:?}");
    (out.status.code().unwrap(), err)
}

fn success(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {err}", out.status.code());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const STORY: &str =
    "The Tollgate Bridge closed on Monday after inspectors found cracks, the city said.\n\
Mayor Ines Varga said repairs would take five weeks.\n\
Ferries will add sailings on Wednesday, the operator said.\n";

#[test]
fn unreadable_path_exits_3() {
    let out = report(&["/nonexistent/triangulate/article.txt"]);
    let (code, err) = failure(&out);
    assert_eq!(code, 3);
    assert!(
        err.contains("/nonexistent/triangulate/article.txt"),
        "{err}"
    );
}

#[test]
fn empty_file_and_empty_directory_exit_4() {
    let d = scratch("empty");
    let f = d.join("empty.txt");
    std::fs::write(&f, "  \n").unwrap();
    let (code, err) = failure(&report(&[f.to_str().unwrap()]));
    assert_eq!(code, 4);
    assert!(err.contains("empty"), "{err}");
    let e = d.join("nothing");
    std::fs::create_dir_all(&e).unwrap();
    let (code, _) = failure(&report(&[e.to_str().unwrap()]));
    assert_eq!(code, 4);
}

#[test]
fn a_folder_of_story_folders_exits_4_naming_them() {
    let d = scratch("tree");
    std::fs::create_dir_all(d.join("bridge")).unwrap();
    std::fs::write(d.join("bridge").join("a.txt"), STORY).unwrap();
    let (code, err) = failure(&report(&[d.to_str().unwrap()]));
    assert_eq!(code, 4);
    assert!(err.contains("bridge") && err.contains("ingest"), "{err}");
    // The story's folder itself reads.
    success(&report(&[d.join("bridge").to_str().unwrap(), "-o", "json"]));
}

#[test]
fn input_over_the_size_limit_exits_5_without_reading_it() {
    let d = scratch("large");
    let f = d.join("large.txt");
    // A sparse 200 MB file: refused on its size alone.
    std::fs::File::create(&f)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let (code, err) = failure(&report(&[f.to_str().unwrap()]));
    assert_eq!(code, 5);
    assert!(err.contains("too large"), "{err}");
    std::fs::remove_file(&f).unwrap();
}

#[test]
fn binary_file_exits_6() {
    let d = scratch("binary");
    let f = d.join("image.png");
    std::fs::write(&f, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    let (code, err) = failure(&report(&[f.to_str().unwrap()]));
    assert_eq!(code, 6);
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn json_without_text_exits_7() {
    let d = scratch("json");
    let f = d.join("records.json");
    std::fs::write(&f, r#"[{"title": "A headline only"}]"#).unwrap();
    let (code, err) = failure(&report(&[f.to_str().unwrap()]));
    assert_eq!(code, 7);
    assert!(err.contains("text"), "{err}");
}

#[test]
fn messy_but_readable_inputs_give_a_report() {
    let d = scratch("messy");
    // Invalid UTF-8 (a Windows-1252 curly quote and e-acute).
    let latin = d.join("latin.txt");
    std::fs::write(
        &latin,
        b"The caf\xe9 owner said: \x93We are open.\x94 Business was slow on Monday.\n",
    )
    .unwrap();
    let out = success(&report(&[latin.to_str().unwrap()]));
    assert!(out.contains("café") || out.contains("caf"), "{out}");
    // A single document without any sentence end.
    let bare = d.join("bare.txt");
    std::fs::write(&bare, "bridge closed no reopening date given").unwrap();
    success(&report(&[bare.to_str().unwrap()]));
    // The same document twice: read once.
    let a = d.join("a.txt");
    let b = d.join("b.txt");
    std::fs::write(&a, STORY).unwrap();
    std::fs::write(&b, STORY).unwrap();
    let json = success(&report(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--output",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1), "{json}");
}

#[test]
fn stdin_is_read() {
    let mut child = bin()
        .args(["report", "-", "--output", "summary"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(STORY.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = success(&out);
    assert!(text.contains("Tollgate"), "{text}");
}

#[test]
fn directory_with_an_unusable_file_skips_it_with_a_warning() {
    let d = scratch("dir");
    std::fs::write(d.join("a.txt"), STORY).unwrap();
    std::fs::write(d.join("b.txt"), "").unwrap();
    std::fs::write(d.join("notes.md"), "# not an article").unwrap();
    let out = report(&[d.to_str().unwrap(), "--output", "summary"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("skipped") && err.contains("b.txt"), "{err}");
    assert!(!err.contains("notes.md"), "{err}");
}

#[test]
fn the_example_story_reads() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/harbor-bridge");
    let json = success(&report(&[dir, "--output", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(6),
        "five outlets, six articles"
    );
}
