//! The timeline: dated events merged across sources.
//!
//! An **event** is a sentence with a time expression whose value is a calendar date or
//! period (a day, week, month, quarter, season or year; not "now", not a duration). Events of
//! different documents that tell the same happening (similar sentences, see
//! [`crate::similarity`]) and whose dates agree (one contains the other: "in April" and
//! "April 4") merge into one [`TimelineEntry`] dated at the finest granularity any source
//! gives. Very similar events whose days differ ("expires Nov. 14" / "expires on Friday" =
//! Nov. 17) also merge, and the entry keeps every source's own date: such an entry lists
//! more than one date in [`TimelineEntry::dates`] (the conflicts stage reads this).
//! Sentences of other documents that state the same content without a date join an entry as
//! undated sources.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use triangulate_core::{DateBasis, Diagnostic, DocId, PublishedDate, Span};
use triangulate_time::value::{self, Val};
use triangulate_time::TimexType;

use crate::AnalyzedDoc;

mod vocab;

use vocab::{clause, head, sentence_tokens, Vocab};

/// One source of a timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineSource {
    /// The document.
    pub document: DocId,
    /// The sentence that tells the event.
    pub span: Span,
    /// The time expression in it, if the sentence dates the event itself.
    pub timex: Option<Span>,
    /// The date this source gives (TIMEX3 value), if any.
    pub date: Option<String>,
}

/// One event on the timeline with every source that reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// ISO date at the finest granularity any agreeing source gives ("2017-10-26",
    /// "2017-04", "2015"); where sources disagree, the date most documents give.
    pub date: String,
    /// "day", "week", "month", "quarter", "season", "half" or "year".
    pub granularity: String,
    /// Short description in the words of the text.
    pub text: String,
    /// Supporting sentences, one or more per document, in document order.
    pub sources: Vec<TimelineSource>,
    /// Every distinct day-level date the sources give, sorted; more than one means the
    /// sources disagree on the date.
    pub dates: Vec<String>,
}

impl TimelineEntry {
    /// True if the sources give different days for this event.
    pub fn conflicting(&self) -> bool {
        self.dates.len() > 1
    }

    /// Documents among the sources, sorted, each once.
    pub fn documents(&self) -> Vec<DocId> {
        let mut d: Vec<DocId> = self.sources.iter().map(|s| s.document).collect();
        d.sort_unstable();
        d.dedup();
        d
    }
}

/// A coarser event ("last week", "in April") joins a compatible entry when its clause
/// shares this much of the smaller clause's IDF mass, over at least two terms.
const JOIN_OVERLAP: f32 = 0.25;
/// Entries whose days differ (at most a week apart) merge as one event told with two dates
/// when clauses are this similar, over at least two terms.
const CONFLICT_OVERLAP: f32 = 0.3;
/// How far apart conflicting days may be.
const CONFLICT_DAYS: i64 = 7;
/// Undated sentences join an entry at this similarity to one of its clauses (over at least
/// four terms).
const UNDATED_OVERLAP: f32 = 0.45;
/// Longest description, in words.
const MAX_WORDS: usize = 40;

/// Infer the publication day of every document that has none from what the story's other
/// documents say (weekday words that agree with absolute dates, "last week", ...), mark it
/// [`DateBasis::Inferred`] and tag that document's time expressions on it (documents whose
/// date cannot be inferred are tagged without an anchor). `prepared` holds each document's
/// time expressions as `triangulate_time::prepare` found them (parallel to `docs`).
pub fn infer_published(docs: &mut [AnalyzedDoc], prepared: &[triangulate_time::Prepared]) {
    let inferred = triangulate_time::infer_published_prepared(
        &docs
            .iter()
            .zip(prepared)
            .map(|(d, p)| (&d.doc, &d.text, p))
            .collect::<Vec<_>>(),
    );
    docs.par_iter_mut().zip(inferred).zip(prepared).for_each(|((d, day), p)| {
        if d.doc.meta.published.is_some() {
            return; // already tagged on its own date
        }
        if let Some(day) = day {
            d.doc.meta.published = Some(PublishedDate {
                date: day,
                basis: DateBasis::Inferred,
            });
            d.doc.diagnostics.push(Diagnostic {
                span: None,
                message: format!(
                    "publication date {day} inferred from weekday and relative dates that agree with the story's other documents"
                ),
            });
        }
        d.timexes = p.tag(&d.doc, day);
    });
}

