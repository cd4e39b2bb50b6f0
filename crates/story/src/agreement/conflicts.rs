//! Contradictions and discrepancies of precision between the dates and quantities that
//! different documents give for the same attribute of the same thing.
//!
//! Which values are compared: dates and quantities of the statements, except the date a
//! source spoke on ("said on Wednesday") and a date that ends a counterfactual span ("would
//! have prolonged the mandate until November 2018"). The date of a photo, a post or a
//! dispatch ("in this March 5, 2021 photo", "( Sept. 24 ) --", "Published on ...") is not
//! read here: the readers mark those words as boilerplate (`inline:` rules of
//! `resources/en/readers/boilerplate.txt`) and the analysis skips them.
//!
//! Two values that **contradict** as values are about the same attribute when the learned
//! pair model says so (`pair_model.rs`: boosted trees over the words around the two values,
//! trained on Multi-News train, threshold set on its validation split). It only judges pairs
//! whose surroundings share something: a term within six words of both values (words go with
//! the nearest value of their kind), a term next to both, or clauses that say the same thing
//! (the second hand rule below). Two years that both name things must name the same thing
//! and share three clause terms. Two counts of different nouns ("14 Dutch cyclists" /
//! "injured 20 Dutch") are compared as numbers for the model, which weighs that their nouns
//! differ.
//!
//! The hand rules decide for values that agree or differ only in precision (discrepancies),
//! and for weekdays; for contradictions they are two of the model's features. Two values are
//! about the same attribute by the hand rules when either
//! - their clauses share at least two content terms (three when either is a count, or a
//!   year that names something: "the 2018 Olympics"), the words next to the two values share
//!   one term (two for counts without a unit and for named years), and each value has a
//!   content term within three words of it that the other clause shares ("mandate
//!   **expires** Nov. 14" / "is due to **expire** on November 17"); two named years must
//!   name the same thing ("the 1963 assassination" is not "the 2018 documents"); a day set
//!   off by commas ("On Jan. 14, the dispatcher received a call") has its neighbours looked
//!   for past the commas, and its clause must share one more term and the other value be a
//!   day too; or
//! - both are precise (a day, or a count of a named thing), each is the only value of its
//!   kind in its clause, and the clauses say the same thing: at least four shared terms and
//!   an idf-weighted cosine of at least 0.5, wherever the values sit ("On Jan. 14, the
//!   dispatcher received a call" / "Saturday, January 18, the dispatcher received a call").
//!
//! Conservative by design:
//! - a pair is dropped when either document also states the other's value, as precisely and
//!   in its own words ("in November" does not state "Nov. 20"; a value inside quotation
//!   marks is someone's position that the document reports);
//! - a group is dropped when one document sits on two incompatible sides;
//! - a bare weekday never makes a conflict; it only joins the side whose day falls on it.

use triangulate_core::{DocId, Span, UnionFind};

use super::pair_model::{self, PairModel};
use super::rules::Cue;
use super::statements::{for_each_shared, shared, Statement, Terms};
use super::values::{compare, compare_qty, display, DateVal, Mention, Qty, Relation, Value};
use super::{Conflict, ConflictKind, Side};

struct M<'a> {
    st: usize,
    doc: usize,
    value: &'a Value,
    span: (usize, usize),
    ctx: &'a [u32],
    near: Vec<u32>,
    /// A bare year before a content word: "the 2018 Olympics" names an event by its year.
    attributive: bool,
    /// Inside quotation marks: someone's words that the document reports.
    quoted: bool,
    /// A day set off by commas: `near` looks past them.
    loose: bool,
    /// The first three content terms after the value (before any punctuation).
    after: Vec<u32>,
    /// The only value of its kind (date or quantity) in its clause, apart from weekdays and
    /// values that agree with it.
    alone: bool,
    /// Content terms within six tokens of the value, across punctuation, clauses and
    /// sentences.
    wide: Vec<u32>,
    /// The three words before the value (nearest first) and after it, lower-cased, within
    /// its clause.
    before: Vec<String>,
    after_words: Vec<String>,
    /// Terms in the clause.
    clause_len: usize,
}

/// Statements without a term that every story is counted as having beside its own, for the
/// terms' weights.
const BACKGROUND: f32 = 20.0;

/// Story-wide weights of the clause terms, for the similarity of two clauses.
struct Sim {
    idf: Vec<f32>,
    norm: Vec<f32>,
}

