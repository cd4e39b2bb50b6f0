//! The second injection generator ("restated", issue 12), made apart from the first
//! ([`crate::inject`]) and from the conflict finder: it reads values with its own reader
//! (`read.rs`: tokens, numbers in digits and in words, amounts with a currency and a scale,
//! percentages, ages, durations, "N years ago", days of dates, years), not through the
//! analysis crates, and it never asks the finder what it aligns.
//!
//! A value qualifies when at least two documents of the story (with different texts) state
//! it with the same following word ("12 weeks of paid leave" in two outlets; for an amount
//! with a currency sign the sign and the scale, "$ 1.2 billion"; for a day, its month), near
//! a content word both sentences share, outside the readers' boilerplate. Values a change
//! would leave compatible are not read: bounds ("more than 100", "at least 5", "under 18"),
//! one end of a range ("5 to 9"), labels ("Chapter 11"; digits glued to letters: "the 115th
//! congress", "the 49ers", "12pm"), addresses, times and scores. In one
//! of those documents (the victim) every occurrence of the value with that following word is
//! changed, in its own style (digits with the same separators and decimals, or words), to a
//! value no document of the story states with that word: another day of the month, a year
//! 1-3 off, an age 4-12 years off, a quantity at least 30% off. Deterministic: the choice
//! depends only on the seed and the story's line number.
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_eval::restated::inject;
//! let docs = vec![
//!     Document::new(DocId(0), "a", "The plan would give 12 weeks of paid leave to new parents."),
//!     Document::new(DocId(1), "b", "New parents would get 12 weeks of paid leave under the plan."),
//! ];
//! let (docs, inj) = inject(docs, 7, 0).unwrap();
//! assert_eq!(inj.old, "12");
//! assert_eq!(&docs[inj.document as usize].text[inj.start..inj.end], inj.new);
//! ```

mod read;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use triangulate_core::Document;

use crate::inject::Injection;
use read::{Kind, Value};

/// splitmix64, seeded apart from the first generator's.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        triangulate_text::mix(self.0)
    }
    /// In `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi.saturating_sub(lo) + 1)
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 0
    }
}

/// What two documents must both state: the class of value, the value, its following word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    class: &'static str,
    value: String,
    next: String,
}

fn class(k: Kind) -> &'static str {
    match k {
        Kind::Number | Kind::Words => "quantity",
        Kind::Age => "age",
        Kind::Day => "day",
        Kind::Year => "year",
    }
}

fn key(v: &Value, value: f64) -> Key {
    Key {
        class: class(v.kind),
        value: format!("{value}"),
        next: v.next.clone(),
    }
}

/// One document as the generator reads it.
struct Read {
    toks: Vec<read::Tok>,
    values: Vec<Value>,
}

fn read(doc: &Document) -> Read {
    let toks = read::tokens(&doc.text);
    let values = read::values(&toks)
        .into_iter()
        .filter(|v| !doc.is_boilerplate(v.start, v.end))
        .collect();
    Read { toks, values }
}

/// How many numbers written in digits the documents hold, outside their boilerplate (a
/// story "rich in numbers" has 5 or more).
pub fn numbers(docs: &[Document]) -> usize {
    docs.iter()
        .map(|d| {
            let toks: Vec<read::Tok> = read::tokens(&d.text)
                .into_iter()
                .filter(|t| !d.is_boilerplate(t.start, t.end))
                .collect();
            read::count_numbers(&toks)
        })
        .sum()
}

/// A new value for `v`, far enough from it that a reader sees a contradiction.
fn new_value(v: &Value, decimals: usize, rng: &mut Rng) -> f64 {
    let x = v.value;
    match v.kind {
        Kind::Day => {
            let d = x as u64;
            let mut n = rng.range(1, 28);
            while n.abs_diff(d) < 2 {
                n = rng.range(1, 28);
            }
            n as f64
        }
        Kind::Year => {
            let d = rng.range(1, 3) as f64;
            if rng.coin() && x + d <= 2100.0 {
                x + d
            } else {
                x - d
            }
        }
        Kind::Age => {
            let d = rng.range(4, 12) as f64;
            if x - d >= 2.0 && rng.coin() {
                x - d
            } else {
                x + d
            }
        }
        Kind::Words => {
            let n = x as u64;
            let m = if n < 10 || rng.coin() {
                n + rng.range(3.max(n * 4 / 10), 9.max(n))
            } else {
                n * rng.range(3, 6) / 10
            };
            m.clamp(2, 99) as f64
        }
        Kind::Number => {
            let percent = v.next == "%";
            let scale = 10f64.powi(decimals as i32);
            let up = x < 10.0 || rng.coin();
            let mut m = if up {
                if x < 10.0 && decimals == 0 {
                    x + rng.range(3, 9) as f64
                } else {
                    x * (1.0 + rng.range(6, 20) as f64 / 10.0)
                }
            } else {
                x * rng.range(25, 60) as f64 / 100.0
            };
            if percent && x <= 100.0 && m > 100.0 {
                m = x * rng.range(25, 60) as f64 / 100.0;
            }
            (m * scale).round() / scale
        }
    }
}

