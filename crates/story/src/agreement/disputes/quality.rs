//! The dispute over the quality of an investigation: praise against criticism.

use triangulate_core::DocId;

use super::super::rules::Cue;
use super::super::statements::Statement;
use super::super::{Conflict, ConflictKind};
use super::holders::{Ctx, Found, DETERMINERS};
use super::words::{Kind, Words};
use super::{holders_of_sides, side};

/// One judgment of an investigation in one statement.
pub(super) struct Judgment {
    st: usize,
    positive: bool,
    /// Judgment words as written.
    words: Vec<String>,
    /// The judged noun as written.
    noun: String,
    holders: Vec<Found>,
}

/// Per document, per token: inside a mention of the investigating body (one pass over its
/// mentions, so the judgments stay linear in the text).
fn body_tokens(ctx: &Ctx) -> Vec<Vec<bool>> {
    ctx.docs
        .iter()
        .enumerate()
        .map(|(d, ad)| {
            let range = &ctx.views[d].range;
            let mut f = vec![false; range.len()];
            let Some(b) = ctx.names.body else { return f };
            for m in ctx.names.entities[b]
                .mentions
                .iter()
                .filter(|m| m.doc == ad.doc.id)
            {
                let from = range.partition_point(|r| r.0 < m.start as usize);
                for (k, r) in range.iter().enumerate().skip(from) {
                    if r.1 > m.end as usize {
                        break;
                    }
                    f[k] = true;
                }
            }
            f
        })
        .collect()
}

/// Tokens of statement `s` that name what can be judged: `evaluated` nouns and mentions of
/// the investigating body (`body`, from [`body_tokens`]).
fn judged_tokens(ctx: &Ctx, body: &[bool], s: &Statement) -> Vec<usize> {
    let view = &ctx.views[s.doc];
    let words = Words::get();
    (s.first_token..s.end_token)
        .filter(|&k| words.is(view.norm[k], Kind::Evaluated) || body[k])
        .collect()
}

pub(super) fn judgments(ctx: &Ctx, stmts: &[Statement]) -> Vec<Judgment> {
    let words = Words::get();
    let body = body_tokens(ctx);
    let mut out = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        let view = &ctx.views[s.doc];
        let targets = judged_tokens(ctx, &body[s.doc], s);
        if targets.is_empty() {
            continue;
        }
        let mut score = 0i32;
        let mut found: Vec<(usize, usize)> = Vec::new();
        for k in s.first_token..s.end_token {
            let n = view.norm[k];
            let sign = if words.is(n, Kind::Positive) {
                1
            } else if words.is(n, Kind::Negative) {
                -1
            } else {
                continue;
            };
            // Attached: in the judged noun's phrase ("an impartial body", "critical of the
            // report"), or after the judged noun in the clause ("the inquiry was flawed").
            let before = targets.iter().copied().find(|&t| {
                t > k
                    && t - k <= 6
                    && (k + 1..t).all(|j| {
                        let m = view.norm[j];
                        words.is(m, Kind::Positive)
                            || words.is(m, Kind::Negative)
                            || matches!(m, "," | "and" | "or" | "of")
                            || DETERMINERS.contains(&m)
                            || m.ends_with("ly")
                            || view.text[j].starts_with(char::is_uppercase)
                    })
            });
            let after = targets
                .iter()
                .copied()
                .rev()
                .find(|&t| t < k && k - t <= 12 && !words.is(n, Kind::Verb));
            let Some(t) = before.or(after) else { continue };
            let near = k.saturating_sub(4).max(s.first_token)..k;
            if near.clone().any(|j| words.is(view.norm[j], Kind::Demand)) {
                continue;
            }
            let shifted = near.skip(1).any(|j| words.is(view.norm[j], Kind::Shifter));
            score += if shifted { -sign } else { sign };
            found.push((k, t));
        }
        if score == 0 || found.is_empty() {
            continue;
        }
        let (k0, t0) = found[0];
        // Verbs of saying only: the speech cues of cues.txt match on stems ("reportedly"
        // would make every "report" one).
        let is_cue = |j: usize| {
            s.cues
                .iter()
                .any(|c| c.1 == j && matches!(c.0, Cue::Assert | Cue::Deny))
                || words.is(view.norm[j], Kind::Speech)
                || triangulate_text::is_speech_verb(view.norm[j])
        };
        // A cue just before the judgment ("which the ministry called superficial"), else the
        // speaker of the direct quotation that holds it, else the nearest cue with a holder
        // ("X cast doubt ..., saying ... dubious"), else the judgment's own.
        let mut holders = (k0.saturating_sub(6).max(s.first_token)..k0)
            .rev()
            .find(|&j| is_cue(j))
            .map(|j| ctx.holders_before(s, j))
            .unwrap_or_default();
        if holders.is_empty() {
            holders = ctx.speaker_at(s.doc, view.range[k0].0 as u32, true);
        }
        if holders.is_empty() {
            holders = (s.first_token..k0)
                .rev()
                .filter(|&j| is_cue(j))
                .map(|j| ctx.holders_before(s, j))
                .find(|h| !h.is_empty())
                .unwrap_or_default();
        }
        if holders.is_empty() {
            holders = ctx.holders_at(s, k0);
        }
        out.push(Judgment {
            st: si,
            positive: score > 0,
            words: found
                .iter()
                .map(|&(k, _)| view.norm[k].to_string())
                .collect(),
            noun: view.norm[t0].to_string(),
            holders,
        });
    }
    out
}

