//! `triangulate ingest PATH...`: read a stream of articles into the store, de-duplicated and
//! clustered into stories. Reading and features run in parallel on one thread while the
//! clusterer and the writes run on another; each batch is written in one transaction, so a
//! killed ingest leaves whole batches and the same command finishes it.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_readers::{fs, multinews, Format, ReadError};
use triangulate_store::{db_display, prepare, AnyStore, BatchCounts, Ingester, Prepared};

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
    /// The store: a SQLite file, or a PostgreSQL database as `postgres://USER@HOST:PORT/DB`
    /// (default: `$TRIANGULATE_DB`, else `triangulate.db` in the current directory).
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

/// The store: `--db`, else `TRIANGULATE_DB`, else `triangulate.db` (a file, or a
/// `postgres://` URL).
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

/// What the reading thread hands to the writing one, in input order.
enum Msg {
    /// An input that could not be read (reported, skipped).
    Skipped(ReadError),
    /// A batch with its features done, and the reading thread's time so far.
    Batch(Prepared, ReadTimes),
}

/// Where the reading thread's time went so far (wall time; its stages overlap the
/// clusterer and the writes of earlier batches).
#[derive(Clone, Copy, Default)]
struct ReadTimes {
    /// Opening and decompressing (a Multi-News file's lines).
    decompress: Duration,
    /// Readers: formats, cleaning, the analysis view.
    readers: Duration,
}

/// The reading thread: inputs in order, read in parallel chunks, cut into fixed batches,
/// each batch prepared (features) in parallel and sent on.
struct Reader {
    tx: SyncSender<Msg>,
    pending: Vec<Document>,
    times: ReadTimes,
    bar: indicatif::ProgressBar,
}

/// The writing side hung up (it failed and reports why).
struct Closed;

impl Reader {
    fn skip(&mut self, e: ReadError) -> Result<(), Closed> {
        self.tx.send(Msg::Skipped(e)).map_err(|_| Closed)
    }

    fn take(&mut self, results: Vec<Result<Vec<Document>, ReadError>>) -> Result<(), Closed> {
        for r in results {
            match r {
                Ok(docs) => self.pending.extend(docs),
                Err(e) => self.skip(e)?,
            }
        }
        while self.pending.len() >= BATCH {
            let rest = self.pending.split_off(BATCH);
            let batch = std::mem::replace(&mut self.pending, rest);
            self.send(batch)?;
        }
        Ok(())
    }

    fn send(&mut self, batch: Vec<Document>) -> Result<(), Closed> {
        let p = prepare(batch);
        self.tx.send(Msg::Batch(p, self.times)).map_err(|_| Closed)
    }

    fn run(mut self, files: Vec<String>, format: Format) -> Result<(), Closed> {
        // Consecutive files read together; a Multi-News file given as such is streamed by lines.
        let mut i = 0;
        while i < files.len() {
            if format == Format::MultiNews {
                self.multinews(&files[i])?;
                self.bar.inc(1);
                i += 1;
                continue;
            }
            let chunk = &files[i..(i + READ_CHUNK).min(files.len())];
            let t = Instant::now();
            let results: Vec<_> = chunk
                .par_iter()
                .map(|f| fs::read_file_documents(f, format))
                .collect();
            self.times.readers += t.elapsed();
            self.take(results)?;
            self.bar.inc(chunk.len() as u64);
            i += chunk.len();
        }
        let last = std::mem::take(&mut self.pending);
        if !last.is_empty() {
            self.send(last)?;
        }
        Ok(())
    }

