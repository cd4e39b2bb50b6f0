//! The objective gap between the summarizer's coverage solver ([`CoverageProblem::solve`],
//! local search) and an exact ILP solver, on duc2006-dev topics: for each topic, the pure
//! coverage program the summarizer solves (concepts as `Concepts::build` has them, the
//! candidates of at least `MIN_WORDS` words, `WORDS` words) is written as a CPLEX LP file
//! `OUT/TOPIC.lp` for CBC, and the local search's objective and time are printed.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example coverage_gap -- \
//!     ../shared/data/duc2006-dev 30 20 250 10 /tmp/coverage-lp
//! for f in /tmp/coverage-lp/*.lp; do cbc "$f" solve | grep 'Objective value'; done
//! ```

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use triangulate_core::Document;
use triangulate_eval::summary_dir::read_topics;
use triangulate_story::summary::{features, Concepts, CoverageProblem, Model};
use triangulate_text::TextAnalysis;

fn problem(docs: &[Document], words: usize, min_words: usize) -> (CoverageProblem, Vec<String>) {
    let analyses: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(analyses.iter()).collect();
    let scored = features(&pairs);
    let set = &scored.set;
    let concepts = Concepts::build(&pairs, set, Model::get().concept_documents);
    let n = set.len();
    let lengths: Vec<usize> = (0..n)
        .map(|i| {
            let r = set.sentence(i);
            docs[r.doc].slice(r.span).split_whitespace().count()
        })
        .collect();
    let texts = (0..n)
        .map(|i| {
            let r = set.sentence(i);
            docs[r.doc].slice(r.span).replace('\n', " ")
        })
        .collect();
    let p = CoverageProblem {
        concepts: (0..n).map(|i| concepts.of(i).to_vec()).collect(),
        weights: (0..concepts.len())
            .map(|c| concepts.weight(c as u32) as f64)
            .collect(),
        value: vec![0.0; n],
        allowed: (0..n)
            .map(|i| scored.candidate[i] && lengths[i] >= min_words)
            .collect(),
        lengths,
        budget: words,
    };
    (p, texts)
}

/// The program as a CPLEX LP file: maximize the covered concepts' weight; a sentence covers
/// its concepts, a concept is covered only by a chosen sentence holding it.
fn lp(p: &CoverageProblem) -> String {
    let n = p.lengths.len();
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); p.weights.len()];
    for i in (0..n).filter(|&i| p.allowed[i]) {
        for &c in &p.concepts[i] {
            holders[c as usize].push(i);
        }
    }
    let used: Vec<usize> = (0..p.weights.len())
        .filter(|&c| !holders[c].is_empty() && p.weights[c] > 0.0)
        .collect();
    let mut s = String::from("Maximize\n obj:");
    for (k, &c) in used.iter().enumerate() {
        let _ = write!(s, " + {} c{c}", p.weights[c]);
        if k % 8 == 7 {
            s.push_str("\n ");
        }
    }
    s.push_str("\nSubject To\n len:");
    for (k, i) in (0..n).filter(|&i| p.allowed[i]).enumerate() {
        let _ = write!(s, " + {} s{i}", p.lengths[i]);
        if k % 8 == 7 {
            s.push_str("\n ");
        }
    }
    let _ = writeln!(s, " <= {}", p.budget);
    for i in (0..n).filter(|&i| p.allowed[i]) {
        for &c in &p.concepts[i] {
            let _ = writeln!(s, " a{i}_{c}: s{i} - c{c} <= 0");
        }
    }
    for &c in &used {
        let _ = write!(s, " b{c}:");
        for (k, &i) in holders[c].iter().enumerate() {
            let _ = write!(s, " + s{i}");
            if k % 8 == 7 {
                s.push_str("\n ");
            }
        }
        let _ = writeln!(s, " - c{c} >= 0");
    }
    s.push_str("Binary\n");
    for &c in &used {
        let _ = writeln!(s, " c{c}");
    }
    for i in (0..n).filter(|&i| p.allowed[i]) {
        let _ = writeln!(s, " s{i}");
    }
    s.push_str("End\n");
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 7 {
        return Err("usage: coverage_gap DUC_DIR SKIP LIMIT WORDS MIN_WORDS OUT_DIR".into());
    }
    let duc = Path::new(&args[1]);
    let skip: usize = args[2].parse()?;
    let limit: usize = args[3].parse()?;
    let words: usize = args[4].parse()?;
    let min_words: usize = args[5].parse()?;
    let out = Path::new(&args[6]);
    std::fs::create_dir_all(out)?;
    let topics = read_topics(&duc.join("docs"), &duc.join("models"), skip, Some(limit))?;
    for t in &topics {
        let (p, texts) = problem(&t.docs, words, min_words);
        let start = Instant::now();
        let greedy = p.objective(&p.solve_greedy());
        let chosen = p.solve(None, true);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let candidates = p.allowed.iter().filter(|&&a| a).count();
        std::fs::write(out.join(format!("{}.lp", t.name)), lp(&p))?;
        if std::env::var_os("COVERAGE_PRINT").is_some() {
            for &i in &chosen {
                println!("  [{}] {}", p.lengths[i], texts[i]);
            }
        }
        println!(
            "{}\tcandidates {candidates}\tgreedy {greedy}\tlocal {}\t{ms:.1} ms",
            t.name,
            p.objective(&chosen)
        );
    }
    Ok(())
}
