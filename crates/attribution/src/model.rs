//! A token tagger for attribution spans: an averaged structured perceptron over a
//! first-order tag chain (Collins 2002), decoded with Viterbi over the whole document.
//!
//! Tags: `O`, `B-/I-/E-` × source, cue, content (`E` closes a span of two or more tokens;
//! a lone `B` is a one-token span). Features are hashed strings of the token's words, shapes,
//! quotation state, sentence position, clause context and distance to the nearest cue of
//! `resources/en/attribution/cues.txt`. Weights are learned from PolNeAR train by
//! `cargo run --release -p triangulate-eval --example train_attribution` and compiled in
//! from `resources/weights/attribution.bin` (binary, see [`Weights::to_bin`]). Time and
//! memory are linear in the text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use triangulate_text::{TextAnalysis, TokenKind};

use crate::lexicon::Lexicon;

/// Number of tags.
pub const NT: usize = 10;
/// Tag names, index = tag id: `B` opens a span (alone: a one-token span), `I` continues it
/// and `E` closes a span of two or more tokens.
pub const TAGS: [&str; NT] = [
    "O", "B-SRC", "I-SRC", "E-SRC", "B-CUE", "I-CUE", "E-CUE", "B-CON", "I-CON", "E-CON",
];
/// Span kinds in tag order: source = 0, cue = 1, content = 2.
pub const KINDS: [&str; 3] = ["source", "cue", "content"];

/// The kind (0 source, 1 cue, 2 content) of a tag, `None` for `O`.
pub fn kind_of(tag: u8) -> Option<usize> {
    if tag == 0 {
        None
    } else {
        Some((tag as usize - 1) / 3)
    }
}

/// True if the tag opens a span (`B`).
pub fn begins(tag: u8) -> bool {
    tag != 0 && (tag - 1).is_multiple_of(3)
}

/// `I` or `E`: continues the span of the token before.
fn is_inside(tag: usize) -> bool {
    tag != 0 && !(tag - 1).is_multiple_of(3)
}

/// `I`: the span goes on after this token.
fn is_mid(tag: usize) -> bool {
    tag != 0 && (tag - 1) % 3 == 1
}

fn allowed(prev: Option<usize>, t: usize) -> bool {
    if is_inside(t) {
        // After the B or I of the same kind.
        matches!(prev, Some(p) if p != 0 && (p - 1) / 3 == (t - 1) / 3 && (p - 1) % 3 != 2)
    } else {
        // An I must go on.
        !prev.is_some_and(is_mid)
    }
}

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

/// FNV-1a hash of a feature name.
pub fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        _ => "13+",
    }
}

fn shape(text: &str, kind: TokenKind) -> String {
    match kind {
        TokenKind::Number => "d".into(),
        TokenKind::Punct => format!("p{}", text.chars().next().unwrap_or(' ')),
        TokenKind::Word => {
            let mut cs = text.chars();
            let first = cs.next().unwrap_or(' ');
            if first.is_uppercase() {
                if text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                    && text.len() > 1
                {
                    "XX".into()
                } else {
                    "Xx".into()
                }
            } else {
                "x".into()
            }
        }
    }
}

/// Quotation marks as tokens: 1 opening, 2 closing, 3 ambiguous (straight), 0 none.
fn quote_mark(t: &str) -> u8 {
    match t {
        "“" | "‘" | "«" | "``" => 1,
        "”" | "»" | "''" => 2,
        "\"" => 3,
        _ => 0,
    }
}

