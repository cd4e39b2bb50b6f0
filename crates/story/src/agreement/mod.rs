//! Where the sources agree and where they conflict, and what each source chose to tell.
//!
//! - [`AgreedFact`]: a statement (clause) made by at least two independent sources; copies
//!   of one wire story (long shared wording) count once.
//! - [`Conflict`]: a contradiction (the same attribute with incompatible dates or
//!   quantities), a discrepancy of precision ("dozens" / "more than 80"), or a disputed claim
//!   (asserted by some holders, denied by others). Conservative by design: a false conflict
//!   misleads more than a missed one.
//! - [`Coverage`]: for each document, the agreed facts it includes and omits and whose side
//!   of each disputed claim it quotes.
//!
//! Rules are data in `resources/en/agreement/`. Pure: no I/O.
//!
//! ```
//! use triangulate_core::{DocId, Document};
//! use triangulate_story::{Story, StoryOptions};
//! let docs = vec![
//!     Document::new(DocId(0), "a", "The council vetoed the plan on Nov. 14, officials said."),
//!     Document::new(DocId(1), "b", "The council blocked the plan on November 17, officials said."),
//! ];
//! let story = Story::build(docs, &StoryOptions::default());
//! assert_eq!(story.conflicts.len(), 1);
//! ```

mod align;
mod conflicts;
mod coverage;
mod disputes;
mod pair_model;
mod rules;
mod statements;
mod values;

use serde::{Deserialize, Serialize};
use triangulate_core::{DocId, Span};

use crate::AnalyzedDoc;
pub use rules::RuleError;

/// A fact stated by at least two independent sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreedFact {
    /// The statement that represents the fact best.
    pub span: Span,
    /// Every statement of the fact, by document.
    pub spans: Vec<Span>,
    /// The documents that state it, in order.
    pub documents: Vec<DocId>,
    /// Number of independent sources (copies of one wire story count once).
    pub independent_sources: usize,
    /// Groups of the documents that are copies of one wire story.
    pub copies: Vec<Vec<DocId>>,
    /// Mean alignment similarity.
    pub score: f32,
}

/// Kinds of conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// The same attribute with incompatible values.
    Contradiction,
    /// Compatible values of different precision ("dozens" / "more than 80").
    Discrepancy,
    /// A claim asserted by some holders and denied or contested by others.
    DisputedClaim,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// The value this side gives ("2017-11-14", ">= 80", "24-199", "about 38000"), for value
    /// conflicts.
    pub value: Option<String>,
    /// The position this side takes ("asserts", "denies or contests"), for disputed claims.
    pub position: Option<String>,
    /// Who holds it (speakers, or the subjects of the cue), for disputed claims.
    pub held_by: Vec<String>,
    /// For each holder (same order as `held_by`), the documents that cite it on this side.
    pub held_by_documents: Vec<Vec<DocId>>,
    /// Documents on this side.
    pub documents: Vec<DocId>,
    /// The statements (clauses) on this side.
    pub spans: Vec<Span>,
    /// The exact words: the value as written, or the claim statements.
    pub evidence: Vec<Span>,
}

impl Side {
    /// The holders that document `doc` cites on this side.
    pub fn held_by_in(&self, doc: DocId) -> Vec<String> {
        self.held_by
            .iter()
            .zip(&self.held_by_documents)
            .filter(|(_, d)| d.contains(&doc))
            .map(|(h, _)| h.clone())
            .collect()
    }
}

/// A conflict between documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Kind.
    pub kind: ConflictKind,
    /// The words that name what is in conflict ("mandate expire").
    pub topic: String,
    /// "date", "count", "amount", "share" or "responsibility".
    pub attribute: String,
    /// The sides, the best supported first.
    pub sides: Vec<Side>,
}

