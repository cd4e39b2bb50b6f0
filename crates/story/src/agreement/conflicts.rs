//! Contradictions and discrepancies of precision between the dates and quantities that
//! different documents give for the same attribute of the same thing.
//!
//! Two values are about the same attribute when their clauses share at least two content
//! terms (three when either is a count without a unit), the words next to the two values
//! share one term (two for counts without a unit), and each value has a content term
//! within three words of it that the other clause shares ("mandate **expires** Nov. 14" /
//! "is due to **expire** on November 17"). Conservative by design:
//! - a pair is dropped when either document also states the other's value;
//! - a group is dropped when one document sits on two incompatible sides;
//! - a bare weekday never makes a conflict; it only joins the side whose day falls on it.

use triangulate_core::{DocId, Span};

use super::rules::Cue;
use super::statements::{shared, Statement, Terms};
use super::values::{compare, display, DateVal, Relation, Value};
use super::{Conflict, ConflictKind, Side};

struct M<'a> {
    st: usize,
    doc: usize,
    value: &'a Value,
    span: (usize, usize),
    ctx: &'a [u32],
    near: Vec<u32>,
    near_order: Vec<u32>,
    /// A bare year before a content word: "the 2018 Olympics" names an event by its year.
    attributive: bool,
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

#[allow(dead_code)]
struct Uf(Vec<usize>);
impl Uf {
    fn new(n: usize) -> Uf {
        Uf((0..n).collect())
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let n = self.0[y];
            self.0[y] = r;
            y = n;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Contradictions and discrepancies among the statements' values.
pub(crate) fn value_conflicts(
    stmts: &[Statement],
    terms: &Terms,
    doc_ids: &[DocId],
    year: Option<i32>,
) -> Vec<Conflict> {
    let mut ms: Vec<M> = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        for m in s.values() {
            // "said on Wednesday": the date of a report, which differs from source to source.
            let lo = m.first_token.saturating_sub(3).max(s.first_token);
            if is_date_value(&m.value)
                && s.cues
                    .iter()
                    .any(|c| c.0 == Cue::Speech && c.1 >= lo && c.1 < m.first_token)
            {
                continue;
            }
            let (lo, hi) = s.near_range(m.first_token, m.end_token, 4);
            let near_order: Vec<u32> = (lo..hi)
                .filter_map(|k| s.token_terms[k - s.first_token])
                .collect();
            let attributive = weak(&m.value)
                && is_date_value(&m.value)
                && m.end_token < s.end_token
                && s.token_terms[m.end_token - s.first_token].is_some();
            let mut near = near_order.clone();
            near.sort_unstable();
            near.dedup();
            ms.push(M {
                st: si,
                doc: s.doc,
                value: &m.value,
                span: (m.start, m.end),
                ctx: &s.terms,
                near,
                near_order,
                attributive,
            });
        }
    }
    let n = ms.len();
    let same_attr = |a: &M, b: &M| -> bool {
        // A year that names an event ("the 2018 Olympics", "the 1988 Olympics") is judged
        // like a unit-less count: different events of one story are often named by year.
        let named = a.attributive || b.attributive;
        let need = if is_date_value(a.value) && is_date_value(b.value) && !named {
            2
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
        shared(a.ctx, b.ctx) >= need
            && shared(&a.near, &b.near) >= near_need
            && shared(&a.near, b.ctx) > 0
            && shared(&b.near, a.ctx) > 0
    };
    // Relations between mentions of different documents about the same attribute.
    let mut edges: Vec<(usize, usize, Relation)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if ms[i].doc == ms[j].doc {
                continue;
            }
            let r = compare(ms[i].value, ms[j].value, year);
            if r == Relation::Unrelated || !same_attr(&ms[i], &ms[j]) {
                continue;
            }
            edges.push((i, j, r));
        }
    }
    // A document that also states the other side's value is not contradicting it.
    let states = |doc: usize, v: &Value, like: &Value| {
        ms.iter().any(|x| {
            x.doc == doc
                && !is_weekday(x.value)
                && weak(x.value) == weak(like)
                && compare(x.value, v, year) == Relation::Agree
        })
    };
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
            if states(ms[i].doc, ms[j].value, ms[i].value)
                || states(ms[j].doc, ms[i].value, ms[j].value)
            {
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
            if let Some(c) = make_conflict(&g, &ms, stmts, terms, doc_ids, year, kind) {
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

fn make_conflict(
    g: &[usize],
    ms: &[M],
    stmts: &[Statement],
    terms: &Terms,
    doc_ids: &[DocId],
    year: Option<i32>,
    kind: Relation,
) -> Option<Conflict> {
    // Classes of mutually agreeing values; weekdays join afterwards.
    let mut uf = Uf::new(g.len());
    for a in 0..g.len() {
        for b in a + 1..g.len() {
            let (x, y) = (&ms[g[a]], &ms[g[b]]);
            if is_weekday(x.value) || is_weekday(y.value) {
                continue;
            }
            let r = compare(x.value, y.value, year);
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
            let r = compare(
                ms[g[classes[c1][0]]].value,
                ms[g[classes[c2][0]]].value,
                year,
            );
            if r == Relation::Agree {
                continue;
            }
            let d1: Vec<usize> = classes[c1].iter().map(|&a| ms[g[a]].doc).collect();
            if classes[c2].iter().any(|&a| d1.contains(&ms[g[a]].doc)) {
                return None;
            }
        }
    }
    // The topic: the content words next to the values that the sides share.
    let first = &ms[g[classes[0][0]]];
    let mut topic_terms: Vec<u32> = Vec::new();
    for t in &first.near_order {
        let everywhere = classes
            .iter()
            .skip(1)
            .any(|c| c.iter().any(|&a| ms[g[a]].ctx.binary_search(t).is_ok()));
        if everywhere && !topic_terms.contains(t) {
            topic_terms.push(*t);
        }
    }
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
        topic: topic_terms
            .iter()
            .map(|&t| terms.names[t as usize].as_str())
            .collect::<Vec<_>>()
            .join(" "),
        attribute: attribute.to_string(),
        sides,
    })
}