/// Hashed features of every token of the analysis.
pub fn features(text: &str, ta: &TextAnalysis) -> Vec<Vec<u64>> {
    let lx = Lexicon::get();
    let n = ta.tokens.len();
    let raw: Vec<&str> = ta.tokens.iter().map(|t| t.text(text)).collect();
    let shapes: Vec<String> = ta
        .tokens
        .iter()
        .zip(&raw)
        .map(|(t, r)| shape(r, t.kind))
        .collect();
    // Sentence of each token, first/last flags.
    let mut sent = vec![0usize; n];
    let mut s_first = vec![false; n];
    let mut s_last = vec![false; n];
    for (k, s) in ta.sentences.iter().enumerate() {
        let r = s.token_range();
        if r.is_empty() {
            continue;
        }
        s_first[r.start] = true;
        s_last[r.end - 1] = true;
        for i in r {
            sent[i] = k;
        }
    }
    // Paragraph breaks before tokens.
    let para: Vec<bool> = (0..n)
        .map(|i| {
            i == 0
                || text[ta.tokens[i - 1].end as usize..ta.tokens[i].start as usize].contains('\n')
        })
        .collect();
    // Quote state: 0 outside, 1 inside; marks themselves get their own feature.
    let mut qin = vec![false; n];
    let mut qmark = vec![0u8; n];
    let mut open: Option<usize> = None;
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for i in 0..n {
        if para[i] {
            if let Some(o) = open.take() {
                regions.push((o, i));
            }
        }
        let m = quote_mark(raw[i]);
        qmark[i] = m;
        let opening = m == 1 || (m == 3 && open.is_none());
        let closing = m == 2 || (m == 3 && open.is_some());
        if opening && open.is_none() {
            open = Some(i);
        } else if closing {
            if let Some(o) = open.take() {
                regions.push((o, i + 1));
            }
        } else if open.is_some() {
            qin[i] = true;
        }
    }
    if let Some(o) = open {
        regions.push((o, n));
    }
    // A quote region's cue: a cue word just after it or just before it.
    let is_cue: Vec<bool> = (0..n).map(|i| lx.cues.contains(ta.norm_of(i))).collect();
    let mut qcue = vec![""; n];
    for &(a, b) in &regions {
        let after = (b..(b + 5).min(n)).any(|j| is_cue[j]);
        let before = (a.saturating_sub(8)..a).any(|j| is_cue[j] || raw[j] == ":");
        let v = match (before, after) {
            (_, true) => "after",
            (true, false) => "before",
            _ => "none",
        };
        for q in qcue.iter_mut().take(b).skip(a) {
            *q = v;
        }
    }
    // Nearest cue left and right within the sentence.
    let mut left: Vec<Option<usize>> = vec![None; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if s_first[i] {
            last = None;
        }
        left[i] = last;
        if is_cue[i] {
            last = Some(i);
        }
    }
    let mut right: Vec<Option<usize>> = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if s_last[i] {
            next = None;
        }
        right[i] = next;
        if is_cue[i] {
            next = Some(i);
        }
    }
    let stems: Vec<String> = (0..n)
        .map(|i| triangulate_text::stem(ta.norm_of(i)))
        .collect();
    let sent_has_quote: Vec<bool> = {
        let mut v = vec![false; ta.sentences.len().max(1)];
        for i in 0..n {
            if qmark[i] != 0 {
                v[sent[i]] = true;
            }
        }
        v
    };

    // Sentence bounds of each token, and clause context since the nearest cue on the left:
    // commas passed, whether "that" came right after that cue.
    let mut s_start = vec![0usize; n];
    let mut s_end = vec![0usize; n];
    for s in &ta.sentences {
        let r = s.token_range();
        for i in r.clone() {
            s_start[i] = r.start;
            s_end[i] = r.end;
        }
    }
    let mut commas_since_cue = vec![0u8; n];
    let mut that_after_cue = vec![false; n];
    for i in 0..n {
        if let Some(j) = left[i] {
            let prev = if i > 0 && left[i - 1] == Some(j) && j + 1 < i {
                commas_since_cue[i - 1] + u8::from(raw[i - 1] == ",")
            } else {
                0
            };
            commas_since_cue[i] = prev.min(3);
            that_after_cue[i] = j + 1 < n && ta.norm_of(j + 1) == "that";
        }
    }
    // The sentence's final token (its closing punctuation or quotation mark).
    let sent_final: Vec<&str> = ta
        .sentences
        .iter()
        .map(|s| {
            let r = s.token_range();
            if r.is_empty() {
                ""
            } else {
                match quote_mark(raw[r.end - 1]) {
                    0 => raw[r.end - 1],
                    _ => "Q",
                }
            }
        })
        .collect();
    // Whether the previous sentence ends with a quotation mark or holds a cue word.
    let mut sent_cue = vec![false; ta.sentences.len().max(1)];
    for i in 0..n {
        if is_cue[i] {
            sent_cue[sent[i]] = true;
        }
    }
    let w = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            ta.norm_of(i as usize)
        }
    };
    let sh = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            "_"
        } else {
            &shapes[i as usize]
        }
    };
    let mut out = Vec::with_capacity(n);
    let mut buf = String::new();
    for i in 0..n {
        let ii = i as isize;
        let mut f: Vec<u64> = Vec::with_capacity(40);
        let mut push = |buf: &mut String| {
            f.push(fnv(buf));
            buf.clear();
        };
        buf.push('b');
        push(&mut buf);
        let w0 = w(ii);
        let _ = write!(buf, "w0={w0}");
        push(&mut buf);
        let _ = write!(buf, "w-1={}", w(ii - 1));
        push(&mut buf);
        let _ = write!(buf, "w+1={}", w(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "w-2={}", w(ii - 2));
        push(&mut buf);
        let _ = write!(buf, "w+2={}", w(ii + 2));
        push(&mut buf);
        let _ = write!(buf, "w-1w0={}|{}", w(ii - 1), w0);
        push(&mut buf);
        let _ = write!(buf, "w0w+1={}|{}", w0, w(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "s0={}", sh(ii));
        push(&mut buf);
        let _ = write!(buf, "s-1s0={}|{}", sh(ii - 1), sh(ii));
        push(&mut buf);
        let _ = write!(buf, "s0s+1={}|{}", sh(ii), sh(ii + 1));
        push(&mut buf);
        let suf: String = {
            let cs: Vec<char> = w0.chars().collect();
            cs[cs.len().saturating_sub(3)..].iter().collect()
        };
        let _ = write!(buf, "suf={suf}");
        push(&mut buf);
        let q = if qmark[i] != 0 {
            ["", "qo", "qc", "qs"][qmark[i] as usize]
        } else if qin[i] {
            "qin"
        } else {
            "qout"
        };
        let _ = write!(buf, "q={q}|{}", qcue[i]);
        push(&mut buf);
        let _ = write!(buf, "q={q}|s0={}", sh(ii));
        push(&mut buf);
        let _ = write!(
            buf,
            "pos={}{}{}",
            if s_first[i] { "F" } else { "" },
            if s_last[i] { "L" } else { "" },
            if para[i] { "P" } else { "" }
        );
        push(&mut buf);
        let _ = write!(
            buf,
            "next-last={}",
            i + 1 < n && s_last[i + 1] && ta.tokens[i + 1].kind == TokenKind::Punct
        );
        push(&mut buf);
        if is_cue[i] {
            buf.push_str("cue");
            push(&mut buf);
        }
        let (cl, clw) = match left[i] {
            Some(j) => (bucket(i - j), ta.norm_of(j)),
            None => ("none", ""),
        };
        let (cr, crw) = match right[i] {
            Some(j) => (bucket(j - i), ta.norm_of(j)),
            None => ("none", ""),
        };
        let _ = write!(buf, "cl={cl}");
        push(&mut buf);
        let _ = write!(buf, "cr={cr}");
        push(&mut buf);
        let _ = write!(buf, "clw={clw}");
        push(&mut buf);
        let _ = write!(buf, "crw={crw}");
        push(&mut buf);
        let _ = write!(buf, "cl|cr={cl}|{cr}");
        push(&mut buf);
        let _ = write!(buf, "cl|q={cl}|{q}");
        push(&mut buf);
        let _ = write!(buf, "cr|s0={cr}|{}", sh(ii));
        push(&mut buf);
        let _ = write!(buf, "cr|w0={cr}|{w0}");
        push(&mut buf);
        let _ = write!(buf, "cl|w-1={cl}|{}", w(ii - 1));
        push(&mut buf);
        let _ = write!(buf, "sq={}|{q}", sent_has_quote[sent[i]]);
        push(&mut buf);
        let st = |k: isize| -> &str {
            if k < 0 || k as usize >= n {
                "_"
            } else {
                &stems[k as usize]
            }
        };
        let _ = write!(buf, "st0={}", st(ii));
        push(&mut buf);
        let _ = write!(buf, "st-1={}", st(ii - 1));
        push(&mut buf);
        let _ = write!(buf, "st+1={}", st(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "st-1st0={}|{}", st(ii - 1), st(ii));
        push(&mut buf);
        let _ = write!(buf, "st0st+1={}|{}", st(ii), st(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "st0|cl={}|{cl}", st(ii));
        push(&mut buf);
        let _ = write!(buf, "st0|cr={}|{cr}", st(ii));
        push(&mut buf);
        let _ = write!(buf, "st-1|q={}|{q}", st(ii - 1));
        push(&mut buf);
        // Sentence position and clause context (content boundaries).
        let to_end = bucket(s_end[i] - i - 1);
        let from_start = bucket(i - s_start[i]);
        let _ = write!(buf, "se={to_end}");
        push(&mut buf);
        let _ = write!(buf, "ss={from_start}");
        push(&mut buf);
        let _ = write!(buf, "se|q={to_end}|{q}");
        push(&mut buf);
        let _ = write!(buf, "ss|cl={from_start}|{cl}");
        push(&mut buf);
        let _ = write!(buf, "se|cr={to_end}|{cr}");
        push(&mut buf);
        let sf = sent_final.get(sent[i]).copied().unwrap_or("");
        let _ = write!(buf, "sf|q={sf}|{q}");
        push(&mut buf);
        let _ = write!(
            buf,
            "ccl={}|{}|{cl}",
            commas_since_cue[i], that_after_cue[i]
        );
        push(&mut buf);
        let _ = write!(buf, "cl|w0={cl}|{w0}");
        push(&mut buf);
        let clnext = left[i].map_or("", |j| if j + 1 < n { ta.norm_of(j + 1) } else { "" });
        let _ = write!(buf, "clw|next={clw}|{clnext}");
        push(&mut buf);
        let pm = if i > 0 { qmark[i - 1] } else { 0 };
        let _ = write!(buf, "pq={pm}|{q}|s0={}", sh(ii));
        push(&mut buf);
        let prev_s = sent[i].checked_sub(1);
        let _ = write!(
            buf,
            "ps={}|{}|{}",
            prev_s.map_or("", |k| sent_final[k]),
            prev_s.is_some_and(|k| sent_cue[k]),
            sent_cue[sent[i]]
        );
        push(&mut buf);
        out.push(f);
    }
    out
}

/// Learned weights, as training produces them (integer weights, features sorted by hash).
/// Stored compactly with [`Weights::to_bin`] in `resources/weights/attribution.bin`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Weights {
    /// Format note.
    pub about: String,
    /// Tag names, for checking.
    pub tags: Vec<String>,
    /// Integer weights are real weights times this.
    pub scale: f32,
    /// Transition weights: `NT + 1` rows (last = start), `NT` columns.
    pub transitions: Vec<Vec<i32>>,
    /// Feature hash and its `NT` weights.
    pub features: Vec<(u64, Vec<i32>)>,
}

/// Magic bytes (and format version) opening the binary weights.
const MAGIC: &[u8; 8] = b"TRIATT01";
/// Header: magic, then u32 `NT`, u32 feature count, u32 exception count, f32 scale.
const HEADER: usize = 8 + 4 * 4;
/// An `i16` weight equal to this is stored in the exception list as `i32`.
const ESCAPE: i16 = i16::MIN;
/// Feature lookup buckets: the top bits of the (FNV, so well spread) feature hash.
const BUCKET_BITS: u32 = 16;

impl Weights {
    /// The binary form read by [`Model::from_bytes`], all little-endian:
    /// `TRIATT01`; u32 `NT`, u32 feature count `n`, u32 exception count `e`, f32 scale;
    /// `(NT + 1) × NT` i32 transitions (row-major, last row = start); `n` u64 feature
    /// hashes, strictly ascending; `n × NT` i16 weights (feature-major), where
    /// `i16::MIN` means "see the exceptions"; `e` × (u32 weight index, i32 weight),
    /// ascending by index. Duplicate hashes keep the last entry.
    pub fn to_bin(&self) -> Result<Vec<u8>, ModelError> {
        check_shape(self)?;
        let mut feats: Vec<&(u64, Vec<i32>)> = self.features.iter().collect();
        feats.sort_by_key(|(h, _)| *h); // stable: duplicates keep their order
        let mut uniq: Vec<&(u64, Vec<i32>)> = Vec::with_capacity(feats.len());
        for f in feats {
            match uniq.last_mut() {
                Some(last) if last.0 == f.0 => *last = f,
                _ => uniq.push(f),
            }
        }
        let mut weights: Vec<u8> = Vec::with_capacity(uniq.len() * NT * 2);
        let mut exceptions: Vec<(u32, i32)> = Vec::new();
        for (i, (h, ws)) in uniq.iter().enumerate() {
            if ws.len() != NT {
                return Err(ModelError::Shape(format!(
                    "feature {h} has {} weights",
                    ws.len()
                )));
            }
            for (k, &x) in ws.iter().enumerate() {
                let small = i16::try_from(x).ok().filter(|&v| v != ESCAPE);
                let v = small.unwrap_or_else(|| {
                    exceptions.push(((i * NT + k) as u32, x));
                    ESCAPE
                });
                weights.extend_from_slice(&v.to_le_bytes());
            }
        }
        let n = uniq.len();
        let mut out = Vec::with_capacity(HEADER + 4 * NT * (NT + 1) + n * (8 + 2 * NT));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NT as u32).to_le_bytes());
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(exceptions.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.transitions {
            for &x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        for (h, _) in &uniq {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.extend_from_slice(&weights);
        for (i, x) in exceptions {
            out.extend_from_slice(&i.to_le_bytes());
            out.extend_from_slice(&x.to_le_bytes());
        }
        Ok(out)
    }
}

fn check_shape(w: &Weights) -> Result<(), ModelError> {
    if w.tags != TAGS {
        return Err(ModelError::Shape(format!("tags {:?}", w.tags)));
    }
    if w.transitions.len() != NT + 1 || w.transitions.iter().any(|r| r.len() != NT) {
        return Err(ModelError::Shape(
            "transitions must be (NT + 1) x NT".into(),
        ));
    }
    Ok(())
}

/// A model ready to tag. It reads the binary weights in place: loading checks the layout
/// and indexes the sorted feature hashes by their top bits; nothing else is decoded.
#[derive(Debug, Clone)]
pub struct Model {
    blob: Cow<'static, [u8]>,
    n: usize,
    keys_at: usize,
    weights_at: usize,
    exceptions: Vec<(u32, i32)>,
    scale: f32,
    /// `buckets[b]..buckets[b + 1]`: the features whose hash has top bits `b`.
    buckets: Vec<u32>,
    trans: [[f32; NT]; NT + 1],
}

/// Errors loading weights.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not the binary layout of [`Weights::to_bin`].
    #[error("resources/weights/attribution.bin: {0}")]
    Format(String),
    /// Wrong dimensions or tag names.
    #[error("resources/weights/attribution.bin: {0}")]
    Shape(String),
}

const WEIGHTS: &[u8] = include_bytes!("../../../resources/weights/attribution.bin");

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

impl Model {
    /// Build from integer weights, checking their shape.
    pub fn from_weights(w: &Weights) -> Result<Model, ModelError> {
        Model::from_bytes(Cow::Owned(w.to_bin()?))
    }

    /// Read the binary weights of [`Weights::to_bin`], checking their layout.
    pub fn from_bytes(blob: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        let b: &[u8] = &blob;
        let bad = |m: &str| ModelError::Format(m.to_string());
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(bad("not binary attribution weights (magic TRIATT01)"));
        }
        if u32_at(b, 8) as usize != NT {
            return Err(ModelError::Shape(format!(
                "{} tags, expected {NT}",
                u32_at(b, 8)
            )));
        }
        let n = u32_at(b, 12) as usize;
        let ne = u32_at(b, 16) as usize;
        let raw_scale = f32::from_bits(u32_at(b, 20));
        let scale = if raw_scale > 0.0 { raw_scale } else { 1.0 };
        let keys_at = HEADER + 4 * NT * (NT + 1);
        let weights_at = keys_at + 8 * n;
        let exc_at = weights_at + 2 * NT * n;
        if b.len() != exc_at + 8 * ne {
            return Err(bad(
                "length does not match the feature and exception counts",
            ));
        }
        let mut trans = [[0.0; NT]; NT + 1];
        for (r, row) in trans.iter_mut().enumerate() {
            for (c, x) in row.iter_mut().enumerate() {
                *x = u32_at(b, HEADER + 4 * (r * NT + c)) as i32 as f32 / scale;
            }
        }
        let mut buckets = vec![0u32; (1 << BUCKET_BITS) + 1];
        let mut prev: Option<u64> = None;
        for i in 0..n {
            let h = u64_at(b, keys_at + 8 * i);
            if prev.is_some_and(|p| p >= h) {
                return Err(bad("feature hashes not strictly ascending"));
            }
            prev = Some(h);
            buckets[(h >> (64 - BUCKET_BITS)) as usize + 1] += 1;
        }
        for k in 1..buckets.len() {
            buckets[k] += buckets[k - 1];
        }
        let mut exceptions = Vec::with_capacity(ne);
        for e in 0..ne {
            let at = exc_at + 8 * e;
            let i = u32_at(b, at);
            if i as usize >= n * NT || exceptions.last().is_some_and(|&(p, _)| p >= i) {
                return Err(bad("exception indexes out of range or not ascending"));
            }
            exceptions.push((i, u32_at(b, at + 4) as i32));
        }
        Ok(Model {
            n,
            keys_at,
            weights_at,
            exceptions,
            scale,
            buckets,
            trans,
            blob,
        })
    }

    /// The compiled-in model. Panics only if the committed weights file is malformed,
    /// which the crate's tests rule out.
    pub fn get() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            Model::from_bytes(Cow::Borrowed(WEIGHTS)).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// True if the model has learned weights.
    pub fn is_trained(&self) -> bool {
        self.n > 0
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True if no feature has weights.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The `NT` tag weights of a feature hash, if it has any.
    pub fn weights_of(&self, h: u64) -> Option<[f32; NT]> {
        let b: &[u8] = &self.blob;
        let top = (h >> (64 - BUCKET_BITS)) as usize;
        let (lo, hi) = (self.buckets[top] as usize, self.buckets[top + 1] as usize);
        let i = (lo..hi).find(|&i| u64_at(b, self.keys_at + 8 * i) == h)?;
        let mut a = [0.0; NT];
        for (k, x) in a.iter_mut().enumerate() {
            let at = self.weights_at + 2 * (i * NT + k);
            let v = i16::from_le_bytes([b[at], b[at + 1]]);
            let v = if v == ESCAPE {
                let j = (i * NT + k) as u32;
                match self.exceptions.binary_search_by_key(&j, |&(p, _)| p) {
                    Ok(e) => self.exceptions[e].1,
                    Err(_) => i32::from(ESCAPE),
                }
            } else {
                i32::from(v)
            };
            *x = v as f32 / self.scale;
        }
        Some(a)
    }

    /// Best tag sequence for the token features.
    pub fn tag(&self, feats: &[Vec<u64>]) -> Vec<u8> {
        let scores: Vec<[f32; NT]> = feats
            .iter()
            .map(|fs| {
                let mut s = [0.0; NT];
                for &h in fs {
                    if let Some(w) = self.weights_of(h) {
                        for k in 0..NT {
                            s[k] += w[k];
                        }
                    }
                }
                s
            })
            .collect();
        viterbi(&scores, &self.trans)
    }
}

fn viterbi(scores: &[[f32; NT]], trans: &[[f32; NT]; NT + 1]) -> Vec<u8> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let mut delta = vec![[f32::NEG_INFINITY; NT]; n];
    let mut back = vec![[0u8; NT]; n];
    for t in 0..NT {
        if allowed(None, t) {
            delta[0][t] = scores[0][t] + trans[NT][t];
        }
    }
    for i in 1..n {
        for t in 0..NT {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..NT {
                if !allowed(Some(p), t) {
                    continue;
                }
                let v = delta[i - 1][p] + trans[p][t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            delta[i][t] = best + scores[i][t];
            back[i][t] = arg as u8;
        }
    }
    let mut t = (0..NT)
        .filter(|&t| !is_mid(t))
        .max_by(|&a, &b| delta[n - 1][a].total_cmp(&delta[n - 1][b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = back[i][t] as usize;
    }
    out
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
        about: "Averaged perceptron attribution tagger; see crates/attribution/src/model.rs. \
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

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Weights {
        Weights {
            about: String::new(),
            tags: TAGS.iter().map(|s| s.to_string()).collect(),
            scale: 10.0,
            transitions: (0..=NT)
                .map(|r| (0..NT).map(|c| (r * 10 + c) as i32 - 40).collect())
                .collect(),
            features: vec![
                (u64::MAX, vec![1, -2, 3, -4, 5, -6, 7, -8, 9, -10]),
                (
                    5,
                    vec![
                        40_000,
                        -40_000,
                        i32::from(i16::MIN),
                        0,
                        32_767,
                        -32_767,
                        9,
                        1,
                        2,
                        3,
                    ],
                ),
                (1 << 63, vec![0; NT]),
            ],
        }
    }

    #[test]
    fn binary_weights_round_trip() {
        let w = small();
        let m = Model::from_weights(&w).unwrap();
        assert_eq!(m.len(), 3);
        for (h, ws) in &w.features {
            let got = m.weights_of(*h).unwrap();
            for k in 0..NT {
                assert_eq!(got[k].to_bits(), (ws[k] as f32 / 10.0).to_bits());
            }
        }
        assert!(m.weights_of(6).is_none());
        assert_eq!(m.trans[NT][1], ((NT * 10 + 1) as i32 - 40) as f32 / 10.0);
    }

    #[test]
    fn malformed_binary_weights_are_errors() {
        let bin = small().to_bin().unwrap();
        assert!(Model::from_bytes(Cow::Owned(bin[..bin.len() - 1].to_vec())).is_err());
        let mut bad = bin.clone();
        bad[0] = b'X';
        assert!(Model::from_bytes(Cow::Owned(bad)).is_err());
        let mut wrong = small();
        wrong.transitions.pop();
        assert!(wrong.to_bin().is_err());
    }

    #[test]
    fn compiled_in_weights_load() {
        assert!(Model::get().is_trained());
    }
}
