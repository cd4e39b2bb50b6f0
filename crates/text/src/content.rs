//! What makes two texts exact duplicates, for every stage that drops them: `report` on files
//! (`triangulate_readers::dedupe`) and the store's ingest (`triangulate_stream::Features`)
//! use [`content_key`], so both agree on which documents are one.
//!
//! The hash is stable (FNV-1a, then a SplitMix64 finalizer): keys are stored with
//! documents, so they must not change between runs, platforms or versions of the standard
//! library. Changing [`content_key`] or [`hash_bytes`] invalidates every store.

/// FNV-1a offset basis.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a prime.
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// SplitMix64 finalizer: spreads the bits of `z` (stable; used by every stored hash).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a over `bytes`, finalized with [`mix`] (stable).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// Key of a text for exact duplicates: equal when two texts have the same words, whatever
/// their case, whitespace, punctuation, markup tags (`<b>`) and character entities
/// (`&amp;`). Pass a document's `analysis_text()`.
///
/// ```
/// use triangulate_text::content_key;
/// assert_eq!(content_key("The mayor <b>opened</b> it."), content_key("the Mayor opened\n it"));
/// assert_ne!(content_key("The mayor opened it."), content_key("The mayor closed it."));
/// ```
pub fn content_key(text: &str) -> u64 {
    let mut joined = String::with_capacity(text.len());
    for w in plain_words(text) {
        joined.push_str(&w);
        joined.push(' ');
    }
    hash_bytes(joined.as_bytes())
}

/// Words of a text for the content key: alphanumeric runs, lower-cased, with markup tags
/// (`<...>`) and character entities (`&amp;`) dropped.
pub fn plain_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_tag = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_tag {
            in_tag = c != '>';
            continue;
        }
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphabetic() || *n == '/' || *n == '!')
        {
            in_tag = true;
        } else if c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#')
        {
            // A character entity: skip to its ';' (at most 10 characters), else keep going.
            let look = chars.clone();
            let mut k = 0;
            for n in look {
                k += 1;
                if n == ';' {
                    for _ in 0..k {
                        chars.next();
                    }
                    break;
                }
                if k > 10 || !(n.is_alphanumeric() || n == '#') {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
            continue;
        }
        if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_across_builds() {
        // Stored values: FNV-1a of "" is its offset basis; a change here invalidates stores.
        assert_eq!(hash_bytes(b""), mix(FNV_OFFSET));
        assert_eq!(
            hash_bytes(b"a"),
            mix((FNV_OFFSET ^ b'a' as u64).wrapping_mul(FNV_PRIME))
        );
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ba"));
    }

    #[test]
    fn content_key_ignores_case_whitespace_and_markup_but_not_words() {
        let a = content_key("The mayor <b>opened</b> the new   bridge &amp; the road.");
        let b = content_key("the Mayor opened the new bridge\n the road. ");
        assert_eq!(a, b);
        assert_ne!(
            a,
            content_key("The mayor opened the old bridge and the road.")
        );
        // Word boundaries count: joining two words is another text.
        assert_ne!(content_key("a b"), content_key("ab"));
        assert_eq!(plain_words("x < y &c 3&#8217;s"), ["x", "y", "c", "3", "s"]);
    }
}