/// A dated clause.
#[derive(Debug, Clone)]
struct Event {
    doc: DocId,
    /// The sentence.
    span: Span,
    timex: Span,
    value: Val,
    /// Content terms of the clause around the time expression (sorted ids).
    terms: Vec<u32>,
    /// The lower-case content word nearest before the time expression (after it if none):
    /// usually what happened then ("expires", "vetoed").
    head: Option<u32>,
}

/// Month and day of a value without a year ("XXXX-10-31").
fn yearless_day(value: &str) -> Option<(u32, u32)> {
    let (m, d) = value.strip_prefix("XXXX-")?.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

fn interval(v: Val) -> (NaiveDate, NaiveDate) {
    (v.start(), v.shift(v.unit(), 1).start())
}

/// One contains the other.
fn compatible(a: Val, b: Val) -> bool {
    let ((a0, a1), (b0, b1)) = (interval(a), interval(b));
    (a0 >= b0 && a1 <= b1) || (b0 >= a0 && b1 <= a1)
}

fn granularity(v: Val) -> &'static str {
    match v {
        Val::Day(_) => "day",
        Val::Week(..) | Val::Weekend(..) => "week",
        Val::Month(..) => "month",
        Val::Quarter(..) => "quarter",
        Val::Half(..) => "half",
        Val::Season(..) => "season",
        Val::Year(_) => "year",
        Val::Decade(_) => "decade",
        Val::Century(_) => "century",
    }
}

/// Finer first.
fn fineness(v: Val) -> u8 {
    match v {
        Val::Day(_) => 0,
        Val::Week(..) | Val::Weekend(..) => 1,
        Val::Month(..) => 2,
        Val::Quarter(..) | Val::Season(..) => 3,
        Val::Half(..) => 4,
        Val::Year(_) => 5,
        Val::Decade(_) => 6,
        Val::Century(_) => 7,
    }
}

/// An entry under construction.
struct Draft {
    events: Vec<Event>,
    undated: Vec<(DocId, Span)>,
}

impl Draft {
    /// The finest value of its events (they all agree, except after a conflict merge).
    fn value(&self) -> Val {
        self.events
            .iter()
            .map(|e| e.value)
            .min_by_key(|v| (fineness(*v), v.start()))
            .expect("a draft has an event")
    }

    fn docs(&self) -> Vec<DocId> {
        let mut d: Vec<DocId> = self.events.iter().map(|e| e.doc).collect();
        d.sort_unstable();
        d.dedup();
        d
    }

    /// Best clause similarity to `terms` over at least `min_shared` shared terms.
    fn similarity(&self, vocab: &Vocab, terms: &[u32], min_shared: usize) -> f32 {
        self.events
            .iter()
            .map(|x| vocab.overlap(&x.terms, terms))
            .filter(|(_, n)| *n >= min_shared)
            .map(|(s, _)| s)
            .fold(0.0, f32::max)
    }
}

