//! Story clustering against gold stories: B-cubed and pairwise precision, recall and F1,
//! over exactly the ingest path's clustering (`features` -> `arrival_order` -> `assign`,
//! exact duplicates by content key given the story of their first copy).
//!
//! Data: a directory with `docs/` and `gold.tsv` (`file<TAB>story`), or a Multi-News file
//! (each line's documents are one gold story; all documents in one stream, shuffled with a
//! fixed seed because a real stream interleaves its stories).

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use triangulate_core::{DocId, Document};
use triangulate_readers::multinews::story_lines;
use triangulate_readers::{documents_from_bytes, Format};
use triangulate_stream::{arrival_order, features, Clusterer, Features, Params, NO_STORY};

use crate::summary::{read_text, story_documents, EvalError};
use crate::Prf;

/// One document and the gold story it belongs to.
#[derive(Debug, Clone)]
pub struct Labeled {
    /// The document.
    pub doc: Document,
    /// Its gold story.
    pub gold: String,
}

/// Scores of one clustering.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterScores {
    /// Documents clustered.
    pub documents: usize,
    /// Gold stories.
    pub gold_stories: usize,
    /// Stories found.
    pub stories: usize,
    /// B-cubed precision, recall, F1 (fractions).
    pub bcubed: Prf,
    /// Pairwise precision, recall, F1 (fractions).
    pub pairwise: Prf,
}

/// Score predicted stories against gold stories (the same length, one entry a document).
pub fn score<G: std::hash::Hash + Eq, P: std::hash::Hash + Eq>(
    gold: &[G],
    pred: &[P],
) -> ClusterScores {
    assert_eq!(
        gold.len(),
        pred.len(),
        "one gold and one predicted story a document"
    );
    let n = gold.len();
    let mut g_size: HashMap<&G, usize> = HashMap::new();
    let mut p_size: HashMap<&P, usize> = HashMap::new();
    let mut both: HashMap<(&G, &P), usize> = HashMap::new();
    for (g, p) in gold.iter().zip(pred) {
        *g_size.entry(g).or_default() += 1;
        *p_size.entry(p).or_default() += 1;
        *both.entry((g, p)).or_default() += 1;
    }
    // B-cubed: per document, the share of its predicted story in its gold story and back.
    let (mut bp, mut br) = (0.0, 0.0);
    for (g, p) in gold.iter().zip(pred) {
        let c = both[&(g, p)] as f64;
        bp += c / p_size[p] as f64;
        br += c / g_size[g] as f64;
    }
    let bcubed = if n == 0 {
        Prf::default()
    } else {
        Prf::of(bp, n as f64, br, n as f64)
    };
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let hits: f64 = both.values().map(|&c| pairs(c)).sum();
    let predicted: f64 = p_size.values().map(|&c| pairs(c)).sum();
    let gold_pairs: f64 = g_size.values().map(|&c| pairs(c)).sum();
    ClusterScores {
        documents: n,
        gold_stories: g_size.len(),
        stories: p_size.len(),
        bcubed,
        pairwise: Prf::of(hits, predicted, hits, gold_pairs),
    }
}

/// The stories of `docs` (1-based ids, one a document, in input order) as ingest finds
/// them: features in parallel (ordered), then arrival order, then the online clusterer.
/// An exact duplicate (same content key as an earlier document) takes its first copy's
/// story and is not given to the clusterer.
pub fn cluster(docs: &[Document]) -> Vec<u64> {
    cluster_timed(docs, Params::default(), false).0
}

/// Seconds spent on one tenth of the stream: (documents, (features, assignment)).
pub type TenthTiming = (usize, (f64, f64));

/// [`cluster`], timing each tenth: features of the i-th tenth of the input, assignment of
/// the i-th tenth of the arrival order.
///
/// `strict`: exact copies of a furniture page share its story too (as ingest stores them:
/// once); otherwise each copy counts as a story of its own. A furniture page belongs to no
/// story (`NO_STORY`), nor do its copies, so each is scored alone either way (before
/// session 9 it opened a story, which its copies joined); the flag still glues the copies
/// of a text too short to tell a story by, which opens a story of its own.
pub fn cluster_timed(
    docs: &[Document],
    params: Params,
    strict: bool,
) -> (Vec<u64>, Vec<TenthTiming>) {
    let n = docs.len();
    let bounds: Vec<(usize, usize)> = (0..10).map(|i| (n * i / 10, n * (i + 1) / 10)).collect();
    let mut feats: Vec<Features> = Vec::with_capacity(n);
    let mut timing: Vec<TenthTiming> = Vec::with_capacity(10);
    for &(a, b) in &bounds {
        let t = Instant::now();
        feats.par_extend(docs[a..b].par_iter().map(features));
        timing.push((b - a, (t.elapsed().as_secs_f64(), 0.0)));
    }
    let (out, assign) = assign_timed(Clusterer::with_params(params), &feats, strict);
    for (t, a) in timing.iter_mut().zip(assign) {
        t.1 .1 = a;
    }
    (out, timing)
}

/// The stories of documents whose features are computed (the second half of
/// [`cluster_timed`]: arrival order, then the online clusterer), for tuning runs that
/// compute the features once.
pub fn assign(feats: &[Features], params: Params, strict: bool) -> Vec<u64> {
    assign_with(Clusterer::with_params(params), feats, strict)
}

/// [`assign`] with a clusterer made by the caller (a join model being fitted, for one).
pub fn assign_with(c: Clusterer, feats: &[Features], strict: bool) -> Vec<u64> {
    assign_timed(c, feats, strict).0
}

