//! The learned test of whether two different values of two documents are about the same
//! attribute of the same thing, and so contradict: boosted regression trees over features of
//! the two values' words (see [`FEATURES`]), with a threshold on their score, all read from
//! `resources/en/agreement/same-attribute.tsv`.
//!
//! Why learned: the hand rules of `conflicts.rs` (shared clause terms, shared neighbour words)
//! decide on one or two cues at a time; whether two clauses talk about the same date or count
//! depends on several weak ones at once (words next to the value, words a little further off,
//! the kind of value, the clause's similarity). The weights come from Multi-News *train*:
//! values changed in one document of a story (both injection generators of `triangulate-eval`,
//! each weighing half) against the unchanged values of the others are positives, the
//! contradicting pairs of untouched stories negatives; the threshold is set on the next 5,000
//! train stories (never fitted on) so that few untouched stories get a contradiction, and the
//! *val* split stays unseen. The rules' own decisions are two of the features. The command
//! that reproduces the file is in its header and in docs/BENCHMARKS.md.

use std::sync::OnceLock;

use super::rules::RuleError;
use crate::boosted::{self, Node};

/// Names of the features, in the order of the feature vector.
pub(crate) const FEATURES: [&str; N] = [
    "bias",
    "rule_near",
    "rule_aligned",
    "clause_shared_1",
    "clause_shared_2",
    "clause_shared_3",
    "clause_shared_4",
    "clause_shared_6",
    "cosine",
    "containment",
    "near_shared_1",
    "near_shared_2",
    "near_in_other_clause",
    "wide_shared_1",
    "wide_shared_2",
    "wide_shared_3",
    "wide_shared_4",
    "wide_idf",
    "word_before_same",
    "word_after_same",
    "day",
    "month",
    "year",
    "money",
    "share",
    "counted",
    "bare_number",
    "year_wide_shared",
    "day_wide_shared",
    "count_wide_shared",
    "named_year",
    "named_same_thing",
    "set_off_by_commas",
    "alone_both",
    "quoted",
    "same_precision",
    "first_sentence",
    "short_clause",
    "nouns_differ",
    "closest_partner",
    "agreeing_value_as_close",
    "words_before_same_2",
    "words_after_same_2",
    "words_around_same_4",
    "age",
    "duration",
    "age_wide_shared",
    "emb_head",
    "emb_words_best",
    "emb_words_soft",
    "emb_window",
    "emb_clause",
];

/// Number of features.
pub(crate) const N: usize = 52;

/// Boosted regression trees and the threshold on their summed score.
#[derive(Debug)]
pub(crate) struct PairModel {
    base: f32,
    trees: Vec<Vec<Node>>,
    threshold: f32,
    /// The number of judged pairs in a story up to which the threshold was set (most
    /// tuning stories have no more).
    pairs: f32,
    /// A split reads a feature of the mentions' word vectors ([`PARAPHRASE`]).
    vectors: bool,
}

/// Features read from the static word vectors (`triangulate_text::embed`): the mentions
/// carry their vectors only when the model splits on one, so that a model without them does
/// not read the embedding table.
pub(crate) const PARAPHRASE: [&str; 5] = [
    "emb_head",
    "emb_words_best",
    "emb_words_soft",
    "emb_window",
    "emb_clause",
];

const FILE: (&str, &str) = (
    "resources/en/agreement/same-attribute.tsv",
    include_str!("../../../../resources/en/agreement/same-attribute.tsv"),
);