/// Build the timeline of the analyzed documents.
pub fn build(docs: &[AnalyzedDoc]) -> Vec<TimelineEntry> {
    let vocab = Vocab::build(docs);
    let mut events: Vec<Event> = Vec::new();
    // Days of a month without a year (an undated document's "Oct. 31"): (month, day, event
    // with a placeholder value).
    let mut yearless: Vec<(u32, u32, Event)> = Vec::new();
    for d in docs {
        for t in &d.timexes {
            if !matches!(t.kind, TimexType::Date | TimexType::Time) {
                continue;
            }
            let parsed = value::parse(&t.value);
            let yearless_md = match parsed {
                Some(Val::Decade(_) | Val::Century(_)) => continue,
                Some(_) => None,
                None => match yearless_day(&t.value) {
                    Some(md) => Some(md),
                    None => continue,
                },
            };
            let start = t.span.start;
            if parsed.is_some() && triangulate_time::ends_a_span_that_never_came(&d.text, start) {
                continue;
            }
            let si = d.text.sentences.partition_point(|s| s.end <= start);
            let Some(s) = d.text.sentences.get(si).filter(|s| s.start <= start) else {
                continue;
            };
            let span = Span::new_unchecked(d.doc.id, s.start as usize, s.end as usize);
            let event = |value| Event {
                doc: d.doc.id,
                span,
                timex: t.span,
                value,
                terms: clause(&vocab, d, si, t.span),
                head: head(&vocab, d, si, t.span),
            };
            match (parsed, yearless_md) {
                (Some(v), _) => {
                    // One event per sentence and value.
                    if !events.iter().any(|x| x.span == span && x.value == v) {
                        events.push(event(v));
                    }
                }
                // Its value is set when it joins an entry (step 4).
                (None, Some((m, day))) => yearless.push((m, day, event(Val::Year(0)))),
                (None, None) => {}
            }
        }
    }
    events.sort_by(|a, b| {
        fineness(a.value)
            .cmp(&fineness(b.value))
            .then(a.value.start().cmp(&b.value.start()))
            .then(a.span.cmp(&b.span))
            .then(a.timex.cmp(&b.timex))
    });
    // 1. Days: one entry per day (news tells one thing a day about one story).
    // 2. Coarser events join the most similar compatible entry, or start their own.
    let mut drafts: Vec<Draft> = Vec::new();
    for e in events {
        let target = if let Val::Day(_) = e.value {
            drafts.iter().position(|d| d.value() == e.value)
        } else {
            let compatible: Vec<usize> = (0..drafts.len())
                .filter(|&k| compatible(drafts[k].value(), e.value))
                .collect();
            // The only entry its date allows needs less word evidence.
            let need = if compatible.len() == 1 {
                JOIN_OVERLAP / 2.0
            } else {
                JOIN_OVERLAP
            };
            compatible
                .iter()
                .map(|&k| {
                    let d = &drafts[k];
                    let same_value = d.value() == e.value;
                    let s = d.similarity(&vocab, &e.terms, if same_value { 1 } else { 2 });
                    (k, s)
                })
                .filter(|(_, s)| *s >= need)
                .fold(None::<(usize, f32)>, |acc, (k, s)| match acc {
                    Some((_, b)) if b >= s => acc,
                    _ => Some((k, s)),
                })
                .map(|(k, _)| k)
        };
        match target {
            Some(k) => drafts[k].events.push(e),
            None => drafts.push(Draft {
                events: vec![e],
                undated: Vec::new(),
            }),
        }
    }
    // 3. Days a few days apart that tell the same thing in different documents: one event
    //    whose sources disagree on the date.
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for i in 0..drafts.len() {
            for j in i + 1..drafts.len() {
                let (Val::Day(a), Val::Day(b)) = (drafts[i].value(), drafts[j].value()) else {
                    continue;
                };
                if (a - b).num_days().abs() > CONFLICT_DAYS {
                    continue;
                }
                let (di, dj) = (drafts[i].docs(), drafts[j].docs());
                if di.iter().any(|d| dj.binary_search(d).is_ok()) {
                    continue;
                }
                // The same thing happening: the same head word, and similar clauses.
                let s = drafts[j]
                    .events
                    .iter()
                    .flat_map(|e| drafts[i].events.iter().map(move |x| (e, x)))
                    .filter(|(e, x)| e.head.is_some() && e.head == x.head)
                    .map(|(e, x)| vocab.overlap(&e.terms, &x.terms).0)
                    .fold(0.0, f32::max);
                if s >= CONFLICT_OVERLAP && best.is_none_or(|(_, _, b)| s > b) {
                    best = Some((i, j, s));
                }
            }
        }
        let Some((i, j, _)) = best else { break };
        let moved = drafts.remove(j);
        drafts[i].events.extend(moved.events);
    }
    // 4. A day without a year joins the entry of that month and day whose clauses say the
    //    same thing (the year the story gives that happening), else it stays out.
    for (m, day, mut e) in yearless {
        let same_day: Vec<usize> = (0..drafts.len())
            .filter(|&k| match drafts[k].value() {
                Val::Day(x) => x.month() == m && x.day() == day,
                _ => false,
            })
            .filter(|&k| drafts[k].docs().binary_search(&e.doc).is_err())
            .collect();
        let need = if same_day.len() == 1 {
            JOIN_OVERLAP / 2.0
        } else {
            JOIN_OVERLAP
        };
        let best = same_day
            .iter()
            .map(|&k| (k, drafts[k].similarity(&vocab, &e.terms, 2)))
            .filter(|(_, s)| *s >= need)
            .fold(None::<(usize, f32)>, |acc, (k, s)| match acc {
                Some((_, b)) if b >= s => acc,
                _ => Some((k, s)),
            });
        if let Some((k, _)) = best {
            e.value = drafts[k].value();
            drafts[k].events.push(e);
        }
    }
    // 5. Undated sentences of other documents that state the same content.
    for d in &mut drafts {
        let mut have = d.docs();
        for doc in docs {
            if have.binary_search(&doc.doc.id).is_ok() {
                continue;
            }
            let mut best: Option<(f32, Span)> = None;
            for (si, s) in doc.text.sentences.iter().enumerate() {
                let _ = si;
                let terms = vocab.terms(doc, s.token_range(), (0, 0));
                let sim = d
                    .events
                    .iter()
                    .map(|e| {
                        let sentence = vocab.terms(
                            &docs[e.doc.index()],
                            sentence_tokens(&docs[e.doc.index()], e.span),
                            (0, 0),
                        );
                        let (o, n) = vocab.overlap(&sentence, &terms);
                        let balance = vocab.mass(&sentence).min(vocab.mass(&terms))
                            / vocab.mass(&sentence).max(vocab.mass(&terms)).max(1e-6);
                        if n >= 4 {
                            o * balance.sqrt()
                        } else {
                            0.0
                        }
                    })
                    .fold(0.0, f32::max);
                if sim >= UNDATED_OVERLAP && best.is_none_or(|(b, _)| sim > b) {
                    best = Some((
                        sim,
                        Span::new_unchecked(doc.doc.id, s.start as usize, s.end as usize),
                    ));
                }
            }
            if let Some((_, span)) = best {
                d.undated.push((doc.doc.id, span));
                have.push(doc.doc.id);
                have.sort_unstable();
            }
        }
    }
    let mut entries: Vec<(Val, TimelineEntry)> =
        drafts.into_iter().map(|d| finish(docs, d)).collect();
    entries.sort_by(|(a, x), (b, y)| {
        a.start()
            .cmp(&b.start())
            .then(fineness(*b).cmp(&fineness(*a)))
            .then(x.sources[0].span.cmp(&y.sources[0].span))
    });
    entries.into_iter().map(|(_, e)| e).collect()
}

