//! Evaluation: ROUGE, PolNeAR attribution scoring, TimeML timex scoring, conflict injection.
//!
//! Unlike the analysis crates, this one reads files (data sets, gzipped or plain).
//!
//! ```
//! use triangulate_eval::rouge::rouge;
//! let r = rouge("The bridge opened on Friday.", "The bridge opened Friday.");
//! assert!(r.rouge1.f > 0.8);
//! ```
#![deny(missing_docs)]

pub mod inject;
pub mod polnear;
pub mod rouge;
pub mod summary;
pub mod timeml;
