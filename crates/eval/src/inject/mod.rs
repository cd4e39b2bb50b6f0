//! The injection benchmark: change one number or date in one document of a real story so that
//! it contradicts the other documents, then check that the conflict finder reports it (with
//! the right document and span), and that untouched stories get no contradiction.
//!
//! Which values may be changed (so the injection is a real contradiction): a number or the
//! day of a date that occurs once in its document, where another document of the story states
//! the same value with at least two of the same content words within six words of it — the
//! other documents state the same attribute and agree with the original. Not injected,
//! because changing them contradicts nothing: a count with a modifier before it (also before
//! its currency sign: "more than $ 40,000"), one end of a range ("5 % to 9 %"), a label
//! ("Chapter 11", "S&P 500", "911 calls") and a street number ("434 Maple Avenue"). The new value is far
//! from the old one (at least 40% off for counts; another day of the month for days; another
//! year, 1-3 years off, for years), written in the same style. Deterministic: the choice
//! depends only on the seed and the story's line number.
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_eval::inject::inject;
//! let docs = vec![
//!     Document::new(DocId(0), "a", "The storm killed 14 people in the valley on Monday."),
//!     Document::new(DocId(1), "b", "Officials said 14 people were killed in the valley."),
//! ];
//! let (docs, inj) = inject(docs, 7, 0).unwrap();
//! assert_ne!(inj.old, inj.new);
//! assert_eq!(&docs[inj.document as usize].text[inj.start..inj.end], inj.new);
//! ```

mod bench;
#[cfg(test)]
mod tests;

pub use bench::{run_multinews, run_story, run_story_with, ConflictScores, Generator, StoryResult};

use serde::Serialize;
use triangulate_core::Document;

/// What was injected into a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Injection {
    /// Line number of the story (0-based).
    pub story: usize,
    /// The document changed.
    pub document: u32,
    /// Byte range of the new value in the changed document's text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// The value as it was.
    pub old: String,
    /// The value as injected.
    pub new: String,
    /// "number", "day" or "year" (the restated generator also "words" and "age").
    pub kind: String,
    /// Further byte ranges changed in the same document (the restated generator changes
    /// every occurrence of the value).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub also: Vec<(usize, usize)>,
}

impl Injection {
    /// Byte bounds of up to `chars` characters of context on each side of the new value in
    /// `text` (the changed document's text), for showing an injection to a reader.
    pub fn context(&self, text: &str, chars: usize) -> (usize, usize) {
        let lo = text[..self.start]
            .char_indices()
            .rev()
            .nth(chars)
            .map_or(0, |x| x.0);
        let hi = text[self.end..]
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |x| self.end + x.0);
        (lo, hi)
    }
}

/// splitmix64: a small deterministic generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        triangulate_text::mix(self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const MONTHS: [&str; 23] = [
    "january",
    "jan.",
    "february",
    "feb.",
    "march",
    "april",
    "apr.",
    "may",
    "june",
    "july",
    "august",
    "aug.",
    "september",
    "sept.",
    "sep.",
    "october",
    "oct.",
    "november",
    "nov.",
    "december",
    "dec.",
    "jun.",
    "jul.",
];

const MODIFIERS: [&str; 16] = [
    "than",
    "over",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "some",
    "least",
    "to",
    "under",
    "approximately",
    "estimated",
    "most",
    "of",
    "between",
];

const TIME_UNITS: [&str; 14] = [
    "minutes", "minute", "hours", "hour", "days", "day", "weeks", "months", "years", "year",
    "times", "seconds", "mph", "feet",
];

/// Words before a number that make it a label, not a count.
const LABELS: [&str; 17] = [
    "s&p",
    "chapter",
    "section",
    "article",
    "route",
    "flight",
    "no.",
    "number",
    "episode",
    "season",
    "page",
    "room",
    "interstate",
    "highway",
    "amendment",
    "title",
    "apartment",
];

/// Street words: a number before them is an address.
const STREETS: [&str; 16] = [
    "street",
    "st.",
    "avenue",
    "ave.",
    "ave",
    "road",
    "rd.",
    "boulevard",
    "blvd.",
    "blvd",
    "drive",
    "dr.",
    "lane",
    "block",
    "way",
    "place",
];

struct Tok {
    start: usize,
    end: usize,
    norm: String,
    stem: Option<String>,
}

fn tokens(doc: &Document) -> Vec<Tok> {
    let ta = triangulate_text::analyze(doc);
    ta.tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let norm = ta.norm_of(i).to_string();
            let content =
                norm.chars().any(char::is_alphabetic) && !triangulate_text::is_stopword(&norm);
            Tok {
                start: t.start as usize,
                end: t.end as usize,
                stem: content.then(|| triangulate_text::stem(&norm)),
                norm,
            }
        })
        .collect()
}

fn window(toks: &[Tok], i: usize) -> Vec<&str> {
    let lo = i.saturating_sub(6);
    let hi = (i + 7).min(toks.len());
    let mut v: Vec<&str> = toks[lo..hi]
        .iter()
        .filter_map(|t| t.stem.as_deref())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b',')
}

