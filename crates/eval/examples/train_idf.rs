//! Learn the document frequencies of the stream clusterer's terms from a Multi-News source
//! file (the prior of its online idf; see crates/stream/src/idf.rs).
//!
//! cargo run --release -p triangulate-eval --example train_idf -- SRC OUT [MIN_DF]
//! (MIN_DF default 3: rarer terms are left out; unseen terms get the highest idf anyway).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use triangulate_eval::summary::{read_text, story_documents};
use triangulate_readers::multinews::story_lines;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: train_idf SRC OUT [MIN_DF]".into());
    }
    let min_df: u32 = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(3);
    let text = read_text(Path::new(&args[0]))?;
    let lines: Vec<&str> = story_lines(&text).collect();
    let per_line: Vec<Vec<Vec<u64>>> = lines
        .par_iter()
        .enumerate()
        .map(|(i, l)| {
            story_documents(&format!("src#{}", i + 1), l)
                .iter()
                .map(triangulate_stream::document_terms)
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect();
    let mut df: HashMap<u64, u32> = HashMap::new();
    let mut n = 0u64;
    for docs in per_line {
        for terms in docs {
            n += 1;
            for t in terms {
                *df.entry(t).or_default() += 1;
            }
        }
    }
    let pairs: Vec<(u64, u32)> = df.into_iter().filter(|&(_, d)| d >= min_df).collect();
    let kept = pairs.len();
    std::fs::write(&args[1], triangulate_stream::encode_idf_table(n, pairs))?;
    eprintln!(
        "{n} documents, {kept} terms with df >= {min_df} -> {}",
        args[1]
    );
    Ok(())
}
