//! Step 2 of the value conflicts: every date and quantity of the statements as a mention with
//! its attribute: the content terms of its clause, the terms next to it and within six words
//! of it (words go with the nearest value of their kind), the three words either side, and
//! whether it names a thing by its year ("the 2018 Olympics"), sits in quotation marks, is set
//! off by commas or is the only value of its kind in its clause; and those words as static word
//! vectors ([`Vectors`]), so the judge can see paraphrases.
//!
//! Which values are compared: dates and quantities of the statements, except the date a
//! source spoke on ("said on Wednesday") and a date that ends a counterfactual span ("would
//! have prolonged the mandate until November 2018", [`triangulate_time::never_came`]). The
//! date of a photo, a post or a dispatch ("in this March 5, 2021 photo", "( Sept. 24 ) --",
//! "Published on ...") is not read here: the readers mark those words as boilerplate
//! (`inline:` rules of `resources/en/readers/boilerplate.txt`) and the analysis skips them.

use triangulate_text::embed::Embeddings;

use super::rules::Cue;
use super::statements::Statement;
use super::values::{compare, is_date_value, is_weekday, weak, DateVal, Mention, Relation, Value};

/// A value mention with its attribute: the value, its clause's terms, and the words around
/// it that tell what it is the value of.
pub(super) struct M<'a> {
    pub(super) st: usize,
    pub(super) doc: usize,
    pub(super) value: &'a Value,
    pub(super) span: (usize, usize),
    pub(super) ctx: &'a [u32],
    pub(super) near: Vec<u32>,
    /// A bare year before a content word: "the 2018 Olympics" names an event by its year.
    pub(super) attributive: bool,
    /// Inside quotation marks: someone's words that the document reports.
    pub(super) quoted: bool,
    /// A day set off by commas: `near` looks past them.
    pub(super) loose: bool,
    /// The first three content terms after the value (before any punctuation).
    pub(super) after: Vec<u32>,
    /// The only value of its kind (date or quantity) in its clause, apart from weekdays and
    /// values that agree with it.
    pub(super) alone: bool,
    /// Content terms within six tokens of the value, across punctuation, clauses and
    /// sentences.
    pub(super) wide: Vec<u32>,
    /// The three words before the value (nearest first) and after it, lower-cased, within
    /// its clause.
    pub(super) before: Vec<String>,
    pub(super) after_words: Vec<String>,
    /// Terms in the clause.
    pub(super) clause_len: usize,
    /// A count of a part that its sentence sets beside the rest ([`part_of_whole`]).
    pub(super) part: bool,
    /// The words around the value as static word vectors, for paraphrases.
    pub(super) vectors: Vectors,
}

/// A mention's words as static word vectors ([`triangulate_text::embed`]), so that two
/// mentions told in other words ("sickened 20 people" / "20 people have gotten sick") can be
/// compared where their terms do not overlap.
#[derive(Debug, Default)]
pub(super) struct Vectors {
    /// The first content word after the value, within three words (the quantity's noun:
    /// "12 **weeks** of paid leave").
    pub(super) head: Option<Vec<f32>>,
    /// Each content word among the three words before and the three after the value (its
    /// noun, its verb), nearest first.
    pub(super) words: Vec<Vec<f32>>,
    /// The idf-weighted sum of the words within five words of the value, in its clause.
    pub(super) window: Vec<f32>,
    /// The idf-weighted sum of the clause's words.
    pub(super) clause: Vec<f32>,
}

/// Words a window of [`Vectors::window`] reaches on each side of the value.
const WINDOW: usize = 5;

impl Vectors {
    /// The vectors of a mention whose words before the value are `before` and after it
    /// `after` (nearest first, lower-cased, within its clause), in clause `clause`.
    pub(super) fn new(before: &[String], after: &[String], clause: &str) -> Vectors {
        let e = Embeddings::get();
        let content = |w: &&String| !triangulate_text::is_stopword(w);
        let vector = |w: &String| e.vector(w);
        let head = after.iter().take(3).filter(content).find_map(vector);
        let words = before
            .iter()
            .take(3)
            .chain(after.iter().take(3))
            .filter(content)
            .filter_map(vector)
            .collect();
        let mut window = vec![0.0; e.dims()];
        for w in before.iter().chain(after).filter(content) {
            e.add_text(w, 1.0, &mut window);
        }
        Vectors {
            head,
            words,
            window,
            clause: e.embed_text(clause),
        }
    }
}