/// The entry of a draft: its date, the dates of its sources, its words.
fn finish(docs: &[AnalyzedDoc], d: Draft) -> (Val, TimelineEntry) {
    let mut values: Vec<Val> = d.events.iter().map(|e| e.value).collect();
    values.sort_by_key(|v| (v.start(), fineness(*v)));
    values.dedup();
    let support = |v: Val| {
        let mut docs: Vec<DocId> = d
            .events
            .iter()
            .filter(|e| compatible(e.value, v))
            .map(|e| e.doc)
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    };
    let main = values
        .iter()
        .copied()
        .max_by(|a, b| {
            support(*a)
                .cmp(&support(*b))
                .then(fineness(*b).cmp(&fineness(*a)))
                .then(b.start().cmp(&a.start()))
        })
        .unwrap_or_else(|| d.value());
    let mut dates: Vec<String> = values
        .iter()
        .filter(|v| matches!(v, Val::Day(_)))
        .map(|v| v.timex())
        .collect();
    if dates.is_empty() {
        dates.push(main.timex());
    }
    let lead = d
        .events
        .iter()
        .find(|e| e.value == main)
        .unwrap_or(&d.events[0]);
    let words: Vec<&str> = docs[lead.doc.index()]
        .doc
        .slice(lead.span)
        .split_whitespace()
        .collect();
    let mut text = words[..words.len().min(MAX_WORDS)].join(" ");
    if words.len() > MAX_WORDS {
        text.push_str(" …");
    }
    let mut sources: Vec<TimelineSource> = d
        .events
        .iter()
        .map(|e| TimelineSource {
            document: e.doc,
            span: e.span,
            timex: Some(e.timex),
            date: Some(e.value.timex()),
        })
        .chain(d.undated.iter().map(|&(doc, span)| TimelineSource {
            document: doc,
            span,
            timex: None,
            date: None,
        }))
        .collect();
    sources.sort_by(|a, b| a.span.cmp(&b.span).then(a.timex.cmp(&b.timex)));
    (
        main,
        TimelineEntry {
            date: main.timex(),
            granularity: granularity(main).to_string(),
            text,
            sources,
            dates,
        },
    )
}

