//! PolNeAR attribution data (BRAT standoff) and span scoring.
//!
//! Layout: `DIR/text/NAME.txt` and `DIR/attributions/NAME_ANNOTATOR.ann`; the released dev
//! split nests them one level deeper (`DIR/dev/text`), which [`load_dir`] also accepts.
//! BRAT offsets are character offsets; they are converted to byte offsets here.
//!
//! Scoring is per span kind (source, cue, content), each span a set of tokens (the tokens of
//! `triangulate_text::tokenize` that overlap any of its fragments):
//! - **exact**: a predicted span is correct if a gold span of the same kind has the same
//!   token set (one-to-one); P = correct / predicted, R = correct / gold.
//! - **overlap** (Citron-style partial credit): P = mean over predicted spans of the best
//!   |pred ∩ gold| / |pred|; R = mean over gold spans of the best |pred ∩ gold| / |gold|.
//!
//! An article with k annotation files is scored against each, every count weighted 1/k.

use std::path::{Path, PathBuf};

pub use crate::Prf;

/// A span made of one or more byte ranges (BRAT allows discontinuous spans).
pub type Fragments = Vec<(usize, usize)>;

/// One attribution relation of a gold annotation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relation {
    /// Source fragments.
    pub source: Option<Fragments>,
    /// Cue fragments.
    pub cue: Option<Fragments>,
    /// Content fragments.
    pub content: Option<Fragments>,
}

/// One annotator's file for one article.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    /// Annotator id (the file name's last `_` part).
    pub annotator: String,
    /// Distinct source spans.
    pub sources: Vec<Fragments>,
    /// Distinct cue spans.
    pub cues: Vec<Fragments>,
    /// Distinct content spans.
    pub contents: Vec<Fragments>,
    /// Relations (E lines) with their parts.
    pub relations: Vec<Relation>,
}

/// One article with its annotations.
#[derive(Debug, Clone)]
pub struct Article {
    /// File stem of the text.
    pub name: String,
    /// The article text.
    pub text: String,
    /// One per annotation file (at least one).
    pub annotations: Vec<Annotation>,
}

