//! Step 3 of the value conflicts, blocking: the pairs of mentions the same-attribute judgment
//! looks at. Two values of two documents that contradict as values are judged only when their
//! surroundings share something: a term within six words of both values, a term next to
//! both, or clauses that say the same thing ([`aligned`]). Two years that both name things
//! must name the same thing and share three clause terms. A pair is dropped when either
//! document also states the other's value, as precisely and in its own words ("in November"
//! does not state "Nov. 20"; a value inside quotation marks is someone's position that the
//! document reports). [`Sim`] holds the story-wide term weights the clause similarity uses.

use super::mentions::{names_same, M};
use super::statements::{for_each_shared, shared, Statement, Terms};
use super::values::{compare, is_weekday, precision, relation, Relation, Value};

/// Statements without a term that every story is counted as having beside its own, for the
/// terms' weights.
const BACKGROUND: f32 = 20.0;

/// Story-wide weights of the clause terms, for the similarity of two clauses.
pub(super) struct Sim {
    pub(super) idf: Vec<f32>,
    norm: Vec<f32>,
}

impl Sim {
    pub(super) fn new(stmts: &[Statement], terms: &Terms) -> Sim {
        let mut df = vec![0u32; terms.names.len()];
        for s in stmts {
            for &t in &s.terms {
                df[t as usize] += 1;
            }
        }
        // As if the story had [`BACKGROUND`] more statements without these terms: in a
        // story of a few sentences every term is in most of them, and weights taken from
        // those alone would say that nothing two clauses share matters.
        let n = stmts.len() as f32 + BACKGROUND;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((n + 1.0) / (d as f32 + 0.5)).ln().max(0.05))
            .collect();
        let norm = stmts
            .iter()
            .map(|s| {
                s.terms
                    .iter()
                    .map(|&t| idf[t as usize] * idf[t as usize])
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        Sim { idf, norm }
    }

    /// Idf-weighted cosine of the two mentions' clauses.
    pub(super) fn cos(&self, a: &M, b: &M) -> f32 {
        self.dot(a, b) / (self.norm[a.st] * self.norm[b.st]).max(1e-6)
    }

    /// Share of the shorter clause's idf-weighted terms that the other clause has.
    pub(super) fn overlap(&self, a: &M, b: &M) -> f32 {
        let small = self.norm[a.st].min(self.norm[b.st]);
        self.dot(a, b) / (small * small).max(1e-6)
    }

    fn dot(&self, a: &M, b: &M) -> f32 {
        let mut dot = 0.0;
        for_each_shared(a.ctx, b.ctx, |t| {
            let w = self.idf[t as usize];
            dot += w * w;
        });
        dot
    }
}

/// The pairs the model judges in a story: values of two documents that contradict as
/// values, neither a weekday, both or neither a part of a whole that its sentence counts in
/// parts ("12 people at the offices and five others" is not "17 people"), [`judged`], and
/// neither document stating the other's value.
pub(super) fn judged_pairs(ms: &[M], sim: &Sim, year: Option<i32>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..ms.len() {
        for j in i + 1..ms.len() {
            let (a, b) = (&ms[i], &ms[j]);
            if a.doc != b.doc
                && a.part == b.part
                && !is_weekday(a.value)
                && !is_weekday(b.value)
                && relation(a.value, b.value, year).0 == Relation::Contradiction
                && judged(a, b, sim)
                && !states_value(ms, a.doc, b, year)
                && !states_value(ms, b.doc, a, year)
            {
                out.push((i, j));
            }
        }
    }
    out
}

/// The pairs the model judges: the words around the two values share something (within
/// six words, or next to them), or the clauses say the same thing. Two values with nothing
/// in common around them are not taken for one attribute, however alike the clauses'
/// topics: a long story has many such pairs.
///
/// Two years that both name things ("the 2018 Winter Olympics" / "the 1988 Winter
/// Olympics") are often two editions of one event: as the hand rule asks, they must name the
/// same thing and their clauses share three terms.
///
/// Two distances between times ("two years later" / "five years later", "four years ago")
/// count from events the clauses must name alike: their clauses share four terms (the
/// duration noun and "later" or "ago" among them).
pub(super) fn judged(a: &M, b: &M, sim: &Sim) -> bool {
    if a.attributive && b.attributive && (shared(a.ctx, b.ctx) < 3 || !names_same(a, b)) {
        return false;
    }
    if is_distance(a.value) && is_distance(b.value) && shared(a.ctx, b.ctx) < 4 {
        return false;
    }
    shared(&a.wide, &b.wide) > 0 || shared(&a.near, &b.near) > 0 || aligned(a, b, sim)
}

/// A distance between two times or from the day of writing ("ten years ago", "15 years
/// later", "the last 17 years"), not a length.
fn is_distance(v: &Value) -> bool {
    matches!(v, Value::Qty(q) if q.unit.as_deref().is_some_and(|u| u.starts_with("duration ")))
}

/// Similarity at which two clauses say the same thing, for [`aligned`].
const ALIGNED: f32 = 0.5;
/// Share of the shorter clause's weighted terms found in the longer one at which the longer
/// clause says what the shorter one says, for [`aligned`].
const CONTAINED: f32 = 0.6;

/// Two precise values (a day, or a count of a named thing), each the only value of its kind
/// in its clause, in clauses that say the same thing: the clauses share at least four terms
/// and their similarity is at least [`ALIGNED`], wherever the value sits in them
/// ("On Jan. 14, the supervisor received a call" / "Saturday, January 18, the supervisor
/// got a call").
pub(super) fn aligned(a: &M, b: &M, sim: &Sim) -> bool {
    let precise = |m: &M| match m.value {
        Value::Date(d) => d.day.is_some(),
        Value::Qty(q) => q.unit.is_some(),
    };
    precise(a)
        && precise(b)
        && a.alone
        && b.alone
        && shared(a.ctx, b.ctx) >= 4
        && (sim.cos(a, b) >= ALIGNED || sim.overlap(a, b) >= CONTAINED)
}

/// Document `doc` also states `other`'s value, as precisely ("in November" does not state
/// "Nov. 20", nor "March 2013" "2013"), in its own words: a value inside quotation marks is
/// someone's position that the document reports, not what it states.
pub(super) fn states_value(ms: &[M], doc: usize, other: &M, year: Option<i32>) -> bool {
    ms.iter().any(|x| {
        x.doc == doc
            && !x.quoted
            && !is_weekday(x.value)
            && precision(x.value) == precision(other.value)
            && compare(x.value, other.value, year) == Relation::Agree
    })
}
