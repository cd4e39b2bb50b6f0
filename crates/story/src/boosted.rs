//! Boosted regression trees, as the summary's sentence score (`summary/trees.rs`) and the
//! same-attribute model (`agreement/pair_model.rs`) keep them: the node type, the sum of the
//! leaves a feature vector reaches, and the reading of one `node` line of their weight files
//! (`node<TAB>TREE<TAB>ID<TAB>split<TAB>FEATURE<TAB>AT_MOST<TAB>LEFT<TAB>RIGHT` or
//! `node<TAB>TREE<TAB>ID<TAB>leaf<TAB>VALUE`, trees and nodes numbered in order from 0,
//! children after their parent). Each file's other lines and its error type stay with its
//! model.

/// A node of a regression tree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    /// `x[feature] <= at_most` goes to `left`, else to `right` (indices into the tree).
    Split {
        /// Index into the model's feature names.
        feature: usize,
        /// Threshold.
        at_most: f32,
        /// Node index when the feature is at most the threshold.
        left: usize,
        /// Node index otherwise.
        right: usize,
    },
    /// The tree's value.
    Leaf(f32),
}

/// `start` plus, tree after tree, the leaf each of `trees` reaches at `x` (added in that
/// order, so a model's score is the same to the last bit whatever calls it).
pub(crate) fn sum(start: f32, trees: &[Vec<Node>], x: &[f32]) -> f32 {
    let mut s = start;
    for t in trees {
        let mut k = 0;
        s += loop {
            match t[k] {
                Node::Leaf(v) => break v,
                Node::Split {
                    feature,
                    at_most,
                    left,
                    right,
                } => k = if x[feature] <= at_most { left } else { right },
            }
        };
    }
    s
}

/// Read the fields of one node line after `node` (`TREE ID split ...` or `TREE ID leaf ...`)
/// and append the node to its tree in `trees`; features are named by `names`. The error is
/// the message, without the line: the caller's error type adds it.
pub(crate) fn push_node(
    trees: &mut Vec<Vec<Node>>,
    fields: &[&str],
    names: &[&str],
) -> Result<(), String> {
    let num = |s: &str| {
        s.parse::<f32>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("not a number: {s:?}"))
    };
    let index = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| format!("not an index: {s:?}"))
    };
    let [t, k, ref rest @ ..] = fields[..] else {
        return Err("expected a node line".into());
    };
    let (t, k) = (index(t)?, index(k)?);
    if t == trees.len() {
        trees.push(Vec::new());
    }
    if t + 1 != trees.len() || k != trees[t].len() {
        return Err(format!("node {t} {k} out of order"));
    }
    let node = match rest {
        ["leaf", v] => Node::Leaf(num(v)?),
        ["split", name, at, l, r] => {
            let feature = names
                .iter()
                .position(|x| x == name)
                .ok_or_else(|| format!("unknown feature {name:?}"))?;
            let (left, right) = (index(l)?, index(r)?);
            if left <= k || right <= k {
                return Err("a child must come after its parent".into());
            }
            Node::Split {
                feature,
                at_most: num(at)?,
                left,
                right,
            }
        }
        _ => return Err("expected a split or a leaf".into()),
    };
    trees[t].push(node);
    Ok(())
}
