//! `triangulate report --db FILE --story ID`: the report of a stored story, cached in the
//! store and rebuilt when the story's documents or the program change.

use std::io::Write;

use anyhow::Context;
use triangulate_render::OutputFormat;
use triangulate_store::{CachedReport, SqliteStore, Store};
use triangulate_story::Story;

use super::report::{output_format, story_options, Args};

/// Run `report --db`.
pub fn run(args: &Args, db: &str, story: u64) -> anyhow::Result<()> {
    super::stories::open_existing(db)?;
    let mut store = SqliteStore::open(db).with_context(|| format!("opening the store {db}"))?;
    let members = store.story_documents(story)?;
    if members.is_empty() {
        anyhow::bail!("{db}: no story {story} (see `triangulate stories`)");
    }
    let ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
    let kind = format!(
        "{:?} words={} sentences={:?} order={:?}",
        args.output, args.words, args.sentences, args.order
    );
    let key = format!(
        "triangulate {}; documents {}",
        env!("CARGO_PKG_VERSION"),
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(c) = store.cached_report(story, &kind)? {
        if c.key == key {
            out.write_all(&c.body)?;
            out.flush()?;
            return Ok(());
        }
    }
    rayon::spawn(triangulate_story::warm_up);
    // Positions as ids (spans renumbered), as when the files are read.
    let docs = triangulate_readers::dedupe(members.into_iter().map(|(_, d)| d).collect());
    let built = Story::build(docs, &story_options(args));
    let mut body = Vec::new();
    match output_format(args.output) {
        OutputFormat::Json => {
            let mut v = triangulate_render::to_json(&built);
            if let Some(docs) = v.get_mut("documents").and_then(|d| d.as_array_mut()) {
                for (d, id) in docs.iter_mut().zip(&ids) {
                    d["store_id"] = serde_json::json!(id);
                }
            }
            serde_json::to_writer_pretty(&mut body, &v)?;
            writeln!(body)?;
        }
        f => triangulate_render::render(&built, f, &mut body)?,
    }
    out.write_all(&body)?;
    out.flush()?;
    // The cache is a convenience: a store that cannot take it now (locked) still reported.
    if let Err(e) = store.put_report(story, &kind, &CachedReport { key, body }) {
        eprintln!("triangulate: report not cached: {e}");
    }
    Ok(())
}
