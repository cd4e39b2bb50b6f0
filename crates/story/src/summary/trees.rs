//! Boosted regression trees added to the learned sentence score: what the linear weights
//! cannot say (a lead sentence counts for more in a story of two documents than of ten; a
//! long sentence pays only when it is central). Read from
//! `resources/weights/summary_trees.tsv`, fitted on the linear score's residuals by
//! `crates/eval/examples/train_summary.rs`.
//!
//! Format, one item a line (`#` comments): `node<TAB>TREE<TAB>ID<TAB>split<TAB>FEATURE<TAB>AT_MOST<TAB>LEFT<TAB>RIGHT`
//! (`x[FEATURE] <= AT_MOST` goes to node LEFT) or `node<TAB>TREE<TAB>ID<TAB>leaf<TAB>VALUE`;
//! trees and nodes numbered in order from 0, children after their parent. A file without
//! nodes adds nothing.

use super::{Features, ModelError, FEATURE_NAMES};
use crate::boosted;
pub use crate::boosted::Node;

/// Boosted trees: the score is the sum of each tree's leaf.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trees {
    /// Each tree's nodes, the root first.
    pub trees: Vec<Vec<Node>>,
}

impl Trees {
    /// Sum of the trees' values at `x` (0 without trees).
    pub fn score(&self, x: &Features) -> f32 {
        boosted::sum(0.0, &self.trees, x)
    }

    /// Parse the format above.
    pub fn parse(file: &'static str, text: &str) -> Result<Trees, ModelError> {
        let mut trees: Vec<Vec<Node>> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| ModelError {
                file,
                message: format!("line {}: {message}", i + 1),
            };
            let f: Vec<&str> = line.split('\t').collect();
            let ["node", ref fields @ ..] = f[..] else {
                return Err(err("expected a node line".into()));
            };
            boosted::push_node(&mut trees, fields, &FEATURE_NAMES).map_err(err)?;
        }
        for (t, tree) in trees.iter().enumerate() {
            for node in tree {
                if let Node::Split { left, right, .. } = node {
                    if (*left).max(*right) >= tree.len() {
                        return Err(ModelError {
                            file,
                            message: format!("tree {t} names a node it does not have"),
                        });
                    }
                }
            }
        }
        Ok(Trees { trees })
    }

    /// The trees in the format [`Trees::parse`] reads (without a header).
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for (t, tree) in self.trees.iter().enumerate() {
            for (k, node) in tree.iter().enumerate() {
                match node {
                    Node::Leaf(v) => out.push_str(&format!("node\t{t}\t{k}\tleaf\t{v}\n")),
                    Node::Split {
                        feature,
                        at_most,
                        left,
                        right,
                    } => out.push_str(&format!(
                        "node\t{t}\t{k}\tsplit\t{}\t{at_most}\t{left}\t{right}\n",
                        FEATURE_NAMES[*feature]
                    )),
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_read_back_what_they_write_and_score_by_their_leaves() {
        let src = "# a comment\nnode\t0\t0\tsplit\tlength\t0.5\t1\t2\nnode\t0\t1\tleaf\t-0.25\n\
                   node\t0\t2\tleaf\t0.75\nnode\t1\t0\tleaf\t0.125\n";
        let t = Trees::parse("t", src).unwrap();
        assert_eq!(t.trees.len(), 2);
        let length = FEATURE_NAMES.iter().position(|f| *f == "length").unwrap();
        let mut x = [0.0; super::super::NUM_FEATURES];
        assert_eq!(t.score(&x), -0.25 + 0.125);
        x[length] = 0.9;
        assert_eq!(t.score(&x), 0.75 + 0.125);
        assert_eq!(Trees::parse("t", &t.to_tsv()).unwrap(), t);
        assert_eq!(Trees::parse("t", "").unwrap().score(&x), 0.0);
    }

    #[test]
    fn malformed_trees_are_refused_with_their_line() {
        for bad in [
            "node\t0\t0\tsplit\tnope\t0.5\t1\t2\n",
            "node\t0\t0\tsplit\tlength\t0.5\t1\t2\nnode\t0\t1\tleaf\t1\n",
            "node\t0\t1\tleaf\t1\n",
            "node\t0\t0\tleaf\tx\n",
            "leaf\t1\n",
        ] {
            assert!(Trees::parse("t", bad).is_err(), "{bad:?}");
        }
        let e = Trees::parse("t", "# c\nnode\t0\t0\tleaf\tNaN\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
