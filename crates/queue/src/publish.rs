//! The publisher of `ingest --queue`: each batch's documents, then its manifest.

use std::time::Duration;

use async_nats::header::{HeaderMap, NATS_MESSAGE_ID};
use async_nats::jetstream::context::PublishAckFuture;
use async_nats::jetstream::Context;
use triangulate_core::Document;

use crate::{
    connect, nats, runtime, Entry, Manifest, QueueError, HEADER_BATCH, HEADER_BATCH_SIZE,
    HEADER_INDEX, HEADER_RUN, SUBJECT_ARTICLES, SUBJECT_BATCHES,
};

/// Publishes awaited at once (the rest wait for their acknowledgements first).
const IN_FLIGHT: usize = 256;
/// Tries of one publish before giving up (a server restarting answers after a while).
const TRIES: u32 = 40;

/// What a publisher did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PublishCounts {
    /// Documents read and published (each input once).
    pub read: u64,
    /// Stored in the stream.
    pub published: u64,
    /// Dropped by the stream as an exact duplicate (same content key inside its window):
    /// still listed in their batch's manifest, so the store records their input.
    pub duplicates: u64,
    /// Batches (manifests) published.
    pub batches: u64,
}

/// Publishes batches to the stream (creating it if absent).
pub struct Publisher {
    rt: tokio::runtime::Runtime,
    js: Context,
    url: String,
    run: String,
    counts: PublishCounts,
}

impl Publisher {
    /// Connect to the NATS server at `url` (`nats://HOST:PORT`).
    pub fn connect(url: &str) -> Result<Publisher, QueueError> {
        let rt = runtime();
        let (js, _) = rt.block_on(connect(url))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Ok(Publisher {
            rt,
            js,
            url: url.to_string(),
            run: format!("{nanos:x}-{:x}", std::process::id()),
            counts: PublishCounts::default(),
        })
    }

    /// What was published so far.
    pub fn counts(&self) -> PublishCounts {
        self.counts
    }

    /// Publish one batch (as `ingest` cuts them): every document, then the manifest once
    /// the stream has acknowledged them all.
    pub fn publish_batch(&mut self, docs: &[Document]) -> Result<(), QueueError> {
        let batch = self.counts.batches;
        let mut entries = Vec::with_capacity(docs.len());
        let mut bodies = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let key = triangulate_text::content_key(d.analysis_text());
            entries.push(Entry {
                key,
                input: d.name.clone(),
                url: d.meta.url.clone(),
                outlet: d.meta.outlet.clone(),
            });
            let body = serde_json::to_vec(d).expect("a Document serializes");
            let mut h = self.headers(batch, docs.len());
            h.insert(NATS_MESSAGE_ID, format!("{key:016x}").as_str());
            h.insert(HEADER_INDEX, i.to_string().as_str());
            bodies.push((h, body));
        }
        let rt = &self.rt;
        for chunk in bodies.chunks(IN_FLIGHT) {
            let acks = rt.block_on(async {
                let mut waiting = Vec::with_capacity(chunk.len());
                for (h, body) in chunk {
                    waiting.push(send(&self.js, &self.url, SUBJECT_ARTICLES, h, body).await?);
                }
                let mut acks = Vec::with_capacity(chunk.len());
                for (w, (h, body)) in waiting.into_iter().zip(chunk) {
                    acks.push(settle(&self.js, &self.url, SUBJECT_ARTICLES, h, body, w).await?);
                }
                Ok::<_, QueueError>(acks)
            })?;
            for duplicate in acks {
                if duplicate {
                    self.counts.duplicates += 1;
                } else {
                    self.counts.published += 1;
                }
            }
        }
        let manifest = Manifest {
            run: self.run.clone(),
            batch,
            entries,
        };
        let body = serde_json::to_vec(&manifest).expect("a manifest serializes");
        let mut h = self.headers(batch, docs.len());
        h.insert(
            NATS_MESSAGE_ID,
            format!("triangulate-batch-{}-{batch}", self.run).as_str(),
        );
        rt.block_on(async {
            let w = send(&self.js, &self.url, SUBJECT_BATCHES, &h, &body).await?;
            settle(&self.js, &self.url, SUBJECT_BATCHES, &h, &body, w).await
        })?;
        self.counts.read += docs.len() as u64;
        self.counts.batches += 1;
        Ok(())
    }

    fn headers(&self, batch: u64, size: usize) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(HEADER_RUN, self.run.as_str());
        h.insert(HEADER_BATCH, batch.to_string().as_str());
        h.insert(HEADER_BATCH_SIZE, size.to_string().as_str());
        h
    }
}

/// Send one message, trying again while the server does not take it.
async fn send(
    js: &Context,
    url: &str,
    subject: &'static str,
    h: &HeaderMap,
    body: &[u8],
) -> Result<PublishAckFuture, QueueError> {
    let mut tries = 0;
    loop {
        match js
            .publish_with_headers(subject, h.clone(), body.to_vec().into())
            .await
        {
            Ok(w) => return Ok(w),
            Err(e) if tries + 1 < TRIES => {
                tries += 1;
                let _ = e;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => return Err(nats(url, format!("publishing on {subject}: {e}"))),
        }
    }
}

/// Wait for a message's acknowledgement (true: dropped as a duplicate); without one (a
/// timeout, a server restarting), publish it again: the same `Nats-Msg-Id` makes a second
/// copy a duplicate.
async fn settle(
    js: &Context,
    url: &str,
    subject: &'static str,
    h: &HeaderMap,
    body: &[u8],
    first: PublishAckFuture,
) -> Result<bool, QueueError> {
    let mut waiting = first;
    let mut tries = 0;
    loop {
        match waiting.await {
            Ok(ack) => return Ok(ack.duplicate),
            Err(e) if tries + 1 < TRIES => {
                tries += 1;
                let _ = e;
                tokio::time::sleep(Duration::from_millis(250)).await;
                waiting = send(js, url, subject, h, body).await?;
            }
            Err(e) => return Err(nats(url, format!("publishing on {subject}: {e}"))),
        }
    }
}
