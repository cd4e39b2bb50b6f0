//! Publication dates of undated documents, inferred from the story's other documents.
//!
//! A document that states no date of its own ("Russia said Thursday ...") still tells when
//! it was written: its reporting weekdays must fall on or just before the day it was written,
//! its "last week" must contain the day the story gives for that happening, the dates it
//! reports in the past tense lie before it, and a weekday it names for a happening that another document dates
//! absolutely ("expires on Friday" / "expires on November 17") must be that day. Every day
//! in a window around the story's known dates is scored on these agreements; the best day
//! wins if some evidence supports it, and if it is the only answer the evidence allows.
//!
//! A reporting weekday alone fits every such weekday of the window. Where the story is
//! tight (its known publication days lie within three weeks, as reports of one event do),
//! the day nearest the story's centre settles it. Elsewhere (known days months apart, or no
//! known day at all, as in a folder of plain-text files on a topic that runs for years) the
//! best day must lead every day more than [`NEAR_DAYS`] away by [`LOOSE_MARGIN`], or the
//! document stays undated: on duc2006-dev (50 topics of 25 articles over up to four years,
//! true dates hidden) the nearest-day rule dated 257 of 1,245 articles and 242 of them more
//! than a week wrong (`infer_dates` example, docs/BENCHMARKS.md).

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
/// Days around the best day that count as the same answer.
const NEAR_DAYS: i64 = 3;
/// A story whose central known publication days (the middle half of them) lie within this
/// many days is tight. A story with no known day is not: the days its documents state
/// (anniversaries, births, earlier events) do not tell when they were written.
const TIGHT_DAYS: i64 = 21;
/// In a story that is not tight, how far the best day's score must lead that of any day
/// more than [`NEAR_DAYS`] away: the day nearest the centre settles nothing there, and
/// only a weekday of a happening another document dates (3) is worth a date. (On
/// duc2006-dev with half the dates hidden, a lead of 1 still dated 24 articles, 14 of them
/// more than a week wrong; a lead of 3 dates 9, 2 of them wrong.)
const LOOSE_MARGIN: f64 = 3.0;

/// Days between the first and the last of the middle half of `days` (sorted).
fn central_span(days: &[NaiveDate]) -> i64 {
    let n = days.len();
    if n == 0 {
        return 0;
    }
    let (lo, hi) = (n / 4, (n - 1) - n / 4);
    (days[hi.max(lo)] - days[lo]).num_days()
}

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
    // The story's centre: the median known day, else the median absolute day with a year;
    // and whether the story is tight (its days in one short stretch), where the day
    // nearest the centre may settle what the evidence leaves open.
    let mut known: Vec<NaiveDate> = infos.iter().filter_map(|i| i.known).collect();
    known.sort();
    let (centre, tight) = match known.get(known.len() / 2) {
        Some(d) => (*d, central_span(&known) <= TIGHT_DAYS),
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
                Some(d) => (*d, false),
                None => return out,
            }
        }
    };
    let margin = if tight { 0.0 } else { LOOSE_MARGIN };
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
        let mut scored: Vec<(f64, NaiveDate)> = Vec::new();
        // (score with the pull of the centre, score of the evidence alone, day)
        let mut best: Option<(f64, f64, NaiveDate)> = None;
        for k in -WINDOW_DAYS..=WINDOW_DAYS {
            let Some(day) = centre.checked_add_signed(Duration::days(k)) else {
                continue; // past the ends of the calendar
            };
            // Of equal scores, the day nearest the story's centre.
            let raw = score(di, &infos, day, &absolutes);
            scored.push((raw, day));
            let s = raw - 0.001 * k.abs() as f64;
            if best.is_none_or(|(b, _, _)| s > b + 1e-9) {
                best = Some((s, raw, day));
            }
        }
        if let Some((s, raw, day)) = best {
            // The evidence alone (without the pull of the centre) against other answers.
            let rival = scored
                .iter()
                .filter(|(_, d)| (*d - day).num_days().abs() > NEAR_DAYS)
                .map(|(s, _)| *s)
                .fold(f64::NEG_INFINITY, f64::max);
            if s >= MIN_SCORE && raw - rival >= margin {
                out[di] = Some(day);
            }
        }
    }
    out
}

