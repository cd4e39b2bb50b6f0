//! Stable 64-bit hashing: the values are stored with documents, so they must not change
//! between runs, platforms or versions of the standard library (FNV-1a, then a SplitMix64
//! finalizer to spread the bits).

/// FNV-1a over `bytes`, finalized with [`mix`].
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// Hash of a string under a namespace byte (terms and names never collide by design).
pub(crate) fn hash_str(ns: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ ns as u64;
    h = h.wrapping_mul(0x0000_0100_0000_01b3);
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
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

/// SplitMix64 finalizer.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_across_builds() {
        // Stored values: a change here invalidates every store.
        assert_eq!(hash_bytes(b""), mix(0xcbf2_9ce4_8422_2325));
        assert_ne!(hash_str(0, "a"), hash_str(1, "a"));
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ba"));
    }
}
