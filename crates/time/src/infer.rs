//! Publication dates of undated documents, inferred from the story's other documents.
//!
//! A document that states no date of its own ("Russia said Thursday ...") still tells when
//! it was written: its reporting weekdays must fall on or just before the day it was written,
//! its "last week" must contain days the story mentions, the dates it reports in the past
//! tense lie before it, and a weekday it names for a happening that another document dates
//! absolutely ("expires on Friday" / "expires on November 17") must be that day. Every day
//! in a window around the story's known dates is scored on these agreements; the best day
//! wins if some evidence supports it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use triangulate_core::Document;
use triangulate_text::TextAnalysis;

use crate::normalize::Tense;
use crate::rules::{self, ValueFn};
use crate::value::{self, Val};
use crate::{prepare, resolve, Prepared};

/// How far around the story's known dates a publication day is looked for.
const WINDOW_DAYS: i64 = 45;
/// Least score an inferred day needs.
const MIN_SCORE: f64 = 2.0;

/// What one document offers the inference.
struct DocInfo<'t> {
    prepared: &'t Prepared,
    /// The document's text.
    text: &'t str,
    /// Content-word keys of the sentences that hold items, each sentence's once (the
    /// first set is empty: items on boilerplate lines, which are left out).
    sets: Vec<BTreeSet<String>>,
    /// The index in `sets` of each item's sentence (parallel to `prepared.items`).
    words: Vec<usize>,
    known: Option<NaiveDate>,
}

impl DocInfo<'_> {
    /// Content-word keys of item `i`'s sentence.
    fn words_of(&self, i: usize) -> &BTreeSet<String> {
        &self.sets[self.words[i]]
    }
}

/// The days some document states absolutely (month and day), by day: for each, the
/// document and its sentence's words (an index into that document's `sets`).
type Absolutes = BTreeMap<NaiveDate, Vec<(usize, usize)>>;

fn func(rule: usize) -> &'static str {
    match &rules::get().rules[rule].value {
        ValueFn::Func(f) => f,
        ValueFn::Literal(_) => "",
    }
}

/// Content-word keys (first five letters of words of four letters or more, no stop words).
fn content_words(sentence: &str) -> BTreeSet<String> {
    let rs = rules::get();
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| {
            !triangulate_text::is_stopword(w)
                && !rs.table("month").contains(w)
                && !rs.table("weekday").contains(w)
                && !matches!(w.as_str(), "said" | "says" | "told" | "will" | "would")
        })
        .map(|w| w.chars().take(5).collect())
        .collect()
}

fn sentence_of(text: &TextAnalysis, pos: usize) -> Option<(usize, usize)> {
    let i = text.sentences.partition_point(|s| (s.end as usize) <= pos);
    text.sentences
        .get(i)
        .filter(|s| s.start as usize <= pos)
        .map(|s| (s.start as usize, s.end as usize))
}

/// Infer the publication day of each document that has none (`meta.published` is `None`).
/// Returns one entry per document: `Some(day)` only where a day was inferred.
pub fn infer_published(docs: &[(&Document, &TextAnalysis)]) -> Vec<Option<NaiveDate>> {
    if docs.iter().all(|(d, _)| d.meta.published.is_some()) {
        return vec![None; docs.len()]; // nothing to infer: skip the tagging below
    }
    let prepared: Vec<Prepared> = docs.iter().map(|(d, t)| prepare(d, t)).collect();
    let with: Vec<(&Document, &TextAnalysis, &Prepared)> = docs
        .iter()
        .zip(&prepared)
        .map(|((d, t), p)| (*d, *t, p))
        .collect();
    infer_published_prepared(&with)
}

