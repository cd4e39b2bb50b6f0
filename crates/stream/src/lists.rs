//! Sorted (key, count) lists: the story state's terms and names.

/// Merge `add` (sorted by key) into `into` (sorted by key), summing weights; returns the
/// keys that were new.
pub(crate) fn merge(into: &mut Vec<(u64, u32)>, add: &[(u64, u32)], new_keys: &mut Vec<u64>) {
    let mut out = Vec::with_capacity(into.len() + add.len());
    let (mut i, mut j) = (0, 0);
    while i < into.len() || j < add.len() {
        if j == add.len() || (i < into.len() && into[i].0 < add[j].0) {
            out.push(into[i]);
            i += 1;
        } else if i == into.len() || add[j].0 < into[i].0 {
            out.push(add[j]);
            new_keys.push(add[j].0);
            j += 1;
        } else {
            out.push((into[i].0, into[i].1 + add[j].1));
            i += 1;
            j += 1;
        }
    }
    *into = out;
}

/// Keep the `n` heaviest entries (ties by key), sorted by key.
pub(crate) fn prune(list: &mut Vec<(u64, u32)>, n: usize) {
    if list.len() <= n {
        return;
    }
    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(n);
    list.sort_unstable();
}

/// Cosine of two name lists (sorted by hash) over log counts.
pub(crate) fn names_cosine(a: &[(u64, u32)], b: &[(u64, u32)]) -> f32 {
    let w = |c: u32| 1.0 + (c as f32).ln();
    let (mut dot, mut i, mut j) = (0.0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += w(a[i].1) * w(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    let na: f32 = a.iter().map(|e| w(e.1) * w(e.1)).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|e| w(e.1) * w(e.1)).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}
