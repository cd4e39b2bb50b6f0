//! `triangulate report --db FILE --story ID`: the report of a stored story, cached in the
//! store and rebuilt when the story's documents or the program change.

use std::io::Write;

use anyhow::Context;
use triangulate_render::OutputFormat;
use triangulate_store::{cached_state, db_display, report_key, CachedReport, CachedState, Store};
use triangulate_story::Story;

use super::report::{output_format, story_options, Args};

/// Run `report --db`.
pub fn run(args: &Args, db: &str, story: u64) -> anyhow::Result<()> {
    drop(super::stories::open_existing(db)?);
    let mut store = triangulate_store::open(db)
        .with_context(|| format!("opening the store {}", db_display(db)))?;
    let db = &db_display(db);
    let kind = format!(
        "{:?} words={} sentences={:?} order={:?}",
        args.output, args.words, args.sentences, args.order
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match cached_state(&store, story, &kind)? {
        CachedState::NoStory => {
            anyhow::bail!("{db}: no story {story} (see `triangulate stories`)")
        }
        CachedState::Current(c) => {
            out.write_all(&c.body)?;
            out.flush()?;
            return Ok(());
        }
        CachedState::Stale => {}
    }
    rayon::spawn(triangulate_story::warm_up);
    // The members as they are now (an ingest may have grown the story since the lookup):
    // the key is made from the documents the report is built from.
    let members = store.story_documents(story)?;
    if members.is_empty() {
        anyhow::bail!("{db}: no story {story} (see `triangulate stories`)");
    }
    let ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
    let key = report_key(&ids);
    // Positions as ids (spans renumbered), as when the files are read.
    let docs = triangulate_readers::dedupe(members.into_iter().map(|(_, d)| d).collect());
    let built = Story::build(docs, &story_options(args));
    let mut body = Vec::new();
    match output_format(args.output) {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(
                &mut body,
                &triangulate_render::to_json_stored(&built, &ids),
            )?;
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