/// Errors reading a PolNeAR directory.
#[derive(Debug, thiserror::Error)]
pub enum PolnearError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No `text/` + `attributions/` pair was found.
    #[error("{0}: no text/ and attributions/ folders (PolNeAR layout) found")]
    Layout(PathBuf),
    /// A malformed .ann line.
    #[error("{path}:{line}: {message}")]
    Format {
        /// File.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> PolnearError + '_ {
    move |source| PolnearError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Find the folder holding `text/` and `attributions/`: `dir` itself or one child.
pub fn find_root(dir: &Path) -> Result<PathBuf, PolnearError> {
    let ok = |d: &Path| d.join("text").is_dir() && d.join("attributions").is_dir();
    if ok(dir) {
        return Ok(dir.to_path_buf());
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| ok(p))
        .collect();
    children.sort();
    children
        .into_iter()
        .next()
        .ok_or_else(|| PolnearError::Layout(dir.to_path_buf()))
}

/// Read every annotated article of a PolNeAR directory, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<Article>, PolnearError> {
    let root = find_root(dir)?;
    let ann_dir = root.join("attributions");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(io_err(&ann_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out: Vec<Article> = Vec::new();
    for ann in anns {
        let stem = ann
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let (name, annotator) = stem.rsplit_once('_').unwrap_or((stem.as_str(), ""));
        let (name, annotator) = (name.to_string(), annotator.to_string());
        if out.last().map(|a| a.name != name).unwrap_or(true) {
            let tp = root.join("text").join(format!("{name}.txt"));
            let text = std::fs::read_to_string(&tp).map_err(io_err(&tp))?;
            out.push(Article {
                name: name.clone(),
                text,
                annotations: Vec::new(),
            });
        }
        let art = out.last_mut().expect("pushed above");
        let src = std::fs::read_to_string(&ann).map_err(io_err(&ann))?;
        let mut a = parse_ann(&art.text, &src).map_err(|(line, message)| PolnearError::Format {
            path: ann.clone(),
            line,
            message,
        })?;
        a.annotator = annotator;
        art.annotations.push(a);
    }
    Ok(out)
}

/// Byte offset of every char offset (index = char offset; last entry = text length).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Parse one BRAT .ann file against its text. Errors carry (line, message).
/// Lines that are not T or E lines (notes, attributes, text continued) are ignored; relations that name a
/// missing T are kept with that part absent.
pub fn parse_ann(text: &str, src: &str) -> Result<Annotation, (usize, String)> {
    let c2b = char_to_byte(text);
    let mut spans: std::collections::BTreeMap<&str, (&str, Fragments)> = Default::default();
    let mut events: Vec<&str> = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let mut parts = line.split('\t');
        let id = parts.next().unwrap_or("");
        let body = parts.next().unwrap_or("");
        let numbered = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !numbered {
            // Continuation of a previous line's text field (annotated text with line breaks).
            continue;
        }
        if id.starts_with('T') {
            let (kind, ranges) = body
                .split_once(' ')
                .ok_or((i + 1, "expected KIND START END".to_string()))?;
            let mut frs = Fragments::new();
            for r in ranges.split(';') {
                let mut it = r.split_whitespace().map(|x| x.parse::<usize>());
                match (it.next(), it.next()) {
                    (Some(Ok(s)), Some(Ok(e))) if s <= e && e < c2b.len() => {
                        frs.push((c2b[s], c2b[e]))
                    }
                    _ => return Err((i + 1, format!("bad range {r:?}"))),
                }
            }
            spans.insert(id, (kind, frs));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut a = Annotation::default();
    for (kind, frs) in spans.values() {
        let list = match *kind {
            "Source" => &mut a.sources,
            "Cue" => &mut a.cues,
            "Content" => &mut a.contents,
            _ => continue,
        };
        if !list.contains(frs) {
            list.push(frs.clone());
        }
    }
    for body in events {
        let mut r = Relation::default();
        for arg in body.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let frs = spans.get(id).map(|(_, f)| f.clone());
            match role {
                "Source" => r.source = frs,
                "Cue" => r.cue = frs,
                "Content" => r.content = frs,
                _ => {}
            }
        }
        a.relations.push(r);
    }
    Ok(a)
}

/// Token index sets of spans, for scoring.
pub struct TokenSets {
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl TokenSets {
    /// Tokenize `text` once.
    pub fn new(text: &str) -> TokenSets {
        let toks = triangulate_text::tokenize(text, 0);
        TokenSets {
            starts: toks.iter().map(|t| t.start as usize).collect(),
            ends: toks.iter().map(|t| t.end as usize).collect(),
        }
    }

    /// Sorted token indices overlapping any fragment.
    pub fn of(&self, frs: &[(usize, usize)]) -> Vec<u32> {
        let mut v = Vec::new();
        for &(s, e) in frs {
            // first token whose end > s
            let mut i = self.ends.partition_point(|&x| x <= s);
            while i < self.starts.len() && self.starts[i] < e {
                v.push(i as u32);
                i += 1;
            }
        }
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Weighted counts for one span kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Predicted spans.
    pub pred: f64,
    /// Gold spans.
    pub gold: f64,
    /// Exactly matched spans.
    pub exact: f64,
    /// Sum over predicted spans of their best overlap fraction.
    pub overlap_p: f64,
    /// Sum over gold spans of their best overlap fraction.
    pub overlap_r: f64,
}

impl Counts {
    /// Add `other` times `w`.
    pub fn add(&mut self, other: &Counts, w: f64) {
        self.pred += other.pred * w;
        self.gold += other.gold * w;
        self.exact += other.exact * w;
        self.overlap_p += other.overlap_p * w;
        self.overlap_r += other.overlap_r * w;
    }

    /// Exact-match P/R/F in percent.
    pub fn exact_prf(&self) -> Prf {
        Prf::of(self.exact, self.pred, self.exact, self.gold).percent()
    }

    /// Overlap P/R/F in percent.
    pub fn overlap_prf(&self) -> Prf {
        Prf::of(self.overlap_p, self.pred, self.overlap_r, self.gold).percent()
    }
}

fn inter(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Score predicted against gold spans of one kind (token sets; empty sets are dropped).
pub fn score(pred: &[Vec<u32>], gold: &[Vec<u32>]) -> Counts {
    let pred: Vec<&Vec<u32>> = pred.iter().filter(|s| !s.is_empty()).collect();
    let gold: Vec<&Vec<u32>> = gold.iter().filter(|s| !s.is_empty()).collect();
    let mut c = Counts {
        pred: pred.len() as f64,
        gold: gold.len() as f64,
        ..Counts::default()
    };
    let mut used = vec![false; gold.len()];
    for p in &pred {
        if let Some(k) = (0..gold.len()).find(|&k| !used[k] && gold[k] == *p) {
            used[k] = true;
            c.exact += 1.0;
        }
        // Spans are short lists and few per article: the quadratic pass is cheap.
        let best = gold
            .iter()
            .map(|g| inter(p, g) as f64 / p.len() as f64)
            .fold(0.0, f64::max);
        c.overlap_p += best;
    }
    for g in &gold {
        let best = pred
            .iter()
            .map(|p| inter(p, g) as f64 / g.len() as f64)
            .fold(0.0, f64::max);
        c.overlap_r += best;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_discontinuous_spans_with_char_offsets() {
        let text = "“Ça va,” she said. “Fine.”";
        let ann = "T1\tContent 0 8;19 26\t…\nT2\tCue 13 17\tsaid\nT3\tSource 9 12\tshe\nE1\tAttribution:T9 Cue:T2 Source:T3 Content:T1\n";
        let a = parse_ann(text, ann).unwrap();
        assert_eq!(a.contents.len(), 1);
        let frs = &a.contents[0];
        assert_eq!(&text[frs[0].0..frs[0].1], "“Ça va,”");
        assert_eq!(&text[frs[1].0..frs[1].1], "“Fine.”");
        assert_eq!(&text[a.cues[0][0].0..a.cues[0][0].1], "said");
        assert_eq!(a.relations.len(), 1);
        assert!(a.relations[0].source.is_some());
        assert!(parse_ann(text, "T1\tCue 5 400\tx\n").is_err());
    }

    #[test]
    fn exact_and_overlap_scores() {
        let gold = vec![vec![1, 2, 3, 4], vec![8, 9]];
        let pred = vec![vec![1, 2, 3, 4], vec![9], vec![20]];
        let c = score(&pred, &gold);
        assert_eq!(c.exact, 1.0);
        assert!((c.overlap_p - 2.0).abs() < 1e-9);
        assert!((c.overlap_r - 1.5).abs() < 1e-9);
        let prf = c.exact_prf();
        assert!((prf.p - 100.0 / 3.0).abs() < 1e-9);
        assert!((prf.r - 50.0).abs() < 1e-9);
    }
}

/// Scores of one run over a data set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Counts for source, cue, content.
    pub counts: [Counts; 3],
}

/// Predicted spans of one article (byte fragments) per kind: source, cue, content.
pub type Predicted = [Vec<Fragments>; 3];

/// What `triangulate_attribution::attribute_spans` finds in an article, as fragments per
/// kind: every source and cue span, and the content of every relation (distinct spans).
/// Entities and speakers are resolved as well (not scored), so timings cover the stage.
pub fn predict(text: &str) -> Predicted {
    let doc = triangulate_core::Document::new(triangulate_core::DocId(0), "", text);
    let ta = triangulate_text::analyze(&doc);
    let mut found = triangulate_attribution::attribute_spans(&doc, &ta);
    // Entities and speakers too, so that timing covers the whole stage.
    let mut quotes = vec![std::mem::take(&mut found.quotes)];
    let _entities = triangulate_attribution::resolve(&[(&doc, &ta)], &mut quotes);
    found.quotes = quotes.pop().unwrap_or_default();
    let mut out: Predicted = Default::default();
    let one = |s: triangulate_core::Span| vec![(s.start as usize, s.end as usize)];
    out[0] = found.sources.into_iter().map(one).collect();
    out[1] = found.cues.into_iter().map(one).collect();
    for q in found.quotes {
        for (k, frs) in [
            None,
            None,
            Some(
                q.content_parts
                    .iter()
                    .map(|s| (s.start as usize, s.end as usize))
                    .collect(),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            if let Some(frs) = frs {
                if !out[k].contains(&frs) {
                    out[k].push(frs);
                }
            }
        }
    }
    out
}

/// Score predictions of every article (in parallel, deterministic order of summation).
pub fn evaluate(articles: &[Article], pred: impl Fn(&Article) -> Predicted + Sync) -> Report {
    use rayon::prelude::*;
    let per: Vec<[Counts; 3]> = articles
        .par_iter()
        .map(|a| {
            let p = pred(a);
            let ts = TokenSets::new(&a.text);
            let psets: Vec<Vec<Vec<u32>>> = p
                .iter()
                .map(|l| l.iter().map(|f| ts.of(f)).collect())
                .collect();
            let w = 1.0 / a.annotations.len().max(1) as f64;
            // Debugging aid: TRIANGULATE_DUMP_CONTENT=1 prints predicted and gold content
            // spans (byte fragments) per article to stderr.
            if std::env::var_os("TRIANGULATE_DUMP_CONTENT").is_some() {
                let mut s = String::new();
                for f in &p[2] {
                    s.push_str(&format!("P\t{}\t{:?}\n", a.name, f));
                }
                for (i, ann) in a.annotations.iter().enumerate() {
                    for f in &ann.contents {
                        s.push_str(&format!("G{i}\t{}\t{:?}\n", a.name, f));
                    }
                }
                eprint!("{s}");
            }
            let mut out = [Counts::default(); 3];
            for ann in &a.annotations {
                for (k, gold) in [&ann.sources, &ann.cues, &ann.contents].iter().enumerate() {
                    let gsets: Vec<Vec<u32>> = gold.iter().map(|f| ts.of(f)).collect();
                    out[k].add(&score(&psets[k], &gsets), w);
                }
            }
            out
        })
        .collect();
    let mut r = Report {
        articles: articles.len(),
        ..Report::default()
    };
    for c in &per {
        for (total, one) in r.counts.iter_mut().zip(c) {
            total.add(one, 1.0);
        }
    }
    r
}
