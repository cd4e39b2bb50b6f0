//! Picking the summary's sentences: the learned score, redundancy control and concept
//! coverage, to the budget.

use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;

use crate::similarity::SentenceSet;

use super::concept_weights::{concept_features, learned_weights};
use super::concepts::{ConceptOptions, Concepts};
use super::coverage::CoverageProblem;
use super::features::{features, stands_alone};
use super::lead;
use super::shorten::attribution_cut;
use super::{Budget, Fit, Model, Order, SummarySentence, FEATURE_NAMES};

/// Byte length of the first `n` whitespace-separated words of `s` (trailing text dropped).
fn cut_to_words(s: &str, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s.len()
}

/// Summarize with an explicit model (used by training and tuning). Order is by importance
/// or by source; [`Order::Time`] needs dates and is applied by [`summarize`](super::summarize).
pub fn summarize_with(
    docs: &[(&Document, &TextAnalysis)],
    budget: Budget,
    order: Order,
    fit: Fit,
    model: &Model,
) -> Vec<SummarySentence> {
    let mut scored = features(docs);
    if fit == Fit::Whole {
        let dangling = FEATURE_NAMES
            .iter()
            .position(|f| *f == "dangling_start")
            .expect("dangling_start is a feature");
        for i in 0..scored.set.len() {
            let r = scored.set.sentence(i);
            let text = docs[r.doc].0.analysis_slice(r.span);
            if scored.features[i][dangling] > 0.0 || !stands_alone(text) {
                scored.candidate[i] = false;
            }
        }
    }
    let set = &scored.set;
    let n = set.len();
    // Each sentence's span as the summary would take it: whole, or without a trailing
    // attribution clause.
    let kept: Vec<Span> = (0..n)
        .map(|i| {
            let r = set.sentence(i);
            let text = docs[r.doc].0.slice(r.span);
            match attribution_cut(text).filter(|_| model.shorten_attribution) {
                Some(len) => Span::new_unchecked(
                    r.span.doc,
                    r.span.start as usize,
                    r.span.start as usize + len,
                ),
                None => r.span,
            }
        })
        .collect();
    // Concept coverage: the weight of a candidate's concepts not yet covered, per word to
    // the power `concept_power`, relative to the best candidate's at the start (so the
    // term's scale does not depend on the story's size).
    let lead_first = fit == Fit::Whole && order != Order::Source;
    let concepts = if model.concepts != 0.0 || lead_first {
        let mut c = Concepts::build_with(
            docs,
            set,
            model.concept_documents,
            ConceptOptions {
                speech_stop: model.concept_speech_stop,
                long_stop: model.concept_long_stop,
                df_min_words: model.concept_df_min_words as usize,
                plain_tokens: model.concept_plain_tokens,
            },
        );
        c.boost_openings(
            set,
            model.concept_opening_sentences as usize,
            model.concept_opening_bonus,
        );
        c
    } else {
        Concepts::default()
    };
    let mut covered_concepts = vec![false; concepts.len()];
    let mut covered_bigrams = vec![false; concepts.len()];
    let per_word = |i: usize| (set.word_count(i).max(1) as f32).powf(model.concept_power);
    let concept_norm = if model.concepts == 0.0
        || concepts.is_empty()
        || docs.len() < model.concept_story_documents as usize
        || concepts.mass()
            < model.concept_min_mass
                * match budget {
                    Budget::Words(w) => w as f32,
                    Budget::Sentences(k) => 20.0 * k as f32,
                } {
        0.0
    } else {
        (0..n)
            .filter(|&i| scored.candidate[i])
            .map(|i| concepts.gain(i, &covered_concepts) / per_word(i))
            .fold(0.0f32, f32::max)
    };
    // The learned score. Where concept coverage counts, its linear part alone: the coverage
    // program and its settings were chosen with it, and the trees are fitted for the stories
    // it leaves to the score.
    let base: Vec<f32> = scored
        .features
        .iter()
        .map(|f| {
            if concept_norm > 0.0 {
                model.linear_score(f)
            } else {
                model.score(f)
            }
        })
        .collect();
    let bigram_lambda = if concept_norm > 0.0 {
        0.0
    } else {
        model.bigram_lambda
    };
    // Share of sentence `i`'s bigrams already in the summary.
    let repeated = |i: usize, covered: &[bool]| -> f32 {
        let all = concepts.all_of(i);
        if all.is_empty() {
            return 0.0;
        }
        all.iter().filter(|&&c| covered[c as usize]).count() as f32 / all.len() as f32
    };
    let redundancy = if concept_norm > 0.0 && model.concept_redundancy > 0.0 {
        model.concept_redundancy
    } else {
        model.redundancy
    };
    let mut picked: Vec<usize> = Vec::new();
    let mut max_sim = vec![0.0f32; n];
    let mut used = vec![false; n];
    let mut covered = vec![false; set.vocabulary_size()];
    let novel = |i: usize, covered: &[bool]| -> f32 {
        let (mut sum, mut k) = (0.0, 0);
        for t in set.terms(i) {
            k += 1;
            if !covered[t as usize] {
                sum += set.term_weight(t);
            }
        }
        if k == 0 {
            0.0
        } else {
            sum / k as f32
        }
    };
    // With whole sentences to a word budget, each sentence's length in words: a sentence
    // longer than the words left is passed over (room only shrinks, so it never fits later).
    // Passing over it in the scan, rather than picking and dropping it, keeps a long input
    // with a nearly spent budget from costing a scan of all sentences per sentence.
    let whole_words: Option<(usize, Vec<usize>)> = match (fit, budget) {
        (Fit::Whole, Budget::Words(limit)) => Some((
            limit,
            (0..n)
                .map(|i| {
                    let r = set.sentence(i);
                    docs[r.doc].0.slice(kept[i]).split_whitespace().count()
                })
                .collect(),
        )),
        _ => None,
    };
    let mut lead = if lead_first {
        let texts: Vec<&str> = (0..n)
            .map(|i| {
                let r = set.sentence(i);
                docs[r.doc].0.analysis_slice(r.span)
            })
            .collect();
        let allowed: Vec<bool> = (0..n)
            .map(|i| {
                scored.candidate[i]
                    && whole_words
                        .as_ref()
                        .is_none_or(|(limit, lengths)| lengths[i] <= *limit)
            })
            .collect();
        lead::choose(&scored, &concepts, &texts, &allowed)
    } else {
        None
    };
    // The coverage program's choice, taken first (the lead first among it); the words left
    // are filled by the greedy loop below.
    let mut solved: std::collections::VecDeque<usize> = match (budget, &whole_words) {
        (Budget::Words(limit), _) if model.concept_solver && concept_norm > 0.0 => {
            let lengths: Vec<usize> = match &whole_words {
                Some((_, l)) => l.clone(),
                None => (0..n)
                    .map(|i| {
                        let r = set.sentence(i);
                        docs[r.doc].0.slice(kept[i]).split_whitespace().count()
                    })
                    .collect(),
            };
            let fixed = lead.take();
            coverage_choice(
                set,
                docs.len(),
                &scored.candidate,
                &lengths,
                &concepts,
                &base,
                limit,
                model,
                fixed,
            )
            .into()
        }
        _ => Default::default(),
    };
    let mut words = 0usize;
    let mut out: Vec<SummarySentence> = Vec::new();
    loop {
        match budget {
            Budget::Words(w) if words >= w => break,
            Budget::Sentences(k) if out.len() >= k => break,
            _ => {}
        }
        // Best remaining candidate; ties go to the earlier sentence (deterministic). For
        // readers, the first is the lead.
        let mut best: Option<(usize, f32)> = solved
            .pop_front()
            .or_else(|| lead.take())
            .map(|i| (i, base[i]));
        let forced = best.is_some();
        for i in 0..n {
            if forced {
                break;
            }
            if used[i] || !scored.candidate[i] || max_sim[i] >= redundancy {
                continue;
            }
            if let Some((limit, lengths)) = &whole_words {
                if words + lengths[i] > *limit {
                    continue;
                }
            }
            let mut s = base[i] - model.lambda * max_sim[i];
            if model.coverage != 0.0 {
                s += model.coverage * novel(i, &covered);
            }
            if bigram_lambda != 0.0 {
                s -= bigram_lambda * repeated(i, &covered_bigrams);
            }
            if concept_norm > 0.0 {
                s += model.concepts * concepts.gain(i, &covered_concepts)
                    / per_word(i)
                    / concept_norm;
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        let Some((i, s)) = best else { break };
        used[i] = true;
        for t in set.terms(i) {
            covered[t as usize] = true;
        }
        if concept_norm > 0.0 {
            for &c in concepts.of(i) {
                covered_concepts[c as usize] = true;
            }
        }
        if bigram_lambda != 0.0 {
            for &c in concepts.all_of(i) {
                covered_bigrams[c as usize] = true;
            }
        }
        for j in 0..n {
            if !used[j] {
                let c = set.cosine(i, j);
                if c > max_sim[j] {
                    max_sim[j] = c;
                }
            }
        }
        let r = set.sentence(i);
        let doc = docs[r.doc].0;
        let full = kept[i];
        let text = doc.slice(full);
        let mut span = full;
        let w = text.split_whitespace().count();
        if let Budget::Words(limit) = budget {
            let room = limit - words;
            if w > room {
                let end = full.start as usize + cut_to_words(text, room);
                span = Span::new_unchecked(full.doc, full.start as usize, end);
                words += room;
            } else {
                words += w;
            }
        }
        let mut supported_by = vec![span];
        for j in 0..n {
            let rj = set.sentence(j);
            if rj.doc != r.doc && set.same_content(i, j) {
                supported_by.push(rj.span);
            }
        }
        supported_by.sort();
        picked.push(i);
        out.push(SummarySentence {
            span,
            supported_by,
            score: s,
        });
    }
    if order == Order::Source {
        out.sort_by_key(|s| s.span);
    }
    out
}

/// The coverage program's choice of sentences (see [`CoverageProblem`]) among the
/// `candidate`s of at least `concept_min_words` words, `fixed` first if given.
#[allow(clippy::too_many_arguments)]
fn coverage_choice(
    set: &SentenceSet,
    docs: usize,
    candidate: &[bool],
    lengths: &[usize],
    concepts: &Concepts,
    base: &[f32],
    limit: usize,
    model: &Model,
    fixed: Option<usize>,
) -> Vec<usize> {
    let n = lengths.len();
    let allowed: Vec<bool> = (0..n)
        .map(|i| {
            Some(i) == fixed || (candidate[i] && lengths[i] >= model.concept_min_words as usize)
        })
        .collect();
    // Document frequencies, or the learned weights (`concept_weights.rs`) over every bigram
    // held by enough documents.
    let (weights, of): (Vec<f64>, Vec<Vec<u32>>) = if model.concept_learned.is_empty() {
        (
            (0..concepts.len())
                .map(|c| concepts.weight(c as u32) as f64)
                .collect(),
            (0..n).map(|i| concepts.of(i).to_vec()).collect(),
        )
    } else {
        let f = concept_features(concepts, set, base, docs, model.concept_learned_documents);
        let w = learned_weights(&f, &model.concept_learned, model.concept_learned_exp);
        let of = (0..n)
            .map(|i| {
                concepts
                    .all_of(i)
                    .iter()
                    .copied()
                    .filter(|&c| w[c as usize] > 0.0)
                    .collect()
            })
            .collect();
        (w, of)
    };
    // Mean concept weight per word of the candidates: the scale of a sentence's value.
    let none = vec![false; concepts.len()];
    let (mass, words) = (0..n)
        .filter(|&i| allowed[i])
        .fold((0.0f64, 0usize), |(m, w), i| {
            let g = if model.concept_learned.is_empty() {
                concepts.gain(i, &none) as f64
            } else {
                of[i].iter().map(|&c| weights[c as usize]).sum::<f64>()
            };
            (m + g, w + lengths[i])
        });
    let density = if words == 0 { 0.0 } else { mass / words as f64 };
    let value: Vec<f64> = (0..n)
        .map(|i| model.concept_value as f64 * base[i] as f64 * lengths[i] as f64 * density)
        .collect();
    let problem = CoverageProblem {
        concepts: of,
        weights,
        value,
        lengths: lengths.to_vec(),
        allowed,
        budget: limit,
    };
    problem.solve(fixed, true)
}
