//! `triangulate ingest PATH...`: read a stream of articles into the store, de-duplicated and
//! clustered into stories. Reading and features run in parallel; each batch is written in
//! one transaction, so a killed ingest leaves whole batches and the same command finishes it.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_readers::{fs, multinews, Format, ReadError};
use triangulate_store::{BatchCounts, Ingester, SqliteStore};

use super::report::FormatArg;

/// Documents a batch holds (one transaction each). Fixed, so that batches (and with them
/// the arrival order) are the same on every run over the same input.
const BATCH: usize = 1000;
/// Files (or Multi-News lines) read in parallel at a time.
const READ_CHUNK: usize = 64;

/// Arguments of `ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and directories (read recursively).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// The store (default: `$TRIANGULATE_DB`, else `triangulate.db` in the current directory).
    #[arg(long)]
    pub db: Option<String>,
    /// Input format (default: detect from name and content; `multinews` reads each line's
    /// documents as separate articles, streaming the file).
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// Print one JSON object with the counts at the end.
    #[arg(long)]
    pub json: bool,
}

/// The store path: `--db`, else `TRIANGULATE_DB`, else `triangulate.db`.
pub fn db_path(arg: &Option<String>) -> String {
    arg.clone()
        .or_else(|| {
            std::env::var("TRIANGULATE_DB")
                .ok()
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "triangulate.db".to_string())
}

#[derive(serde::Serialize)]
struct Report {
    #[serde(flatten)]
    counts: BatchCounts,
    errors: u64,
    seconds: f64,
}

struct Run {
    ingester: Ingester<SqliteStore>,
    pending: Vec<Document>,
    errors: u64,
    bar: indicatif::ProgressBar,
    start: Instant,
    reading: std::time::Duration,
    /// `TRIANGULATE_INGEST_LOG`: one line per batch (bench/ingest_speed.sh).
    log: Option<std::fs::File>,
}

impl Run {
    fn error(&mut self, e: &ReadError) {
        self.bar.suspend(|| eprintln!("triangulate: skipped {e}"));
        self.errors += 1;
    }

    fn take(&mut self, results: Vec<Result<Vec<Document>, ReadError>>) -> anyhow::Result<()> {
        for r in results {
            match r {
                Ok(docs) => self.pending.extend(docs),
                Err(e) => self.error(&e),
            }
        }
        while self.pending.len() >= BATCH {
            let rest = self.pending.split_off(BATCH);
            let batch = std::mem::replace(&mut self.pending, rest);
            self.write(batch)?;
        }
        Ok(())
    }

    fn write(&mut self, batch: Vec<Document>) -> anyhow::Result<()> {
        self.ingester
            .add_batch(batch)
            .context("writing to the store")?;
        let t = self.ingester.totals();
        if let Some(log) = &mut self.log {
            let s = self.ingester.timings();
            writeln!(
                log,
                "{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}",
                t.read,
                self.start.elapsed().as_secs_f64(),
                self.reading.as_secs_f64(),
                s.features.as_secs_f64(),
                s.clustering.as_secs_f64(),
                s.writing.as_secs_f64()
            )
            .context("writing TRIANGULATE_INGEST_LOG")?;
        }
        self.bar.set_message(format!(
            "{} documents, {} new, {} stories opened",
            t.read, t.new, t.stories_new
        ));
        Ok(())
    }
}

/// Run `ingest`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let format: Format = args.format.into();
    let db = db_path(&args.db);
    let store = SqliteStore::open(&db).with_context(|| format!("opening the store {db}"))?;
    let ingester = Ingester::open(store).context("restoring the store's stories")?;
    let (files, walk_errors) = fs::walk(&args.paths);
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files.len() as u64).with_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {msg} [{elapsed}]")
                .expect("a valid template"),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let log = match std::env::var_os("TRIANGULATE_INGEST_LOG") {
        Some(p) => {
            let mut f = std::fs::File::create(&p).context("creating TRIANGULATE_INGEST_LOG")?;
            writeln!(f, "read\tseconds\treading\tfeatures\tclustering\twriting")?;
            Some(f)
        }
        None => None,
    };
    let mut run = Run {
        ingester,
        pending: Vec::new(),
        errors: 0,
        bar,
        start,
        reading: std::time::Duration::ZERO,
        log,
    };
    for e in &walk_errors {
        run.error(e);
    }
    // Consecutive files read together; a Multi-News file given as such is streamed by lines.
    let mut i = 0;
    while i < files.len() {
        if format == Format::MultiNews {
            read_multinews(&mut run, &files[i])?;
            run.bar.inc(1);
            i += 1;
            continue;
        }
        let chunk = &files[i..(i + READ_CHUNK).min(files.len())];
        let t = Instant::now();
        let results: Vec<_> = chunk
            .par_iter()
            .map(|f| fs::read_file_documents(f, format))
            .collect();
        run.reading += t.elapsed();
        run.take(results)?;
        run.bar.inc(chunk.len() as u64);
        i += chunk.len();
    }
    let last = std::mem::take(&mut run.pending);
    if !last.is_empty() {
        run.write(last)?;
    }
    run.bar.finish_and_clear();
    let counts = run.ingester.totals();
    let report = Report {
        counts,
        errors: run.errors,
        seconds: (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        eprintln!(
            "{db}: {} read, {} new, {} duplicates, {} near-duplicates, {} stories opened, {} grown, {} errors, {:.1} s",
            counts.read,
            counts.new,
            counts.duplicates,
            counts.near_duplicates,
            counts.stories_new,
            counts.stories_grown,
            report.errors,
            report.seconds
        );
    }
    if counts.read == 0 && report.errors > 0 {
        if let Some(e) = walk_errors.into_iter().next() {
            return Err(anyhow::Error::new(e).context("nothing could be read"));
        }
        anyhow::bail!("nothing could be read");
    }
    Ok(())
}

/// Stream a Multi-News file: lines read in chunks, each chunk's lines parsed in parallel.
fn read_multinews(run: &mut Run, path: &str) -> anyhow::Result<()> {
    let mut lines = match fs::lines(path) {
        Ok(l) => l,
        Err(e) => {
            run.error(&e);
            return Ok(());
        }
    };
    loop {
        let t = Instant::now();
        let mut chunk = Vec::with_capacity(READ_CHUNK);
        for l in lines.by_ref().take(READ_CHUNK) {
            match l {
                Ok(l) => chunk.push(l),
                Err(e) => {
                    run.error(&e);
                    break;
                }
            }
        }
        if chunk.is_empty() {
            return Ok(());
        }
        let results: Vec<_> = chunk
            .par_iter()
            .map(|(n, line)| Ok(multinews::documents_of_line(path, *n, line)))
            .collect();
        run.reading += t.elapsed();
        run.take(results)?;
    }
}