/// [`assign_with`], with the seconds spent on each tenth of the arrival order.
fn assign_timed(mut c: Clusterer, feats: &[Features], strict: bool) -> (Vec<u64>, Vec<f64>) {
    let n = feats.len();
    let order = arrival_order(feats);
    let mut first: HashMap<u64, u64> = HashMap::new();
    let mut extra = 0;
    let mut out = vec![0; n];
    let mut seconds = Vec::with_capacity(10);
    for k in 0..10 {
        let t = Instant::now();
        for &i in &order[n * k / 10..n * (k + 1) / 10] {
            let f = &feats[i];
            let story = match first.get(&f.content_key()) {
                // A furniture page carried by many URLs is stored once by ingest; here each
                // copy is scored as a story of its own, as the clusterer treats furniture.
                Some(_) if f.is_furniture() && !strict => NO_STORY,
                Some(&s) => s,
                None => {
                    let s = c.assign(f).story;
                    first.insert(f.content_key(), s);
                    s
                }
            };
            // A document in no story (page furniture, every copy of it) is alone.
            out[i] = if story == NO_STORY {
                extra += 1;
                u64::MAX - extra
            } else {
                story
            };
        }
        seconds.push(t.elapsed().as_secs_f64());
    }
    (out, seconds)
}

/// Read `DIR/gold.tsv` and the files of `DIR/docs/` it names, in file-name order.
pub fn read_dir(dir: &Path) -> Result<Vec<Labeled>, EvalError> {
    let gold = read_text(&dir.join("gold.tsv"))?;
    let mut rows: Vec<(String, String)> = Vec::new();
    for (i, line) in gold.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (file, story) = line.split_once('\t').ok_or_else(|| {
            EvalError::Mismatch(format!(
                "{}:{}: want file<TAB>story",
                dir.join("gold.tsv").display(),
                i + 1
            ))
        })?;
        rows.push((file.trim().to_string(), story.trim().to_string()));
    }
    rows.sort();
    let mut out = Vec::with_capacity(rows.len());
    for (file, story) in rows {
        let path = dir.join("docs").join(&file);
        let bytes = std::fs::read(&path).map_err(|source| EvalError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let name = path.display().to_string();
        let docs = documents_from_bytes(&name, &bytes, Format::Auto, out.len() as u32)
            .map_err(|e| EvalError::Mismatch(e.to_string()))?;
        for doc in docs.into_iter().take(1) {
            out.push(Labeled {
                doc,
                gold: story.clone(),
            });
        }
    }
    Ok(out)
}

/// Read a Multi-News source file (gzipped or plain): every document, its gold story the
/// line it is on, shuffled with `seed` (Fisher-Yates over SplitMix64).
pub fn read_multinews(src: &Path, seed: u64) -> Result<Vec<Labeled>, EvalError> {
    let text = read_text(src)?;
    let name = src.display().to_string();
    // Line by line (a training file is larger than one input may be), in parallel.
    let lines: Vec<&str> = story_lines(&text).collect();
    let per_line: Vec<Vec<Document>> = lines
        .par_iter()
        .enumerate()
        .map(|(i, l)| story_documents(&format!("{name}#{}", i + 1), l))
        .collect();
    let mut out: Vec<Labeled> = Vec::new();
    for (i, docs) in per_line.into_iter().enumerate() {
        for mut doc in docs {
            doc.id = DocId(out.len() as u32);
            out.push(Labeled {
                doc,
                gold: (i + 1).to_string(),
            });
        }
    }
    shuffle(&mut out, seed);
    Ok(out)
}

/// Fisher-Yates shuffle driven by SplitMix64 from `seed` (fixed: the same seed gives the
/// same order everywhere).
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        triangulate_text::mix(state)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_and_pairwise_by_hand() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        let gold = ["x", "x", "x", "y", "y"];
        let pred = [1, 1, 2, 2, 2];
        let s = score(&gold, &pred);
        // B³ P: a,b 2/2; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15.
        assert!((s.bcubed.p - 11.0 / 15.0).abs() < 1e-12);
        // B³ R: a,b 2/3; c 1/3; d,e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15.
        assert!((s.bcubed.r - 11.0 / 15.0).abs() < 1e-12);
        // Pairs: predicted ab, cd, ce, de (4); gold ab, ac, bc, de (4); shared ab, de.
        assert!((s.pairwise.p - 0.5).abs() < 1e-12);
        assert!((s.pairwise.r - 0.5).abs() < 1e-12);
        assert_eq!((s.documents, s.gold_stories, s.stories), (5, 2, 2));
        let perfect = score(&gold, &["p", "p", "p", "q", "q"]);
        assert_eq!(perfect.bcubed.f, 1.0);
        assert_eq!(perfect.pairwise.f, 1.0);
    }

    #[test]
    fn singletons_have_full_bcubed_precision_and_no_pairs() {
        let s = score(&["x", "x", "y"], &[1, 2, 3]);
        assert_eq!(s.bcubed.p, 1.0);
        assert!((s.bcubed.r - (0.5 + 0.5 + 1.0) / 3.0).abs() < 1e-12);
        assert_eq!(s.pairwise.p, 0.0);
        assert_eq!(s.pairwise.r, 0.0);
    }

    #[test]
    fn shuffle_is_fixed_by_its_seed() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        shuffle(&mut a, 1);
        shuffle(&mut b, 1);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<u32>>());
        shuffle(&mut b, 2);
        assert_ne!(a, b);
    }
}
