//! Re-ranking a content's first and last token among a few candidates.
//!
//! After the tagger and the relation rules have placed a content, its start is chosen again
//! among a few token positions of its sentence (the sentence start, just after the cue, after
//! "that", after a comma or colon, at a quotation mark, one token either side, and where it
//! already is), and its end likewise (the sentence end, before a comma, after a closing
//! quotation mark, before the cue, ...). Each candidate is scored by a linear model over
//! string features; the weights are learned on PolNeAR train by
//! `cargo run --release -p triangulate-eval --example train_attribution -- \
//! ../shared/data/polnear-train resources/en/attribution/bounds.tsv` and compiled in from
//! `resources/en/attribution/bounds.tsv` (`weight<TAB>feature` lines). Candidates are at most
//! a few dozen per content, so the pass is linear in the text.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use triangulate_text::{data_lines, TextAnalysis, TokenKind};

use crate::lexicon::{Lexicon, LexiconError};
use crate::model;

const FILE: &str = "resources/en/attribution/bounds.tsv";
const SRC: &str = include_str!("../../../resources/en/attribution/bounds.tsv");

/// The end candidate that stands for "no content here".
pub const NONE: usize = usize::MAX;

/// How far (tokens) from the current boundary a candidate may lie.
const REACH: usize = 40;

/// Where candidate `p` lies from the boundary `at` as the tagger placed it: "=", or "<" or ">"
/// and a distance bucket.
fn relative(p: usize, at: usize) -> String {
    if p == at {
        "=".to_string()
    } else if p < at {
        format!("<{}", bucket(at - p))
    } else {
        format!(">{}", bucket(p - at))
    }
}

/// Learned candidate weights.
#[derive(Debug, Default)]
pub struct Ranker {
    /// Feature hash ([`model::fnv`] of its name) to weight.
    weights: HashMap<u64, f32, Prehashed>,
}

/// The keys are FNV hashes already: use them as they are (no SipHash, 52k entries parsed at
/// start-up).
#[derive(Debug, Default, Clone, Copy)]
struct Prehashed;

impl std::hash::BuildHasher for Prehashed {
    type Hasher = PrehashedKey;
    fn build_hasher(&self) -> PrehashedKey {
        PrehashedKey(0)
    }
}

/// Hasher of [`Prehashed`]: the `u64` key itself.
#[derive(Debug, Default)]
struct PrehashedKey(u64);

impl std::hash::Hasher for PrehashedKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; this is the fallback for other types.
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k;
    }
}

impl Ranker {
    /// Parse `weight<TAB>feature` lines, reporting the first bad line.
    pub fn parse(file: &'static str, src: &str) -> Result<Ranker, LexiconError> {
        let mut weights = HashMap::with_capacity_and_hasher(src.lines().count(), Prehashed);
        for (line, l) in data_lines(src) {
            let bad = |m: &str| LexiconError {
                file,
                line,
                message: m.to_string(),
            };
            let (w, f) = l
                .split_once('\t')
                .ok_or_else(|| bad("weight<TAB>feature"))?;
            let w: f32 = w.parse().map_err(|_| bad("weight is not a number"))?;
            if f.is_empty() {
                return Err(bad("empty feature"));
            }
            weights.insert(model::fnv(f), w);
        }
        Ok(Ranker { weights })
    }

    /// The compiled-in ranker. Panics only if the committed file is malformed, which the
    /// crate's tests rule out.
    pub fn get() -> &'static Ranker {
        static R: OnceLock<Ranker> = OnceLock::new();
        R.get_or_init(|| Ranker::parse(FILE, SRC).unwrap_or_else(|e| panic!("{e}")))
    }

    /// True if no feature has a weight (the ranker then keeps every boundary).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Score of one candidate.
    pub fn score(&self, feats: &Feats) -> f32 {
        feats
            .hashes
            .iter()
            .filter_map(|f| self.weights.get(f))
            .sum()
    }

    /// The best candidate's position (ties: the first, which is the current boundary).
    pub fn best(&self, cands: &[(usize, Feats)]) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (p, fs) in cands {
            let s = self.score(fs);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((*p, s));
            }
        }
        best.map(|(p, _)| p)
    }
}

