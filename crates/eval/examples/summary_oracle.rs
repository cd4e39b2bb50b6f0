//! Where the Multi-News summary loses ROUGE: a greedy ROUGE oracle against the shipped
//! summarizer on the first STORIES validation stories (never dev), at WORDS words.
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example summary_oracle -- \
//!     ../shared/data/multi-news-train 1000 230
//! ```
//! The oracle adds, one at a time, the candidate sentence that most raises ROUGE-1 + ROUGE-2
//! F1 of the summary cut at WORDS words (as evaluation cuts it), while one does. Printed: both
//! scores; for the sentences each picks, where they stand (position in their document, words,
//! the story's document count) and how the learned score ranks the oracle's sentences.

use std::path::Path;

use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_eval::rouge::rouge;
use triangulate_eval::summary::{read_text, reference_lines, story_documents};
use triangulate_readers::multinews::story_lines;
use triangulate_story::summary::{features, summarize_with, Budget, Fit, Model, Order};
use triangulate_text::TextAnalysis;

/// What one story tells: both scores and the picked sentences' traits.
#[derive(Default, Clone)]
struct Tally {
    stories: f64,
    oracle: (f64, f64),
    ours: (f64, f64),
    /// Per side (0 oracle, 1 ours): picked sentences, at index 0 / 1 / 2 / 3+ of their
    /// document, summed words, from the story's first document.
    picked: [f64; 2],
    position: [[f64; 4]; 2],
    words: [f64; 2],
    first_doc: [f64; 2],
    /// Our sentences the oracle picked too.
    shared: f64,
    /// Rank (0 best) of each oracle sentence by the learned score among the candidates,
    /// in buckets 0-4, 5-9, 10-19, 20+.
    rank: [f64; 4],
    not_candidate: f64,
    /// Per side: words in the summary as scored (after the cut), the mean
    /// [`SentenceSet::doc_spread`] of the picks, stories whose last sentence is cut and the
    /// words the cut drops.
    used: [f64; 2],
    spread: [f64; 2],
    last_cut: [f64; 2],
    dropped: [f64; 2],
    /// Rank buckets (as `rank`) of our own picks.
    our_rank: [f64; 4],
    /// Oracle sentences we did not pick: at or over the redundancy cut against one of our
    /// picks (kept out by redundancy), under it (outranked); with a cosine of 0.2+ to one of
    /// our picks (a near neighbour was taken instead).
    missed_redundant: f64,
    missed_outranked: f64,
    missed_near: f64,
}

fn cut(texts: &[&str], words: usize) -> String {
    let mut out = Vec::new();
    let mut left = words;
    for t in texts {
        if left == 0 {
            break;
        }
        let w: Vec<&str> = t.split_whitespace().take(left).collect();
        left -= w.len();
        out.push(w.join(" "));
    }
    out.join("\n")
}

