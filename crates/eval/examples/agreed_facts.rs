//! Agreed facts on Multi-News stories: how many facts each story gets (by independent
//! sources), and how much of each fact's representative statement the reference summary
//! holds (content-word precision): facts that most sources state should be what a summary
//! tells, so a higher precision at the same count means facts nearer the story's core. A
//! check made apart from the seeds' gold, for changes to the alignment.
//!
//! `cargo run --release -p triangulate-eval --example agreed_facts -- SRC TGT SKIP LIMIT [EVERY]`
//! (Multi-News lines), or `... -- duc DIR SKIP LIMIT [EVERY]` (DIR/docs/TOPIC/*, DIR/models/TOPIC.*:
//! a duc2006-dev style folder, all reference summaries of a topic together).
//! With EVERY, the facts of every EVERY-th story with 3 or more sources are printed, each
//! statement with its document, for reading by hand.

use std::collections::HashSet;
use std::path::Path;

use triangulate_eval::summary::{read_text, story_documents};
use triangulate_eval::summary_dir::read_topics;
use triangulate_story::{Story, StoryOptions};

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
        .filter(|w| !triangulate_text::is_stopword(w))
        .collect()
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 5 {
        eprintln!("usage: agreed_facts SRC TGT SKIP LIMIT [EVERY]");
        std::process::exit(2);
    }
    let skip: usize = a[3].parse().expect("SKIP");
    let limit: usize = a[4].parse().expect("LIMIT");
    let every: Option<usize> = a.get(5).map(|x| x.parse().expect("EVERY"));
    let inputs: Vec<(usize, Vec<triangulate_core::Document>, String)> = if a[1] == "duc" {
        let dir = Path::new(&a[2]);
        read_topics(&dir.join("docs"), &dir.join("models"), skip, Some(limit))
            .expect("DIR")
            .into_iter()
            .enumerate()
            .map(|(i, t)| (skip + i, t.docs, t.models.join("\n")))
            .collect()
    } else {
        let src = read_text(Path::new(&a[1])).expect("SRC");
        let tgt = read_text(Path::new(&a[2])).expect("TGT");
        src.lines()
            .zip(tgt.lines())
            .enumerate()
            .skip(skip)
            .take(limit)
            .map(|(i, (line, r))| (i, story_documents(&format!("s{i}"), line), r.to_string()))
            .collect()
    };
    let (mut stories, mut f2, mut f3, mut held, mut total) = (0, 0, 0, 0usize, 0usize);
    for (i, docs, reference) in inputs {
        if docs.len() < 2 {
            continue;
        }
        stories += 1;
        let story = Story::build(docs, &StoryOptions::default());
        let refw: HashSet<String> = words(&reference).into_iter().collect();
        let show = every.is_some_and(|e| i % e == 0);
        for f in &story.agreements {
            f2 += 1;
            if f.independent_sources < 3 {
                continue;
            }
            f3 += 1;
            let rep = story.docs[f.span.doc.index()].doc.slice(f.span);
            let w = words(rep);
            held += w.iter().filter(|x| refw.contains(*x)).count();
            total += w.len();
            if show {
                println!("== story {i}, {} sources", f.independent_sources);
                for s in &f.spans {
                    let t = story.docs[s.doc.index()].doc.slice(*s).replace('\n', " ");
                    println!("  [{}] {t}", s.doc.0);
                }
            }
        }
    }
    println!(
        "stories {stories}  facts (2+ sources) {f2}  facts (3+) {f3}  representative words in the reference {:.1}% ({held}/{total})",
        100.0 * held as f64 / total.max(1) as f64
    );
}
