//! A token tagger for attribution spans: an averaged structured perceptron over a
//! first-order tag chain (Collins 2002), decoded with Viterbi over the whole document.
//!
//! Tags: `O`, `B-/I-/E-` × source, cue, content (`E` closes a span of two or more tokens;
//! a lone `B` is a one-token span). Features are hashed strings of the token's words, shapes,
//! quotation state, sentence position, clause context and distance to the nearest cue of
//! `resources/en/attribution/cues.txt`. Weights are learned from PolNeAR train by
//! `cargo run --release -p triangulate-eval --example train_attribution` and compiled in
//! from `resources/weights/attribution.bin` (binary, see [`Weights::to_bin`]). Time and
//! memory are linear in the text.
//!
//! One file per job: `features` (what the tagger sees), `weights` (the binary weights and
//! the [`Model`] that reads them in place), `train` (the averaged perceptron and the gold
//! tags it learns from); this file holds the tag set and the Viterbi decoder both use.

mod features;
mod train;
mod weights;

pub use features::{features, fnv};
pub use train::{encode_tags, shuffle, train, SHUFFLE_SEED};
pub use weights::{Model, ModelError, Weights};

/// Number of tags.
pub const NT: usize = 10;
/// Tag names, index = tag id: `B` opens a span (alone: a one-token span), `I` continues it
/// and `E` closes a span of two or more tokens.
pub const TAGS: [&str; NT] = [
    "O", "B-SRC", "I-SRC", "E-SRC", "B-CUE", "I-CUE", "E-CUE", "B-CON", "I-CON", "E-CON",
];
/// Span kinds in tag order: source = 0, cue = 1, content = 2.
pub const KINDS: [&str; 3] = ["source", "cue", "content"];

/// The kind (0 source, 1 cue, 2 content) of a tag, `None` for `O`.
pub fn kind_of(tag: u8) -> Option<usize> {
    if tag == 0 {
        None
    } else {
        Some((tag as usize - 1) / 3)
    }
}

/// True if the tag opens a span (`B`).
pub fn begins(tag: u8) -> bool {
    tag != 0 && (tag - 1).is_multiple_of(3)
}

/// `I` or `E`: continues the span of the token before.
pub(super) fn is_inside(tag: usize) -> bool {
    tag != 0 && !(tag - 1).is_multiple_of(3)
}

/// `I`: the span goes on after this token.
pub(super) fn is_mid(tag: usize) -> bool {
    tag != 0 && (tag - 1) % 3 == 1
}

pub(super) fn allowed(prev: Option<usize>, t: usize) -> bool {
    if is_inside(t) {
        // After the B or I of the same kind.
        matches!(prev, Some(p) if p != 0 && (p - 1) / 3 == (t - 1) / 3 && (p - 1) % 3 != 2)
    } else {
        // An I must go on.
        !prev.is_some_and(is_mid)
    }
}

/// The best tag sequence under the per-token scores and the transition weights (last row:
/// from the start), keeping to the chain's rules ([`allowed`]).
pub(super) fn viterbi(scores: &[[f32; NT]], trans: &[[f32; NT]; NT + 1]) -> Vec<u8> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let mut delta = vec![[f32::NEG_INFINITY; NT]; n];
    let mut back = vec![[0u8; NT]; n];
    for t in 0..NT {
        if allowed(None, t) {
            delta[0][t] = scores[0][t] + trans[NT][t];
        }
    }
    for i in 1..n {
        for t in 0..NT {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..NT {
                if !allowed(Some(p), t) {
                    continue;
                }
                let v = delta[i - 1][p] + trans[p][t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            delta[i][t] = best + scores[i][t];
            back[i][t] = arg as u8;
        }
    }
    let mut t = (0..NT)
        .filter(|&t| !is_mid(t))
        .max_by(|&a, &b| delta[n - 1][a].total_cmp(&delta[n - 1][b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = back[i][t] as usize;
    }
    out
}
