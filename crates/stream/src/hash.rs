//! Stable 64-bit hashing: the values are stored with documents, so they must not change
//! between runs, platforms or versions of the standard library (FNV-1a, then a SplitMix64
//! finalizer to spread the bits). The finalizer and the byte hash are the ones of
//! [`triangulate_text::content_key`], so the content key and these hashes are one scheme.

pub(crate) use triangulate_text::mix;
use triangulate_text::{FNV_OFFSET, FNV_PRIME};

/// Hash of a string under a namespace byte (terms and names never collide by design).
pub(crate) fn hash_str(ns: u8, s: &str) -> u64 {
    let mut h: u64 = (FNV_OFFSET ^ ns as u64).wrapping_mul(FNV_PRIME);
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// A hasher for keys that are already well-mixed 64-bit hashes: it passes them through
/// (fast, and the same on every run).
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0.rotate_left(8) ^ b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = mix(n as u64);
    }
}

/// Build [`IdHasher`]s.
pub(crate) type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_across_builds() {
        // Stored values: a change here invalidates every store.
        assert_eq!(hash_str(0, ""), mix(FNV_OFFSET.wrapping_mul(FNV_PRIME)));
        assert_ne!(hash_str(0, "a"), hash_str(1, "a"));
        assert_ne!(hash_str(0, "ab"), hash_str(0, "ba"));
    }
}
