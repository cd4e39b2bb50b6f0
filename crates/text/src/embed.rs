//! Static word embeddings: one vector per word, distilled from the sentence model
//! all-MiniLM-L6-v2 (the model2vec recipe: each word run alone through the model and
//! mean-pooled, then reduced by PCA and quantized), so that texts that say the same thing
//! in other words ("sickened" / "ill") come out close where their terms do not overlap.
//!
//! The table is `resources/weights/embed.bin`, rebuilt by `bench/embed_table.py` (its header
//! gives the venv and the command; the format is described there and in [`Embeddings::parse`]).
//! This module only looks words up: the table is compiled in and parsed at first use.
//!
//! ```
//! use triangulate_text::embed::{cosine, Embeddings};
//! let e = Embeddings::get();
//! let a = e.embed_text("Dozens of people were sickened by tainted lettuce.");
//! let b = e.embed_text("Many fell ill after eating contaminated salad.");
//! let c = e.embed_text("Stock markets closed higher on Friday.");
//! assert!(cosine(&a, &b) > cosine(&a, &c));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use thiserror::Error;

const BIN: &[u8] = include_bytes!("../../../resources/weights/embed.bin");
const MAGIC: &[u8; 4] = b"TEMB";
const VERSION: u32 = 1;

/// A table that cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("embedding table: {0}")]
pub struct EmbedError(String);

/// The word-vector table.
#[derive(Debug, Default)]
pub struct Embeddings {
    dims: usize,
    /// Word -> row.
    index: HashMap<String, u32>,
    /// Per row: the scale of its quantized values.
    scales: Vec<f32>,
    /// Per row: the word's idf over the training documents.
    idfs: Vec<f32>,
    /// Rows of `dims` quantized values.
    values: Vec<i8>,
}

fn u32_at(bin: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bin.get(at..at + 4)?.try_into().ok()?))
}

fn f32_at(bin: &[u8], at: usize) -> Option<f32> {
    Some(f32::from_le_bytes(bin.get(at..at + 4)?.try_into().ok()?))
}

impl Embeddings {
    /// The compiled-in table (parsed at first use; a broken table is a build defect).
    pub fn get() -> &'static Embeddings {
        static E: OnceLock<Embeddings> = OnceLock::new();
        E.get_or_init(|| {
            Embeddings::parse(BIN).unwrap_or_else(|e| panic!("resources/weights/embed.bin: {e}"))
        })
    }

    /// Parse the table: `TEMB`, u32 version (1), u32 words, u32 dims (little-endian); per
    /// word an f32 scale, an f32 idf and `dims` i8 values; then the words, UTF-8, one per
    /// line, in row order. An empty input is an empty table (every word unknown).
    pub fn parse(bin: &[u8]) -> Result<Embeddings, EmbedError> {
        if bin.is_empty() {
            return Ok(Embeddings::default());
        }
        let err = |m: &str| EmbedError(m.to_string());
        if bin.get(..4) != Some(MAGIC.as_slice()) {
            return Err(err("not a TEMB table"));
        }
        let version = u32_at(bin, 4).ok_or_else(|| err("truncated header"))?;
        if version != VERSION {
            return Err(EmbedError(format!("version {version}, expected {VERSION}")));
        }
        let n = u32_at(bin, 8).ok_or_else(|| err("truncated header"))? as usize;
        let dims = u32_at(bin, 12).ok_or_else(|| err("truncated header"))? as usize;
        if dims == 0 || dims > 4096 {
            return Err(EmbedError(format!("{dims} dimensions")));
        }
        let row = 8 + dims;
        let rows_end = n
            .checked_mul(row)
            .and_then(|r| r.checked_add(16))
            .filter(|&end| end <= bin.len())
            .ok_or_else(|| err("truncated rows"))?;
        let words = std::str::from_utf8(&bin[rows_end..]).map_err(|_| err("words not UTF-8"))?;
        let words: Vec<&str> = if n == 0 {
            Vec::new()
        } else {
            words.split('\n').collect()
        };
        if words.len() != n {
            return Err(EmbedError(format!("{} words for {n} rows", words.len())));
        }
        let mut e = Embeddings {
            dims,
            index: HashMap::with_capacity(n),
            scales: Vec::with_capacity(n),
            idfs: Vec::with_capacity(n),
            values: Vec::with_capacity(n * dims),
        };
        for (i, w) in words.iter().enumerate() {
            let at = 16 + i * row;
            let (scale, idf) = (f32_at(bin, at), f32_at(bin, at + 4));
            let (Some(scale), Some(idf)) = (scale, idf) else {
                return Err(err("truncated rows"));
            };
            if !scale.is_finite() || !idf.is_finite() {
                return Err(EmbedError(format!("row {i} ({w}): not a number")));
            }
            if w.is_empty() || e.index.insert(w.to_string(), i as u32).is_some() {
                return Err(EmbedError(format!("row {i}: empty or repeated word {w:?}")));
            }
            e.scales.push(scale);
            e.idfs.push(idf);
            e.values
                .extend(bin[at + 8..at + row].iter().map(|&b| b as i8));
        }
        Ok(e)
    }

    /// Dimensions of a vector (0 for an empty table).
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.scales.len()
    }

    /// True for an empty table.
    pub fn is_empty(&self) -> bool {
        self.scales.is_empty()
    }

    /// The idf of a word (lower-case) over the training documents, if it is in the table.
    pub fn idf(&self, word: &str) -> Option<f32> {
        self.index.get(word).map(|&i| self.idfs[i as usize])
    }

    /// The (unit) vector of a word (lower-case), if it is in the table.
    pub fn vector(&self, word: &str) -> Option<Vec<f32>> {
        let mut v = vec![0.0; self.dims];
        self.add(word, 1.0, &mut v).then_some(v)
    }

    /// Add `weight` times the word's vector to `acc` (of [`Embeddings::dims`] values);
    /// false (nothing added) for a word not in the table.
    pub fn add(&self, word: &str, weight: f32, acc: &mut [f32]) -> bool {
        let Some(&i) = self.index.get(word) else {
            return false;
        };
        let i = i as usize;
        let w = weight * self.scales[i];
        let row = &self.values[i * self.dims..(i + 1) * self.dims];
        for (a, &q) in acc.iter_mut().zip(row) {
            *a += w * q as f32;
        }
        true
    }

    /// Add each word of `text` ([`words`]) in the table, weighted by `weight` times its idf,
    /// to `acc`; returns the number of words found.
    pub fn add_text(&self, text: &str, weight: f32, acc: &mut [f32]) -> usize {
        let mut found = 0;
        for w in words(text) {
            if let Some(idf) = self.idf(&w) {
                found += usize::from(self.add(&w, weight * idf, acc));
            }
        }
        found
    }

    /// The embedding of a text: the idf-weighted sum of its words' vectors (zeros when no
    /// word is in the table).
    pub fn embed_text(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0.0; self.dims];
        self.add_text(text, 1.0, &mut v);
        v
    }
}

