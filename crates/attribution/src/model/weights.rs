//! The learned weights: their binary form and the [`Model`] that reads it in place.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{viterbi, NT, TAGS};

/// Learned weights, as training produces them (integer weights, features sorted by hash).
/// Stored compactly with [`Weights::to_bin`] in `resources/weights/attribution.bin`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Weights {
    /// Format note.
    pub about: String,
    /// Tag names, for checking.
    pub tags: Vec<String>,
    /// Integer weights are real weights times this.
    pub scale: f32,
    /// Transition weights: `NT + 1` rows (last = start), `NT` columns.
    pub transitions: Vec<Vec<i32>>,
    /// Feature hash and its `NT` weights.
    pub features: Vec<(u64, Vec<i32>)>,
}

/// Magic bytes (and format version) opening the binary weights.
const MAGIC: &[u8; 8] = b"TRIATT01";
/// Header: magic, then u32 `NT`, u32 feature count, u32 exception count, f32 scale.
const HEADER: usize = 8 + 4 * 4;
/// An `i16` weight equal to this is stored in the exception list as `i32`.
const ESCAPE: i16 = i16::MIN;
/// Feature lookup buckets: the top bits of the (FNV, so well spread) feature hash.
const BUCKET_BITS: u32 = 16;

impl Weights {
    /// The binary form read by [`Model::from_bytes`], all little-endian:
    /// `TRIATT01`; u32 `NT`, u32 feature count `n`, u32 exception count `e`, f32 scale;
    /// `(NT + 1) × NT` i32 transitions (row-major, last row = start); `n` u64 feature
    /// hashes, strictly ascending; `n × NT` i16 weights (feature-major), where
    /// `i16::MIN` means "see the exceptions"; `e` × (u32 weight index, i32 weight),
    /// ascending by index. Duplicate hashes keep the last entry.
    pub fn to_bin(&self) -> Result<Vec<u8>, ModelError> {
        check_shape(self)?;
        let mut feats: Vec<&(u64, Vec<i32>)> = self.features.iter().collect();
        feats.sort_by_key(|(h, _)| *h); // stable: duplicates keep their order
        let mut uniq: Vec<&(u64, Vec<i32>)> = Vec::with_capacity(feats.len());
        for f in feats {
            match uniq.last_mut() {
                Some(last) if last.0 == f.0 => *last = f,
                _ => uniq.push(f),
            }
        }
        let mut weights: Vec<u8> = Vec::with_capacity(uniq.len() * NT * 2);
        let mut exceptions: Vec<(u32, i32)> = Vec::new();
        for (i, (h, ws)) in uniq.iter().enumerate() {
            if ws.len() != NT {
                return Err(ModelError::Shape(format!(
                    "feature {h} has {} weights",
                    ws.len()
                )));
            }
            for (k, &x) in ws.iter().enumerate() {
                let small = i16::try_from(x).ok().filter(|&v| v != ESCAPE);
                let v = small.unwrap_or_else(|| {
                    exceptions.push(((i * NT + k) as u32, x));
                    ESCAPE
                });
                weights.extend_from_slice(&v.to_le_bytes());
            }
        }
        let n = uniq.len();
        let mut out = Vec::with_capacity(HEADER + 4 * NT * (NT + 1) + n * (8 + 2 * NT));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NT as u32).to_le_bytes());
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(exceptions.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.transitions {
            for &x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        for (h, _) in &uniq {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.extend_from_slice(&weights);
        for (i, x) in exceptions {
            out.extend_from_slice(&i.to_le_bytes());
            out.extend_from_slice(&x.to_le_bytes());
        }
        Ok(out)
    }
}

fn check_shape(w: &Weights) -> Result<(), ModelError> {
    if w.tags != TAGS {
        return Err(ModelError::Shape(format!("tags {:?}", w.tags)));
    }
    if w.transitions.len() != NT + 1 || w.transitions.iter().any(|r| r.len() != NT) {
        return Err(ModelError::Shape(
            "transitions must be (NT + 1) x NT".into(),
        ));
    }
    Ok(())
}

/// A model ready to tag. It reads the binary weights in place: loading checks the layout
/// and indexes the sorted feature hashes by their top bits; nothing else is decoded.
#[derive(Debug, Clone)]
pub struct Model {
    blob: Cow<'static, [u8]>,
    n: usize,
    keys_at: usize,
    weights_at: usize,
    exceptions: Vec<(u32, i32)>,
    scale: f32,
    /// `buckets[b]..buckets[b + 1]`: the features whose hash has top bits `b`.
    buckets: Vec<u32>,
    trans: [[f32; NT]; NT + 1],
}

/// Errors loading weights.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not the binary layout of [`Weights::to_bin`].
    #[error("resources/weights/attribution.bin: {0}")]
    Format(String),
    /// Wrong dimensions or tag names.
    #[error("resources/weights/attribution.bin: {0}")]
    Shape(String),
}

const WEIGHTS: &[u8] = include_bytes!("../../../../resources/weights/attribution.bin");

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

impl Model {
    /// Build from integer weights, checking their shape.
    pub fn from_weights(w: &Weights) -> Result<Model, ModelError> {
        Model::from_bytes(Cow::Owned(w.to_bin()?))
    }