impl Sim {
    fn new(stmts: &[Statement], terms: &Terms) -> Sim {
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
    fn cos(&self, a: &M, b: &M) -> f32 {
        self.dot(a, b) / (self.norm[a.st] * self.norm[b.st]).max(1e-6)
    }

    /// Share of the shorter clause's idf-weighted terms that the other clause has.
    fn overlap(&self, a: &M, b: &M) -> f32 {
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

fn weak(v: &Value) -> bool {
    match v {
        Value::Date(d) => d.day.is_none() && d.month.is_none() && d.weekday.is_none(),
        Value::Qty(q) => q.unit.is_none(),
    }
}

fn is_date_value(v: &Value) -> bool {
    matches!(v, Value::Date(_))
}

fn is_weekday(v: &Value) -> bool {
    matches!(
        v,
        Value::Date(
            DateVal {
                weekday: Some(_),
                ..
            } | DateVal { relative: true, .. }
        )
    )
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
    mentions(stmts, texts)
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

/// Every value mention of the statements, with the words around it.
fn mentions<'a>(stmts: &'a [Statement], texts: &[&str]) -> Vec<M<'a>> {
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
            if crate::timeline::never_came(word, m.first_token) {
                continue;
            }
            ms.push(M {
                wide: wide_terms(stmts, si, m, 6),
                before: (1..=3)
                    .filter_map(|k| m.first_token.checked_sub(k))
                    .map(word)
                    .filter(|w| !w.is_empty())
                    .collect(),
                after_words: (m.end_token..m.end_token + 3)
                    .map(word)
                    .filter(|w| !w.is_empty())
                    .collect(),
                clause_len: s.terms.len(),
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

/// Two mentions are about the same attribute by the hand rules (see the module doc).
fn same_attr(a: &M, b: &M, sim: &Sim) -> bool {
    let (near, aligned) = rule_tests(a, b, sim);
    near || aligned
}

/// The hand rules' two tests: the words next to the values, and aligned clauses.
fn rule_tests(a: &M, b: &M, sim: &Sim) -> (bool, bool) {
    // Two years that name things name the same thing: "the 1963 assassination" is not
    // "the 2018 additional documents"; "the 2015 Ford Mustang" is "the 2012 Mustang".
    if a.attributive && b.attributive && !names_same(a, b) {
        return (false, false);
    }
    let (need, near_need) = needs(a, b);
    // Words looked for past the commas only tell two days apart ("On October 26, the
    // panel ..." is not "created the panel in 2015").
    let has_day = |m: &M| matches!(m.value, Value::Date(DateVal { day: Some(_), .. }));
    let loose_ok = !(a.loose || b.loose) || (has_day(a) && has_day(b));
    let near = loose_ok
        && shared(a.ctx, b.ctx) >= need
        && shared(&a.near, &b.near) >= near_need
        && shared(&a.near, b.ctx) > 0
        && shared(&b.near, a.ctx) > 0;
    (near, aligned(a, b, sim))
}

/// Two named years name the same thing: the word after one follows the other.
fn names_same(a: &M, b: &M) -> bool {
    let names = |x: &M, y: &M| x.after.first().is_some_and(|t| y.after.contains(t));
    names(a, b) || names(b, a)
}

/// How two values relate. Two counts of different nouns ("14 Dutch cyclists" / "injured 20
/// Dutch") are also compared as numbers, for the pair model to judge: the second item is
/// true for them.
fn relation(a: &Value, b: &Value, year: Option<i32>) -> (Relation, bool) {
    let r = compare(a, b, year);
    let noun = |q: &Qty| {
        q.unit
            .as_deref()
            .is_some_and(|u| !matches!(u, "$" | "£" | "€" | "%"))
    };
    match (a, b) {
        (Value::Qty(x), Value::Qty(y)) if r == Relation::Unrelated && noun(x) && noun(y) => {
            let y = Qty {
                unit: x.unit.clone(),
                ..y.clone()
            };
            (compare_qty(x, &y), true)
        }
        _ => (r, false),
    }
}

/// How much alike the words around two mentions are, to find a mention's closest partner.
fn likeness(a: &M, b: &M) -> usize {
    2 * shared(&a.wide, &b.wide) + 2 * shared(&a.near, &b.near) + shared(a.ctx, b.ctx)
}

/// `b` is `a`'s closest partner among `b`'s document's values that compare with `a`'s;
/// and whether a value of that document that agrees with `a` is at least as close.
fn closest(ms: &[M], a: &M, b: &M, year: Option<i32>) -> (bool, bool) {
    let l = likeness(a, b);
    let mut best = true;
    let mut agreeing = false;
    for x in ms.iter().filter(|x| x.doc == b.doc && !std::ptr::eq(*x, b)) {
        let (r, _) = relation(a.value, x.value, year);
        if r == Relation::Unrelated || is_weekday(x.value) {
            continue;
        }
        let lx = likeness(a, x);
        if lx > l {
            best = false;
        }
        if r == Relation::Agree && lx >= l {
            agreeing = true;
        }
    }
    (best, agreeing)
}

/// The kind of a value, for the pair model: day, month, year, money, share, count of a
/// named thing, bare number, weekday.
fn kind(v: &Value) -> usize {
    match v {
        Value::Date(d) if d.weekday.is_some() || d.relative => 7,
        Value::Date(d) if d.day.is_some() => 0,
        Value::Date(d) if d.month.is_some() => 1,
        Value::Date(_) => 2,
        Value::Qty(q) => match q.unit.as_deref() {
            Some("$" | "£" | "€") => 3,
            Some("%") => 4,
            Some(_) => 5,
            None => 6,
        },
    }
}

/// The pair model's features of two mentions (see [`pair_model::FEATURES`] for the order).
fn pair_features(
    ms: &[M],
    (a, b): (&M, &M),
    sim: &Sim,
    stmts: &[Statement],
    year: Option<i32>,
) -> [f32; pair_model::N] {
    let (near, aligned) = rule_tests(a, b, sim);
    let (_, nouns_differ) = relation(a.value, b.value, year);
    let (a_best, a_agreeing) = closest(ms, a, b, year);
    let (b_best, b_agreeing) = closest(ms, b, a, year);
    let b01 = |x: bool| f32::from(u8::from(x));
    let cs = shared(a.ctx, b.ctx);
    let ns = shared(&a.near, &b.near);
    let ws = shared(&a.wide, &b.wide);
    let (ka, kb) = (kind(a.value), kind(b.value));
    let both = |k: usize| (b01(ka == k) + b01(kb == k)) / 2.0;
    let wide_of =
        |ks: &[usize]| b01(ks.contains(&ka) && ks.contains(&kb)) * (ws.min(4) as f32 / 4.0);
    let first = |m: &M| b01(stmts[m.st].sentence == 0);
    [
        1.0,
        b01(near),
        b01(aligned),
        b01(cs >= 1),
        b01(cs >= 2),
        b01(cs >= 3),
        b01(cs >= 4),
        b01(cs >= 6),
        sim.cos(a, b),
        sim.overlap(a, b).min(1.0),
        b01(ns >= 1),
        b01(ns >= 2),
        b01(shared(&a.near, b.ctx) > 0 && shared(&b.near, a.ctx) > 0),
        b01(ws >= 1),
        b01(ws >= 2),
        b01(ws >= 3),
        b01(ws >= 4),
        (shared_weight(&a.wide, &b.wide, &sim.idf) / 12.0).min(1.0),
        b01(run(&a.before, &b.before) >= 1),
        b01(run(&a.after_words, &b.after_words) >= 1),
        both(0),
        both(1),
        both(2),
        both(3),
        both(4),
        both(5),
        both(6),
        wide_of(&[2]),
        wide_of(&[0, 1]),
        wide_of(&[3, 4, 5, 6]),
        (b01(a.attributive) + b01(b.attributive)) / 2.0,
        b01(a.attributive && b.attributive && names_same(a, b)),
        b01(a.loose || b.loose),
        b01(a.alone && b.alone),
        b01(a.quoted || b.quoted),
        b01(precision(a.value) == precision(b.value)),
        (first(a) + first(b)) / 2.0,
        b01(a.clause_len.min(b.clause_len) < 5),
        b01(nouns_differ),
        (b01(a_best) + b01(b_best)) / 2.0,
        b01(a_agreeing || b_agreeing),
        b01(run(&a.before, &b.before) >= 2),
        b01(run(&a.after_words, &b.after_words) >= 2),
        b01(run(&a.before, &b.before) + run(&a.after_words, &b.after_words) >= 4),
    ]
}

/// How many words two lists (nearest to the value first) have in common before they
/// differ; 0 when those are all function words ("on Oct. 24" / "on November 1").
fn run(a: &[String], b: &[String]) -> usize {
    let n = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if a[..n].iter().all(|w| triangulate_text::is_stopword(w)) {
        0
    } else {
        n
    }
}

/// Sum of the idf weights of the terms two sorted lists share.
fn shared_weight(a: &[u32], b: &[u32], idf: &[f32]) -> f32 {
    let mut w = 0.0;
    for_each_shared(a, b, |t| w += idf[t as usize]);
    w
}

/// The story's [`judged_pairs`] that the pair model takes for one attribute, with the margin
/// the story's size asks for (see [`PairModel::required`]); sorted.
fn model_pairs(ms: &[M], sim: &Sim, stmts: &[Statement], year: Option<i32>) -> Vec<(usize, usize)> {
    let pairs = judged_pairs(ms, sim, year);
    let model = PairModel::get();
    let required = model.required(pairs.len());
    pairs
        .into_iter()
        .filter(|&(i, j)| {
            model.margin(&pair_features(ms, (&ms[i], &ms[j]), sim, stmts, year)) >= required
        })
        .collect()
}

/// The pairs the model judges in a story: values of two documents that contradict as
/// values, neither a weekday, [`judged`], and neither document stating the other's value.
fn judged_pairs(ms: &[M], sim: &Sim, year: Option<i32>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..ms.len() {
        for j in i + 1..ms.len() {
            let (a, b) = (&ms[i], &ms[j]);
            if a.doc != b.doc
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
fn judged(a: &M, b: &M, sim: &Sim) -> bool {
    if a.attributive && b.attributive && (shared(a.ctx, b.ctx) < 3 || !names_same(a, b)) {
        return false;
    }
    shared(&a.wide, &b.wide) > 0 || shared(&a.near, &b.near) > 0 || aligned(a, b, sim)
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
fn aligned(a: &M, b: &M, sim: &Sim) -> bool {
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

/// Shared clause terms and shared near terms that two mentions need.
fn needs(a: &M, b: &M) -> (usize, usize) {
    // A year that names an event ("the 2018 Olympics", "the 1988 Olympics") is judged
    // like a unit-less count: different events of one story are often named by year.
    let named = a.attributive || b.attributive;
    let need = if is_date_value(a.value) && is_date_value(b.value) && !named {
        // A day set off by commas is judged on one more shared term.
        2 + usize::from(a.loose || b.loose)
    } else {
        3
    };
    // Bare years are treated like other dates: their neighbours rarely repeat word for
    // word ("Fisher died in 2016" / "Fisher's death in 2016"); unit-less counts still
    // need two terms next to both values.
    let years = is_date_value(a.value) && is_date_value(b.value);
    let near_need = if (weak(a.value) || weak(b.value)) && (!years || named) {
        2
    } else {
        1
    };
    (need, near_need)
}

/// How precisely a value is written: a day 3, a month 2, a year 1 (a weekday 0); a count of a
/// named thing 2, a bare number 1.
fn precision(v: &Value) -> u8 {
    match v {
        Value::Date(d) if d.weekday.is_some() => 0,
        Value::Date(d) => 1 + u8::from(d.month.is_some()) + u8::from(d.day.is_some()),
        Value::Qty(q) => 1 + u8::from(q.unit.is_some()),
    }
}

/// Document `doc` also states `other`'s value, as precisely ("in November" does not state
/// "Nov. 20", nor "March 2013" "2013"), in its own words: a value inside quotation marks is
/// someone's position that the document reports, not what it states.
fn states_value(ms: &[M], doc: usize, other: &M, year: Option<i32>) -> bool {
    ms.iter().any(|x| {
        x.doc == doc
            && !x.quoted
            && !is_weekday(x.value)
            && precision(x.value) == precision(other.value)
            && compare(x.value, other.value, year) == Relation::Agree
    })
}

/// Contradictions and discrepancies among the statements' values.
pub(crate) fn value_conflicts(
    stmts: &[Statement],
    terms: &Terms,
    texts: &[&str],
    doc_ids: &[DocId],
    year: Option<i32>,
) -> Vec<Conflict> {
    let ms = &mentions(stmts, texts);
    let n = ms.len();
    let sim = Sim::new(stmts, terms);
    // Two different values of two documents that contradict as values are about the same
    // attribute when the pair model says so; weekdays never make a conflict of their own.
    let accepted = model_pairs(ms, &sim, stmts, year);
    // Relations between mentions of different documents about the same attribute.
    let mut edges: Vec<(usize, usize, Relation)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if ms[i].doc == ms[j].doc {
                continue;
            }
            let (r, nouns_differ) = relation(ms[i].value, ms[j].value, year);
            let weekday = is_weekday(ms[i].value) || is_weekday(ms[j].value);
            let same = match r {
                Relation::Contradiction if weekday => same_attr(&ms[i], &ms[j], &sim),
                Relation::Contradiction => accepted.binary_search(&(i, j)).is_ok(),
                _ if nouns_differ => false,
                Relation::Unrelated => false,
                _ => same_attr(&ms[i], &ms[j], &sim),
            };
            if !same {
                continue;
            }
            edges.push((i, j, r));
        }
    }
    // A document that also states the other side's value, as precisely, is not
    // contradicting it ("in November" does not state "Nov. 20").
    let states = |doc: usize, other: &M| states_value(ms, doc, other, year);
    let mut out = Vec::new();
    for kind in [Relation::Contradiction, Relation::Discrepancy] {
        // Core edges, grouped by the pair of values they oppose: each pair is judged alone,
        // so a third value elsewhere in the story does not spoil it.
        let mut by_pair: std::collections::BTreeMap<(String, String), Vec<(usize, usize)>> =
            Default::default();
        for &(i, j, r) in &edges {
            if r != kind {
                continue;
            }
            if kind == Relation::Discrepancy && (is_weekday(ms[i].value) || is_weekday(ms[j].value))
            {
                continue;
            }
            if states(ms[i].doc, &ms[j]) || states(ms[j].doc, &ms[i]) {
                continue;
            }
            let (a, b) = (display(ms[i].value, year), display(ms[j].value, year));
            let key = if a <= b { (a, b) } else { (b, a) };
            by_pair.entry(key).or_default().push((i, j));
        }
        for ((va, vb), pairs) in by_pair {
            let mut g: Vec<usize> = pairs.iter().flat_map(|&(i, j)| [i, j]).collect();
            // Mentions that agree with an end about the same attribute and give one of the
            // two values (or a weekday that fits) join.
            let ends = g.clone();
            for &(i, j, r) in &edges {
                if r != Relation::Agree {
                    continue;
                }
                for (x, y) in [(i, j), (j, i)] {
                    if ends.contains(&x) && !g.contains(&y) {
                        let d = display(ms[y].value, year);
                        if d == va || d == vb || is_weekday(ms[y].value) {
                            g.push(y);
                        }
                    }
                }
            }
            g.sort_unstable();
            g.dedup();
            if let Some(c) = make_conflict(&g, ms, stmts, texts, doc_ids, year, kind) {
                // The same conflict reached through another pair of equivalent values.
                if !out.iter().any(|o: &Conflict| o.sides == c.sides) {
                    out.push(c);
                }
            }
        }
    }
    // A discrepancy whose values are already in a contradiction is not shown twice.
    let used: Vec<Span> = out
        .iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
        .flat_map(|c| c.sides.iter().flat_map(|s| s.evidence.iter().copied()))
        .collect();
    out.retain(|c| {
        c.kind == ConflictKind::Contradiction
            || !c
                .sides
                .iter()
                .flat_map(|s| &s.evidence)
                .any(|e| used.contains(e))
    });
    out
}

/// Most words in a topic.
const TOPIC_WORDS: usize = 4;

/// The topic of a conflict in the words of the text: the content words of the first side's
/// statement that every other side's statements share, those within four words of the value
/// if any, else the nearest (at most [`TOPIC_WORDS`]), in text order ("mandate expires",
/// "killed people").
fn topic(
    first: &M,
    g: &[usize],
    classes: &[Vec<usize>],
    ms: &[M],
    stmts: &[Statement],
    texts: &[&str],
) -> String {
    let s = &stmts[first.st];
    let a = s
        .values()
        .find(|m| (m.start, m.end) == first.span)
        .map_or(s.first_token, |m| m.first_token);
    let b = s
        .values()
        .find(|m| (m.start, m.end) == first.span)
        .map_or(s.first_token, |m| m.end_token);
    let shared_by_all = |t: u32| {
        classes
            .iter()
            .skip(1)
            .all(|c| c.iter().any(|&x| ms[g[x]].ctx.binary_search(&t).is_ok()))
    };
    let mut picked: Vec<usize> = (s.first_token..s.end_token)
        .filter(|&k| s.token_terms[k - s.first_token].is_some_and(shared_by_all))
        .collect();
    // The words next to the value when some are shared, else the nearest of the clause.
    let (lo, hi) = s.near_range(a, b, 4);
    if picked.iter().any(|&k| (lo..hi).contains(&k)) {
        picked.retain(|&k| (lo..hi).contains(&k));
    }
    let dist = |k: usize| if k < a { a - k } else { k + 1 - b };
    picked.sort_by_key(|&k| (dist(k), k));
    let mut seen: Vec<u32> = Vec::new();
    picked.retain(|&k| {
        let t = s.token_terms[k - s.first_token].unwrap_or(u32::MAX);
        let fresh = !seen.contains(&t);
        seen.push(t);
        fresh
    });
    picked.truncate(TOPIC_WORDS);
    picked.sort_unstable();
    let text = texts[first.doc];
    picked
        .iter()
        .map(|&k| {
            let (x, y) = s.ranges[k - s.first_token];
            text[x..y].to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn make_conflict(
    g: &[usize],
    ms: &[M],
    stmts: &[Statement],
    texts: &[&str],
    doc_ids: &[DocId],
    year: Option<i32>,
    kind: Relation,
) -> Option<Conflict> {
    // Classes of mutually agreeing values; weekdays join afterwards.
    let mut uf = UnionFind::new(g.len());
    for a in 0..g.len() {
        for b in a + 1..g.len() {
            let (x, y) = (&ms[g[a]], &ms[g[b]]);
            if is_weekday(x.value) || is_weekday(y.value) {
                continue;
            }
            let r = relation(x.value, y.value, year).0;
            let same = r == Relation::Agree && display(x.value, year) == display(y.value, year);
            if same {
                uf.union(a, b);
            }
        }
    }
    let mut classes: Vec<Vec<usize>> = Vec::new();
    let mut weekdays = Vec::new();
    let mut class_of = std::collections::BTreeMap::new();
    for a in 0..g.len() {
        if is_weekday(ms[g[a]].value) {
            weekdays.push(a);
            continue;
        }
        let r = uf.find(a);
        let c = *class_of.entry(r).or_insert_with(|| {
            classes.push(Vec::new());
            classes.len() - 1
        });
        classes[c].push(a);
    }
    for a in weekdays {
        let fits: Vec<usize> = (0..classes.len())
            .filter(|&c| {
                classes[c]
                    .iter()
                    .all(|&b| compare(ms[g[a]].value, ms[g[b]].value, year) == Relation::Agree)
            })
            .collect();
        if let [c] = fits[..] {
            classes[c].push(a);
        }
    }
    if classes.len() < 2 {
        return None;
    }
    // One document on two incompatible sides: the alignment is not trustworthy.
    for c1 in 0..classes.len() {
        for c2 in c1 + 1..classes.len() {
            let r = relation(
                ms[g[classes[c1][0]]].value,
                ms[g[classes[c2][0]]].value,
                year,
            )
            .0;
            if r == Relation::Agree {
                continue;
            }
            let d1: Vec<usize> = classes[c1].iter().map(|&a| ms[g[a]].doc).collect();
            if classes[c2].iter().any(|&a| d1.contains(&ms[g[a]].doc)) {
                return None;
            }
        }
    }
    let first = &ms[g[classes[0][0]]];
    let topic = topic(first, g, &classes, ms, stmts, texts);
    let attribute = match first.value {
        Value::Date(_) => "date",
        Value::Qty(q) => match q.unit.as_deref() {
            Some("$" | "£" | "€") => "amount",
            Some("%") => "share",
            _ => "count",
        },
    };
    let mut sides: Vec<Side> = classes
        .iter()
        .map(|c| {
            let mut members: Vec<&M> = c.iter().map(|&a| &ms[g[a]]).collect();
            members.sort_by_key(|m| (m.doc, m.span));
            // The most precise member names the value (a full date over a weekday).
            let best = members
                .iter()
                .find(|m| !is_weekday(m.value))
                .unwrap_or(&members[0]);
            let mut documents: Vec<DocId> = members.iter().map(|m| doc_ids[m.doc]).collect();
            documents.dedup();
            let mut spans: Vec<Span> = members.iter().map(|m| stmts[m.st].span).collect();
            spans.dedup();
            Side {
                value: Some(display(best.value, year)),
                position: None,
                held_by: Vec::new(),
                held_by_documents: Vec::new(),
                documents,
                spans,
                evidence: members
                    .iter()
                    .map(|m| Span::new_unchecked(doc_ids[m.doc], m.span.0, m.span.1))
                    .collect(),
            }
        })
        .collect();
    sides.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then_with(|| a.evidence[0].cmp(&b.evidence[0]))
    });
    Some(Conflict {
        kind: if kind == Relation::Contradiction {
            ConflictKind::Contradiction
        } else {
            ConflictKind::Discrepancy
        },
        topic,
        attribute: attribute.to_string(),
        sides,
    })
}

/// The pairs the model judges ([`judged_pairs`]), with their features: rows for training it.
pub(crate) fn pair_rows(
    stmts: &[Statement],
    terms: &Terms,
    texts: &[&str],
    year: Option<i32>,
) -> Vec<super::PairRow> {
    let ms = mentions(stmts, texts);
    let sim = Sim::new(stmts, terms);
    judged_pairs(&ms, &sim, year)
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&ms[i], &ms[j]);
            super::PairRow {
                a: (a.doc, a.span.0, a.span.1),
                b: (b.doc, b.span.0, b.span.1),
                features: pair_features(&ms, (a, b), &sim, stmts, year).to_vec(),
            }
        })
        .collect()
}

/// Why the value at bytes `[start, end)` of document `doc` is or is not in a contradiction:
/// one line per candidate partner (for reading benchmark misses).
pub(crate) fn explain(
    stmts: &[Statement],
    terms: &Terms,
    texts: &[&str],
    year: Option<i32>,
    doc: usize,
    start: usize,
    end: usize,
) -> Vec<String> {
    let ms = mentions(stmts, texts);
    let sim = Sim::new(stmts, terms);
    let required = PairModel::get().required(judged_pairs(&ms, &sim, year).len());
    let names = |v: &[u32]| -> String {
        v.iter()
            .map(|&t| terms.names[t as usize].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let clause = |m: &M| {
        let sp = stmts[m.st].span;
        texts[m.doc][sp.start as usize..sp.end as usize].replace('\n', " ")
    };
    let mut out = Vec::new();
    let targets: Vec<usize> = (0..ms.len())
        .filter(|&i| ms[i].doc == doc && ms[i].span.0 < end && start < ms[i].span.1)
        .collect();
    if targets.is_empty() {
        let st = stmts.iter().find(|s| {
            s.doc == doc && (s.span.start as usize) <= start && end <= s.span.end as usize
        });
        out.push(format!(
            "NOT PARSED in: {}",
            st.map(|s| texts[doc][s.span.start as usize..s.span.end as usize].replace('\n', " "))
                .unwrap_or_default()
        ));
        return out;
    }
    for &t in &targets {
        let a = &ms[t];
        out.push(format!(
            "TARGET {} {:?} near=[{}] wide=[{}] clause: {}",
            display(a.value, year),
            a.value,
            names(&a.near),
            names(&a.wide),
            clause(a)
        ));
        let mut cands: Vec<(usize, usize)> = ms
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.doc != doc && relation(a.value, b.value, year).0 != Relation::Unrelated
            })
            .map(|(j, b)| (shared(a.ctx, b.ctx), j))
            .collect();
        cands.sort_by(|x, y| y.cmp(x));
        for &(sc, j) in cands.iter().take(6) {
            let b = &ms[j];
            let (need, near_need) = needs(a, b);
            let states = states_value(&ms, doc, b, year) || states_value(&ms, b.doc, a, year);
            out.push(format!(
                "  d{} {} {:?} ctx {}/{} near {}/{} [{}] wide [{}] a_in_b {} b_in_a {} cos {:.2} ovl {:.2} alone {}{} rules {} judged {} model {:.2} states {} | {}",
                b.doc,
                display(b.value, year),
                relation(a.value, b.value, year).0,
                sc,
                need,
                shared(&a.near, &b.near),
                near_need,
                names(&b.near),
                names(&b.wide),
                shared(&a.near, b.ctx),
                shared(&b.near, a.ctx),
                sim.cos(a, b),
                sim.overlap(a, b),
                a.alone,
                b.alone,
                same_attr(a, b, &sim),
                judged(a, b, &sim),
                PairModel::get().margin(&pair_features(&ms, (a, b), &sim, stmts, year)) - required,
                states,
                clause(b)
            ));
        }
    }
    out
}
