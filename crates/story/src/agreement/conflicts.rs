//! Step 5 of the value conflicts: contradictions and discrepancies of precision assembled
//! from the pairs of mentions judged to be about one attribute (`judge.rs`): the mentions of
//! each pair of opposed values, the mentions that agree with one end joined, classes of
//! mutually agreeing values as the sides, the topic in the text's words.
//!
//! Conservative by design:
//! - a pair is dropped when either document also states the other's value, as precisely and
//!   in its own words ("in November" does not state "Nov. 20"; a value inside quotation
//!   marks is someone's position that the document reports);
//! - a group is dropped when one document sits on two incompatible sides;
//! - a bare weekday never makes a conflict; it only joins the side whose day falls on it.

use triangulate_core::{DocId, Span, UnionFind};

use super::candidates::{states_value, Sim};
use super::judge::{model_pairs, same_attr};
use super::mentions::{mentions, M};
use super::pair_model::PairModel;
use super::statements::{Statement, Terms};
use super::values::{compare, display, is_weekday, relation, shown, Relation, Value};
use super::{Conflict, ConflictKind, Side};

/// Contradictions and discrepancies among the statements' values.
pub(crate) fn value_conflicts(
    stmts: &[Statement],
    terms: &Terms,
    texts: &[&str],
    doc_ids: &[DocId],
    year: Option<i32>,
) -> Vec<Conflict> {
    let ms = &mentions(stmts, texts, PairModel::get().uses_vectors());
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
            Some("age") => "age",
            Some(u) if u.starts_with("duration") => "duration",
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
                value: Some(shown(best.value, year)),
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
