//! Grouping items `0..n` into disjoint sets: attribution merges entity aliases with it, the
//! agreement stage groups mentions of one value.

/// Disjoint sets over `0..n` (path compression; the smaller index is the root, so the
/// result does not depend on the order of unions).
#[derive(Debug, Clone)]
pub struct UnionFind(Vec<usize>);

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    /// The root (smallest member) of `x`'s set.
    pub fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }

    /// Merge the sets of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnionFind;

    #[test]
    fn unions_join_sets_under_their_smallest_member() {
        let mut u = UnionFind::new(5);
        u.union(3, 4);
        u.union(4, 1);
        assert_eq!(u.find(3), 1);
        assert_eq!(u.find(4), 1);
        assert_eq!(u.find(0), 0);
        assert_eq!(u.find(2), 2);
    }
}
