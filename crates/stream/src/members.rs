//! A story's latest members, kept for the join decision: a document is compared with each of
//! them, not only with the story's centroid (where one wrong early join drags the centroid,
//! the members it did not come from still show it). At most [`MEMBERS`] members of
//! [`MEMBER_TERMS`] terms each, so the cost per document stays flat however large a story
//! grows.

/// Latest members of a story whose terms the join decision compares with a document.
pub const MEMBERS: usize = 16;
/// Heaviest terms a member keeps for that comparison.
pub(crate) const MEMBER_TERMS: usize = 64;

/// Terms of a document for the comparison: (low 32 bits of the term's hash, weight),
/// sorted by the key.
pub(crate) type Short = Vec<(u32, f32)>;

/// A document's weighted terms (term, weight) as compared with members: keyed by the low
/// 32 bits of the term's hash, sorted by the key.
pub(crate) fn short(terms: impl Iterator<Item = (u64, f32)>) -> Short {
    let mut out: Short = terms.map(|(t, w)| (t as u32, w)).collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    out
}

/// What a member keeps of its weighted terms (term, weight): the heaviest [`MEMBER_TERMS`],
/// divided by the norm of all of them, as [`short`] keys them.
pub(crate) fn member(terms: impl Iterator<Item = (u64, f32)>) -> Short {
    let mut w: Vec<(u64, f32)> = terms.collect();
    let norm = w.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    w.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    w.truncate(MEMBER_TERMS);
    let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
    short(w.into_iter().map(|(t, x)| (t, x * scale)))
}

/// Dot product of two [`Short`] lists.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut dot, mut i, mut j) = (0.0, 0, 0);
    while i < a.len() && j < b.len() {
        let (t, w) = a[i];
        let (u, m) = b[j];
        if t < u {
            i += 1;
        } else if u < t {
            j += 1;
        } else {
            dot += w * m;
            i += 1;
            j += 1;
        }
    }
    dot
}

/// A story's latest members, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Members(Vec<Short>);

impl Members {
    /// Add the story's newest member (made by [`member`]), dropping the oldest beyond
    /// [`MEMBERS`].
    pub(crate) fn push(&mut self, m: Short) {
        if self.0.len() == MEMBERS {
            self.0.remove(0);
        }
        self.0.push(m);
    }

    /// (max, mean, min) of the cosines of a document (its [`short`] terms and their norm)
    /// with the members; zeros when there are none.
    pub(crate) fn cosines(&self, doc: &[(u32, f32)], norm: f32) -> (f32, f32, f32) {
        if self.0.is_empty() || norm <= 0.0 {
            return (0.0, 0.0, 0.0);
        }
        let (mut max, mut sum, mut min) = (f32::MIN, 0.0, f32::MAX);
        for m in &self.0 {
            let c = dot(doc, m) / norm;
            max = max.max(c);
            min = min.min(c);
            sum += c;
        }
        (max, sum / self.0.len() as f32, min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine_by_hand(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
        let na = a.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        let nb = b.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        let mut d = 0.0;
        for (t, x) in a {
            for (u, y) in b {
                if t == u {
                    d += x * y;
                }
            }
        }
        d / (na * nb)
    }

    #[test]
    fn cosines_match_a_direct_computation() {
        let doc = [(7u64, 1.0f32), (3, 2.0), (1 << 40 | 5, 0.5)];
        let a = [(3u64, 1.0f32), (9, 4.0)];
        let b = [(7u64, 2.0f32), (3, 1.0), (1 << 40 | 5, 3.0)];
        let mut m = Members::default();
        m.push(member(a.iter().copied()));
        m.push(member(b.iter().copied()));
        let norm = doc.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        let (max, mean, min) = m.cosines(&short(doc.iter().copied()), norm);
        let (ca, cb) = (cosine_by_hand(&doc, &a), cosine_by_hand(&doc, &b));
        assert!((max - ca.max(cb)).abs() < 1e-5, "{max} {ca} {cb}");
        assert!((min - ca.min(cb)).abs() < 1e-5);
        assert!((mean - (ca + cb) / 2.0).abs() < 1e-5);
        // A document is its own member's twin.
        let (same, _, _) = m.cosines(&short(b.iter().copied()), cosine_norm(&b));
        assert!((same - 1.0).abs() < 1e-5);
        assert_eq!(
            Members::default().cosines(&short(doc.iter().copied()), norm),
            (0.0, 0.0, 0.0)
        );
    }

    fn cosine_norm(a: &[(u64, f32)]) -> f32 {
        a.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt()
    }

    #[test]
    fn members_are_bounded_and_keep_the_latest() {
        let mut m = Members::default();
        for i in 0..(MEMBERS as u64 + 5) {
            m.push(member([(i, 1.0)].into_iter()));
        }
        assert_eq!(m.0.len(), MEMBERS);
        // The oldest went: a document of term 0 shares nothing with any member.
        assert_eq!(m.cosines(&short([(0u64, 1.0)].into_iter()), 1.0).0, 0.0);
        let last = MEMBERS as u64 + 4;
        assert!((m.cosines(&short([(last, 1.0)].into_iter()), 1.0).0 - 1.0).abs() < 1e-6);
        // A member keeps its heaviest terms only, weighted by the norm of all of them.
        let long: Vec<(u64, f32)> = (0..(MEMBER_TERMS as u64 * 2))
            .map(|t| (t, 1.0 + t as f32))
            .collect();
        let kept = member(long.iter().copied());
        assert_eq!(kept.len(), MEMBER_TERMS);
        let heaviest = long.len() as u64 - 1;
        assert!(kept.iter().any(|e| e.0 == heaviest as u32));
        assert!(!kept.iter().any(|e| e.0 == 0));
    }
}
