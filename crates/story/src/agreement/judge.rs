//! Step 4 of the value conflicts: are two mentions about the same attribute? For two values
//! that **contradict** as values the learned pair model decides (`pair_model.rs`: boosted
//! trees over the words around the two values, trained on Multi-News train, threshold set on
//! other train stories) over the pairs [`super::candidates`] lets through. Two counts of
//! different nouns ("14 Dutch cyclists" / "injured 20 Dutch") are compared as numbers for the
//! model, which weighs that their nouns differ.
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

use triangulate_text::embed::cosine;

use super::candidates::{aligned, judged_pairs, Sim};
use super::mentions::{names_same, M};
use super::pair_model::{self, PairModel};
use super::statements::{for_each_shared, shared, Statement};
use super::values::{
    is_date_value, is_weekday, precision, relation, weak, DateVal, Relation, Value,
};

/// Two mentions are about the same attribute by the hand rules (see the module doc).
pub(super) fn same_attr(a: &M, b: &M, sim: &Sim) -> bool {
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

/// Shared clause terms and shared near terms that two mentions need.
pub(super) fn needs(a: &M, b: &M) -> (usize, usize) {
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
pub(super) fn pair_features(
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
    let ages = b01(unit(a.value) == "age" && unit(b.value) == "age");
    let durations =
        b01(unit(a.value).starts_with("duration") && unit(b.value).starts_with("duration"));
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
        ages,
        durations,
        // Two ages are one person's when the words around them name the same one.
        ages * (shared_weight(&a.wide, &b.wide, &sim.idf) / 12.0).min(1.0),
        // Paraphrases: the same noun, verb or surroundings in other words.
        match (&a.vectors.head, &b.vectors.head) {
            (Some(x), Some(y)) => cosine(x, y),
            _ => 0.0,
        },
        best_match(&a.vectors.words, &b.vectors.words),
        (soft_match(&a.vectors.words, &b.vectors.words)
            + soft_match(&b.vectors.words, &a.vectors.words))
            / 2.0,
        cosine(&a.vectors.window, &b.vectors.window),
        cosine(&a.vectors.clause, &b.vectors.clause),
    ]
}

/// The highest cosine of a vector of `a` with a vector of `b` (0 when either is empty).
fn best_match(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| cosine(x, y)))
        .fold(0.0, f32::max)
}

/// The mean over the vectors of `a` of each one's best cosine with a vector of `b` (0 when
/// either is empty): how much of `a`'s words `b` says, in any words.
fn soft_match(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total: f32 = a
        .iter()
        .map(|x| best_match(std::slice::from_ref(x), b))
        .sum();
    total / a.len() as f32
}

/// A quantity's unit ("age", "duration", "%", a noun's stem), or "".
fn unit(v: &Value) -> &str {
    match v {
        Value::Qty(q) => q.unit.as_deref().unwrap_or(""),
        Value::Date(_) => "",
    }
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
pub(super) fn model_pairs(
    ms: &[M],
    sim: &Sim,
    stmts: &[Statement],
    year: Option<i32>,
) -> Vec<(usize, usize)> {
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

#[cfg(test)]
mod tests {
    use super::super::mentions::Vectors;
    use super::*;

    /// The vectors of a value written between `before` and `after` (plain words).
    fn vectors(before: &str, after: &str) -> Vectors {
        let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        let mut b = words(before);
        b.reverse();
        Vectors::new(&b, &words(after), &format!("{before} N {after}"))
    }

    #[test]
    fn a_count_told_in_other_words_is_closer_than_a_count_of_another_thing() {
        let a = vectors("the outbreak has sickened", "people in nine states");
        let same = vectors("the outbreak", "people have gotten ill");
        let other = vectors("the concert drew", "fans to the stadium");
        let soft = |x: &Vectors, y: &Vectors| {
            (soft_match(&x.words, &y.words) + soft_match(&y.words, &x.words)) / 2.0
        };
        assert!(soft(&a, &same) > soft(&a, &other));
        assert!(cosine(&a.window, &same.window) > cosine(&a.window, &other.window));
        // The quantity's noun: the first content word after the value.
        let weeks = vectors("would give", "weeks of paid leave");
        let months = vectors("offers", "months of leave");
        let dollars = vectors("would give", "dollars to the fund");
        let head =
            |x: &Vectors, y: &Vectors| cosine(x.head.as_ref().unwrap(), y.head.as_ref().unwrap());
        assert!(head(&weeks, &months) > head(&weeks, &dollars));
        assert_eq!(best_match(&weeks.words, &[]), 0.0);
        assert_eq!(soft_match(&[], &weeks.words), 0.0);
    }
}