/// What one document includes, omits and quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocCoverage {
    /// The document.
    pub document: DocId,
    /// Index (into `Coverage::wire_groups`) of its wire-copy group; documents sharing it are copies.
    pub wire_group: usize,
    /// Indices of the agreed facts it states.
    pub includes: Vec<usize>,
    /// Indices of the agreed facts it does not state.
    pub omits: Vec<usize>,
    /// For each disputed claim: the holders it cites on each side.
    pub disputes: Vec<DisputeCoverage>,
}

/// Whose statements a document carries on each side of one disputed claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeCoverage {
    /// Index into `Story::conflicts`.
    pub conflict: usize,
    /// Per side (same order as the conflict's sides): the holders this document cites.
    pub sides: Vec<Vec<String>>,
    /// Per side: how many of its statements are in this document.
    pub statements: Vec<usize>,
}

/// The coverage matrix of a story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Groups of documents that are copies of one wire story (each document in one group).
    pub wire_groups: Vec<Vec<DocId>>,
    /// One row per document.
    pub documents: Vec<DocCoverage>,
}

/// Agreed facts, conflicts and coverage of a story.
#[derive(Debug, Clone, Default)]
pub struct Agreement {
    /// Agreed facts, the best supported first.
    pub agreements: Vec<AgreedFact>,
    /// Contradictions, then discrepancies, then disputed claims.
    pub conflicts: Vec<Conflict>,
    /// Per-document coverage.
    pub coverage: Coverage,
}

/// The story's year: the most common year of the documents' publication dates, else of the
/// time expressions' values.
fn story_year(docs: &[AnalyzedDoc]) -> Option<i32> {
    use chrono::Datelike;
    let mut years: Vec<i32> = docs
        .iter()
        .filter_map(|d| d.doc.meta.published.map(|p| p.date.year()))
        .collect();
    if years.is_empty() {
        years = docs
            .iter()
            .flat_map(|d| d.timexes.iter())
            .filter(|t| t.kind == triangulate_time::TimexType::Date && t.value.len() == 10)
            .filter_map(|t| t.value[..4].parse().ok())
            .collect();
    }
    years.sort_unstable();
    let mut best: Option<(usize, i32)> = None;
    for c in years.chunk_by(|a, b| a == b) {
        let better = match best {
            None => true,
            Some(b) => c.len() > b.0,
        };
        if better {
            best = Some((c.len(), c[0]));
        }
    }
    best.map(|b| b.1)
}

/// Fill in what the time tagger resolved: a bare weekday ("on Friday") or a day without a
/// year becomes the full date of the time expression that covers it.
fn resolve_dates(docs: &[AnalyzedDoc], stmts: &mut [statements::Statement]) {
    for s in stmts.iter_mut() {
        let timexes = &docs[s.doc].timexes;
        for m in &mut s.values {
            let values::Value::Date(d) = &mut m.value else {
                continue;
            };
            if d.year.is_some() && d.day.is_some() {
                continue;
            }
            let Some(t) = timexes.iter().find(|t| {
                (t.span.start as usize) <= m.start
                    && m.end <= t.span.end as usize
                    && t.kind == triangulate_time::TimexType::Date
            }) else {
                continue;
            };
            let Ok(date) = chrono::NaiveDate::parse_from_str(&t.value, "%Y-%m-%d") else {
                continue;
            };
            use chrono::Datelike;
            let fits = match (d.weekday, d.month, d.day) {
                (Some(w), _, _) => date.weekday().num_days_from_monday() == w,
                (None, Some(mo), Some(da)) => date.month() == mo && date.day() == da,
                _ => false,
            };
            if fits {
                *d = values::DateVal {
                    year: Some(date.year()),
                    month: Some(date.month()),
                    day: Some(date.day()),
                    weekday: None,
                    relative: d.weekday.is_some(),
                };
            }
        }
    }
}

/// Parse the agreement rules now rather than at first use (see [`crate::warm_up`]).
pub(crate) fn warm_up() {
    rules::Rules::get();
    pair_model::PairModel::get();
}