/// The value kind of a digit token.
fn kind_of(toks: &[Tok], i: usize) -> Option<&'static str> {
    let n = &toks[i].norm;
    if !is_digits(n) || n.starts_with(',') || n.ends_with(',') {
        return None;
    }
    let v: u64 = n.replace(',', "").parse().ok()?;
    let prev = if i > 0 { toks[i - 1].norm.as_str() } else { "" };
    if MONTHS.contains(&prev) && (1..=31).contains(&v) && n.len() <= 2 {
        return Some("day");
    }
    if n.len() == 4 && (1900..=2100).contains(&v) {
        return Some("year");
    }
    // A count: not after a modifier ("more than 100" may stay true when changed), followed
    // by the noun it counts or a percent sign, or after a currency sign.
    let next = toks.get(i + 1).map(|t| t.norm.as_str()).unwrap_or("");
    let norm_at = |k: usize| toks.get(k).map(|t| t.norm.as_str()).unwrap_or("");
    let prev2 = if i > 1 { norm_at(i - 2) } else { "" };
    // "more than $ 40,000": the modifier sits before the currency sign.
    let modified = MODIFIERS.contains(&prev)
        || (matches!(prev, "$" | "£" | "€") && MODIFIERS.contains(&prev2));
    // Not a count whose change contradicts: one end of a range ("5 % to 9 %"), a label
    // ("Chapter 11", "Route 66") or a street number ("434 Maple Avenue").
    let range = (1..=2).any(|k| {
        matches!(norm_at(i + k), "to" | "-" | "and")
            && is_digits(norm_at(i + k + 1).trim_start_matches('$'))
    }) || matches!(prev, "-" | "and" | "to");
    // "911 calls" names the emergency number, not a count of calls.
    let label = LABELS.contains(&prev) || (prev == "p" && prev2 == "&") || n == "911";
    let address = (1..=3).any(|k| STREETS.contains(&norm_at(i + k)));
    if range || label || address {
        return None;
    }
    let counted = next.chars().all(char::is_alphabetic)
        && next.len() > 1
        && !TIME_UNITS.contains(&next)
        && !triangulate_text::is_stopword(next)
        || matches!(next, "%" | "percent")
        || matches!(prev, "$" | "£" | "€");
    (v >= 2 && counted && !modified && prev != ":").then_some("number")
}

/// A new value far from `old`, in the same style.
fn changed(old: &str, kind: &str, rng: &mut Rng) -> String {
    let v: u64 = old.replace(',', "").parse().unwrap_or(0);
    let new = match kind {
        "day" => ((v - 1 + 2 + rng.below(8)) % 28) + 1,
        "year" => {
            let d = 1 + rng.below(3);
            if rng.below(2) == 0 {
                v + d
            } else {
                v - d
            }
        }
        _ => {
            let up = rng.below(2) == 0 || v < 5;
            if up {
                v + (v / 2).max(3) + rng.below(v / 2 + 2)
            } else {
                (v * (3 + rng.below(2))) / 10
            }
        }
    };
    let s = new.to_string();
    if old.contains(',') && s.len() > 3 {
        let b = s.as_bytes();
        let mut out = String::new();
        for (k, c) in b.iter().enumerate() {
            if k > 0 && (b.len() - k) % 3 == 0 {
                out.push(',');
            }
            out.push(*c as char);
        }
        out
    } else {
        s
    }
}

/// Change one number or date of one document so that it contradicts the others. Returns the
/// changed documents and what was injected, or `None` when no value qualifies.
pub fn inject(
    mut docs: Vec<Document>,
    seed: u64,
    story: usize,
) -> Option<(Vec<Document>, Injection)> {
    let toks: Vec<Vec<Tok>> = docs.iter().map(tokens).collect();
    // (document, token index, kind)
    let mut cands: Vec<(usize, usize, &'static str)> = Vec::new();
    for (d, ts) in toks.iter().enumerate() {
        for i in 0..ts.len() {
            let Some(kind) = kind_of(ts, i) else { continue };
            if docs[d].is_boilerplate(ts[i].start, ts[i].end) {
                continue;
            }
            let n = &ts[i].norm;
            if ts.iter().filter(|t| &t.norm == n).count() != 1 {
                continue;
            }
            let w = window(ts, i);
            let confirmed = toks.iter().enumerate().any(|(e, other)| {
                e != d
                    && docs[e].text != docs[d].text
                    && other.iter().enumerate().any(|(j, t)| {
                        &t.norm == n
                            && kind_of(other, j) == Some(kind)
                            && window(other, j).iter().filter(|s| w.contains(s)).count() >= 2
                    })
            });
            if confirmed {
                cands.push((d, i, kind));
            }
        }
    }
    if cands.is_empty() {
        return None;
    }
    let mut rng = Rng(seed ^ (story as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let (d, i, kind) = cands[rng.below(cands.len() as u64) as usize];
    let t = &toks[d][i];
    let old = docs[d].text[t.start..t.end].to_string();
    let new = changed(&old, kind, &mut rng);
    if new == old {
        return None;
    }
    let (start, end) = (t.start, t.end);
    docs[d].splice(start..end, &new);
    let inj = Injection {
        story,
        document: d as u32,
        start,
        end: start + new.len(),
        old,
        new,
        kind: kind.to_string(),
        also: Vec::new(),
    };
    Some((docs, inj))
}
