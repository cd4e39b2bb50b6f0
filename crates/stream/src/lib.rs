//! From a stream of articles to stories: what the stream stages keep of a document
//! ([`Features`]: content key for exact duplicates, MinHash signature, salient terms and
//! names, date), the arrival order of a batch, and the online [`Clusterer`] that finds wire
//! copies (MinHash LSH) and assigns each document to a story through an inverted index.
//!
//! Pure: no I/O. The store persists each document's `Features` and `Assignment`, and
//! re-creates the clusterer with [`Clusterer::restore`].
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_stream::{arrival_order, features, Clusterer};
//! let texts = [
//!     "Firefighters in Oakridge fought a warehouse blaze on Monday night after a storage \
//!      room caught fire. Nobody was hurt, the fire chief said, and the cause is unknown.",
//!     "Firefighters in Oakridge fought a warehouse blaze on Monday night after a storage \
//!      room caught fire. Nobody was hurt, the fire chief said; the cause is still unknown.",
//! ];
//! let feats: Vec<_> = texts
//!     .iter()
//!     .enumerate()
//!     .map(|(i, t)| features(&Document::new(DocId(i as u32), format!("{i}"), *t)))
//!     .collect();
//! let mut c = Clusterer::new();
//! let got: Vec<_> = arrival_order(&feats).into_iter().map(|i| c.assign(&feats[i])).collect();
//! assert_eq!(got[0].story, 1);
//! assert_eq!(got[1].story, 1);
//! assert_eq!(got[1].near_duplicate_of, Some(0));
//! ```
#![deny(missing_docs)]

mod cluster;
mod features;
mod furniture;
mod hash;
mod idf;
mod join;
mod lists;
mod members;
mod params;

pub use cluster::{Assignment, Clusterer, Params, NO_STORY};
pub use features::{document_terms, features, Features};
pub use join::{JoinModel, PairFeatures, PAIR_FEATURES};
pub use members::MEMBERS;

/// The idf prior's file format, for the trainer (`train_idf`): `n` documents, then each
/// term hash with its document frequency.
pub fn encode_idf_table(n: u64, pairs: Vec<(u64, u32)>) -> Vec<u8> {
    idf::Prior::encode(n, pairs)
}

/// Arrival order of a batch: publication date where known, then input order (the same
/// function for ingest and eval cluster). Returns indices into `batch`.
///
/// A document without a date keeps its place after the dated document before it in the
/// input (it takes that document's date for ordering; before any dated document, it comes
/// first), so undated documents stay among their input neighbours.
pub fn arrival_order(batch: &[Features]) -> Vec<usize> {
    let mut last = None;
    let mut keyed: Vec<(Option<chrono::NaiveDate>, usize)> = batch
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if f.date().is_some() {
                last = f.date();
            }
            (last, i)
        })
        .collect();
    keyed.sort_by_key(|&(d, i)| (d, i));
    keyed.into_iter().map(|(_, i)| i).collect()
}
