//! Where the injection benchmark's contradictions are lost, step by step: for each injected
//! story whose contradiction was not found, the first step of the finder that none of the
//! changed value's mentions passes (no value read, no partner value in another document,
//! not a candidate pair, the other value stated too, judged a different attribute, judged
//! the same but lost in assembly), counted by the kind of value injected.
//!
//! Also the benchmark's figures: found, and untouched stories with a contradiction (all, and
//! those with 5 or more numbers).
//!
//! `cargo run --release -p triangulate-eval --example conflict_losses -- SRC GENERATOR [SEED]
//! [SKIP] [LIMIT] [STAGE]`; with STAGE (a prefix, "3"), the misses at that step are printed
//! with their words; with "alarms", the untouched stories with a contradiction (line numbers,
//! for `conflict_misses SRC alarms STORY...`).

use std::collections::BTreeMap;

use rayon::prelude::*;
use triangulate_eval::inject;

/// The kind of value, finer than the generator's: money, shares, durations and "N years
/// ago" apart from other counts, by the words around the changed value.
fn class(kind: &str, before: &str, after: &str) -> &'static str {
    let next: Vec<String> = after
        .split_whitespace()
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let first = next.first().map_or("", String::as_str);
    let second = next.get(1).map_or("", String::as_str);
    let b = before.trim_end();
    match kind {
        "day" => "day",
        "year" => "year",
        "age" => "age",
        _ if b.ends_with(['$', '£', '€']) => "money",
        _ if matches!(first, "percent" | "per") || after.starts_with('%') => "percent",
        _ if second == "ago" => "ago",
        _ if matches!(
            first.trim_end_matches('s'),
            "year" | "month" | "week" | "day" | "hour" | "minute" | "second" | "decade"
        ) =>
        {
            "duration"
        }
        _ if matches!(first, "million" | "billion" | "thousand") => "scaled",
        "words" => "words",
        _ => "count",
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src_path = &args[0];
    let generator: inject::Generator = args[1].parse().expect("GENERATOR");
    let seed: u64 = args.get(2).map_or(1, |s| s.parse().expect("SEED"));
    let skip: usize = args.get(3).map_or(0, |s| s.parse().expect("SKIP"));
    let limit: usize = args
        .get(4)
        .map_or(usize::MAX, |s| s.parse().expect("LIMIT"));
    let show = args.get(5).cloned();
    let src = triangulate_eval::summary::read_text(std::path::Path::new(src_path))
        .expect("readable source");
    let lines: Vec<(usize, &str)> = triangulate_readers::multinews::story_lines(&src)
        .enumerate()
        .skip(skip)
        .take(limit)
        .collect();
    let results: Vec<_> = lines
        .par_iter()
        .map(|&(i, line)| {
            let docs = triangulate_eval::summary::story_documents(&format!("line{}", i + 1), line);
            let r = inject::run_story_with(generator, docs.clone(), seed, i);
            (i, docs, r)
        })
        .collect();
    let alarms = results
        .iter()
        .filter(|r| r.2.untouched_contradictions > 0)
        .count();
    let rich = results.iter().filter(|r| r.2.numbers >= 5).count();
    let rich_alarms = results
        .iter()
        .filter(|r| r.2.numbers >= 5 && r.2.untouched_contradictions > 0)
        .count();
    println!(
        "untouched stories with a contradiction: {alarms} of {} ({:.1}%); with 5+ numbers {rich_alarms} of {rich} ({:.1}%)",
        results.len(),
        100.0 * alarms as f64 / results.len().max(1) as f64,
        100.0 * rich_alarms as f64 / rich.max(1) as f64
    );
    if show.as_deref() == Some("alarms") {
        let ids: Vec<String> = results
            .iter()
            .filter(|r| r.2.untouched_contradictions > 0)
            .map(|r| r.0.to_string())
            .collect();
        println!("alarms: {}", ids.join(" "));
    }
    let rows: Vec<(usize, &'static str, &'static str, String)> = results
        .into_par_iter()
        .filter_map(|(i, docs, r)| {
            let inj = r.injection?;
            let (changed, _) = generator.inject(docs, seed, i).expect("same injection");
            let d = inj.document as usize;
            let text = &changed[d].text;
            let (lo, hi) = inj.context(text, 90);
            let c = class(&inj.kind, &text[lo..inj.start], &text[inj.end..hi]);
            let words = format!(
                "{} -> {}: ...{}[[{}]]{}...",
                inj.old,
                inj.new,
                text[lo..inj.start].replace('\n', " "),
                &text[inj.start..inj.end],
                text[inj.end..hi].replace('\n', " ")
            );
            let stage = if r.found_document {
                "0 found"
            } else {
                let ranges: Vec<(usize, usize)> = std::iter::once((inj.start, inj.end))
                    .chain(inj.also.iter().copied())
                    .collect();
                let analyzed: Vec<_> = changed
                    .into_iter()
                    .map(triangulate_story::analyze_document)
                    .collect();
                triangulate_story::agreement::loss_stage(&analyzed, d, &ranges)
            };
            Some((i, c, stage, words))
        })
        .collect();
    let found = rows.iter().filter(|r| r.2 == "0 found").count();
    println!(
        "injected {}, found (right document) {found} ({:.1}%)",
        rows.len(),
        100.0 * found as f64 / rows.len().max(1) as f64
    );
    let mut table: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut stages: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, c, s, _) in &rows {
        *table.entry(c).or_default().entry(s).or_default() += 1;
        *table.entry("all").or_default().entry(s).or_default() += 1;
        *stages.entry(s).or_default() += 1;
    }
    print!("{:<10} {:>5}", "kind", "n");
    for s in stages.keys() {
        print!(" | {s:>20}");
    }
    println!();
    for (c, by) in &table {
        print!("{c:<10} {:>5}", by.values().sum::<usize>());
        for s in stages.keys() {
            print!(" | {:>20}", by.get(s).copied().unwrap_or(0));
        }
        println!();
    }
    if let Some(show) = show {
        for (i, c, s, w) in &rows {
            if s.starts_with(show.as_str()) {
                println!("story {i} {c} {s}: {w}");
            }
        }
    }
}
