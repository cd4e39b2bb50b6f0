//! Issue 12 item 6: the value conflicts go one way (values -> statements -> mentions ->
//! candidates -> judge -> conflicts), the timeline and the agreement stage do not call into
//! each other, and no file of the agreement stage is over 600 lines. Read from the sources,
//! so a change that breaks the shape fails here.

use std::path::{Path, PathBuf};

/// The steps, in the order the data flows.
const STEPS: [&str; 6] = [
    "values",
    "statements",
    "mentions",
    "candidates",
    "judge",
    "conflicts",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The Rust files of a step: `NAME.rs`, or every file under `NAME/`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn step_files(step: &str) -> Vec<PathBuf> {
    let base = src().join("agreement");
    let mut out = Vec::new();
    let file = base.join(format!("{step}.rs"));
    if file.exists() {
        out.push(file);
    }
    let dir = base.join(step);
    if dir.is_dir() {
        files(&dir, &mut out);
    }
    assert!(!out.is_empty(), "no source for step {step}");
    out
}

/// The code of a file without its comments (a doc may name a later step).
fn code(p: &Path) -> String {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// True when `code` names module `m` of the agreement stage as a path.
fn names(code: &str, m: &str) -> bool {
    [
        format!("super::{m}::"),
        format!("super::{m};"),
        format!("super::super::{m}::"),
        format!("agreement::{m}::"),
        format!("super::{{{m}"),
        format!(" {m}::"),
    ]
    .iter()
    .any(|p| code.contains(p.as_str()))
}

#[test]
fn no_step_of_the_value_conflicts_calls_a_later_one() {
    for (i, step) in STEPS.iter().enumerate() {
        for f in step_files(step) {
            let c = code(&f);
            for later in &STEPS[i + 1..] {
                assert!(
                    !names(&c, later),
                    "{} (step {step}) calls into the later step {later}",
                    f.display()
                );
            }
        }
    }
}

#[test]
fn the_check_sees_a_call_into_a_later_step() {
    // The test above must be able to fail.
    assert!(names("use super::judge::{model_pairs};", "judge"));
    assert!(names(
        "let x = super::conflicts::value_conflicts(a);",
        "conflicts"
    ));
    assert!(!names("use super::values::Value;", "judge"));
}

#[test]
fn timeline_and_agreement_do_not_call_into_each_other() {
    let mut ts = Vec::new();
    files(&src().join("timeline"), &mut ts);
    assert!(!ts.is_empty(), "no source for the timeline");
    for f in ts {
        assert!(
            !code(&f).contains("agreement::"),
            "{} calls the agreement stage",
            f.display()
        );
    }
    let mut fs = Vec::new();
    files(&src().join("agreement"), &mut fs);
    for f in fs {
        assert!(
            !code(&f).contains("timeline::"),
            "{} calls the timeline",
            f.display()
        );
    }
}

#[test]
fn no_file_of_the_agreement_stage_is_over_600_lines() {
    let mut fs = Vec::new();
    files(&src().join("agreement"), &mut fs);
    for f in fs {
        let n = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(n <= 600, "{} has {n} lines", f.display());
    }
}
