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

pub mod cluster;
pub mod inject;
pub mod polnear;
pub mod porter155;
pub mod restated;
pub mod rouge;
pub mod rouge155;
pub mod speakers;
pub mod summary;
pub mod summary_dir;
pub mod timeml;

use serde::Serialize;

/// Precision, recall and F1: fractions from [`Prf::of`], percent after [`Prf::percent`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f: f64,
}

impl Prf {
    /// P = `hits_p / predicted`, R = `hits_r / gold` (0 when the denominator is), F1 their
    /// harmonic mean. The two hit counts differ only for partial-credit measures.
    pub fn of(hits_p: f64, predicted: f64, hits_r: f64, gold: f64) -> Prf {
        let p = if predicted > 0.0 {
            hits_p / predicted
        } else {
            0.0
        };
        let r = if gold > 0.0 { hits_r / gold } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f }
    }

    /// From whole counts: `hits` of `predicted` against `gold`.
    pub fn from_counts(hits: usize, predicted: usize, gold: usize) -> Prf {
        Prf::of(hits as f64, predicted as f64, hits as f64, gold as f64)
    }

    /// Component-wise scaling.
    pub fn scale(self, k: f64) -> Prf {
        Prf {
            p: self.p * k,
            r: self.r * k,
            f: self.f * k,
        }
    }

    /// Fractions to percent.
    pub fn percent(self) -> Prf {
        self.scale(100.0)
    }
}

impl std::ops::Add for Prf {
    type Output = Prf;
    fn add(self, o: Prf) -> Prf {
        Prf {
            p: self.p + o.p,
            r: self.r + o.r,
            f: self.f + o.f,
        }
    }
}