#[cfg(test)]
mod tests {
    use triangulate_core::{DateBasis, DocId, Document, PublishedDate};

    use crate::{Story, StoryOptions};

    fn doc(id: u32, text: &str, published: Option<(i32, u32, u32)>) -> Document {
        let mut d = Document::new(DocId(id), format!("d{id}"), text);
        d.meta.published = published.map(|(y, m, day)| PublishedDate {
            date: chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap(),
            basis: DateBasis::InputField,
        });
        d
    }

    fn story() -> Story {
        let docs = vec![
            doc(
                0,
                "The harbor authority closed the old bridge on March 2. Engineers said on Wednesday that the repairs will end on March 20.",
                Some((2020, 3, 6)),
            ),
            doc(
                1,
                "The old bridge was closed by the harbor authority last week. The repairs end March 23, the mayor said.",
                Some((2020, 3, 9)),
            ),
            doc(
                2,
                "Engineers said on Monday that the bridge repairs will end on Friday, and the ferry keeps running.",
                None,
            ),
        ];
        Story::build(docs, &StoryOptions::default())
    }

    #[test]
    fn a_day_without_a_year_joins_the_same_happening_on_that_day() {
        // Documents 1 and 2 are undated and name no weekday: no day is inferred for them, so
        // their "April 14" has no year. The story dates the reopening 2020-04-14.
        let docs = vec![
            doc(
                0,
                "The harbor authority will reopen the old bridge on April 14.",
                Some((2020, 3, 6)),
            ),
            doc(
                1,
                "The old bridge reopens on April 14 once the harbor authority has replaced a plate.",
                None,
            ),
            doc(2, "The spring fair opens in the park on April 14.", None),
        ];
        let s = Story::build(docs, &StoryOptions::default());
        let e = s
            .timeline
            .iter()
            .find(|e| e.date == "2020-04-14")
            .expect("the reopening");
        let dated: Vec<u32> = e
            .sources
            .iter()
            .filter(|x| x.timex.is_some())
            .map(|x| x.document.0)
            .collect();
        assert_eq!(dated, vec![0, 1], "{e:?}");
        assert!(e.sources.iter().all(|x| x.document.0 != 2), "{e:?}");
    }

    #[test]
    fn the_end_of_a_span_that_never_came_is_no_event() {
        let docs = vec![doc(
            0,
            "The council rejected on March 4 a plan that would have kept the ferry running until June 2021. The ferry will run until April 30.",
            Some((2020, 3, 6)),
        )];
        let s = Story::build(docs, &StoryOptions::default());
        let dates: Vec<&str> = s.timeline.iter().map(|e| e.date.as_str()).collect();
        assert!(dates.contains(&"2020-03-04"), "{dates:?}");
        assert!(dates.contains(&"2020-04-30"), "{dates:?}");
        assert!(!dates.iter().any(|d| d.starts_with("2021")), "{dates:?}");
    }

    #[test]
    fn undated_document_gets_the_monday_its_friday_agrees_with() {
        let s = story();
        let p = s.docs[2].doc.meta.published.expect("inferred");
        assert_eq!(p.basis, DateBasis::Inferred);
        assert_eq!(p.date.to_string(), "2020-03-16");
    }

    #[test]
    fn same_happening_merges_across_documents_at_the_finest_date() {
        let s = story();
        let closed = s
            .timeline
            .iter()
            .find(|e| e.date == "2020-03-02")
            .expect("the closure");
        assert_eq!(closed.documents(), [DocId(0), DocId(1)]);
        assert_eq!(closed.granularity, "day");
        assert!(!closed.conflicting());
    }

    #[test]
    fn sources_that_disagree_on_the_day_show_both_dates() {
        let s = story();
        let end = s
            .timeline
            .iter()
            .find(|e| e.dates.iter().any(|d| d == "2020-03-23"))
            .expect("the end of the repairs");
        assert_eq!(end.dates, ["2020-03-20", "2020-03-23"]);
        assert!(end.conflicting());
        let own: Vec<Option<&str>> = end.sources.iter().map(|x| x.date.as_deref()).collect();
        assert!(own.contains(&Some("2020-03-23")) && own.contains(&Some("2020-03-20")));
    }

    #[test]
    fn entries_are_sorted_by_date() {
        let s = story();
        let starts: Vec<String> = s.timeline.iter().map(|e| e.date.clone()).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
    }
}