    /// Read the binary weights of [`Weights::to_bin`], checking their layout.
    pub fn from_bytes(blob: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        let b: &[u8] = &blob;
        let bad = |m: &str| ModelError::Format(m.to_string());
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(bad("not binary attribution weights (magic TRIATT01)"));
        }
        if u32_at(b, 8) as usize != NT {
            return Err(ModelError::Shape(format!(
                "{} tags, expected {NT}",
                u32_at(b, 8)
            )));
        }
        let n = u32_at(b, 12) as usize;
        let ne = u32_at(b, 16) as usize;
        let raw_scale = f32::from_bits(u32_at(b, 20));
        let scale = if raw_scale > 0.0 { raw_scale } else { 1.0 };
        let keys_at = HEADER + 4 * NT * (NT + 1);
        let weights_at = keys_at + 8 * n;
        let exc_at = weights_at + 2 * NT * n;
        if b.len() != exc_at + 8 * ne {
            return Err(bad(
                "length does not match the feature and exception counts",
            ));
        }
        let mut trans = [[0.0; NT]; NT + 1];
        for (r, row) in trans.iter_mut().enumerate() {
            for (c, x) in row.iter_mut().enumerate() {
                *x = u32_at(b, HEADER + 4 * (r * NT + c)) as i32 as f32 / scale;
            }
        }
        let mut buckets = vec![0u32; (1 << BUCKET_BITS) + 1];
        let mut prev: Option<u64> = None;
        for i in 0..n {
            let h = u64_at(b, keys_at + 8 * i);
            if prev.is_some_and(|p| p >= h) {
                return Err(bad("feature hashes not strictly ascending"));
            }
            prev = Some(h);
            buckets[(h >> (64 - BUCKET_BITS)) as usize + 1] += 1;
        }
        for k in 1..buckets.len() {
            buckets[k] += buckets[k - 1];
        }
        let mut exceptions = Vec::with_capacity(ne);
        for e in 0..ne {
            let at = exc_at + 8 * e;
            let i = u32_at(b, at);
            if i as usize >= n * NT || exceptions.last().is_some_and(|&(p, _)| p >= i) {
                return Err(bad("exception indexes out of range or not ascending"));
            }
            exceptions.push((i, u32_at(b, at + 4) as i32));
        }
        Ok(Model {
            n,
            keys_at,
            weights_at,
            exceptions,
            scale,
            buckets,
            trans,
            blob,
        })
    }

    /// The compiled-in model. Panics only if the committed weights file is malformed,
    /// which the crate's tests rule out.
    pub fn get() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            Model::from_bytes(Cow::Borrowed(WEIGHTS)).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// True if the model has learned weights.
    pub fn is_trained(&self) -> bool {
        self.n > 0
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True if no feature has weights.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The `NT` tag weights of a feature hash, if it has any.
    pub fn weights_of(&self, h: u64) -> Option<[f32; NT]> {
        let b: &[u8] = &self.blob;
        let top = (h >> (64 - BUCKET_BITS)) as usize;
        let (lo, hi) = (self.buckets[top] as usize, self.buckets[top + 1] as usize);
        let i = (lo..hi).find(|&i| u64_at(b, self.keys_at + 8 * i) == h)?;
        let mut a = [0.0; NT];
        for (k, x) in a.iter_mut().enumerate() {
            let at = self.weights_at + 2 * (i * NT + k);
            let v = i16::from_le_bytes([b[at], b[at + 1]]);
            let v = if v == ESCAPE {
                let j = (i * NT + k) as u32;
                match self.exceptions.binary_search_by_key(&j, |&(p, _)| p) {
                    Ok(e) => self.exceptions[e].1,
                    Err(_) => i32::from(ESCAPE),
                }
            } else {
                i32::from(v)
            };
            *x = v as f32 / self.scale;
        }
        Some(a)
    }

    /// Best tag sequence for the token features.
    pub fn tag(&self, feats: &[Vec<u64>]) -> Vec<u8> {
        let scores: Vec<[f32; NT]> = feats
            .iter()
            .map(|fs| {
                let mut s = [0.0; NT];
                for &h in fs {
                    if let Some(w) = self.weights_of(h) {
                        for k in 0..NT {
                            s[k] += w[k];
                        }
                    }
                }
                s
            })
            .collect();
        viterbi(&scores, &self.trans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Weights {
        Weights {
            about: String::new(),
            tags: TAGS.iter().map(|s| s.to_string()).collect(),
            scale: 10.0,
            transitions: (0..=NT)
                .map(|r| (0..NT).map(|c| (r * 10 + c) as i32 - 40).collect())
                .collect(),
            features: vec![
                (u64::MAX, vec![1, -2, 3, -4, 5, -6, 7, -8, 9, -10]),
                (
                    5,
                    vec![
                        40_000,
                        -40_000,
                        i32::from(i16::MIN),
                        0,
                        32_767,
                        -32_767,
                        9,
                        1,
                        2,
                        3,
                    ],
                ),
                (1 << 63, vec![0; NT]),
            ],
        }
    }

    #[test]
    fn binary_weights_round_trip() {
        let w = small();
        let m = Model::from_weights(&w).unwrap();
        assert_eq!(m.len(), 3);
        for (h, ws) in &w.features {
            let got = m.weights_of(*h).unwrap();
            for k in 0..NT {
                assert_eq!(got[k].to_bits(), (ws[k] as f32 / 10.0).to_bits());
            }
        }
        assert!(m.weights_of(6).is_none());
        assert_eq!(m.trans[NT][1], ((NT * 10 + 1) as i32 - 40) as f32 / 10.0);
    }

    #[test]
    fn malformed_binary_weights_are_errors() {
        let bin = small().to_bin().unwrap();
        assert!(Model::from_bytes(Cow::Owned(bin[..bin.len() - 1].to_vec())).is_err());
        let mut bad = bin.clone();
        bad[0] = b'X';
        assert!(Model::from_bytes(Cow::Owned(bad)).is_err());
        let mut wrong = small();
        wrong.transitions.pop();
        assert!(wrong.to_bin().is_err());
    }

    #[test]
    fn compiled_in_weights_load() {
        assert!(Model::get().is_trained());
    }
}