/// The words the table is keyed by: maximal runs of ASCII letters of two letters or more,
/// lower-cased (as `bench/embed_table.py` counts them).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_ascii_lowercase)
}

/// Cosine of two vectors (0 when either is all zeros).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f32 {
        let e = Embeddings::get();
        cosine(
            &e.vector(a).unwrap_or_else(|| panic!("{a} in the table")),
            &e.vector(b).unwrap_or_else(|| panic!("{b} in the table")),
        )
    }

    #[test]
    fn the_compiled_in_table_loads() {
        let e = Embeddings::get();
        assert!(e.len() >= 10_000, "{} words", e.len());
        assert!(e.dims() >= 32);
        // Rows are unit vectors (up to quantization).
        let v = e.vector("earthquake").unwrap();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 0.02, "{norm}");
        // Common words weigh less than rare ones.
        assert!(e.idf("the").unwrap() < e.idf("earthquake").unwrap());
        assert_eq!(e.vector("zzqxv"), None);
    }

    #[test]
    fn words_of_one_meaning_are_closer_than_unrelated_words() {
        assert!(sim("sickened", "ill") > sim("sickened", "stock"));
        assert!(sim("earthquake", "quake") > sim("earthquake", "election"));
        assert!(sim("killed", "dead") > sim("killed", "bridge"));
        assert!(sim("president", "leader") > sim("president", "banana"));
    }

    #[test]
    fn paraphrased_sentences_are_closer_than_other_news() {
        let e = Embeddings::get();
        let a = e.embed_text("A powerful earthquake struck the coast, killing dozens.");
        let b = e.embed_text("Scores died when a strong quake hit the shore.");
        let c = e.embed_text("The central bank raised interest rates by half a point.");
        assert!(cosine(&a, &b) > cosine(&a, &c));
        assert_eq!(cosine(&a, &e.embed_text("")), 0.0);
    }

    #[test]
    fn words_are_letter_runs_lower_cased() {
        let w: Vec<String> = words("U.S. weigh-in: Don't STOP 42x a").collect();
        assert_eq!(w, ["weigh", "in", "don", "stop"]);
    }

    #[test]
    fn parse_reads_its_format_and_rejects_damage() {
        let mut bin = b"TEMB".to_vec();
        for v in [1u32, 2, 2] {
            bin.extend(v.to_le_bytes());
        }
        for (scale, idf, vals) in [(0.5f32, 1.0f32, [2i8, 0]), (0.25, 3.0, [0, -4])] {
            bin.extend(scale.to_le_bytes());
            bin.extend(idf.to_le_bytes());
            bin.extend(vals.map(|v| v as u8));
        }
        bin.extend(b"aa\nbb");
        let e = Embeddings::parse(&bin).unwrap();
        assert_eq!((e.len(), e.dims()), (2, 2));
        assert_eq!(e.vector("aa"), Some(vec![1.0, 0.0]));
        assert_eq!(e.vector("bb"), Some(vec![0.0, -1.0]));
        assert_eq!(e.idf("bb"), Some(3.0));
        let mut acc = vec![0.0; 2];
        assert_eq!(e.add_text("AA bb cc", 1.0, &mut acc), 2);
        assert_eq!(acc, vec![1.0, -3.0]);
        assert!(Embeddings::parse(&bin[..bin.len() - 3]).is_err());
        assert!(Embeddings::parse(&bin[..30]).is_err());
        assert!(Embeddings::parse(b"XEMB").is_err());
        let mut dup = bin.clone();
        let n = dup.len();
        dup[n - 2..].copy_from_slice(b"aa");
        assert!(Embeddings::parse(&dup).is_err());
        assert!(Embeddings::parse(&[]).unwrap().is_empty());
    }
}
