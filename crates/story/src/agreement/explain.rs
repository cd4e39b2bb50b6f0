//! For reading and training, not for the report: the pairs the same-attribute model judges
//! with their features (rows for fitting it), and why a value is or is not in a
//! contradiction.

use super::candidates::{judged, judged_pairs, states_value, Sim};
use super::judge::{needs, pair_features, same_attr};
use super::mentions::{mentions, M};
use super::pair_model::PairModel;
use super::statements::{shared, Statement, Terms};
use super::values::{display, relation, Relation};

/// The pairs the model judges ([`judged_pairs`]), with their features: rows for training it.
pub(crate) fn pair_rows(
    stmts: &[Statement],
    terms: &Terms,
    texts: &[&str],
    year: Option<i32>,
) -> Vec<super::PairRow> {
    // Rows carry every feature, whether the committed model reads it or not.
    let ms = mentions(stmts, texts, true);
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
    let ms = mentions(stmts, texts, PairModel::get().uses_vectors());
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

/// Where a changed value was lost on its way to a contradiction (for reading benchmark
/// misses by step): the first step none of its mentions passes.
pub(crate) fn loss_stage(
    stmts: &[Statement],
    terms: &Terms,
    texts: &[&str],
    year: Option<i32>,
    doc: usize,
    ranges: &[(usize, usize)],
) -> &'static str {
    let ms = mentions(stmts, texts, PairModel::get().uses_vectors());
    let sim = Sim::new(stmts, terms);
    let targets: Vec<usize> = (0..ms.len())
        .filter(|&i| {
            ms[i].doc == doc
                && ranges
                    .iter()
                    .any(|&(s, e)| ms[i].span.0 < e && s < ms[i].span.1)
        })
        .collect();
    if targets.is_empty() {
        return "1 no value read";
    }
    let partners: Vec<(usize, usize)> = targets
        .iter()
        .flat_map(|&t| {
            let ms = &ms;
            (0..ms.len()).filter_map(move |j| {
                let (a, b) = (&ms[t], &ms[j]);
                (b.doc != doc && relation(a.value, b.value, year).0 == Relation::Contradiction)
                    .then_some((t.min(j), t.max(j)))
            })
        })
        .collect();
    if partners.is_empty() {
        return "2 no partner value";
    }
    if !partners.iter().any(|&(i, j)| judged(&ms[i], &ms[j], &sim)) {
        return "3 not a candidate";
    }
    let pairs = judged_pairs(&ms, &sim, year);
    let cand: Vec<&(usize, usize)> = partners
        .iter()
        .filter(|p| pairs.binary_search(p).is_ok())
        .collect();
    if cand.is_empty() {
        return "4 other value stated";
    }
    let model = PairModel::get();
    let required = model.required(pairs.len());
    if cand.iter().any(|&&(i, j)| {
        model.margin(&pair_features(&ms, (&ms[i], &ms[j]), &sim, stmts, year)) >= required
    }) {
        "6 judged same"
    } else {
        "5 judged different"
    }
}
