//! The queue of issue 15: `triangulate ingest --queue` publishes articles to a NATS
//! JetStream stream and `triangulate worker` consumes them into a PostgreSQL store, as many
//! workers in parallel as wanted, with the stories of a single `ingest` run on the same
//! input (docs/design/scale-out.md says why this design).
//!
//! - [`Publisher`] (`publish.rs`): reads nothing itself; given the batches `ingest` cuts
//!   (fixed size, input order), it publishes each document (its JSON) on
//!   [`SUBJECT_ARTICLES`] with `Nats-Msg-Id` = its content key (JetStream drops an exact
//!   duplicate inside its window) and batch headers, then the batch's [`Manifest`] (every
//!   input of the batch in order: content key, input, URL, outlet) on [`SUBJECT_BATCHES`].
//! - Workers (`worker.rs`): a durable pull consumer on the articles shared by all workers;
//!   each fetched message is prepared ([`triangulate_store::prepare_one`], in parallel) and
//!   its row inserted into the `queue_pending` table; the message is acknowledged only after
//!   that commit, so a crash means redelivery and an insert that changes nothing.
//! - The assigner (`assign.rs`): the one worker holding a PostgreSQL advisory lock reads
//!   the manifests in stream order, waits until every input of the next one is pending or
//!   stored, and applies it as `ingest` applies a batch (`Ingester::add_prepared`); the
//!   batch, the deletion of its pending rows and the new stream position commit in one
//!   transaction. Batches are applied in publish order whatever the number of workers.
//!
//! `nats_server.rs`: a throwaway JetStream server for tests.
#![deny(missing_docs)]

mod assign;
pub mod nats_server;
mod pending;
mod publish;
mod worker;

pub use publish::{PublishCounts, Publisher};
pub use worker::{run_worker, WorkerOptions, WorkerReport};

use std::time::Duration;

use triangulate_store::StoreError;

/// The stream's name.
pub const STREAM: &str = "TRIANGULATE";
/// Subject of the articles (one message per input document).
pub const SUBJECT_ARTICLES: &str = "triangulate.articles";
/// Subject of the batch manifests (one message per batch, after its articles).
pub const SUBJECT_BATCHES: &str = "triangulate.batches";
/// The durable pull consumer all workers share.
pub const CONSUMER: &str = "triangulate-workers";

/// Header: the publishing run (informational).
pub const HEADER_RUN: &str = "Triangulate-Run";
/// Header: the batch number within the run (from 0).
pub const HEADER_BATCH: &str = "Triangulate-Batch";
/// Header: the document's index within its batch.
pub const HEADER_INDEX: &str = "Triangulate-Index";
/// Header: the batch's size (inputs).
pub const HEADER_BATCH_SIZE: &str = "Triangulate-Batch-Size";

/// Why the queue failed.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// The NATS server refused or could not be reached.
    #[error("queue {url}: {message}")]
    Nats {
        /// The server's URL.
        url: String,
        /// What failed.
        message: String,
    },
    /// The store (the database) failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `--db` is not a PostgreSQL database.
    #[error("the worker needs a PostgreSQL database (--db postgres://...), not {0}")]
    NotPostgres(String),
    /// A message that does not read back.
    #[error("queue: {0}")]
    BadMessage(String),
}

/// One input of a batch, as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// The content key of its text.
    pub key: u64,
    /// The input's name (`path` or `path#N`).
    pub input: String,
    /// Its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// A batch as published: every input in input order (exact duplicates included: JetStream
/// may have dropped their messages, the manifest keeps them as carriers).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// The publishing run.
    pub run: String,
    /// The batch's number in the run.
    pub batch: u64,
    /// Its inputs.
    pub entries: Vec<Entry>,
}

/// The stream's configuration (the publisher and the workers create it alike when absent).
fn stream_config() -> async_nats::jetstream::stream::Config {
    async_nats::jetstream::stream::Config {
        name: STREAM.to_string(),
        subjects: vec![SUBJECT_ARTICLES.to_string(), SUBJECT_BATCHES.to_string()],
        storage: async_nats::jetstream::stream::StorageType::File,
        duplicate_window: Duration::from_secs(120),
        ..Default::default()
    }
}

/// A runtime for the NATS client: the rest of the program is synchronous threads, which
/// call into it with `block_on` (the synchronous PostgreSQL client must not run on it).
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime starts")
}

/// Connect to the NATS server at `url` and make sure the stream exists.
async fn connect(
    url: &str,
) -> Result<
    (
        async_nats::jetstream::Context,
        async_nats::jetstream::stream::Stream,
    ),
    QueueError,
> {
    let client = async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(5))
        .max_reconnects(None)
        .connect(url)
        .await
        .map_err(|e| nats(url, e))?;
    let js = async_nats::jetstream::new(client);
    let stream = js
        .get_or_create_stream(stream_config())
        .await
        .map_err(|e| nats(url, e))?;
    Ok((js, stream))
}

fn nats(url: &str, e: impl std::fmt::Display) -> QueueError {
    QueueError::Nats {
        url: url.to_string(),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back() {
        let m = Manifest {
            run: "r".into(),
            batch: 3,
            entries: vec![Entry {
                key: u64::MAX - 1,
                input: "a.txt".into(),
                url: None,
                outlet: Some("Harbor Times".into()),
            }],
        };
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), m);
    }
}
