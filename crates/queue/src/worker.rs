//! `triangulate worker`: prepare the stream's articles into `queue_pending` (acknowledged
//! after the commit), and be the assigner when this worker holds the lock.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::consumer::{AckPolicy, PullConsumer};
use async_nats::jetstream::stream::Stream;
use futures::StreamExt;
use rayon::prelude::*;
use triangulate_core::Document;
use triangulate_store::{is_postgres, prepare_one, BatchCounts};

use crate::assign::{self, AssignStats, Ended};
use crate::pending;
use crate::{connect, nats, runtime, QueueError, CONSUMER, SUBJECT_ARTICLES};
use triangulate_store::postgres_error;

/// How long a worker keeps trying a database or server that does not answer (a restart)
/// before it gives up with the error.
const PATIENCE: Duration = Duration::from_secs(120);

/// What `worker` is given.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// The NATS server (`nats://HOST:PORT`).
    pub queue: String,
    /// The PostgreSQL store (`postgres://...`).
    pub db: String,
    /// Exit once the stream has had nothing for this worker this long and every batch
    /// published is applied (`None`: run until killed).
    pub until_idle: Option<Duration>,
    /// Messages fetched (and prepared in parallel) at a time.
    pub fetch: usize,
    /// How long the server waits for an acknowledgement before it delivers a message again
    /// (to another worker): a worker killed mid-batch delays its messages this long.
    pub ack_wait: Duration,
}

impl WorkerOptions {
    /// Options with the defaults: 64 messages a fetch, 30 s before redelivery.
    pub fn new(queue: &str, db: &str) -> WorkerOptions {
        WorkerOptions {
            queue: queue.to_string(),
            db: db.to_string(),
            until_idle: None,
            fetch: 64,
            ack_wait: Duration::from_secs(30),
        }
    }
}

/// What one worker did and where its time went (seconds).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WorkerReport {
    /// Messages prepared and acknowledged.
    pub prepared: u64,
    /// Messages that did not read as a document (acknowledged, left out).
    pub bad_messages: u64,
    /// Batches this worker applied as the assigner.
    pub batches: u64,
    /// What those batches did (as `ingest` counts).
    pub assigned: BatchCounts,
    /// Fetching from the stream, acknowledgements included.
    pub fetch_seconds: f64,
    /// Features and the stored forms (in parallel).
    pub prepare_seconds: f64,
    /// Inserting prepared rows.
    pub pending_seconds: f64,
    /// Assigner: waiting for a batch's documents.
    pub assign_wait_seconds: f64,
    /// Assigner: reading the pending rows back.
    pub assign_load_seconds: f64,
    /// Assigner: duplicates, clustering and the batch's write.
    pub assign_apply_seconds: f64,
    /// Wall time.
    pub seconds: f64,
}

