//! Learning the weights: gold tags from annotated spans and the averaged perceptron.

use std::collections::HashMap;

use triangulate_text::TextAnalysis;

use super::{allowed, is_inside, is_mid, viterbi, Weights, NT, TAGS};

/// Start state of [`shuffle`]'s generator: training is deterministic.
pub const SHUFFLE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// Shuffle `order` in place (Fisher-Yates over a xorshift generator whose state is `rng`),
/// for the training epochs of the tagger and the boundary ranker.
pub fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// Gold tags of a token sequence from spans given as byte fragments per kind
/// (0 source, 1 cue, 2 content): a token belongs to a fragment it overlaps.
pub fn encode_tags(ta: &TextAnalysis, spans: &[(usize, Vec<(usize, usize)>)]) -> Vec<u8> {
    let mut tags = vec![0u8; ta.tokens.len()];
    for (kind, frs) in spans {
        for &(s, e) in frs {
            let a = ta.tokens.partition_point(|t| (t.end as usize) <= s);
            let mut i = a;
            while i < ta.tokens.len() && (ta.tokens[i].start as usize) < e {
                if tags[i] == 0 {
                    tags[i] = (1 + 3 * kind + usize::from(i > a)) as u8;
                }
                i += 1;
            }
        }
    }
    // Overlapping fragments can leave a continuation without its opening: open it there;
    // then close every span whose next token does not continue it.
    for i in 0..tags.len() {
        let t = tags[i] as usize;
        let prev = i.checked_sub(1).map(|p| tags[p] as usize);
        if is_inside(t) && !allowed(prev, t) {
            tags[i] = (1 + 3 * ((t - 1) / 3)) as u8;
        }
    }
    for i in 0..tags.len() {
        let t = tags[i] as usize;
        let goes_on = tags
            .get(i + 1)
            .is_some_and(|&u| is_inside(u as usize) && (u as usize - 1) / 3 == (t.max(1) - 1) / 3);
        if is_mid(t) && !goes_on {
            tags[i] += 1;
        }
    }
    tags
}

/// Train an averaged perceptron on (features, gold tags) sequences.
/// `min_count`: features seen fewer times are dropped. Deterministic.
pub fn train(data: &[(Vec<Vec<u64>>, Vec<u8>)], epochs: usize, min_count: u32) -> Weights {
    let mut count: HashMap<u64, u32> = HashMap::new();
    for (fs, _) in data {
        for f in fs.iter().flatten() {
            *count.entry(*f).or_default() += 1;
        }
    }
    let mut keys: Vec<u64> = count
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&h, _)| h)
        .collect();
    keys.sort_unstable();
    let index: HashMap<u64, usize> = keys.iter().enumerate().map(|(i, &h)| (h, i)).collect();
    let seqs: Vec<(Vec<Vec<usize>>, &Vec<u8>)> = data
        .iter()
        .map(|(fs, tags)| {
            (
                fs.iter()
                    .map(|f| f.iter().filter_map(|h| index.get(h).copied()).collect())
                    .collect(),
                tags,
            )
        })
        .collect();
    let nf = keys.len();
    let mut w = vec![[0f32; NT]; nf];
    let mut wa = vec![[0f32; NT]; nf];
    let mut tr = [[0f32; NT]; NT + 1];
    let mut tra = [[0f32; NT]; NT + 1];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = SHUFFLE_SEED;
    for _ in 0..epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let (fs, gold) = &seqs[k];
            let scores: Vec<[f32; NT]> = fs
                .iter()
                .map(|f| {
                    let mut s = [0.0; NT];
                    for &j in f {
                        for t in 0..NT {
                            s[t] += w[j][t];
                        }
                    }
                    s
                })
                .collect();
            let pred = viterbi(&scores, &tr);
            if pred != **gold {
                for i in 0..fs.len() {
                    let (g, p) = (gold[i] as usize, pred[i] as usize);
                    let (gp, pp) = if i == 0 {
                        (NT, NT)
                    } else {
                        (gold[i - 1] as usize, pred[i - 1] as usize)
                    };
                    if g != p {
                        for &j in &fs[i] {
                            w[j][g] += 1.0;
                            wa[j][g] += c;
                            w[j][p] -= 1.0;
                            wa[j][p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        tr[gp][g] += 1.0;
                        tra[gp][g] += c;
                        tr[pp][p] -= 1.0;
                        tra[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    // Integer weights at a tenth of a perceptron update; features whose weights all stay
    // under one update are dropped (they hardly change a decision and triple the file).
    let scale = 10.0;
    let q = |x: f32, xa: f32| ((x - xa / c) * scale).round() as i32;
    let mut features = Vec::new();
    for (i, &h) in keys.iter().enumerate() {
        let v: Vec<i32> = (0..NT).map(|t| q(w[i][t], wa[i][t])).collect();
        if v.iter().any(|&x| x.unsigned_abs() >= 2 * scale as u32) {
            features.push((h, v));
        }
    }
    Weights {
        about: "Averaged perceptron attribution tagger; see crates/attribution/src/model/. \
                Reproduce: cargo run --release -p triangulate-eval --example train_attribution -- \
                ../shared/data/polnear-train resources/weights/attribution.bin 60 5"
            .into(),
        tags: TAGS.iter().map(|s| s.to_string()).collect(),
        scale,
        transitions: (0..=NT)
            .map(|r| (0..NT).map(|t| q(tr[r][t], tra[r][t])).collect())
            .collect(),
        features,
    }
}
