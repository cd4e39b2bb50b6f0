//! Sentence splitting measured on Multi-News text, which was lower-cased and then
//! re-capitalized at the sentence starts found by the data set's own splitter: a capitalized
//! word there marks a sentence start. Prints how far our boundaries agree with those, and
//! the reading + analysis speed.
//!
//! `zcat ../shared/data/multi-news-dev/dev.src.gz > /tmp/dev.src &&
//!  cargo run --release -p triangulate-readers --example split_stats -- /tmp/dev.src`

use std::time::Instant;

use triangulate_readers::{documents_from_bytes, Format};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: split_stats FILE [show]");
    let show = std::env::args().nth(2).is_some();
    let bytes = std::fs::read(&path).expect("readable file");
    let t0 = Instant::now();
    let docs = documents_from_bytes(&path, &bytes, Format::MultiNews, 0).expect("Multi-News lines");
    let t_read = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let analyses: Vec<_> = docs.iter().map(triangulate_text::analyze).collect();
    let t_analyze = t1.elapsed().as_secs_f64();
    let (mut ours, mut theirs, mut both, mut sentences, mut tokens) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    for (d, a) in docs.iter().zip(&analyses) {
        sentences += a.sentences.len() as u64;
        tokens += a.tokens.len() as u64;
        let mut starts = vec![false; a.tokens.len()];
        for s in a.sentences.iter().skip(1) {
            starts[s.first_token as usize] = true;
        }
        for (i, t) in a.tokens.iter().enumerate().skip(1) {
            // Their start: the first word after the previous token that is capitalized.
            let word = t.text(&d.text);
            let cap = word.starts_with(char::is_uppercase);
            // Our start may be a quote or bracket before the word: look one token back.
            let ours_here = starts[i]
                || (starts[i - 1]
                    && !a.tokens[i - 1]
                        .text(&d.text)
                        .starts_with(char::is_alphanumeric));
            let is_word = word.starts_with(char::is_alphabetic);
            if !is_word {
                continue;
            }
            if ours_here {
                ours += 1;
            }
            if cap {
                theirs += 1;
            }
            if ours_here && cap {
                both += 1;
            }
            if show && ours_here != cap {
                let lo = a.tokens[i.saturating_sub(6)].start as usize;
                let hi = a.tokens[(i + 4).min(a.tokens.len() - 1)].end as usize;
                let tag = if ours_here { "OURS" } else { "THEIRS" };
                println!(
                    "{tag}\t{} ‖ {}",
                    &d.text[lo..t.start as usize],
                    &d.text[t.start as usize..hi]
                );
            }
        }
    }
    let p = both as f64 / ours.max(1) as f64;
    let r = both as f64 / theirs.max(1) as f64;
    println!(
        "documents {} sentences {sentences} tokens {tokens} MB {:.1}",
        docs.len(),
        bytes.len() as f64 / 1e6
    );
    println!(
        "read {t_read:.2}s analyze {t_analyze:.2}s ({:.1} MB/s analyze, one thread)",
        bytes.len() as f64 / 1e6 / t_analyze
    );
    println!("boundaries: ours {ours}, capitalized starts {theirs}, agree {both}: precision {:.3} recall {:.3}", p, r);
}