/// Features of one candidate: their hashes, and their names when asked for (training).
#[derive(Debug, Clone, Default)]
pub struct Feats {
    /// [`model::fnv`] of each feature name.
    pub hashes: Vec<u64>,
    /// The names (empty unless [`Context::names`]).
    pub names: Vec<String>,
}

impl Feats {
    fn push(&mut self, buf: &mut String, names: bool) {
        self.hashes.push(model::fnv(buf));
        if names {
            self.names.push(buf.clone());
        }
        buf.clear();
    }
}

/// Candidate starts and ends of one content (token positions; an end is exclusive), each
/// with its features. The current boundary comes first in each list.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Start token candidates.
    pub starts: Vec<(usize, Feats)>,
    /// End (exclusive) token candidates.
    pub ends: Vec<(usize, Feats)>,
}

fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        _ => "17+",
    }
}

fn quote_kind(t: &str) -> &'static str {
    match t {
        "“" | "‘" | "``" => "qo",
        "”" | "’" | "''" => "qc",
        "\"" | "'" => "qs",
        _ => "",
    }
}

/// Shape of a token: quote mark, punctuation, capitalized word, lower-case word, number.
fn shape(ta: &TextAnalysis, text: &str, i: usize) -> String {
    let t = ta.tokens[i].text(text);
    let q = quote_kind(t);
    if !q.is_empty() {
        return q.into();
    }
    match ta.tokens[i].kind {
        TokenKind::Punct => format!("p{t}"),
        TokenKind::Number => "d".into(),
        TokenKind::Word if t.starts_with(char::is_uppercase) => "X".into(),
        TokenKind::Word => "x".into(),
    }
}

fn tag_name(tags: &[u8], i: Option<usize>) -> &'static str {
    match i.and_then(|i| tags.get(i)) {
        None => "<>",
        Some(&t) => match model::kind_of(t) {
            None => "O",
            Some(0) => "S",
            Some(1) => "C",
            _ => "T",
        },
    }
}

const AUX: [&str; 22] = [
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "do", "does", "did", "shall", "'s",
];

/// True if tokens `a..p` hold an auxiliary, a modal or a word ending in -ed.
fn verb_before(ta: &TextAnalysis, a: usize, p: usize) -> bool {
    (a.max(p.saturating_sub(2 * REACH))..p).any(|i| {
        let w = ta.norm_of(i);
        AUX.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
    })
}

/// Context of one content for [`candidates`].
pub struct Context<'a> {
    /// Document text.
    pub text: &'a str,
    /// Its analysis.
    pub ta: &'a TextAnalysis,
    /// Tagger output.
    pub tags: &'a [u8],
    /// Sentence index of each token.
    pub sent: &'a [usize],
    /// Keep feature names (for training), not only their hashes.
    pub names: bool,
}

