//! `triangulate ingest PATH...`: read a stream of articles into the store, de-duplicated and
//! clustered into stories. Reading and features run in parallel on one thread while the
//! clusterer and the writes run on another; each batch is written in one transaction, so a
//! killed ingest leaves whole batches and the same command finishes it.
//!
//! With `--queue nats://...` the same batches are published to the JetStream stream instead
//! (`triangulate_queue::Publisher`), for `triangulate worker` to store; features are then
//! the workers' work, not this process's.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_queue::Publisher;
use triangulate_readers::{fs, multinews, Format, ReadError};
use triangulate_store::{db_display, prepare, AnyStore, Ingester, Prepared};

use super::report::FormatArg;

/// Documents a batch holds (one transaction each). Fixed, so that batches (and with them
/// the arrival order) are the same on every run over the same input.
const BATCH: usize = 1000;
/// `TRIANGULATE_INGEST_BATCH`: another batch size, for tests that need many batches from
/// a small input (the queue's order tests). The same value gives the same batches.
fn batch_size() -> usize {
    std::env::var("TRIANGULATE_INGEST_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(BATCH)
}

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
    #[arg(long, conflicts_with = "queue")]
    pub db: Option<String>,
    /// Publish the articles to a NATS JetStream stream (`nats://HOST:PORT`, subject
    /// `triangulate.articles`) for `triangulate worker` to store, instead of storing them.
    #[arg(long)]
    pub queue: Option<String>,
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
struct Report<C> {
    #[serde(flatten)]
    counts: C,
    errors: u64,
    seconds: f64,
}

/// What the reading thread hands to the writing one, in input order.
enum Msg {
    /// An input that could not be read (reported, skipped).
    Skipped(ReadError),
    /// A batch with its features done, and the reading thread's time so far.
    Batch(Prepared, ReadTimes),
    /// A batch as read (to publish: the workers prepare it).
    Raw(Vec<Document>),
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
    /// Send batches as read, unprepared (`--queue`).
    raw: bool,
    /// Documents a batch holds.
    batch: usize,
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
        while self.pending.len() >= self.batch {
            let rest = self.pending.split_off(self.batch);
            let batch = std::mem::replace(&mut self.pending, rest);
            self.send(batch)?;
        }
        Ok(())
    }

    fn send(&mut self, batch: Vec<Document>) -> Result<(), Closed> {
        let msg = if self.raw {
            Msg::Raw(batch)
        } else {
            Msg::Batch(prepare(batch), self.times)
        };
        self.tx.send(msg).map_err(|_| Closed)
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

/// Where batches go: the store, or the queue.
enum Sink {
    Store(Box<Ingester<AnyStore>>),
    Queue(Box<Publisher>),
}

/// The writing side: skipped inputs reported, batches clustered and written in order (or
/// published in order).
struct Writer {
    sink: Sink,
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
                Msg::Raw(docs) => self.publish(docs)?,
            }
        }
        Ok(())
    }

    fn publish(&mut self, docs: Vec<Document>) -> anyhow::Result<()> {
        let Sink::Queue(p) = &mut self.sink else {
            unreachable!("raw batches are read for the queue only")
        };
        p.publish_batch(&docs).context("publishing to the queue")?;
        let c = p.counts();
        self.bar.set_message(format!(
            "{} documents, {} published, {} duplicates",
            c.read, c.published, c.duplicates
        ));
        Ok(())
    }

    fn write(&mut self, batch: Prepared, times: ReadTimes) -> anyhow::Result<()> {
        let Sink::Store(ingester) = &mut self.sink else {
            unreachable!("prepared batches are read for the store only")
        };
        ingester
            .add_prepared(batch)
            .context("writing to the store")?;
        let t = ingester.totals();
        if let Some(log) = &mut self.log {
            let s = ingester.timings();
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
    let sink = match &args.queue {
        Some(q) => Sink::Queue(Box::new(
            Publisher::connect(q).with_context(|| format!("connecting to the queue {q}"))?,
        )),
        None => {
            let store = triangulate_store::open(&db)
                .with_context(|| format!("opening the store {}", db_display(&db)))?;
            Sink::Store(Box::new(
                Ingester::open(store).context("restoring the store's stories")?,
            ))
        }
    };
    let raw = matches!(sink, Sink::Queue(_));
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
        sink,
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
        raw,
        batch: batch_size(),
    };
    std::thread::scope(|s| {
        s.spawn(move || reader.run(files, format));
        // On a failed write `rx` is dropped here, and the reader stops at its next send.
        writer.run(rx)
    })?;
    bar.finish_and_clear();
    let seconds = (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
    let read = match &writer.sink {
        Sink::Queue(p) => {
            let counts = p.counts();
            let (queue, errors) = (args.queue.as_deref().unwrap_or(""), writer.errors);
            print_summary(counts, errors, seconds, args.json, || {
                format!(
                    "{queue}: {} read, {} published, {} dropped as duplicates, {} batches, {errors} errors, {seconds:.1} s",
                    counts.read, counts.published, counts.duplicates, counts.batches,
                )
            })?;
            counts.read
        }
        Sink::Store(ing) => {
            let counts = ing.totals();
            let errors = writer.errors;
            print_summary(counts, errors, seconds, args.json, || {
                format!(
                    "{}: {} read, {} new, {} duplicates, {} near-duplicates, {} stories opened, {} grown, {errors} errors, {seconds:.1} s",
                    db_display(&db),
                    counts.read,
                    counts.new,
                    counts.duplicates,
                    counts.near_duplicates,
                    counts.stories_new,
                    counts.stories_grown,
                )
            })?;
            counts.read
        }
    };
    if read == 0 && writer.errors > 0 {
        if let Some(e) = walk_errors.into_iter().next() {
            return Err(anyhow::Error::new(e).context("nothing could be read"));
        }
        anyhow::bail!("nothing could be read");
    }
    Ok(())
}

/// The end-of-run summary: one JSON object on stdout with `--json`, else `line` on stderr.
fn print_summary<C: serde::Serialize>(
    counts: C,
    errors: u64,
    seconds: f64,
    json: bool,
    line: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if json {
        let report = Report {
            counts,
            errors,
            seconds,
        };
        println!("{}", serde_json::to_string(&report)?);
    } else {
        eprintln!("{}", line());
    }
    Ok(())
}
