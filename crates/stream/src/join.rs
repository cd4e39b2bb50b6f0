//! The learned join decision: a logistic model over features of a (document, candidate
//! story) pair, fitted on a stream simulation over multi-news-train (never on the dev sets).
//!
//! `resources/weights/cluster_join.txt`, made by
//! `cargo run --release -p triangulate-eval --example train_cluster_join -- ../shared/data/multi-news-train/train.src.gz resources/weights/cluster_join.txt`:
//! lines starting with `#` are comments, then the bias and one weight per feature
//! ([`PAIR_FEATURES`], in the order of [`PairFeatures`]'s fields), whitespace separated.

use std::sync::OnceLock;

const TXT: &str = include_str!("../../../resources/weights/cluster_join.txt");

/// Number of features of a pair.
pub const PAIR_FEATURES: usize = 12;

/// What the join decision sees of a (document, candidate story) pair.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairFeatures {
    /// Cosine of the document's weighted terms and the story's.
    pub cosine: f32,
    /// Cosine of the names (capitalized words inside a sentence).
    pub names: f32,
    /// Share (by weight) of the document's heaviest terms that the story holds.
    pub doc_coverage: f32,
    /// Share of the story's heaviest terms that the document holds.
    pub story_coverage: f32,
    /// ln of the story's number of documents.
    pub log_docs: f32,
    /// Days between the document's date and the story's dates beyond the fresh days, in
    /// units of the decay days (0 when either has no date).
    pub gap: f32,
    /// 1 when both the document and the story have dates.
    pub dated: f32,
    /// 1 when the document has no names.
    pub no_names: f32,
    /// 1 when the document's year is none of the story's years (both known).
    pub other_year: f32,
    /// Largest cosine of the document's weighted terms and one of the story's latest
    /// members' (at most [`crate::MEMBERS`] of them; the member's idf as of its
    /// arrival).
    pub member_max: f32,
    /// Mean of the same cosines over those members.
    pub member_mean: f32,
    /// Smallest of the same cosines.
    pub member_min: f32,
}

impl PairFeatures {
    /// The features as a vector, in field order.
    pub fn to_array(&self) -> [f32; PAIR_FEATURES] {
        [
            self.cosine,
            self.names,
            self.doc_coverage,
            self.story_coverage,
            self.log_docs,
            self.gap,
            self.dated,
            self.no_names,
            self.other_year,
            self.member_max,
            self.member_mean,
            self.member_min,
        ]
    }
}

/// Bias and weights of the logistic model.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinModel {
    /// Bias.
    pub bias: f32,
    /// One weight per feature.
    pub weights: [f32; PAIR_FEATURES],
}

impl JoinModel {
    /// The compiled-in model (None when the weights file holds none).
    pub fn get() -> Option<&'static JoinModel> {
        static M: OnceLock<Option<JoinModel>> = OnceLock::new();
        M.get_or_init(|| JoinModel::parse(TXT)).as_ref()
    }

    /// Parse the weights file format (None when it holds no numbers). A file of an earlier
    /// model, with fewer weights, gives the features it does not know weight 0.
    pub fn parse(txt: &str) -> Option<JoinModel> {
        let nums: Vec<f32> = txt
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(|w| w.parse::<f32>().expect("cluster_join.txt: a number"))
            .collect();
        if nums.is_empty() {
            return None;
        }
        assert!(
            nums.len() <= PAIR_FEATURES + 1,
            "cluster_join.txt: the bias and at most one weight per feature"
        );
        let mut weights = [0.0; PAIR_FEATURES];
        weights[..nums.len() - 1].copy_from_slice(&nums[1..]);
        Some(JoinModel {
            bias: nums[0],
            weights,
        })
    }

    /// Log-odds that the document belongs to the story.
    pub fn logit(&self, x: &PairFeatures) -> f32 {
        self.bias
            + self
                .weights
                .iter()
                .zip(x.to_array())
                .map(|(w, v)| w * v)
                .sum::<f32>()
    }

    /// Probability that the document belongs to the story.
    pub fn probability(&self, x: &PairFeatures) -> f32 {
        sigmoid(self.logit(x))
    }
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_probability() {
        // A file of the nine-feature model: the features it does not know weigh 0.
        let m = JoinModel::parse("# comment\n-1 2 0 0 0 0 0 0 0 3\n").unwrap();
        assert_eq!(m.bias, -1.0);
        assert_eq!(m.weights[8], 3.0);
        assert!(m.weights[9..].iter().all(|&w| w == 0.0));
        let x = PairFeatures {
            cosine: 0.5,
            member_mean: 0.9,
            ..PairFeatures::default()
        };
        // z = -1 + 2 * 0.5 = 0 (member_mean weighs 0).
        assert!((m.probability(&x) - 0.5).abs() < 1e-6);
        let y = PairFeatures {
            cosine: 1.0,
            ..PairFeatures::default()
        };
        assert!(m.probability(&y) > m.probability(&x));
        assert!(JoinModel::parse("# nothing\n").is_none());
    }

    #[test]
    fn the_compiled_in_model_prefers_similar_stories() {
        let m = JoinModel::get().expect("resources/weights/cluster_join.txt holds a model");
        let base = PairFeatures {
            cosine: 0.2,
            names: 0.2,
            doc_coverage: 0.4,
            story_coverage: 0.3,
            ..PairFeatures::default()
        };
        let closer = PairFeatures {
            cosine: 0.5,
            ..base
        };
        let other_year = PairFeatures {
            other_year: 1.0,
            ..base
        };
        assert!(m.probability(&closer) > m.probability(&base));
        assert!(m.probability(&other_year) < m.probability(&base));
        // An unrelated story (nothing shared) is not joined.
        assert!(m.probability(&PairFeatures::default()) < 0.01);
    }
}
