//! `triangulate worker --queue nats://... --db postgres://...`: consume the articles that
//! `ingest --queue` published into a PostgreSQL store (issue 15). Any number of workers may
//! run at once; the stories do not depend on how many (`triangulate_queue`).

use std::time::Duration;

use anyhow::Context;
use triangulate_queue::{run_worker, WorkerOptions};
use triangulate_store::db_display;

use super::ingest::db_path;

/// Arguments of `worker`.
#[derive(clap::Args)]
pub struct Args {
    /// The NATS server with JetStream (`nats://HOST:PORT`).
    #[arg(long, required = true)]
    pub queue: String,
    /// The store, a PostgreSQL database `postgres://USER@HOST:PORT/DB` (default:
    /// `$TRIANGULATE_DB`).
    #[arg(long)]
    pub db: Option<String>,
    /// Exit once the stream has had nothing for this worker for SECONDS and every batch
    /// published is stored (for scripts and tests; default: run until stopped).
    #[arg(long, value_name = "SECONDS")]
    pub until_idle: Option<f64>,
    /// Seconds the server waits for a message's acknowledgement before it delivers it again
    /// (a worker killed mid-batch delays its messages this long).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub ack_wait: f64,
    /// Print one JSON object with what this worker did and where its time went at the end.
    #[arg(long)]
    pub json: bool,
}

fn seconds(what: &str, s: f64) -> anyhow::Result<Duration> {
    if !(s.is_finite() && s >= 0.0) {
        anyhow::bail!("{what}: {s} is not a number of seconds");
    }
    Ok(Duration::from_secs_f64(s))
}

/// Run `worker`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let db = db_path(&args.db);
    let mut opts = WorkerOptions::new(&args.queue, &db);
    opts.until_idle = args
        .until_idle
        .map(|s| seconds("--until-idle", s))
        .transpose()?;
    opts.ack_wait = seconds("--ack-wait", args.ack_wait)?;
    let report = run_worker(&opts)
        .with_context(|| format!("worker on {} into {}", args.queue, db_display(&db)))?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        eprintln!(
            "{}: {} prepared, {} batches applied ({} read, {} new, {} duplicates, {} stories opened), {:.1} s",
            db_display(&db),
            report.prepared,
            report.batches,
            report.assigned.read,
            report.assigned.new,
            report.assigned.duplicates,
            report.assigned.stories_new,
            report.seconds
        );
    }
    Ok(())
}
