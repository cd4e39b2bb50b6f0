//! Read the misses of the injection benchmark: for each injected story whose contradiction
//! was not found, print what was injected, the other documents' statements of the old value,
//! and why no contradiction was made (the agreement stage's own tests, pair by pair).
//!
//! `cargo run --release -p triangulate-eval --example conflict_misses -- SRC [SEED] [LIMIT]`
//! or `... -- SRC alarms STORY...`: the contradictions reported on untouched stories (by
//! 0-based line number), with the words of each side; or `... -- explain DOC NEEDLE PATH...`:
//! why the first `NEEDLE` in document DOC (0-based) of the story at PATH... is or is not in
//! a contradiction.

use triangulate_eval::inject;

fn main() {
    let mut args = std::env::args().skip(1);
    let src_path = args.next().expect("SRC (multi-news .src.gz)");
    let args: Vec<String> = args.collect();
    if src_path == "explain" {
        let doc: usize = args[0].parse().expect("DOC");
        let docs =
            triangulate_readers::fs::read_paths(&args[2..], triangulate_readers::Format::Auto)
                .expect("readable paths");
        let start = docs[doc].text.find(&args[1]).expect("NEEDLE in DOC");
        let analyzed: Vec<_> = docs
            .into_iter()
            .map(triangulate_story::analyze_document)
            .collect();
        for l in triangulate_story::agreement::explain(&analyzed, doc, start, start + args[1].len())
        {
            println!("{l}");
        }
        return;
    }
    if args.first().is_some_and(|a| a == "alarms") {
        alarms(&src_path, &args[1..]);
        return;
    }
    // The generator: INJECT_GENERATOR=original|restated (default original).
    let generator: inject::Generator = std::env::var("INJECT_GENERATOR")
        .map_or(Ok(inject::Generator::Original), |g| g.parse())
        .expect("INJECT_GENERATOR: original or restated");
    let mut args = args.into_iter();
    let seed: u64 = args.next().map_or(1, |s| s.parse().expect("SEED"));
    let limit: usize = args
        .next()
        .map_or(usize::MAX, |s| s.parse().expect("LIMIT"));
    let src = triangulate_eval::summary::read_text(std::path::Path::new(&src_path))
        .expect("readable source");
    let lines: Vec<&str> = triangulate_readers::multinews::story_lines(&src).collect();
    let mut shown = 0;
    for (i, line) in lines.iter().enumerate() {
        if shown >= limit {
            break;
        }
        let docs = triangulate_eval::summary::story_documents(&format!("line{}", i + 1), line);
        let r = inject::run_story_with(generator, docs.clone(), seed, i);
        let Some(inj) = &r.injection else { continue };
        if r.found_document {
            continue;
        }
        shown += 1;
        let (changed, _) = generator
            .inject(docs.clone(), seed, i)
            .expect("same injection");
        let d = inj.document as usize;
        let text = &changed[d].text;
        let (lo, hi) = inj.context(text, 100);
        println!(
            "=== story {} doc {} {} {} -> {}: ...{}[[{}]]{}...",
            i,
            d,
            inj.kind,
            inj.old,
            inj.new,
            text[lo..inj.start].replace('\n', " "),
            &text[inj.start..inj.end],
            text[inj.end..hi].replace('\n', " ")
        );
        for (e, o) in docs.iter().enumerate() {
            if e == d {
                continue;
            }
            let mut from = 0;
            while let Some(p) = o.text[from..].find(&inj.old) {
                let p = from + p;
                from = p + inj.old.len();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
                if word(o.text[..p].chars().next_back()) || word(o.text[from..].chars().next()) {
                    continue;
                }
                let lo = o.text[..p].char_indices().rev().nth(80).map_or(0, |x| x.0);
                let hi = o.text[from..]
                    .char_indices()
                    .nth(80)
                    .map_or(o.text.len(), |x| from + x.0);
                println!(
                    "  other d{e}: ...{}[[{}]]{}...",
                    o.text[lo..p].replace('\n', " "),
                    inj.old,
                    o.text[from..hi].replace('\n', " ")
                );
            }
        }
        let analyzed: Vec<_> = changed
            .into_iter()
            .map(triangulate_story::analyze_document)
            .collect();
        for l in triangulate_story::agreement::explain(&analyzed, d, inj.start, inj.end) {
            println!("  {l}");
        }
    }
}

fn alarms(src_path: &str, stories: &[String]) {
    let src = triangulate_eval::summary::read_text(std::path::Path::new(src_path))
        .expect("readable source");
    let lines: Vec<&str> = triangulate_readers::multinews::story_lines(&src).collect();
    for st in stories {
        let i: usize = st.parse().expect("story number");
        let docs = triangulate_eval::summary::story_documents(&format!("line{}", i + 1), lines[i]);
        let analyzed: Vec<_> = docs
            .into_iter()
            .map(triangulate_story::analyze_document)
            .collect();
        for c in triangulate_story::agreement::contradictions(&analyzed) {
            println!("=== story {i} topic {:?}", c.topic);
            for s in &c.sides {
                // Evidence and spans are lists of their own (spans without repeats, so the
                // two do not pair up by position): each is read in its own document.
                let text = |sp: &triangulate_core::Span| {
                    analyzed[sp.doc.0 as usize].doc.text[sp.start as usize..sp.end as usize]
                        .replace('\n', " ")
                };
                for sp in &s.spans {
                    let evidence: Vec<String> = s
                        .evidence
                        .iter()
                        .filter(|e| e.doc == sp.doc)
                        .map(text)
                        .collect();
                    println!(
                        "  [{}] d{} {} | {}",
                        s.value.as_deref().unwrap_or(""),
                        sp.doc.0,
                        evidence.join(" / "),
                        text(sp)
                    );
                }
            }
        }
    }
}