    /// Stream a Multi-News file: lines read in chunks, each chunk's lines parsed in parallel.
    fn multinews(&mut self, path: &str) -> Result<(), Closed> {
        let t = Instant::now();
        let lines = fs::lines(path);
        self.times.decompress += t.elapsed();
        let mut lines = match lines {
            Ok(l) => l,
            Err(e) => return self.skip(e),
        };
        loop {
            let t = Instant::now();
            let mut chunk = Vec::with_capacity(READ_CHUNK);
            let mut failed = None;
            for l in lines.by_ref().take(READ_CHUNK) {
                match l {
                    Ok(l) => chunk.push(l),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            self.times.decompress += t.elapsed();
            let t = Instant::now();
            let results: Vec<_> = chunk
                .par_iter()
                .map(|(n, line)| Ok(multinews::documents_of_line(path, *n, line)))
                .collect();
            self.times.readers += t.elapsed();
            self.take(results)?;
            // The lines read before a damaged part go in; the rest of the file is skipped.
            if let Some(e) = failed {
                return self.skip(e);
            }
            if chunk.is_empty() {
                return Ok(());
            }
        }
    }
}

/// The writing side: skipped inputs reported, batches clustered and written in order.
struct Writer {
    ingester: Ingester<AnyStore>,
    errors: u64,
    bar: indicatif::ProgressBar,
    start: Instant,
    /// `TRIANGULATE_INGEST_LOG`: one line per batch (bench/ingest_speed.sh).
    log: Option<std::fs::File>,
}

impl Writer {
    fn run(&mut self, rx: Receiver<Msg>) -> anyhow::Result<()> {
        for msg in rx {
            match msg {
                Msg::Skipped(e) => {
                    self.bar.suspend(|| eprintln!("triangulate: skipped {e}"));
                    self.errors += 1;
                }
                Msg::Batch(p, times) => self.write(p, times)?,
            }
        }
        Ok(())
    }

    fn write(&mut self, batch: Prepared, times: ReadTimes) -> anyhow::Result<()> {
        self.ingester
            .add_prepared(batch)
            .context("writing to the store")?;
        let t = self.ingester.totals();
        if let Some(log) = &mut self.log {
            let s = self.ingester.timings();
            let secs = [
                self.start.elapsed(),
                times.decompress,
                times.readers,
                s.features,
                s.clustering,
                s.writing,
                s.indexing,
            ];
            let cols: Vec<String> = secs
                .iter()
                .map(|d| format!("{:.3}", d.as_secs_f64()))
                .collect();
            writeln!(log, "{}\t{}", t.read, cols.join("\t"))
                .context("writing TRIANGULATE_INGEST_LOG")?;
        }
        self.bar.set_message(format!(
            "{} documents, {} new, {} stories opened",
            t.read, t.new, t.stories_new
        ));
        Ok(())
    }
}

/// Run `ingest`: one thread reads and prepares batches (features in parallel) while this one
/// clusters and writes the batch before, so reading overlaps writing. Batches are cut at
/// fixed sizes in input order, so the stored result does not depend on the timing.
pub fn run(args: Args) -> anyhow::Result<()> {
    let start = Instant::now();
    let format: Format = args.format.into();
    let db = db_path(&args.db);
    let store = triangulate_store::open(&db)
        .with_context(|| format!("opening the store {}", db_display(&db)))?;
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
            writeln!(
                f,
                "read\tseconds\tdecompress\treaders\tfeatures\tclustering\twriting\tindexing"
            )?;
            Some(f)
        }
        None => None,
    };
    let mut writer = Writer {
        ingester,
        errors: 0,
        bar: bar.clone(),
        start,
        log,
    };
    for e in &walk_errors {
        writer.bar.suspend(|| eprintln!("triangulate: skipped {e}"));
        writer.errors += 1;
    }
    let (tx, rx) = sync_channel(2);
    let reader = Reader {
        tx,
        pending: Vec::new(),
        times: ReadTimes::default(),
        bar: bar.clone(),
    };
    std::thread::scope(|s| {
        s.spawn(move || reader.run(files, format));
        // On a failed write `rx` is dropped here, and the reader stops at its next send.
        writer.run(rx)
    })?;
    bar.finish_and_clear();
    let counts = writer.ingester.totals();
    let report = Report {
        counts,
        errors: writer.errors,
        seconds: (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        eprintln!(
            "{}: {} read, {} new, {} duplicates, {} near-duplicates, {} stories opened, {} grown, {} errors, {:.1} s",
            db_display(&db),
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
