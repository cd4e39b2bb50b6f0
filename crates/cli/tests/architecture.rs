//! Checks the invariants of ARCHITECTURE.md that can be read off the source tree:
//! which workspace crates each crate may depend on, and that analysis crates do no I/O.

use std::fs;
use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Names under `[dependencies]` of a crate's Cargo.toml.
fn dependencies(krate: &str) -> Vec<String> {
    let toml = fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let mut in_deps = false;
    let mut out = Vec::new();
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps {
            if let Some((name, _)) = line.split_once(['=', '.']) {
                let name = name.trim();
                if !name.is_empty() && !name.starts_with('#') {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

fn rust_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn workspace_dependencies_point_one_way() {
    let allowed: &[(&str, &[&str])] = &[
        ("core", &[]),
        ("text", &["core"]),
        ("readers", &["core", "text"]),
        ("attribution", &["core", "text"]),
        ("time", &["core", "text"]),
        ("story", &["core", "text", "attribution", "time"]),
        ("stream", &["core", "text"]),
        ("store", &["core", "stream"]),
        ("queue", &["core", "text", "store"]),
        ("render", &["core", "text", "story", "attribution", "time"]),
        (
            "server",
            &["core", "readers", "story", "render", "stream", "store"],
        ),
        (
            "eval",
            &[
                "core",
                "text",
                "readers",
                "attribution",
                "time",
                "story",
                "stream",
            ],
        ),
    ];
    for (krate, ok) in allowed {
        let deps = dependencies(krate);
        assert!(
            !deps.is_empty() || *krate == "core",
            "could not read crates/{krate}/Cargo.toml"
        );
        for dep in deps {
            if let Some(inner) = dep.strip_prefix("triangulate-") {
                assert!(
                    ok.contains(&inner),
                    "crates/{krate} must not depend on {dep} (ARCHITECTURE.md)"
                );
            }
            assert_ne!(dep, "triangulate", "nothing depends on the binary");
        }
    }
}

#[test]
fn analysis_crates_do_no_io() {
    let io_crates = [
        "reqwest",
        "hyper",
        "ureq",
        "rusqlite",
        "sqlx",
        "tokio",
        "axum",
        "walkdir",
        "async-nats",
        "postgres",
        "triangulate-store",
        "triangulate-queue",
    ];
    let io_calls = [
        "std::fs",
        "std::net",
        "std::env",
        "File::open",
        "std::process",
        "stdin()",
    ];
    for krate in ["core", "text", "attribution", "time", "story", "stream"] {
        for dep in dependencies(krate) {
            assert!(
                !io_crates.contains(&dep.as_str()),
                "crates/{krate} depends on I/O crate {dep}"
            );
        }
        let mut files = Vec::new();
        rust_sources(&crates_dir().join(krate).join("src"), &mut files);
        assert!(!files.is_empty());
        for f in files {
            let src = fs::read_to_string(&f).unwrap();
            for call in io_calls {
                assert!(
                    !src.contains(call),
                    "{} uses {call}: analysis does no I/O",
                    f.display()
                );
            }
        }
    }
}

#[test]
fn architecture_doc_maps_every_crate() {
    let doc = fs::read_to_string(crates_dir().join("../ARCHITECTURE.md")).unwrap();
    for e in fs::read_dir(crates_dir()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            doc.contains(&format!("### `crates/{name}`")),
            "ARCHITECTURE.md has no code-map section for crates/{name}"
        );
    }
}