/// Candidate boundaries of content tokens `a..b` with cue tokens `cue`, if any.
pub fn candidates(
    cx: &Context,
    a: usize,
    b: usize,
    cue: Option<(usize, usize)>,
    direct: bool,
) -> Candidates {
    let (ta, text, tags, sent) = (cx.ta, cx.text, cx.tags, cx.sent);
    let lx = Lexicon::get();
    let n = ta.tokens.len();
    let t = |i: usize| ta.tokens[i].text(text);
    let w = |i: Option<usize>| -> &str {
        match i {
            Some(i) if i < n => ta.norm_of(i),
            _ => "<>",
        }
    };
    let sr = ta.sentences[sent[a]].token_range();
    let er = ta.sentences[sent[b - 1]].token_range();
    let d = if direct { "D" } else { "R" };
    // The cue's side: before the content in its sentence, after it, inside, or none.
    let cue_side = match cue {
        Some((cs, ce)) if ce <= a && sent[cs] == sent[a] => "before",
        Some((cs, _)) if cs >= b && sent[cs] == sent[b - 1] => "after",
        Some((cs, ce)) if cs >= a && ce <= b => "inside",
        Some(_) => "far",
        None => "none",
    };
    let mut buf = String::new();

    // Starts.
    let lo = sr.start.max(a.saturating_sub(REACH));
    let hi = (b - 1).min(a + REACH);
    let mut ps: Vec<usize> = vec![a];
    for p in lo..=hi {
        let prev = p.checked_sub(1).filter(|&q| q >= sr.start);
        let keep = p == sr.start
            || p + 1 == a
            || p == a + 1
            || cue.is_some_and(|(_, ce)| p == ce || p == ce + 1)
            || prev.is_some_and(|q| {
                matches!(t(q), "," | ":" | ";" | "--" | "—" | "(")
                    || ta.norm_of(q) == "that"
                    || lx.cues.contains(ta.norm_of(q))
            })
            || !quote_kind(t(p)).is_empty();
        if keep && p != a {
            ps.push(p);
        }
    }
    let mut starts = Vec::with_capacity(ps.len());
    for p in ps {
        let mut f = Feats::default();
        let mut push = |buf: &mut String| f.push(buf, cx.names);
        let rel = relative(p, a);
        let prev = p.checked_sub(1).filter(|&q| q >= sr.start);
        let pc = match cue {
            Some((_, ce)) if cue_side == "before" => {
                if p == ce {
                    "c+0".to_string()
                } else if p == ce + 1 {
                    "c+1".to_string()
                } else if p < ce {
                    "c<".to_string()
                } else {
                    format!("c>{}", bucket(p - ce))
                }
            }
            _ => cue_side.to_string(),
        };
        let sw = shape(ta, text, p);
        let sp = prev.map_or("<s>".to_string(), |q| shape(ta, text, q));
        let _ = write!(buf, "S:b");
        push(&mut buf);
        let _ = write!(buf, "S:rel={rel}");
        push(&mut buf);
        let _ = write!(buf, "S:rel|{d}={rel}");
        push(&mut buf);
        let _ = write!(buf, "S:pc={pc}");
        push(&mut buf);
        let _ = write!(buf, "S:pc|rel={pc}|{rel}");
        push(&mut buf);
        let _ = write!(buf, "S:w-1={}", w(prev));
        push(&mut buf);
        let _ = write!(buf, "S:w0={}", w(Some(p)));
        push(&mut buf);
        let _ = write!(buf, "S:w-1w0={}|{}", w(prev), w(Some(p)));
        push(&mut buf);
        let _ = write!(buf, "S:sh={sp}|{sw}");
        push(&mut buf);
        let _ = write!(buf, "S:sh|pc={sp}|{sw}|{pc}");
        push(&mut buf);
        let _ = write!(buf, "S:w-1|pc={}|{pc}", w(prev));
        push(&mut buf);
        let _ = write!(buf, "S:first={}", p == sr.start);
        push(&mut buf);
        let _ = write!(buf, "S:first|{d}|{}={}", cue_side, p == sr.start);
        push(&mut buf);
        let _ = write!(
            buf,
            "S:tags={}|{}",
            tag_name(tags, prev),
            tag_name(tags, Some(p))
        );
        push(&mut buf);
        let _ = write!(
            buf,
            "S:tags|rel={}|{}|{rel}",
            tag_name(tags, prev),
            tag_name(tags, Some(p))
        );
        push(&mut buf);
        // Untagged tokens taken in (p < a) or content tokens given up (p > a).
        let (lo2, hi2) = if p < a { (p, a) } else { (a, p) };
        let others = (lo2..hi2).filter(|&i| tags[i] == 0).count();
        let _ = write!(buf, "S:untagged={}|{}", p < a, bucket(others));
        push(&mut buf);
        let commas = (lo2..hi2).filter(|&i| t(i) == ",").count();
        let _ = write!(buf, "S:commas={}|{}", p < a, bucket(commas));
        push(&mut buf);
        let prev2 = prev
            .and_then(|q| q.checked_sub(1))
            .filter(|&q| q >= sr.start);
        let _ = write!(buf, "S:w-2w-1={}|{}", w(prev2), w(prev));
        push(&mut buf);
        let before_sc = (sr.start.max(p.saturating_sub(2 * REACH))..p)
            .any(|i| matches!(model::kind_of(tags[i]), Some(0 | 1)));
        let _ = write!(buf, "S:before={}|{before_sc}|{pc}", bucket(p - sr.start));
        push(&mut buf);
        starts.push((p, f));
    }

    // Ends (exclusive).
    let lo = (a + 1).max(er.start + 1).max(b.saturating_sub(REACH));
    let hi = er.end.min(b + REACH);
    let ce = crate::relations::content_end_of(text, ta, sent[b - 1]);
    let mut ps: Vec<usize> = vec![b];
    for p in lo..=hi {
        let keep = p == er.end
            || p == ce
            || p + 1 == b
            || p == b + 1
            || cue.is_some_and(|(cs, _)| p == cs || p + 1 == cs)
            || (p < n && matches!(t(p), "," | ";" | ":" | "--" | "—" | "(" | ")"))
            || (p < n && ta.norm_of(p) == "according")
            || !quote_kind(t(p - 1)).is_empty();
        if keep && p != b {
            ps.push(p);
        }
    }
    let mut ends = Vec::with_capacity(ps.len());
    for p in ps {
        let mut f = Feats::default();
        let mut push = |buf: &mut String| f.push(buf, cx.names);
        let rel = relative(p, b);
        let next = (p < er.end).then_some(p);
        let last = p - 1;
        let pc = match cue {
            Some((cs, _)) if cue_side == "after" => {
                if p == cs {
                    "c-0".to_string()
                } else if p + 1 == cs {
                    "c-1".to_string()
                } else if p > cs {
                    "c>".to_string()
                } else {
                    format!("c<{}", bucket(cs - p))
                }
            }
            _ => cue_side.to_string(),
        };
        let sl = shape(ta, text, last);
        let sn = next.map_or("</s>".to_string(), |q| shape(ta, text, q));
        let _ = write!(buf, "E:b");
        push(&mut buf);
        let _ = write!(buf, "E:rel={rel}");
        push(&mut buf);
        let _ = write!(buf, "E:rel|{d}={rel}");
        push(&mut buf);
        let _ = write!(buf, "E:pc={pc}");
        push(&mut buf);
        let _ = write!(buf, "E:pc|rel={pc}|{rel}");
        push(&mut buf);
        let _ = write!(buf, "E:w-1={}", w(Some(last)));
        push(&mut buf);
        let _ = write!(buf, "E:w0={}", w(next));
        push(&mut buf);
        let _ = write!(buf, "E:w-1w0={}|{}", w(Some(last)), w(next));
        push(&mut buf);
        let _ = write!(buf, "E:sh={sl}|{sn}");
        push(&mut buf);
        let _ = write!(buf, "E:sh|pc={sl}|{sn}|{pc}");
        push(&mut buf);
        let _ = write!(buf, "E:w0|pc={}|{pc}", w(next));
        push(&mut buf);
        let _ = write!(buf, "E:sentend={}|{}", p == er.end, p == ce);
        push(&mut buf);
        let _ = write!(
            buf,
            "E:sentend|{d}|{}={}|{}",
            cue_side,
            p == er.end,
            p == ce
        );
        push(&mut buf);
        let _ = write!(
            buf,
            "E:tags={}|{}",
            tag_name(tags, Some(last)),
            tag_name(tags, next)
        );
        push(&mut buf);
        let _ = write!(
            buf,
            "E:tags|rel={}|{}|{rel}",
            tag_name(tags, Some(last)),
            tag_name(tags, next)
        );
        push(&mut buf);
        let (lo2, hi2) = if p > b { (b, p) } else { (p, b) };
        let others = (lo2..hi2).filter(|&i| tags[i] == 0).count();
        let _ = write!(buf, "E:untagged={}|{}", p > b, bucket(others));
        push(&mut buf);
        let srcs = (lo2..hi2)
            .filter(|&i| matches!(model::kind_of(tags[i]), Some(0 | 1)))
            .count();
        let _ = write!(buf, "E:srccue={}|{}", p > b, bucket(srcs));
        push(&mut buf);
        let commas = (lo2..hi2).filter(|&i| t(i) == ",").count();
        let _ = write!(buf, "E:commas={}|{}", p > b, bucket(commas));
        push(&mut buf);
        // What follows: the word after next ("..., which"), and whether a source or cue of
        // its own is left in the sentence.
        let after = (p + 1 < er.end).then_some(p + 1);
        let _ = write!(buf, "E:w0w+1={}|{}", w(next), w(after));
        push(&mut buf);
        // A comma that opens an inserted clause closed by another comma before the end.
        let enclosed = next.is_some_and(|q| {
            t(q) == "," && (q + 2..er.end.saturating_sub(1).min(q + 2 * REACH)).any(|i| t(i) == ",")
        });
        let _ = write!(buf, "E:w0w+1|enc={}|{}|{enclosed}", w(next), w(after));
        push(&mut buf);
        let _ = write!(buf, "E:enc={enclosed}|{pc}|{d}");
        push(&mut buf);
        // Whether the content up to here holds a finite verb (a rough test: an auxiliary or
        // modal, or a word ending in -ed), outside inserted clauses.
        let verb = verb_before(ta, a, p);
        let _ = write!(buf, "E:verb={verb}|{d}|{enclosed}");
        push(&mut buf);
        let _ = write!(buf, "E:verb|w0={verb}|{}", w(next));
        push(&mut buf);
        let rest_sc =
            (p..er.end.min(p + 2 * REACH)).any(|i| matches!(model::kind_of(tags[i]), Some(0 | 1)));
        let _ = write!(buf, "E:rest={}|{rest_sc}|{pc}", bucket(er.end - p));
        push(&mut buf);
        ends.push((p, f));
    }
    // One more end: no content at all (most often a tagging error: a cue the data does not
    // treat as reporting).
    let mut f = Feats::default();
    let mut push = |buf: &mut String| f.push(buf, cx.names);
    let cw = cue.map_or("<>", |(cs, _)| ta.norm_of(cs));
    let tagged = (a..b)
        .filter(|&i| model::kind_of(tags[i]) == Some(2))
        .count();
    let share = match tagged * 4 / (b - a) {
        0 => "0",
        1 => "1/4",
        2 => "2/4",
        3 => "3/4",
        _ => "4/4",
    };
    let _ = write!(buf, "N:b");
    push(&mut buf);
    let _ = write!(buf, "N:{d}|{cue_side}");
    push(&mut buf);
    let _ = write!(buf, "N:cue={cw}");
    push(&mut buf);
    let _ = write!(buf, "N:cue|{d}={cw}");
    push(&mut buf);
    let _ = write!(buf, "N:len={}|{d}", bucket(b - a));
    push(&mut buf);
    let _ = write!(buf, "N:tagged={share}|{d}");
    push(&mut buf);
    let _ = write!(buf, "N:first={}|{}", w(Some(a)), cue_side);
    push(&mut buf);
    ends.push((NONE, f));
    Candidates { starts, ends }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_in_ranker_loads() {
        assert!(!Ranker::get().is_empty());
    }

    #[test]
    fn malformed_lines_are_errors_with_their_line() {
        let e = Ranker::parse("t.tsv", "# c\n0.5\tS:b\nnot-a-weight\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(Ranker::parse("t.tsv", "x\tS:b\n").is_err());
        let r = Ranker::parse("t.tsv", "0.5\tS:b\n-1\tS:rel==\n").unwrap();
        let feats = |names: &[&str]| Feats {
            hashes: names.iter().map(|f| model::fnv(f)).collect(),
            names: Vec::new(),
        };
        assert_eq!(r.score(&feats(&["S:b", "S:rel==", "E:b"])), -0.5);
        let best = r.best(&[(3, feats(&["S:rel=="])), (5, feats(&["S:b"]))]);
        assert_eq!(best, Some(5));
    }
}
