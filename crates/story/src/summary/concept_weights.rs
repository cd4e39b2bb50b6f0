//! Supervised concept weights, after Li, Qian and Liu ("Using Supervised Bigram-based ILP for
//! Extractive Summarization", ACL 2013): instead of its document frequency, a bigram's
//! weight in the coverage program is a linear prediction of the share of human summaries
//! that hold it, from features of the bigram in the story: how many documents and
//! occurrences hold it, whether the documents open with it, how early it first comes,
//! whether one of its words is a stop word or has a digit, how often it is capitalized, and
//! the learned scores of the sentences that hold it. The weights are fitted by
//! `crates/eval/examples/train_concepts.rs` (`bench/train_concepts.sh`).
//!
//! No feature reads a corpus's casing rule, truncation or length directly: counts are shares
//! of the story's documents, capitalization a share of the bigram's own occurrences.

use crate::similarity::SentenceSet;

use super::concepts::Concepts;
use super::Features;
use super::Model;

/// Names of the concept features, in the order of [`ConceptFeatures`] and of the weights
/// file's `concept_learned`.
pub const CONCEPT_FEATURE_NAMES: [&str; NUM_CONCEPT_FEATURES] = [
    "bias",
    "df_share",
    "df_share_sq",
    "df_tenths",
    "tf_share",
    "opens_share",
    "opens3_share",
    "first_position",
    "stop",
    "digit",
    "capitalized",
    "max_score",
    "mean_score",
];

/// Number of concept features.
pub const NUM_CONCEPT_FEATURES: usize = 13;

/// Feature vector of one bigram.
pub type ConceptFeatures = [f32; NUM_CONCEPT_FEATURES];

/// The features of every bigram of `concepts` held by at least `min_df` documents (`None`
/// for the others), `set` the sentences the concepts were built on, `scores` the learned
/// score of each of its sentences, `docs` the story's number of documents.
pub fn concept_features(
    concepts: &Concepts,
    set: &SentenceSet,
    scores: &[f32],
    docs: usize,
    min_df: u32,
) -> Vec<Option<ConceptFeatures>> {
    let m = concepts.len();
    let keep: Vec<bool> = (0..m as u32)
        .map(|c| concepts.stats(c).df >= min_df.max(1))
        .collect();
    // Per bigram: documents opening with it (first sentence; first three), the earliest
    // position in any document, the best and summed score of its sentences and their number.
    let mut opens = vec![0u32; m];
    let mut opens3 = vec![0u32; m];
    let mut first = vec![usize::MAX; m];
    let mut max_score = vec![f32::MIN; m];
    let mut sum_score = vec![0.0f32; m];
    let mut sentences = vec![0u32; m];
    let mut last_doc = vec![usize::MAX; m];
    let mut last_doc3 = vec![usize::MAX; m];
    let (mut doc, mut position) = (usize::MAX, 0usize);
    for (i, r) in set.sentences().iter().enumerate() {
        if r.doc != doc {
            (doc, position) = (r.doc, 0);
        } else {
            position += 1;
        }
        for &c in concepts.all_of(i) {
            let c = c as usize;
            if !keep[c] {
                continue;
            }
            if position == 0 && last_doc[c] != r.doc {
                last_doc[c] = r.doc;
                opens[c] += 1;
            }
            if position < 3 && last_doc3[c] != r.doc {
                last_doc3[c] = r.doc;
                opens3[c] += 1;
            }
            first[c] = first[c].min(position);
            max_score[c] = max_score[c].max(scores[i]);
            sum_score[c] += scores[i];
            sentences[c] += 1;
        }
    }
    let n = docs.max(1) as f32;
    (0..m)
        .map(|c| {
            if !keep[c] || sentences[c] == 0 {
                return None;
            }
            let st = concepts.stats(c as u32);
            let share = st.df as f32 / n;
            Some([
                1.0,
                share,
                share * share,
                st.df as f32 / 10.0,
                st.tf as f32 / n,
                opens[c] as f32 / n,
                opens3[c] as f32 / n,
                1.0 / (1.0 + first[c] as f32),
                st.stop as u8 as f32,
                st.digit as u8 as f32,
                st.capitalized as f32 / st.tf.max(1) as f32,
                max_score[c],
                sum_score[c] / sentences[c] as f32,
            ])
        })
        .collect()
}

/// The learned weight of each bigram (0 for those without features): the linear prediction
/// with `weights`, not below 0, or with `exp` its exponential (a log-linear model).
pub fn learned_weights(
    features: &[Option<ConceptFeatures>],
    weights: &[f32],
    exp: bool,
) -> Vec<f64> {
    features
        .iter()
        .map(|f| match f {
            Some(f) => {
                let z = f
                    .iter()
                    .zip(weights)
                    .map(|(x, w)| (x * w) as f64)
                    .sum::<f64>();
                if exp {
                    z.exp()
                } else {
                    z.max(0.0)
                }
            }
            None => 0.0,
        })
        .collect()
}

/// The concept features of a story as the coverage program would see them: its sentences'
/// features (`features`, for the learned linear score) and concepts. For fitting the weights.
pub fn story_concept_features(
    model: &Model,
    features: &[Features],
    concepts: &Concepts,
    set: &SentenceSet,
    docs: usize,
) -> Vec<Option<ConceptFeatures>> {
    let scores: Vec<f32> = features.iter().map(|f| model.linear_score(f)).collect();
    concept_features(
        concepts,
        set,
        &scores,
        docs,
        model.concept_learned_documents,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::concepts::tests::build;

    #[test]
    fn features_follow_the_story() {
        let (set, c) = build(&[
            "Russia vetoed the resolution on Tuesday. Rain fell in Geneva.",
            "Diplomats met in Geneva. On Tuesday Russia vetoed a resolution.",
            "Russia vetoed it, diplomats said.",
        ]);
        let scores: Vec<f32> = (0..set.len()).map(|i| i as f32).collect();
        let f = concept_features(&c, &set, &scores, 3, 2);
        let id = |a: &str, b: &str| (0..c.len() as u32).find(|&k| c.words(k) == (a, b));
        let veto = id("russia", "veto").expect("a bigram of all three");
        let fv = f[veto as usize].expect("held by 3 documents");
        assert_eq!(fv[1], 1.0);
        // Documents 0 and 2 open with it; document 1 in its second sentence.
        assert_eq!(fv[5], 2.0 / 3.0);
        assert_eq!(fv[6], 1.0);
        // "Russia" is capitalized at a sentence start only, except in document 1.
        assert_eq!(fv[10], 1.0 / 3.0);
        // Scores of sentences 0, 3 and 4 (document 1's second, document 2's first).
        assert_eq!(fv[11], 4.0);
        assert_eq!(fv[12], 7.0 / 3.0);
        // A bigram of one document has no features at min_df 2.
        let rain = id("rain", "fell").expect("a bigram of document 0");
        assert!(f[rain as usize].is_none());
        let w = learned_weights(&f, &[0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -5.0], false);
        assert_eq!(w[veto as usize], 2.0);
        assert_eq!(w[rain as usize], 0.0);
        let e = learned_weights(&f, &[0.0, 2.0], true);
        assert_eq!(e[veto as usize], 2.0f64.exp());
        assert_eq!(e[rain as usize], 0.0);
    }
}