/// [`infer_published`] on documents already prepared ([`crate::prepare`]), so that a
/// document's matches are found once for inferring its date and for tagging it.
pub fn infer_published_prepared(
    docs: &[(&Document, &TextAnalysis, &Prepared)],
) -> Vec<Option<NaiveDate>> {
    if docs.iter().all(|(d, _, _)| d.meta.published.is_some()) {
        return vec![None; docs.len()];
    }
    let infos: Vec<DocInfo> = docs
        .iter()
        .map(|(doc, text, prepared)| {
            // Each sentence's words once, however many items it holds.
            let mut sets = vec![BTreeSet::new()];
            let mut set_of: BTreeMap<(usize, usize), usize> = BTreeMap::new();
            let words = prepared
                .items
                .iter()
                .zip(&prepared.boilerplate)
                .map(|((c, _), &boilerplate)| {
                    if boilerplate {
                        return 0;
                    }
                    sentence_of(text, c.start).map_or(0, |(s, e)| {
                        *set_of.entry((s, e)).or_insert_with(|| {
                            sets.push(content_words(&doc.analysis_text()[s..e]));
                            sets.len() - 1
                        })
                    })
                })
                .collect();
            DocInfo {
                prepared,
                text: doc.analysis_text(),
                sets,
                words,
                known: doc.meta.published.map(|p| p.date),
            }
        })
        .collect();
    let mut out = vec![None; docs.len()];
    if infos.iter().all(|i| i.known.is_some()) {
        return out;
    }
    // The story's centre: the median known day, else the median absolute day with a year.
    let mut known: Vec<NaiveDate> = infos.iter().filter_map(|i| i.known).collect();
    known.sort();
    let centre = match known.get(known.len() / 2) {
        Some(d) => *d,
        None => {
            let mut days: Vec<NaiveDate> = infos
                .iter()
                .flat_map(|i| resolve(i.prepared, i.text, None, true))
                .filter_map(|(t, _)| match value::parse(&t.value) {
                    Some(Val::Day(d)) => Some(d),
                    _ => None,
                })
                .collect();
            days.sort();
            match days.get(days.len() / 2) {
                Some(d) => *d,
                None => return out,
            }
        }
    };
    // Absolute days of every document, read on its own day or on the centre.
    let mut absolutes = Absolutes::new();
    for (di, info) in infos.iter().enumerate() {
        for (t, i) in resolve(
            info.prepared,
            info.text,
            Some(info.known.unwrap_or(centre)),
            true,
        ) {
            let (c, _) = &info.prepared.items[i];
            if func(c.rule) != "date" || !c.has("day") {
                continue;
            }
            if let Some(Val::Day(d)) = value::parse(&t.value) {
                absolutes.entry(d).or_default().push((di, info.words[i]));
            }
        }
    }
    for (di, info) in infos.iter().enumerate() {
        if info.known.is_some() {
            continue;
        }
        let mut best: Option<(f64, NaiveDate)> = None;
        for k in -WINDOW_DAYS..=WINDOW_DAYS {
            let Some(day) = centre.checked_add_signed(Duration::days(k)) else {
                continue; // past the ends of the calendar
            };
            // Of equal scores, the day nearest the story's centre.
            let s = score(di, &infos, day, &absolutes) - 0.001 * k.abs() as f64;
            if best.is_none_or(|(b, _)| s > b + 1e-9) {
                best = Some((s, day));
            }
        }
        if let Some((s, day)) = best {
            if s >= MIN_SCORE {
                out[di] = Some(day);
            }
        }
    }
    out
}

/// How well `day` as the publication day of document `di` agrees with the evidence.
fn score(di: usize, infos: &[DocInfo], day: NaiveDate, absolutes: &Absolutes) -> f64 {
    let info = &infos[di];
    let mut s = 0.0;
    let mut latest_past: Option<NaiveDate> = None;
    for (t, i) in resolve(info.prepared, info.text, Some(day), true) {
        let (c, tense) = &info.prepared.items[i];
        let v = value::parse(&t.value);
        match (func(c.rule), v) {
            ("weekday", Some(Val::Day(d))) => {
                // A reporting weekday is the day of writing or the day before.
                if *tense == Tense::Past {
                    if d == day {
                        s += 2.0;
                    } else if d.succ_opt() == Some(day) {
                        s += 1.0;
                    }
                }
                // A weekday another document dates absolutely for the same happening.
                // (Reporting weekdays, "said Thursday", tell when the document was written
                // rather than a happening: only others count.)
                let agrees = *tense != Tense::Past
                    && absolutes.get(&d).is_some_and(|same_day| {
                        same_day.iter().any(|&(doc, set)| {
                            doc != di
                                && infos[doc].sets[set]
                                    .intersection(info.words_of(i))
                                    .take(2)
                                    .count()
                                    >= 2
                        })
                    });
                if agrees {
                    s += 3.0;
                }
            }
            ("rel" | "dayword", Some(v))
                if matches!(v, Val::Week(..) | Val::Month(..) | Val::Day(_)) =>
            {
                // An absolute day in the period, before the day of writing.
                let (from, to) = (v.start(), v.shift(v.unit(), 1).start().min(day));
                if from < to && absolutes.range(from..to).next().is_some() {
                    s += 1.0;
                }
            }
            ("date", Some(Val::Day(d))) if c.has("day") => match tense {
                Tense::Past => {
                    if d > day {
                        s -= 3.0;
                    } else if latest_past.is_none_or(|l| d > l) {
                        latest_past = Some(d);
                    }
                }
                Tense::Future if d < day => s -= 3.0,
                _ => {}
            },
            _ => {}
        }
    }
    // Of equally supported days, the one nearest the latest past event it reports.
    if let Some(l) = latest_past {
        s -= 0.01 * (day - l).num_days().abs() as f64;
    }
    s
}