/// Sorted, distinct content terms within `radius` tokens of mention `m` in statement `si`'s
/// document (the neighbouring clauses and sentences are neighbours in `stmts`), leaving out
/// the words nearer to another value of the same kind (date or quantity): in "in a May 2
/// vote, ends on Friday", "ends" goes with Friday. Crossing the sentence's end
/// matters for copies of one passage: a caption's date and the sentence after it.
fn wide_terms(stmts: &[Statement], si: usize, m: &Mention, radius: usize) -> Vec<u32> {
    let s = &stmts[si];
    let (a, b) = (m.first_token, m.end_token);
    let date = is_date_value(&m.value);
    let (lo, hi) = (a.saturating_sub(radius), b + radius);
    let clauses = || {
        stmts[si.saturating_sub(3)..(si + 4).min(stmts.len())]
            .iter()
            .filter(|t| t.doc == s.doc)
    };
    let dist = |k: usize, x: usize, y: usize| {
        if k < x {
            x - k
        } else {
            (k + 1).saturating_sub(y)
        }
    };
    // A weekday written next to the date ("Thursday, March 4, 2021") is part of it.
    let part_of_it =
        |m: &Mention| is_weekday(&m.value) && m.end_token + 2 >= a && m.first_token <= b + 2;
    let others: Vec<(usize, usize)> = clauses()
        .flat_map(|t| &t.values)
        .filter(|m| is_date_value(&m.value) == date && !part_of_it(m))
        .map(|m| (m.first_token, m.end_token))
        .filter(|&(x, y)| (x, y) != (a, b) && y > lo && x < hi)
        .collect();
    let mut out: Vec<u32> = Vec::new();
    for t in clauses() {
        for k in t.first_token.max(lo)..t.end_token.min(hi) {
            let Some(term) = t.token_terms[k - t.first_token] else {
                continue;
            };
            let d = dist(k, a, b);
            if others.iter().all(|&(x, y)| dist(k, x, y) >= d) {
                out.push(term);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many days (dates with a day, not weekdays) the conflicts compare among the
/// statements (for tests).
#[cfg(test)]
pub(super) fn date_mentions(stmts: &[Statement], texts: &[&str]) -> usize {
    mentions(stmts, texts, false)
        .iter()
        .filter(|m| {
            matches!(m.value, Value::Date(DateVal { day: Some(_), .. })) && !is_weekday(m.value)
        })
        .count()
}

/// Words that may come between a verb of saying and the date it is said on ("said late on
/// Wednesday", "said in March").
const REPORT_DATE_WORDS: [&str; 7] = ["on", "in", "last", "this", "late", "early", ","];

/// Words before a year that make it a time, not part of a name ("in 2011 amid protests").
const PREPOSITIONS: [&str; 14] = [
    "in", "since", "by", "until", "till", "from", "to", "of", "during", "before", "after",
    "through", "around", "and",
];

/// Every value mention of the statements, with the words around it; with their
/// [`Vectors`] when `vectors` is true (else empty ones: the embedding table is not read).
pub(super) fn mentions<'a>(stmts: &'a [Statement], texts: &[&str], vectors: bool) -> Vec<M<'a>> {
    let mut ms: Vec<M> = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        for m in s.values() {
            let word = |k: usize| -> String {
                if k < s.first_token || k >= s.end_token {
                    return String::new();
                }
                let (x, y) = s.ranges[k - s.first_token];
                texts[s.doc][x..y].to_lowercase()
            };
            // "said on Wednesday": the date of a report, which differs from source to source
            // (not "said in the May 9 speech": that dates the speech).
            let lo = m.first_token.saturating_sub(3).max(s.first_token);
            let only_time_words = |from: usize| {
                (from..m.first_token).all(|k| REPORT_DATE_WORDS.contains(&word(k).as_str()))
            };
            if is_date_value(&m.value)
                && s.cues.iter().any(|c| {
                    c.0 == Cue::Speech
                        && c.1 >= lo
                        && c.1 < m.first_token
                        && only_time_words(c.1 + 1)
                })
            {
                continue;
            }
            let (lo, hi) = s.near_range(m.first_token, m.end_token, 4);
            let terms_in = |lo: usize, hi: usize| -> Vec<u32> {
                (lo..hi)
                    .filter_map(|k| s.token_terms[k - s.first_token])
                    .collect()
            };
            let mut near = terms_in(lo, hi);
            let day = matches!(m.value, Value::Date(DateVal { day: Some(_), .. }));
            let loose = near.is_empty() && day;
            if loose {
                // A date set off by commas ("On Jan. 14, the dispatcher received a call";
                // "in court, Wednesday, June 20, 2018, in Riverside") dates the words around
                // it: look past the commas.
                near = terms_in(
                    m.first_token.saturating_sub(5).max(s.first_token),
                    (m.end_token + 5).min(s.end_token),
                );
            }
            near.sort_unstable();
            near.dedup();
            // "the 2018 Olympics", "their 2019 mascot"; not "in 2011 amid protests".
            let attributive = weak(&m.value)
                && is_date_value(&m.value)
                && m.end_token < s.end_token
                && s.token_terms[m.end_token - s.first_token].is_some()
                && !m
                    .first_token
                    .checked_sub(1)
                    .is_some_and(|k| PREPOSITIONS.contains(&word(k).as_str()));
            // "would have prolonged the mandate until November 2018": no one states that
            // date as a fact. (A photo's, a post's or a dispatch's date never gets here: the
            // readers mark it as boilerplate, which the analysis skips.)
            if triangulate_time::never_came(word, m.first_token)
                || counterfactual_deadline(word, m.first_token)
            {
                continue;
            }
            let before: Vec<String> = (1..=WINDOW)
                .filter_map(|k| m.first_token.checked_sub(k))
                .map(word)
                .filter(|w| !w.is_empty())
                .collect();
            let after: Vec<String> = (m.end_token..m.end_token + WINDOW)
                .map(word)
                .filter(|w| !w.is_empty())
                .collect();
            let clause = &texts[s.doc][s.span.start as usize..s.span.end as usize];
            ms.push(M {
                wide: wide_terms(stmts, si, m, 6),
                vectors: if vectors {
                    Vectors::new(&before, &after, clause)
                } else {
                    Vectors::default()
                },
                before: before.into_iter().take(3).collect(),
                after_words: after.into_iter().take(3).collect(),
                clause_len: s.terms.len(),
                part: !is_date_value(&m.value) && part_of_whole(texts[s.doc], m.start, m.end),
                st: si,
                doc: s.doc,
                value: &m.value,
                span: (m.start, m.end),
                ctx: &s.terms,
                near,
                attributive,
                quoted: s.quoted[m.first_token - s.first_token],
                loose,
                after: (m.end_token..hi)
                    .filter_map(|k| s.token_terms[k - s.first_token])
                    .take(3)
                    .collect(),
                alone: s
                    .values()
                    .filter(|x| !std::ptr::eq(*x, m) && !is_weekday(&x.value))
                    .all(|x| {
                        is_date_value(&x.value) != is_date_value(&m.value)
                            || compare(&x.value, &m.value, None) == Relation::Agree
                    }),
            });
        }
    }
    ms
}

/// A date after "by" in a counterfactual clause ("the ozone layer would have collapsed by
/// 2050"): nothing happened by then, so no one states it as a fact (as
/// [`triangulate_time::never_came`] says of "would have ... until"). `word(k)` is token `k`,
/// lower-cased; the date starts at token `k`.
fn counterfactual_deadline(word: impl Fn(usize) -> String, k: usize) -> bool {
    k > 0
        && word(k - 1) == "by"
        && (k.saturating_sub(10)..k - 1).any(|i| {
            matches!(word(i).as_str(), "would" | "could" | "might")
                && matches!(word(i + 1).as_str(), "have" | "'ve")
        })
}

/// Two named years name the same thing: the word after one follows the other.
pub(super) fn names_same(a: &M, b: &M) -> bool {
    let names = |x: &M, y: &M| x.after.first().is_some_and(|t| y.after.contains(t));
    names(a, b) || names(b, a)
}

/// Words that follow the count of the rest of a whole: "and five others", "and 20 more".
const OTHERS: [&str; 2] = ["others", "more"];

/// The count at `start..end` of `text` is one part of a whole that its sentence counts in
/// parts: "murdered 12 people at the magazine's offices and five others in subsequent
/// attacks" (12 and five: another outlet's "killed 17 people" is the whole), "106 of the 177
/// bikers" (both), "three of them". A reader compares such a count only with a count of the
/// same part.
pub(super) fn part_of_whole(text: &str, start: usize, end: usize) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| c == ',' || c == ';')
                    .to_lowercase()
            })
            .collect()
    };
    let window = |from: usize, to: usize| -> &str {
        let (mut a, mut b) = (from.min(text.len()), to.min(text.len()));
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        &text[a..b]
    };
    let is_number = |w: &str| {
        (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ','))
            || super::rules::Rules::get().numbers.contains_key(w)
    };
    // The sentence's words after the value, up to its end.
    let mut after = words(window(end, end + 100));
    if let Some(k) = after.iter().position(|w| w.ends_with(['.', '!', '?'])) {
        after.truncate(k + 1);
    }
    let before = words(window(start.saturating_sub(40), start));
    let before = &before[before.len().saturating_sub(3)..];
    let next = |k: usize| after.get(k).map_or("", String::as_str);
    // "N of them", "N of the M".
    if next(0) == "of" && (next(1) == "them" || (next(1) == "the" && is_number(next(2)))) {
        return true;
    }
    // "M" of "N of the M".
    if let [n, of, the] = before {
        if of == "of" && the == "the" && is_number(n) {
            return true;
        }
    }
    // "and five others" itself, or "12 people ... and five others".
    if before.last().is_some_and(|w| w == "and") && OTHERS.contains(&next(0)) {
        return true;
    }
    (0..8.min(after.len()))
        .any(|k| next(k) == "and" && is_number(next(k + 1)) && OTHERS.contains(&next(k + 2)))
}