/// `x` written as `old` is: the same decimals, thousands separators, digits or words and
/// capital.
fn written(x: f64, old: &str, kind: Kind) -> String {
    if kind == Kind::Words {
        let w = read::words_of(x as u32);
        if old.starts_with(|c: char| c.is_uppercase()) {
            let mut c = w.chars();
            return c
                .next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default();
        }
        return w;
    }
    let decimals = old.split_once('.').map_or(0, |(_, d)| d.len());
    let s = format!("{x:.decimals$}");
    if !old.contains(',') {
        return s;
    }
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let b = int.as_bytes();
    let mut out = String::new();
    for (k, c) in b.iter().enumerate() {
        if k > 0 && (b.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(*c as char);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Change one value that several documents state alike in one of them, everywhere it occurs
/// there. Returns the changed documents and the injection (its first occurrence in `start`
/// and `end`, the others in `also`), or `None` when no value qualifies.
pub fn inject(
    mut docs: Vec<Document>,
    seed: u64,
    story: usize,
) -> Option<(Vec<Document>, Injection)> {
    let reads: Vec<Read> = docs.iter().map(read).collect();
    // Key -> per document, the indices of its values with that key.
    let mut stated: BTreeMap<Key, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for (d, r) in reads.iter().enumerate() {
        for (k, v) in r.values.iter().enumerate() {
            stated
                .entry(key(v, v.value))
                .or_default()
                .entry(d)
                .or_default()
                .push(k);
        }
    }
    // (key, victim) where another document with another text states the key near a content
    // word the victim's sentence shares.
    let mut cands: Vec<(&Key, usize)> = Vec::new();
    for (key, by_doc) in &stated {
        if by_doc.len() < 2 {
            continue;
        }
        for (&d, ks) in by_doc {
            let near = |doc: usize, k: usize| {
                let v = &reads[doc].values[k];
                read::context(&reads[doc].toks, v.first, v.last, 10)
            };
            let mine: Vec<&str> = ks.iter().flat_map(|&k| near(d, k)).collect();
            let confirmed = by_doc.iter().any(|(&e, ls)| {
                e != d
                    && docs[e].text != docs[d].text
                    && ls.iter().any(|&l| {
                        near(e, l)
                            .iter()
                            .any(|w| *w != key.next && mine.contains(w))
                    })
            });
            if confirmed {
                cands.push((key, d));
            }
        }
    }
    if cands.is_empty() {
        return None;
    }
    let mut rng =
        Rng(seed.wrapping_mul(0xD6E8_FEB8_6659_FD93)
            ^ (story as u64).wrapping_add(0x51_7CC1_B727_220A));
    let (key, d) = cands[rng.range(0, cands.len() as u64 - 1) as usize];
    let ks = &stated[key][&d];
    let first = &reads[d].values[ks[0]];
    let old = docs[d].text[first.start..first.end].to_string();
    let decimals = old.split_once('.').map_or(0, |(_, x)| x.len());
    // A new value no document states with the same word (a few tries).
    let mut new = None;
    for _ in 0..8 {
        let x = new_value(first, decimals, &mut rng);
        if x != first.value && x >= 0.0 && !stated.contains_key(&self::key(first, x)) {
            new = Some(x);
            break;
        }
    }
    let x = new?;
    // Every occurrence, from the first, shifting the later ones by what the earlier grew.
    let mut spans = Vec::new();
    let mut delta: i64 = 0;
    let mut olds = Vec::new();
    for &k in ks {
        let v = &reads[d].values[k];
        let (s, e) = (
            (v.start as i64 + delta) as usize,
            (v.end as i64 + delta) as usize,
        );
        let was = docs[d].text[s..e].to_string();
        let now = written(x, &was, v.kind);
        docs[d].splice(s..e, &now);
        delta += now.len() as i64 - was.len() as i64;
        spans.push((s, s + now.len()));
        olds.push(was);
    }
    let (start, end) = spans[0];
    let inj = Injection {
        story,
        document: d as u32,
        start,
        end,
        new: docs[d].text[start..end].to_string(),
        old,
        kind: first.kind.name().to_string(),
        also: spans[1..].to_vec(),
    };
    Some((docs, inj))
}