/// The dispute over the quality of an investigation, if there is one.
pub(super) fn quality(ctx: &Ctx, stmts: &[Statement], doc_ids: &[DocId]) -> Option<Conflict> {
    let js = judgments(ctx, stmts);
    if js.len() < 3 {
        return None;
    }
    let split = |positive: bool| -> Vec<&Judgment> {
        js.iter().filter(|j| j.positive == positive).collect()
    };
    let (neg, pos) = (split(false), split(true));
    let ra: Vec<(usize, &[Found])> = neg.iter().map(|j| (j.st, j.holders.as_slice())).collect();
    let rb: Vec<(usize, &[Found])> = pos.iter().map(|j| (j.st, j.holders.as_slice())).collect();
    let (hn, hp) = holders_of_sides(&ra, &rb, doc_ids, stmts);
    let distinct = |v: &[&Judgment]| -> Vec<String> {
        let mut w: Vec<String> = Vec::new();
        for j in v {
            for x in &j.words {
                if !w.contains(x) {
                    w.push(x.clone());
                }
            }
        }
        w
    };
    let (wn, wp) = (distinct(&neg), distinct(&pos));
    if hn.is_empty() || hp.is_empty() || wn.len() < 2 || wp.len() < 2 {
        return None;
    }
    // The judged noun most often named ("report"), with the body's name when it is known.
    let words = Words::get();
    let mut nouns: Vec<&String> = js
        .iter()
        .map(|j| &j.noun)
        .filter(|n| words.is(n, Kind::Evaluated))
        .collect();
    nouns.sort();
    let noun = nouns
        .chunk_by(|a, b| a == b)
        .max_by(|a, b| a.len().cmp(&b.len()).then(b[0].cmp(a[0])))
        .map(|c| c[0].clone());
    let body = ctx.names.body.map(|b| ctx.names.entities[b].name.clone());
    let topic = match (noun, body) {
        (Some(n), Some(b)) => format!("quality of the {n} of the {b}"),
        (Some(n), None) => format!("quality of the {n}"),
        (None, Some(b)) => format!("quality of the work of the {b}"),
        (None, None) => "quality of the investigation".to_string(),
    };
    let label = |w: &[String]| w.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
    let sn: Vec<usize> = neg.iter().map(|j| j.st).collect();
    let sp: Vec<usize> = pos.iter().map(|j| j.st).collect();
    Some(Conflict {
        kind: ConflictKind::DisputedClaim,
        topic,
        attribute: "quality".into(),
        sides: vec![
            side(
                &ctx.names,
                format!("criticizes: {}", label(&wn)),
                hn,
                &sn,
                stmts,
                doc_ids,
            ),
            side(
                &ctx.names,
                format!("defends: {}", label(&wp)),
                hp,
                &sp,
                stmts,
                doc_ids,
            ),
        ],
    })
}
