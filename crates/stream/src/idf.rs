//! Document frequencies learned from a news corpus (multi-news-train), the prior of the
//! online idf: a term's weight is right from the first document of a stream, and the
//! counts of the stream itself are added to it as it grows.
//!
//! `resources/weights/idf.bin`, made by
//! `cargo run --release -p triangulate-eval --example train_idf -- ../shared/data/multi-news-train/train.src.gz resources/weights/idf.bin`:
//! the number of documents (u64, little-endian), then (high 32 bits of the term hash, df)
//! pairs (u32, u32), sorted by hash. An empty file means no prior.

use std::sync::OnceLock;

const BIN: &[u8] = include_bytes!("../../../resources/weights/idf.bin");

/// The learned document frequencies.
pub(crate) struct Prior {
    /// Documents counted.
    pub(crate) n: u64,
    keys: Vec<u32>,
    dfs: Vec<u32>,
}

impl Prior {
    /// The compiled-in table.
    pub(crate) fn get() -> &'static Prior {
        static P: OnceLock<Prior> = OnceLock::new();
        P.get_or_init(|| Prior::parse(BIN))
    }

    fn parse(bin: &[u8]) -> Prior {
        if bin.len() < 8 {
            return Prior {
                n: 0,
                keys: Vec::new(),
                dfs: Vec::new(),
            };
        }
        let n = u64::from_le_bytes(bin[..8].try_into().expect("8 bytes"));
        let rest = &bin[8..];
        assert!(
            rest.len().is_multiple_of(8),
            "resources/weights/idf.bin: truncated"
        );
        let mut keys = Vec::with_capacity(rest.len() / 8);
        let mut dfs = Vec::with_capacity(rest.len() / 8);
        for c in rest.chunks_exact(8) {
            keys.push(u32::from_le_bytes(c[..4].try_into().expect("4 bytes")));
            dfs.push(u32::from_le_bytes(c[4..].try_into().expect("4 bytes")));
        }
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "resources/weights/idf.bin: unsorted"
        );
        Prior { n, keys, dfs }
    }

    /// Learned document frequency of a term (0 when unseen).
    pub(crate) fn df(&self, term: u64) -> u32 {
        match self.keys.binary_search(&((term >> 32) as u32)) {
            Ok(i) => self.dfs[i],
            Err(_) => 0,
        }
    }

    /// The prior idf of a term, `ln((n + 1) / (df + 1))` (1 without a prior).
    pub(crate) fn idf(&self, term: u64) -> f32 {
        if self.n == 0 {
            return 1.0;
        }
        ((self.n as f32 + 1.0) / (self.df(term) as f32 + 1.0)).ln()
    }

    /// Serialize a table (for the trainer): `n`, then (hash, df) pairs.
    pub(crate) fn encode(n: u64, mut pairs: Vec<(u64, u32)>) -> Vec<u8> {
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(pairs.len());
        pairs.sort_unstable();
        for (h, df) in pairs {
            let k = (h >> 32) as u32;
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 = last.1.max(df),
                _ => merged.push((k, df)),
            }
        }
        let mut out = n.to_le_bytes().to_vec();
        for (k, df) in merged {
            out.extend(k.to_le_bytes());
            out.extend(df.to_le_bytes());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_parse() {
        let bin = Prior::encode(10, vec![(5u64 << 32, 3), (1u64 << 32, 7)]);
        let p = Prior::parse(&bin);
        assert_eq!(p.n, 10);
        assert_eq!(p.df(1u64 << 32 | 99), 7);
        assert_eq!(p.df(5u64 << 32), 3);
        assert_eq!(p.df(2u64 << 32), 0);
        assert_eq!(Prior::parse(&[]).n, 0);
    }
}
