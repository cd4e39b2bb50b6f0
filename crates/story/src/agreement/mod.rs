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

// The value conflicts go one way: values (read, compared, anchored) -> statements (clauses
// with their terms and values) -> mentions (each value with its attribute words) ->
// candidates (blocking) -> judge (same attribute: the pair model and the hand rules) ->
// conflicts (assembled). Agreed facts (align), disputed claims (disputes) and coverage read
// the statements and the results; `explain` is for reading and training only.
mod align;
mod candidates;
mod conflicts;
mod coverage;
mod disputes;
mod explain;
mod judge;
mod mentions;
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
    /// "date", "count", "amount", "share", "age", "duration" or "responsibility".
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

/// The first step every entry point shares: the documents' statements (clauses with their
/// terms and values, dates anchored), the story's year and the texts.
struct Prepared<'a> {
    stmts: Vec<statements::Statement>,
    terms: statements::Terms,
    year: Option<i32>,
    texts: Vec<&'a str>,
}

impl Prepared<'_> {
    fn new(docs: &[AnalyzedDoc]) -> Prepared<'_> {
        let mut terms = statements::Terms::default();
        let stmts = statements::statements(docs, &mut terms);
        Prepared {
            stmts,
            terms,
            year: values::story_year(docs),
            texts: docs.iter().map(|d| d.doc.analysis_text()).collect(),
        }
    }
}

/// [`analyze`], with the story's entities to name who holds each side of a disputed claim.
pub fn analyze_with_entities(
    docs: &[AnalyzedDoc],
    entities: &[triangulate_attribution::Entity],
) -> Agreement {
    let Prepared {
        stmts,
        mut terms,
        year,
        texts,
    } = Prepared::new(docs);
    let doc_ids: Vec<DocId> = docs.iter().map(|d| d.doc.id).collect();
    let groups = align::wire_groups(docs);
    let agreements = align::agreed_facts(&stmts, docs, &mut terms, &groups, &doc_ids, year);
    let mut conflicts = conflicts::value_conflicts(&stmts, &terms, &texts, &doc_ids, year);
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
    let p = Prepared::new(docs);
    let doc_ids: Vec<DocId> = docs.iter().map(|d| d.doc.id).collect();
    conflicts::value_conflicts(&p.stmts, &p.terms, &p.texts, &doc_ids, p.year)
        .into_iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
        .collect()
}

/// Why the value at bytes `[start, end)` of document `doc` (an index into `docs`) is or is
/// not in a contradiction: its statement, and the closest candidate values of the other
/// documents with the tests they pass or fail. For reading benchmark misses.
#[doc(hidden)]
pub fn explain(docs: &[AnalyzedDoc], doc: usize, start: usize, end: usize) -> Vec<String> {
    let p = Prepared::new(docs);
    explain::explain(&p.stmts, &p.terms, &p.texts, p.year, doc, start, end)
}

/// Where the value changed at `ranges` of document `doc` was lost on its way to a
/// contradiction: "1 no value read", "2 no partner value", "3 not a candidate", "4 other
/// value stated", "5 judged different" or "6 judged same". For reading benchmark misses.
#[doc(hidden)]
pub fn loss_stage(docs: &[AnalyzedDoc], doc: usize, ranges: &[(usize, usize)]) -> &'static str {
    let p = Prepared::new(docs);
    explain::loss_stage(&p.stmts, &p.terms, &p.texts, p.year, doc, ranges)
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

/// Names of the same-attribute model's features read from static word vectors (the
/// paraphrase features).
#[doc(hidden)]
pub fn pair_paraphrase_features() -> &'static [&'static str] {
    &pair_model::PARAPHRASE
}

/// The pairs of values of two documents that the same-attribute model judges (values that
/// contradict as values and whose surroundings share something; pairs a document's other
/// values settle are left out), with their features.
#[doc(hidden)]
pub fn pair_rows(docs: &[AnalyzedDoc]) -> Vec<PairRow> {
    let p = Prepared::new(docs);
    explain::pair_rows(&p.stmts, &p.terms, &p.texts, p.year)
}

#[cfg(test)]
mod tests;