impl PairModel {
    /// The compiled-in model (validated by a test).
    pub(crate) fn get() -> &'static PairModel {
        static MODEL: OnceLock<PairModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            PairModel::parse(FILE.0, FILE.1).expect("same-attribute.tsv is valid (tested)")
        })
    }

    /// Parse `threshold<TAB>T`, `base<TAB>B` and the trees' nodes, one a line:
    /// `node<TAB>TREE<TAB>ID<TAB>split<TAB>FEATURE<TAB>AT_MOST<TAB>LEFT<TAB>RIGHT` or
    /// `node<TAB>TREE<TAB>ID<TAB>leaf<TAB>VALUE`, trees and nodes numbered in order from 0,
    /// children after their parent.
    pub(crate) fn parse(file: &'static str, text: &str) -> Result<PairModel, RuleError> {
        let mut threshold = None;
        let mut base = None;
        let mut pairs = None;
        let mut trees: Vec<Vec<Node>> = Vec::new();
        // Children named by each split, checked once the tree is complete.
        let mut pending: Vec<(usize, usize, usize)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| RuleError {
                file,
                line: i + 1,
                message,
            };
            let f: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| -> Result<f32, RuleError> {
                s.parse::<f32>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| err(format!("not a number: {s:?}")))
            };
            match f[..] {
                ["threshold", v] => threshold = Some(num(v)?),
                ["base", v] => base = Some(num(v)?),
                ["pairs", v] => pairs = Some(num(v)?.max(1.0)),
                ["node", ref fields @ ..] if fields.len() >= 2 => {
                    boosted::push_node(&mut trees, fields, &FEATURES).map_err(err)?;
                    // The children a split names, checked once the tree is complete.
                    let t = trees.len() - 1;
                    if let Some(&Node::Split { left, right, .. }) = trees[t].last() {
                        pending.push((i + 1, t, left.max(right)));
                    }
                }
                _ => return Err(err("expected threshold, base or node".into())),
            }
        }
        if let Some(&(line, _, child)) = pending.iter().find(|(_, t, c)| *c >= trees[*t].len()) {
            return Err(RuleError {
                file,
                line,
                message: format!("no node {child} in this tree"),
            });
        }
        let last = text.lines().count();
        let missing = |what: &str| RuleError {
            file,
            line: last,
            message: format!("no {what} line"),
        };
        let vectors = trees.iter().flatten().any(|n| {
            matches!(n, Node::Split { feature, .. } if PARAPHRASE.contains(&FEATURES[*feature]))
        });
        Ok(PairModel {
            vectors,
            base: base.ok_or_else(|| missing("base"))?,
            threshold: threshold.ok_or_else(|| missing("threshold"))?,
            pairs: pairs.ok_or_else(|| missing("pairs"))?,
            trees,
        })
    }

    /// The model reads the mentions' word vectors.
    pub(crate) fn uses_vectors(&self) -> bool {
        self.vectors
    }

    /// The margin a pair needs in a story with `k` judged pairs: 0 up to the number the
    /// threshold was set on, then ln(k / that number). A story with more pairs has more
    /// chances of a false alarm; this keeps the chance for the whole story about the same
    /// (the score is a log-odds, and each extra pair multiplies the chance).
    pub(crate) fn required(&self, k: usize) -> f32 {
        (k as f32 / self.pairs).ln().max(0.0)
    }

    /// The pair's score less the threshold: the pair is one attribute when it is positive.
    pub(crate) fn margin(&self, x: &[f32; N]) -> f32 {
        let s = boosted::sum(self.base, &self.trees, x);
        s - self.threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_model_parses_and_scores() {
        let m = PairModel::parse(FILE.0, FILE.1).unwrap();
        assert!(m.threshold.is_finite() && !m.trees.is_empty());
        assert_eq!(FEATURES.len(), N);
        // Nothing in common is not one attribute; the same words around both values are.
        let mut none = [0.0; N];
        none[0] = 1.0;
        let mut all = [1.0; N];
        for (k, name) in FEATURES.iter().enumerate() {
            if matches!(
                *name,
                "nouns_differ" | "quoted" | "agreeing_value_as_close" | "bare_number"
            ) {
                all[k] = 0.0;
            }
        }
        assert!(m.margin(&none) < 0.0);
        assert!(m.margin(&all) > 0.0, "{}", m.margin(&all));
    }

    #[test]
    fn malformed_lines_are_errors_with_their_line() {
        let e = PairModel::parse("t.tsv", "threshold\t1\nbase\tx\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("not a number")), (2, true));
        let e = PairModel::parse(
            "t.tsv",
            "base\t0\npairs\t1\nthreshold\t1\nnode\t0\t0\tsplit\tbias\t0.5\t1\t2\nnode\t0\t1\tleaf\t1\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.message.contains("no node 2")), (4, true), "{e}");
        let e = PairModel::parse("t.tsv", "node\t0\t0\tsplit\tnonsense\t1\t1\t2\n").unwrap_err();
        assert!(e.message.contains("unknown feature"), "{e}");
        let e = PairModel::parse("t.tsv", "node\t0\t0\tleaf\t1\n").unwrap_err();
        assert!(e.message.contains("no base"), "{e}");
    }

    #[test]
    fn a_tree_sends_values_at_most_the_split_left() {
        let m = PairModel::parse(
            "t.tsv",
            "threshold\t0\npairs\t4\nbase\t-1\nnode\t0\t0\tsplit\tcosine\t0.5\t1\t2\nnode\t0\t1\tleaf\t0.5\nnode\t0\t2\tleaf\t2\n",
        )
        .unwrap();
        let cos = FEATURES.iter().position(|f| *f == "cosine").unwrap();
        let mut x = [0.0; N];
        x[cos] = 0.5;
        assert_eq!(m.margin(&x), -0.5);
        x[cos] = 0.51;
        assert_eq!(m.margin(&x), 1.0);
        // Up to 4 judged pairs in a story, no extra margin; 8 pairs ask for ln 2.
        assert_eq!(m.required(4), 0.0);
        assert!(!m.uses_vectors());
        let emb = PairModel::parse(
            "t.tsv",
            "threshold\t0\npairs\t4\nbase\t-1\nnode\t0\t0\tsplit\temb_head\t0.5\t1\t2\nnode\t0\t1\tleaf\t0.5\nnode\t0\t2\tleaf\t2\n",
        )
        .unwrap();
        assert!(emb.uses_vectors());
        assert!((m.required(8) - 2f32.ln()).abs() < 1e-6);
    }
}
