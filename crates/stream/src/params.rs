//! The clusterer's settings.

use serde::{Deserialize, Serialize};

/// The clusterer's settings (the defaults are what docs/BENCHMARKS.md measures).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Similarity from which a document joins a story (the hand rule, `model` 0).
    pub join: f32,
    /// Estimated Jaccard similarity of shingles from which a document is a wire copy.
    pub near_duplicate: f32,
    /// Days between a document and its story's dates that cost nothing.
    pub fresh_days: f32,
    /// Beyond `fresh_days`, the similarity is divided by e every this many days.
    pub decay_days: f32,
    /// Weight of the cosine of shared names (capitalized words inside a sentence) added to
    /// the similarity of terms (the hand rule).
    pub names: f32,
    /// 1: the learned join decision (a logistic model over pair features, when its weights
    /// are compiled in) decides; 0: the cosine plus names bonus against `join`.
    pub model: f32,
    /// Probability (times the time decay) from which the learned decision joins a document
    /// to its most probable candidate story. Chosen with the weights (see
    /// `resources/weights/cluster_join.txt`), on multi-news-train.
    pub join_p: f32,
    /// Factor of the similarity of a document whose year (publication year, else the
    /// latest year its text names) is not within `year_gap` of one of its story's years, in
    /// the hand rule (1: no effect; the learned decision sees the same as a feature).
    pub year_factor: f32,
    /// Years between a document's year and the nearest of its story's from which
    /// `year_factor` applies.
    pub year_gap: f32,
    /// 1: no time decay for a document that refers back to its story's dates (names a year
    /// before its own within them); 0: the decay applies to every dated pair.
    pub refer_back: f32,
    /// 1: the time decay divides the learned decision's odds (it lowers its log-odds by
    /// the gap in decay days, as a feature of the logistic model with a fixed weight would),
    /// so that a strong content match outweighs a gap of weeks; 0: it divides the
    /// probability (before session 13).
    pub odds_decay: f32,
    /// The most log-odds the content of a pair can bring against a time gap
    /// (`odds_decay`): the model's pairs of probability 0.99 or more are right 96.5% of the
    /// time on the train slice (stories 10,001-15,600 of multi-news-train), log-odds 3.3,
    /// so a near-copy of a story a year later is still another story.
    pub content_cap: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            join: 0.22,
            near_duplicate: 0.5,
            fresh_days: 10.0,
            decay_days: 30.0,
            names: 0.1,
            model: 1.0,
            join_p: 0.08,
            year_factor: 1.0,
            year_gap: 1.0,
            refer_back: 1.0,
            odds_decay: 1.0,
            content_cap: 3.3,
        }
    }
}

impl Params {
    /// Set one setting by name (for tuning runs): the field's name. False for an unknown
    /// name.
    pub fn set(&mut self, name: &str, value: f32) -> bool {
        match name {
            "join" => self.join = value,
            "near_duplicate" => self.near_duplicate = value,
            "fresh_days" => self.fresh_days = value,
            "decay_days" => self.decay_days = value,
            "names" => self.names = value,
            "model" => self.model = value,
            "join_p" => self.join_p = value,
            "year_factor" => self.year_factor = value,
            "year_gap" => self.year_gap = value,
            "refer_back" => self.refer_back = value,
            "odds_decay" => self.odds_decay = value,
            "content_cap" => self.content_cap = value,
            _ => return false,
        }
        true
    }
}