fn secs(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

/// Run a worker until `until_idle` says it is done (or forever).
pub fn run_worker(opts: &WorkerOptions) -> Result<WorkerReport, QueueError> {
    if !is_postgres(&opts.db) {
        return Err(QueueError::NotPostgres(opts.db.clone()));
    }
    let start = Instant::now();
    let rt = runtime();
    let (_, stream) = rt.block_on(connect(&opts.queue))?;
    let consumer: PullConsumer = rt
        .block_on(stream.get_or_create_consumer(
            CONSUMER,
            PullConfig {
                durable_name: Some(CONSUMER.to_string()),
                filter_subject: SUBJECT_ARTICLES.to_string(),
                ack_policy: AckPolicy::Explicit,
                ack_wait: opts.ack_wait,
                ..Default::default()
            },
        ))
        .map_err(|e| nats(&opts.queue, e))?;
    let mut pg = connect_pg(&opts.db)?;
    pg.batch(pending::create_tables)?;
    let stop = AtomicBool::new(false);
    let stats = Mutex::new(AssignStats::default());
    let mut report = WorkerReport::default();
    let result = std::thread::scope(|s| {
        let assigner = s.spawn(|| assigner(opts, &rt, &stream, &stop, &stats));
        let r = prepare_loop(opts, &rt, &stream, &consumer, &mut pg, &mut report);
        stop.store(true, Ordering::Relaxed);
        let a = assigner.join().expect("the assigner thread does not panic");
        r.and(a)
    });
    result?;
    let a = *stats.lock().expect("not poisoned");
    report.batches = a.batches;
    report.assigned = a.counts;
    report.assign_wait_seconds = secs(a.waiting);
    report.assign_load_seconds = secs(a.loading);
    report.assign_apply_seconds = secs(a.applying);
    report.seconds = secs(start.elapsed());
    Ok(report)
}

/// Be the assigner whenever the lock is free, until `stop`; errors (a database or server
/// restarting) end a session and another starts, for [`PATIENCE`] at most in a row.
fn assigner(
    opts: &WorkerOptions,
    rt: &tokio::runtime::Runtime,
    stream: &Stream,
    stop: &AtomicBool,
    stats: &Mutex<AssignStats>,
) -> Result<(), QueueError> {
    let mut failing: Option<Instant> = None;
    while !stop.load(Ordering::Relaxed) {
        match assign::session(&opts.db, rt, stream, &opts.queue, stop, stats) {
            Ok(Ended::Stopped) => return Ok(()),
            Ok(Ended::NotAssigner) => {
                failing = None;
                std::thread::sleep(Duration::from_millis(500));
            }
            Err(e) => {
                let since = *failing.get_or_insert_with(Instant::now);
                if since.elapsed() > PATIENCE {
                    return Err(e);
                }
                eprintln!("triangulate worker: assigner: {e}; trying again");
                std::thread::sleep(Duration::from_millis(500));
            }
        }
    }
    Ok(())
}

/// A PostgreSQL connection that reconnects after a failure (a server restart).
struct Pg {
    db: String,
    client: Option<postgres::Client>,
}

fn connect_pg(db: &str) -> Result<Pg, QueueError> {
    let mut pg = Pg {
        db: db.to_string(),
        client: None,
    };
    pg.batch(|_| Ok(()))?;
    Ok(pg)
}

impl Pg {
    /// Run `f` (one transaction or query), connecting again and trying again while the
    /// server does not answer, for [`PATIENCE`] at most.
    fn batch<R>(
        &mut self,
        mut f: impl FnMut(&mut postgres::Client) -> Result<R, postgres::Error>,
    ) -> Result<R, QueueError> {
        let start = Instant::now();
        loop {
            let err = match &mut self.client {
                None => match postgres::Client::connect(&self.db, postgres::NoTls) {
                    Ok(c) => {
                        self.client = Some(c);
                        continue;
                    }
                    Err(e) => e,
                },
                Some(c) => match f(c) {
                    Ok(r) => return Ok(r),
                    Err(e) => {
                        self.client = None;
                        e
                    }
                },
            };
            if start.elapsed() > PATIENCE {
                return Err(postgres_error(&self.db, err).into());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

/// Fetch, prepare in parallel, insert, acknowledge; until idle (or forever).
fn prepare_loop(
    opts: &WorkerOptions,
    rt: &tokio::runtime::Runtime,
    stream: &Stream,
    consumer: &PullConsumer,
    pg: &mut Pg,
    report: &mut WorkerReport,
) -> Result<(), QueueError> {
    let mut last_work = Instant::now();
    let mut failing: Option<Instant> = None;
    let (mut fetch_t, mut prepare_t, mut pending_t) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    loop {
        let t = Instant::now();
        let got = rt.block_on(fetch(consumer, opts.fetch));
        fetch_t += t.elapsed();
        let msgs = match got {
            Ok(m) => {
                failing = None;
                m
            }
            Err(e) => {
                let since = *failing.get_or_insert_with(Instant::now);
                if since.elapsed() > PATIENCE {
                    return Err(nats(&opts.queue, e));
                }
                std::thread::sleep(Duration::from_millis(250));
                continue;
            }
        };
        if msgs.is_empty() {
            if let Some(idle) = opts.until_idle {
                if last_work.elapsed() >= idle && caught_up(rt, stream, pg)? {
                    break;
                }
            }
            continue;
        }
        let t = Instant::now();
        let docs: Vec<Option<Document>> = msgs
            .par_iter()
            .map(|m| serde_json::from_slice::<Document>(&m.payload).ok())
            .collect();
        let prepared: Vec<_> = docs.into_par_iter().map(|d| d.map(prepare_one)).collect();
        prepare_t += t.elapsed();
        let t = Instant::now();
        let rows: Vec<(u64, &str, &str, &str)> = prepared
            .iter()
            .flatten()
            .map(|p| {
                (
                    p.key,
                    p.document_json.as_str(),
                    p.features_json.as_str(),
                    p.lead.as_str(),
                )
            })
            .collect();
        pg.batch(|c| pending::insert(c, &rows))?;
        pending_t += t.elapsed();
        let t = Instant::now();
        for (m, p) in msgs.iter().zip(&prepared) {
            if p.is_none() {
                eprintln!(
                    "triangulate worker: a message on {SUBJECT_ARTICLES} is not a document: left out"
                );
                report.bad_messages += 1;
            } else {
                report.prepared += 1;
            }
            // Not acknowledged (the server restarting): delivered again, inserted again
            // without change.
            let _ = rt.block_on(m.ack());
        }
        fetch_t += t.elapsed();
        last_work = Instant::now();
    }
    report.fetch_seconds = secs(fetch_t);
    report.prepare_seconds = secs(prepare_t);
    report.pending_seconds = secs(pending_t);
    Ok(())
}

/// Up to `n` messages, waiting a second at most.
async fn fetch(
    consumer: &PullConsumer,
    n: usize,
) -> Result<Vec<async_nats::jetstream::Message>, String> {
    let mut batch = consumer
        .batch()
        .max_messages(n)
        .expires(Duration::from_secs(1))
        .messages()
        .await
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    while let Some(m) = batch.next().await {
        match m {
            Ok(m) => out.push(m),
            Err(e) if out.is_empty() => return Err(e.to_string()),
            // What came before the failure is prepared now; the rest comes again.
            Err(_) => break,
        }
    }
    Ok(out)
}

/// True when every manifest in the stream is applied.
fn caught_up(
    rt: &tokio::runtime::Runtime,
    stream: &Stream,
    pg: &mut Pg,
) -> Result<bool, QueueError> {
    let Ok(last) = rt.block_on(assign::last_manifest(stream)) else {
        return Ok(false);
    };
    let pos = pg.batch(pending::position)?;
    Ok(pos >= last)
}
