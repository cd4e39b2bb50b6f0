//! Print what the readers and the sentence splitter make of some inputs: metadata,
//! boilerplate, and one sentence a line. For checking the splitter by eye:
//! `cargo run -p triangulate-readers --example sentences -- FILE...`

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let docs = match triangulate_readers::fs::read_paths(&paths, Default::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for d in &docs {
        println!("=== {} {:?}", d.name, d.meta);
        for b in &d.boilerplate {
            println!("  [{:?}] {:?}", b.kind, d.slice(b.span));
        }
        for g in &d.diagnostics {
            println!("  ! {}", g.message);
        }
        let a = triangulate_text::analyze(d);
        for i in 0..a.sentences.len() {
            println!(
                "{:3} | {}",
                i,
                d.slice(a.sentence_span(d, i)).replace('\n', "⏎")
            );
        }
    }
}