/// True if two sentences' content-word keys share at least two.
fn shares_two(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.intersection(b).take(2).count() >= 2
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
                            doc != di && shares_two(&infos[doc].sets[set], info.words_of(i))
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
                // (Of the same happening: its sentence shares two content words with this one.)
                let (from, to) = (v.start(), v.shift(v.unit(), 1).start().min(day));
                if from < to
                    && absolutes
                        .range(from..to)
                        .flat_map(|(_, same_day)| same_day)
                        .any(|&(doc, set)| shares_two(&infos[doc].sets[set], info.words_of(i)))
                {
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

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::{DateBasis, DocId, PublishedDate};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn doc(id: u32, text: &str, published: Option<NaiveDate>) -> Document {
        let mut d = Document::new(DocId(id), format!("d{id}"), text);
        d.meta.published = published.map(|date| PublishedDate {
            date,
            basis: DateBasis::InputField,
        });
        d
    }

    fn infer(docs: &[Document]) -> Vec<Option<NaiveDate>> {
        let texts: Vec<TextAnalysis> = docs.iter().map(triangulate_text::analyze).collect();
        let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().zip(&texts).collect();
        infer_published(&pairs)
    }

    const UNDATED: &str = "Engineers said Monday that the dam would hold. \
        Last week the river flooded the lower town after the dam cracked.";

    /// Known days months apart around May 6, 2019 (a Monday); `fact` is what the first dated
    /// document says.
    fn loose_story(fact: &str) -> Vec<Document> {
        vec![
            doc(0, fact, Some(day(2019, 3, 20))),
            doc(
                1,
                "The council met about the budget.",
                Some(day(2019, 5, 6)),
            ),
            doc(
                2,
                "The council met about the roads.",
                Some(day(2019, 7, 30)),
            ),
            doc(3, UNDATED, None),
        ]
    }

    #[test]
    fn a_reporting_weekday_alone_dates_nothing_in_a_loose_story() {
        let got = infer(&loose_story("The council met about the schools."));
        assert_eq!(got[3], None);
    }

    #[test]
    fn in_a_tight_story_the_weekday_nearest_the_centre_is_taken() {
        let docs = vec![
            doc(
                0,
                "The council met about the schools.",
                Some(day(2019, 5, 5)),
            ),
            doc(
                1,
                "The council met about the budget.",
                Some(day(2019, 5, 6)),
            ),
            doc(2, "The council met about the roads.", Some(day(2019, 5, 8))),
            doc(3, UNDATED, None),
        ];
        assert_eq!(infer(&docs)[3], Some(day(2019, 5, 6)));
    }

    #[test]
    fn last_week_counts_only_for_the_happening_the_story_dates() {
        // A tight story around Monday May 6, 2019; the flood dated Friday April 26: "said
        // Monday" + "last week" the flood = Monday April 29, not the centre, May 6.
        let story = |fact: &str| {
            vec![
                doc(0, fact, Some(day(2019, 5, 5))),
                doc(
                    1,
                    "The council met about the budget.",
                    Some(day(2019, 5, 6)),
                ),
                doc(2, "The council met about the roads.", Some(day(2019, 5, 7))),
                doc(3, UNDATED, None),
            ]
        };
        let got = infer(&story(
            "The river flooded the lower town on April 26, 2019, when the dam cracked.",
        ));
        assert_eq!(got[3], Some(day(2019, 4, 29)));
        // The same day given for another happening is no evidence.
        let got = infer(&story(
            "The spring festival opened on April 26, 2019, with a parade.",
        ));
        assert_eq!(got[3], Some(day(2019, 5, 6)));
    }

    #[test]
    fn central_span_is_the_middle_half() {
        let days = [
            day(2019, 1, 1),
            day(2019, 5, 1),
            day(2019, 5, 10),
            day(2020, 1, 1),
        ];
        assert_eq!(central_span(&days), 9);
        assert_eq!(central_span(&days[..1]), 0);
        assert_eq!(central_span(&[]), 0);
    }
}