fn story(line: &str, reference: &str, words: usize) -> Tally {
    let docs: Vec<Document> = story_documents("val", line);
    let analyses: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(analyses.iter()).collect();
    let reference = reference_lines(reference);
    let scored = features(&pairs);
    let model = Model::get();
    let n = scored.set.len();
    let text = |i: usize| {
        let r = scored.set.sentence(i);
        docs[r.doc].slice(r.span)
    };
    // Oracle.
    let mut chosen: Vec<usize> = Vec::new();
    let mut best_score = 0.0;
    loop {
        let used: usize = chosen
            .iter()
            .map(|&i| text(i).split_whitespace().count())
            .sum();
        if used >= words {
            break;
        }
        let mut best: Option<(usize, f64)> = None;
        for i in 0..n {
            if chosen.contains(&i) || !scored.candidate[i] {
                continue;
            }
            let mut t: Vec<&str> = chosen.iter().map(|&j| text(j)).collect();
            t.push(text(i));
            let r = rouge(&reference, &cut(&t, words));
            let s = r.rouge1.f + r.rouge2.f;
            if s > best_score && best.is_none_or(|b| s > b.1) {
                best = Some((i, s));
            }
        }
        let Some((i, s)) = best else { break };
        chosen.push(i);
        best_score = s;
    }
    let t: Vec<&str> = chosen.iter().map(|&j| text(j)).collect();
    let oracle_text = cut(&t, words);
    let o = rouge(&reference, &oracle_text);
    // Ours.
    let summary = summarize_with(
        &pairs,
        Budget::Words(words),
        Order::Importance,
        Fit::Cut,
        model,
    );
    let ours: Vec<usize> = summary
        .iter()
        .filter_map(|s| {
            (0..n).find(|&i| {
                scored.set.sentence(i).span.start == s.span.start
                    && scored.set.sentence(i).span.doc == s.span.doc
            })
        })
        .collect();
    let our_text = summary
        .iter()
        .map(|s| docs[s.span.doc.index()].slice(s.span))
        .collect::<Vec<_>>()
        .join("\n");
    let u = rouge(&reference, &our_text);
    let mut tally = Tally {
        stories: 1.0,
        oracle: (o.rouge1.f, o.rouge2.f),
        ours: (u.rouge1.f, u.rouge2.f),
        ..Tally::default()
    };
    for (side, picks) in [&chosen, &ours].into_iter().enumerate() {
        for &i in picks {
            let r = scored.set.sentence(i);
            tally.picked[side] += 1.0;
            tally.position[side][r.sentence.min(3)] += 1.0;
            tally.words[side] += scored.set.word_count(i) as f64;
            tally.first_doc[side] += (r.doc == 0) as u8 as f64;
            tally.spread[side] += scored.set.doc_spread(i) as f64;
        }
    }
    tally.used = [
        oracle_text.split_whitespace().count() as f64,
        our_text.split_whitespace().count() as f64,
    ];
    // The last sentence's fate: words of it the cut drops.
    let whole = |i: usize| text(i).split_whitespace().count();
    let oracle_whole: usize = chosen.iter().map(|&i| whole(i)).sum();
    if oracle_whole > words {
        tally.last_cut[0] = 1.0;
        tally.dropped[0] = (oracle_whole - words) as f64;
    }
    if let (Some(s), Some(&i)) = (summary.last(), ours.last()) {
        let kept = docs[s.span.doc.index()]
            .slice(s.span)
            .split_whitespace()
            .count();
        if kept < whole(i) {
            tally.last_cut[1] = 1.0;
            tally.dropped[1] = (whole(i) - kept) as f64;
        }
    }
    for &i in &chosen {
        if ours.contains(&i) {
            continue;
        }
        let near = ours
            .iter()
            .map(|&j| scored.set.cosine(i, j))
            .fold(0.0f32, f32::max);
        if near >= model.redundancy {
            tally.missed_redundant += 1.0;
        } else {
            tally.missed_outranked += 1.0;
        }
        if near >= 0.2 {
            tally.missed_near += 1.0;
        }
    }
    tally.shared = ours.iter().filter(|i| chosen.contains(i)).count() as f64;
    let mut order: Vec<usize> = (0..n).filter(|&i| scored.candidate[i]).collect();
    let score: Vec<f32> = scored.features.iter().map(|f| model.score(f)).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    for &i in &ours {
        if let Some(k) = order.iter().position(|&j| j == i) {
            tally.our_rank[match k {
                0..5 => 0,
                5..10 => 1,
                10..20 => 2,
                _ => 3,
            }] += 1.0
        }
    }
    for &i in &chosen {
        match order.iter().position(|&j| j == i) {
            Some(k) => {
                tally.rank[match k {
                    0..5 => 0,
                    5..10 => 1,
                    10..20 => 2,
                    _ => 3,
                }] += 1.0
            }
            None => tally.not_candidate += 1.0,
        }
    }
    tally
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/data/multi-news-train"),
    );
    let stories: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let words: usize = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(230);
    let src = read_text(&dir.join("val.src.gz"))?;
    let tgt = read_text(&dir.join("val.tgt.gz"))?;
    let src: Vec<&str> = story_lines(&src).take(stories).collect();
    let tgt: Vec<&str> = story_lines(&tgt).take(stories).collect();
    let all: Vec<Tally> = src
        .par_iter()
        .zip(tgt.par_iter())
        .map(|(s, t)| story(s, t, words))
        .collect();
    let mut t = Tally::default();
    for x in &all {
        t.stories += x.stories;
        t.oracle.0 += x.oracle.0;
        t.oracle.1 += x.oracle.1;
        t.ours.0 += x.ours.0;
        t.ours.1 += x.ours.1;
        for s in 0..2 {
            t.picked[s] += x.picked[s];
            t.words[s] += x.words[s];
            t.first_doc[s] += x.first_doc[s];
            t.used[s] += x.used[s];
            t.spread[s] += x.spread[s];
            t.last_cut[s] += x.last_cut[s];
            t.dropped[s] += x.dropped[s];
            for k in 0..4 {
                t.position[s][k] += x.position[s][k];
            }
        }
        t.shared += x.shared;
        for k in 0..4 {
            t.rank[k] += x.rank[k];
            t.our_rank[k] += x.our_rank[k];
        }
        t.missed_redundant += x.missed_redundant;
        t.missed_outranked += x.missed_outranked;
        t.missed_near += x.missed_near;
        t.not_candidate += x.not_candidate;
    }
    let n = t.stories;
    println!(
        "{} val stories, {words} words: oracle F1 R-1 {:.2} R-2 {:.2}; ours {:.2} / {:.2}",
        n,
        100.0 * t.oracle.0 / n,
        100.0 * t.oracle.1 / n,
        100.0 * t.ours.0 / n,
        100.0 * t.ours.1 / n
    );
    for (s, name) in ["oracle", "ours"].iter().enumerate() {
        let p = t.picked[s];
        println!(
            "{name}: {:.2} sentences a story, {:.1} words each; at index 0/1/2/3+ of their document {:.1}/{:.1}/{:.1}/{:.1} %; from the first document {:.1} %",
            p / n,
            t.words[s] / p,
            100.0 * t.position[s][0] / p,
            100.0 * t.position[s][1] / p,
            100.0 * t.position[s][2] / p,
            100.0 * t.position[s][3] / p,
            100.0 * t.first_doc[s] / p
        );
        println!(
            "{name}: {:.1} words a summary as scored; mean doc_spread {:.3}; last sentence cut in {:.1} % of stories, {:.1} words dropped when cut",
            t.used[s] / n,
            t.spread[s] / p,
            100.0 * t.last_cut[s] / n,
            t.dropped[s] / t.last_cut[s].max(1.0)
        );
    }
    let q = t.picked[1];
    println!(
        "our picks by learned-score rank 0-4/5-9/10-19/20+: {:.1}/{:.1}/{:.1}/{:.1} %",
        100.0 * t.our_rank[0] / q,
        100.0 * t.our_rank[1] / q,
        100.0 * t.our_rank[2] / q,
        100.0 * t.our_rank[3] / q
    );
    let missed = t.missed_redundant + t.missed_outranked;
    println!(
        "oracle sentences we did not pick: {:.2} a story; {:.1} % at or over the redundancy cut against one of ours, {:.1} % outranked; {:.1} % with a cosine of 0.2+ to one of ours",
        missed / n,
        100.0 * t.missed_redundant / missed.max(1.0),
        100.0 * t.missed_outranked / missed.max(1.0),
        100.0 * t.missed_near / missed.max(1.0)
    );
    let p = t.picked[0];
    println!(
        "of ours, {:.1} % are oracle sentences; oracle sentences by learned-score rank 0-4/5-9/10-19/20+: {:.1}/{:.1}/{:.1}/{:.1} %, not candidates {:.1} %",
        100.0 * t.shared / t.picked[1],
        100.0 * t.rank[0] / p,
        100.0 * t.rank[1] / p,
        100.0 * t.rank[2] / p,
        100.0 * t.rank[3] / p,
        100.0 * t.not_candidate / p
    );
    Ok(())
}
