//! Sentence lengths in tokens, for choosing the bound on over-long sentences
//! (`triangulate_text::MAX_SENTENCE_TOKENS`, issue 13): prints the longest sentences of
//! the input and how many sentences exceed a few lengths.
//!
//! `cargo run --release -p triangulate-readers --example sentence_lengths -- PATH... [--multinews]`
//! (a Multi-News `.src` file must be unzipped first).

use triangulate_readers::{fs::read_paths, Format};

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let format = if paths.iter().any(|p| p == "--multinews") {
        paths.retain(|p| p != "--multinews");
        Format::MultiNews
    } else {
        Format::Auto
    };
    let docs = read_paths(&paths, format).expect("readable input");
    let mut lengths: Vec<(usize, String)> = Vec::new();
    for d in &docs {
        let a = triangulate_text::analyze(d);
        for s in &a.sentences {
            let text = &d.text[s.start as usize..s.end as usize];
            let head: String = text.chars().take(80).collect();
            lengths.push((s.token_range().len(), head));
        }
    }
    lengths.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    println!("{} documents, {} sentences", docs.len(), lengths.len());
    for bound in [100, 150, 200, 250, 300, 400] {
        let over = lengths.iter().filter(|(n, _)| *n > bound).count();
        println!("over {bound} tokens: {over}");
    }
    for (n, head) in lengths.iter().take(5) {
        println!("{n:6} {}", head.replace('\n', " "));
    }
}