/// Align the documents' statements and find agreed facts, conflicts and coverage (without
/// the story's entities, disputed claims find no holders: see [`analyze_with_entities`]).
pub fn analyze(docs: &[AnalyzedDoc]) -> Agreement {
    analyze_with_entities(docs, &[])
}

/// [`analyze`], with the story's entities to name who holds each side of a disputed claim.
pub fn analyze_with_entities(
    docs: &[AnalyzedDoc],
    entities: &[triangulate_attribution::Entity],
) -> Agreement {
    let mut terms = statements::Terms::default();
    let mut stmts = statements::statements(docs, &mut terms);
    resolve_dates(docs, &mut stmts);
    let doc_ids: Vec<DocId> = docs.iter().map(|d| d.doc.id).collect();
    let year = story_year(docs);
    let groups = align::wire_groups(docs);
    let agreements = align::agreed_facts(&stmts, &mut terms, &groups, &doc_ids, year);
    let mut conflicts = conflicts::value_conflicts(&stmts, &terms, &texts(docs), &doc_ids, year);
    conflicts.extend(disputes::disputes(
        docs, entities, &stmts, &mut terms, &doc_ids,
    ));
    conflicts.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.sides[0].evidence[0].cmp(&b.sides[0].evidence[0]))
    });
    let coverage = coverage::coverage(&doc_ids, &groups, &agreements, &conflicts);
    Agreement {
        agreements,
        conflicts,
        coverage,
    }
}

/// Contradictions only (for the injection benchmark): no alignment of facts, no disputes.
pub fn contradictions(docs: &[AnalyzedDoc]) -> Vec<Conflict> {
    let mut terms = statements::Terms::default();
    let mut stmts = statements::statements(docs, &mut terms);
    resolve_dates(docs, &mut stmts);
    let doc_ids: Vec<DocId> = docs.iter().map(|d| d.doc.id).collect();
    let year = story_year(docs);
    conflicts::value_conflicts(&stmts, &terms, &texts(docs), &doc_ids, year)
        .into_iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
        .collect()
}

/// The documents' texts.
fn texts(docs: &[AnalyzedDoc]) -> Vec<&str> {
    docs.iter().map(|d| d.doc.analysis_text()).collect()
}

/// Why the value at bytes `[start, end)` of document `doc` (an index into `docs`) is or is
/// not in a contradiction: its statement, and the closest candidate values of the other
/// documents with the tests they pass or fail. For reading benchmark misses.
#[doc(hidden)]
pub fn explain(docs: &[AnalyzedDoc], doc: usize, start: usize, end: usize) -> Vec<String> {
    let mut terms = statements::Terms::default();
    let mut stmts = statements::statements(docs, &mut terms);
    resolve_dates(docs, &mut stmts);
    conflicts::explain(
        &stmts,
        &terms,
        &texts(docs),
        story_year(docs),
        doc,
        start,
        end,
    )
}

/// A pair of values of two documents that contradict as values, with the features the
/// same-attribute model reads (for training it: `triangulate-eval`'s `train_conflicts`).
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct PairRow {
    /// Document index (into the analyzed documents), start and end byte of one value.
    pub a: (usize, usize, usize),
    /// The other value.
    pub b: (usize, usize, usize),
    /// Feature values, in the order of [`pair_feature_names`].
    pub features: Vec<f32>,
}

/// Names of the same-attribute model's features.
#[doc(hidden)]
pub fn pair_feature_names() -> &'static [&'static str] {
    &pair_model::FEATURES
}

/// The pairs of values of two documents that the same-attribute model judges (values that
/// contradict as values and whose surroundings share something; pairs a document's other
/// values settle are left out), with their features.
#[doc(hidden)]
pub fn pair_rows(docs: &[AnalyzedDoc]) -> Vec<PairRow> {
    let mut terms = statements::Terms::default();
    let mut stmts = statements::statements(docs, &mut terms);
    resolve_dates(docs, &mut stmts);
    conflicts::pair_rows(&stmts, &terms, &texts(docs), story_year(docs))
}

#[cfg(test)]
mod tests;
