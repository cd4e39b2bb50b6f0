//! `triangulate stories`: the stories of a store, the latest first.

use std::io::Write;

use anyhow::Context;
use triangulate_store::{db_display, is_postgres, stories, AnyStore, StoryQuery};

/// Arguments of `stories`.
#[derive(clap::Args)]
pub struct Args {
    /// The store: a SQLite file or a `postgres://` URL (default: `$TRIANGULATE_DB`, else
    /// `triangulate.db`).
    #[arg(long)]
    pub db: Option<String>,
    /// Only stories with an article holding all these words (full-text search).
    #[arg(long)]
    pub search: Option<String>,
    /// Only stories with an article published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<chrono::NaiveDate>,
    /// JSON: `{"stories": [{"id", "label", "documents", "outlets", "first", "last"}]}`.
    #[arg(long)]
    pub json: bool,
    /// List each story's inputs too (`path` or `path#N`).
    #[arg(long)]
    pub members: bool,
}

/// Open an existing store for reading (an ingest may be writing it).
pub fn open_existing(db: &str) -> anyhow::Result<AnyStore> {
    if !is_postgres(db) && !std::path::Path::new(db).is_file() {
        return Err(anyhow::Error::new(triangulate_readers::ReadError::Io {
            path: db.to_string(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no store here"),
        }));
    }
    triangulate_store::open_read_only(db)
        .with_context(|| format!("opening the store {}", db_display(db)))
}

/// Run `stories`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let db = super::ingest::db_path(&args.db);
    let store = open_existing(&db)?;
    let q = StoryQuery {
        search: args.search,
        since: args.since,
        members: args.members,
    };
    let list = stories(&store, &q)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "stories": list }))?;
        writeln!(out)?;
    } else {
        for s in &list {
            let dates = match (&s.first, &s.last) {
                (Some(f), Some(l)) if f == l => f.clone(),
                (Some(f), Some(l)) => format!("{f}..{l}"),
                _ => "-".to_string(),
            };
            writeln!(
                out,
                "{:>6}  {:>4} docs  {:<21}  {}",
                s.id, s.documents, dates, s.label
            )?;
            if !s.outlets.is_empty() {
                writeln!(out, "{:>6}  outlets: {}", "", s.outlets.join(", "))?;
            }
            for i in s.inputs.iter().flatten() {
                writeln!(out, "{:>6}  {i}", "")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
