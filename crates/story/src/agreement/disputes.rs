//! Disputed claims, of two kinds.
//!
//! **Responsibility**: a claim that someone was responsible for / behind / to blame for an
//! event, asserted by some holders and denied or contested by others. A statement is a claim
//! when it has a claim cue (`resources/en/agreement/cues.txt`), or a perpetration verb
//! ("used", "carried out"; `weakclaim` in `dispute-words.txt`) after an assert or deny cue of
//! the same clause ("confirmed the army used gas", "denied using gas"; not the passive "the
//! gas used in"). It denies the claim when it has a denial cue, an "innocent" cue, or a
//! negation in the three words before the claim word ("was not behind"). A denial without a
//! claim of its own ("the union denied the allegation") takes the claim of the statement
//! before it. A denial also names who asserts the claim it denies: the names before a
//! claim-bearing noun after the denial ("rejected UN accusations that ...") or after its "by"
//! ("a report by the panel"). The claims of a story that share at least two of the four terms
//! most common among them (by documents) form one proposition, written in the text's words:
//! the accused most often named by the asserting claims and the event phrase after
//! "for"/"behind" with the most capitalized words ("the port authority responsible for the
//! Pier Nine blast").
//!
//! **Quality of an investigation**: statements that judge an investigation, its report or its
//! experts (`evaluated` nouns, and mentions of the investigating body) with judgment words
//! (`positive`, `negative`, turned around by a `shifter` just before). A judgment word counts
//! when it sits in the noun phrase of the judged noun ("an impartial body", "critical of the
//! report") or, unless it is a `verb` ("the report criticized X"), follows it in the same
//! clause ("the inquiry involved dubious witnesses"); not after a `demand` word ("called for
//! an independent inquiry"). Its holder is the subject of a cue just before it ("which the
//! ministry called superficial"), else the speaker of the direct quotation that holds it,
//! else the subject of the nearest cue before it. The dispute needs a named holder on each
//! side, at least two distinct judgment words on each side and three statements in all.
//!
//! **Holders** are resolved entities of the story (attribution's entities): the speaker of
//! the attribution relation that carries the statement, else the noun phrase before the cue,
//! else the subject of the sentence ("X provided proof that ..."; none for the writer's own
//! words); "he", "they", "it" take the subject of their sentence when they do not open it
//! ("the ministry said why it denied"), else of the sentence before. A phrase is a holder
//! when it is an entity's name or alias, a name after title words ("Deputy Transport Minister
//! Lena Brandt"), the end of one entity's name ("Safety Board" for "Coastal Safety Board"),
//! or a paraphrase of a country (`synonyms.txt`); the names of one country's paraphrase group
//! are one holder (Russia, Moscow, the Kremlin), shown by its most mentioned place. A phrase
//! whose head is a `report` noun ("the investigation found", "the inquiry's report") stands
//! for the investigating body: the organization of the story whose name has a `report` noun
//! and more mentions than all other such organizations together; without one it is dropped
//! too. Other phrases ("experts", "residents") are dropped. A holder found on both sides
//! stays only on the side where it has more statements (on a tie, on neither). A dispute
//! needs a named holder on each side: a false dispute misleads more than a missed one.

mod holders;
mod quality;
mod words;

use std::collections::BTreeMap;

use triangulate_attribution::Entity;
use triangulate_core::{DocId, Span};

use super::rules::Cue;
use super::statements::{Statement, Terms};
use super::values::TokenView;
use super::{Conflict, ConflictKind, Side};
use crate::AnalyzedDoc;
use holders::{holder_words, subject_before, usable, Ctx, Found, Key, Names};
use words::{Kind, Words};

const NEGATIONS: [&str; 4] = ["not", "n't", "never", "no"];

/// One claim of responsibility as found in one statement.
struct Claim {
    st: usize,
    deny: bool,
    target: Vec<u32>,
    holders: Vec<Found>,
    /// Token of the claim word (for the topic's words).
    at: Option<usize>,
}

/// The token of the statement's claim word, unless the statement asks ("who is behind",
/// "to identify the perpetrators").
fn claim_token(view: &TokenView, s: &Statement) -> Option<usize> {
    let words = Words::get();
    let asks = |k: usize| {
        (k.saturating_sub(3).max(s.first_token)..k).any(|j| words.is(view.norm[j], Kind::Ask))
    };
    if let Some(&(_, k)) = s.cues.iter().find(|c| {
        matches!(c.0, Cue::Claim | Cue::Innocent)
            && !asks(c.1)
            && !words.is(view.norm[c.1], Kind::NotClaim)
    }) {
        return Some(k);
    }
    // "blamed", "put the blame on": an assert cue that is a claim word of its own.
    if let Some(&(_, k)) = s
        .cues
        .iter()
        .find(|c| c.0 == Cue::Assert && words.is(view.norm[c.1], Kind::ClaimVerb) && !asks(c.1))
    {
        return Some(k);
    }
    let first_cue = s
        .cues
        .iter()
        .filter(|c| matches!(c.0, Cue::Assert | Cue::Deny))
        .map(|c| c.1)
        .min()?;
    // "the army used gas", not the passive "the gas used in the attack".
    (first_cue + 1..s.end_token).find(|&k| {
        words.is(view.norm[k], Kind::WeakClaim)
            && !view.norm.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "in" | "by" | "to" | "at" | "on" | "for" | "as" | "from" | "against"
                ) || !n.chars().any(char::is_alphanumeric)
            })
    })
}

/// Names before a claim-bearing noun after token `from` ("UN accusations"), or after its
/// "by" ("a report by the panel"): who asserts what the statement denies.
fn bearer_holders(ctx: &Ctx, s: &Statement, from: usize) -> Vec<Found> {
    let view = &ctx.views[s.doc];
    let words = Words::get();
    let mut out = Vec::new();
    for n in from + 1..s.end_token {
        if !words.is(view.norm[n], Kind::Bearer) {
            continue;
        }
        let mut a = n;
        while a > from + 1 && usable(view, a - 1) && !words.is(view.norm[a - 1], Kind::Bearer) {
            a -= 1;
        }
        let idx: Vec<usize> = (a..n).collect();
        ctx.resolve_idx(s.doc, &idx, &mut out);
        if view.norm.get(n + 1) == Some(&"by") {
            let mut b = n + 2;
            while b < s.end_token && b < n + 8 && (usable(view, b) || view.norm[b] == "the") {
                b += 1;
            }
            let idx: Vec<usize> = (n + 2..b).collect();
            ctx.resolve_idx(s.doc, &idx, &mut out);
        }
        break;
    }
    out
}

/// Claims of responsibility of the story.
fn claims(ctx: &Ctx, stmts: &[Statement]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        let view = &ctx.views[s.doc];
        let at = claim_token(view, s);
        let deny_cue = s.cues.iter().find(|c| c.0 == Cue::Deny).map(|c| c.1);
        let innocent = s.has(Cue::Innocent);
        let mut target = s.terms.clone();
        if at.is_none() {
            // "The union has denied the allegation": the claim of the statement before.
            if deny_cue.is_none() || !s.has(Cue::Anaphor) || si == 0 {
                continue;
            }
            let p = &stmts[si - 1];
            if p.doc != s.doc || claim_token(&ctx.views[p.doc], p).is_none() {
                continue;
            }
            target = p.terms.clone();
        }
        let negated = s.negated
            && at.is_some_and(|k| {
                (k.saturating_sub(3).max(s.first_token)..k)
                    .any(|j| NEGATIONS.contains(&view.norm[j]))
            });
        let deny_at = deny_cue.filter(|&d| !matches!(at, Some(k) if d >= k));
        let deny = deny_at.is_some() || innocent || negated;
        let assert_at = s
            .cues
            .iter()
            .find(|c| c.0 == Cue::Assert && !matches!(at, Some(k) if c.1 > k))
            .map(|c| c.1);
        let anchor = if deny { deny_at } else { assert_at };
        let holders = match (anchor, at) {
            (Some(a), _) => ctx.holders_at(s, a),
            (None, Some(k)) => ctx.main_holders(s, k),
            (None, None) => continue,
        };
        let Some(anchor) = anchor.or(at) else {
            continue;
        };
        if deny {
            let asserters = bearer_holders(ctx, s, anchor);
            if !asserters.is_empty() {
                out.push(Claim {
                    st: si,
                    deny: false,
                    target: target.clone(),
                    holders: asserters,
                    at,
                });
            }
        }
        out.push(Claim {
            st: si,
            deny,
            target,
            holders,
            at,
        });
    }
    out
}

/// Words of the event a claim is about: what follows "for" or "behind" near the claim word
/// ("responsible for the April attack"), cut at a clause word.
fn event_words(view: &TokenView, s: &Statement, at: usize) -> Option<Vec<usize>> {
    let from =
        (at..(at + 4).min(s.end_token)).find(|&k| matches!(view.norm[k], "for" | "behind"))? + 1;
    let mut idx = Vec::new();
    for k in from..s.end_token.min(from + 6) {
        let n = view.norm[k];
        if !n.chars().any(char::is_alphanumeric)
            || matches!(
                n,
                "that"
                    | "which"
                    | "who"
                    | "in"
                    | "on"
                    | "using"
                    | "killing"
                    | "with"
                    | "and"
                    | "by"
                    | "to"
                    | "of"
                    | "at"
                    | "against"
            )
        {
            break;
        }
        idx.push(k);
    }
    (!idx.is_empty()).then_some(idx)
}

/// The proposition in the text's words: "the port authority responsible for the Pier Nine
/// blast" (the accused most often named by the asserting claims, the event phrase with the
/// most capitalized words).
fn proposition(ctx: &Ctx, stmts: &[Statement], members: &[&Claim], core: &[u32]) -> Option<String> {
    let mut accused: Vec<Found> = Vec::new();
    let mut events: Vec<String> = Vec::new();
    for c in members {
        let (Some(at), s) = (c.at, &stmts[c.st]) else {
            continue;
        };
        let view = &ctx.views[s.doc];
        if !c.deny {
            let idx = subject_before(view, s.first_token, at);
            let mut found = Vec::new();
            ctx.resolve_idx(s.doc, &idx, &mut found);
            // "the port authority", with its article.
            let the = idx
                .first()
                .is_some_and(|&k| k > 0 && view.norm[k - 1] == "the");
            accused.extend(found.into_iter().map(|(k, w)| {
                let w = if the && !matches!(k, Key::Entity(_)) {
                    format!("the {w}")
                } else {
                    w
                };
                (k, w)
            }));
        }
        if let Some(e) = event_words(view, s, at) {
            let has_core = e.iter().any(|&k| {
                s.token_terms
                    .get(k - s.first_token)
                    .copied()
                    .flatten()
                    .is_some_and(|t| core.contains(&t))
            });
            if has_core {
                events.push(holder_words(view, &e));
            }
        }
    }
    let caps = |e: &String| {
        e.split(' ')
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
    };
    events.sort_by(|a, b| {
        caps(b)
            .cmp(&caps(a))
            .then(a.len().cmp(&b.len()))
            .then(a.cmp(b))
    });
    let mut counts: BTreeMap<&Key, Vec<&String>> = BTreeMap::new();
    for (k, w) in &accused {
        counts.entry(k).or_default().push(w);
    }
    let who = counts
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(_, ws)| {
            // The most frequent words as written, lower-casing a sentence-initial article.
            let mut ws: Vec<&String> = ws.clone();
            ws.sort();
            let best = ws
                .chunk_by(|a, b| a == b)
                .max_by(|a, b| a.len().cmp(&b.len()).then(b[0].cmp(a[0])))
                .map(|c| c[0].clone())
                .unwrap_or_default();
            match best.strip_prefix("The ") {
                Some(r) => format!("the {r}"),
                None => best,
            }
        });
    let event = events.first().map(|e| match e.strip_prefix("The ") {
        Some(r) => format!("the {r}"),
        None => e.clone(),
    });
    match (who, event) {
        (Some(w), Some(e)) => Some(format!("{w} responsible for {e}")),
        (Some(w), None) => Some(format!("{w} responsible")),
        (None, Some(e)) => Some(format!("who is responsible for {e}")),
        (None, None) => None,
    }
}

/// Per side, holders found in claims: (key, written words, documents, statements).
struct Held {
    key: Key,
    written: Vec<String>,
    docs: Vec<DocId>,
    statements: usize,
}

fn gather(items: &[(usize, &[Found])], doc_ids: &[DocId], stmts: &[Statement]) -> Vec<Held> {
    let mut held: Vec<Held> = Vec::new();
    for &(st, hs) in items {
        let doc = doc_ids[stmts[st].doc];
        for (k, w) in hs {
            let h = match held.iter_mut().position(|x| &x.key == k) {
                Some(i) => &mut held[i],
                None => {
                    held.push(Held {
                        key: k.clone(),
                        written: Vec::new(),
                        docs: Vec::new(),
                        statements: 0,
                    });
                    held.last_mut().expect("just pushed")
                }
            };
            h.written.push(w.clone());
            h.statements += 1;
            if !h.docs.contains(&doc) {
                h.docs.push(doc);
                h.docs.sort_unstable();
            }
        }
    }
    held
}

/// The holders of each side of a dispute, from each side's statements and their holder
/// phrases, settled so that no holder is on both sides ([`settle`]).
fn holders_of_sides(
    a: &[(usize, &[Found])],
    b: &[(usize, &[Found])],
    doc_ids: &[DocId],
    stmts: &[Statement],
) -> (Vec<Held>, Vec<Held>) {
    let mut ha = gather(a, doc_ids, stmts);
    let mut hb = gather(b, doc_ids, stmts);
    settle(&mut ha, &mut hb);
    (ha, hb)
}

/// A holder on both sides stays on the side where it has more statements (a tie: neither).
fn settle(a: &mut Vec<Held>, b: &mut Vec<Held>) {
    let both: Vec<(Key, usize, usize)> = a
        .iter()
        .filter_map(|x| {
            b.iter()
                .find(|y| y.key == x.key)
                .map(|y| (x.key.clone(), x.statements, y.statements))
        })
        .collect();
    for (k, na, nb) in both {
        if na <= nb {
            a.retain(|x| x.key != k);
        }
        if nb <= na {
            b.retain(|x| x.key != k);
        }
    }
}

fn side(
    names: &Names,
    position: String,
    held: Vec<Held>,
    stmt_ids: &[usize],
    stmts: &[Statement],
    doc_ids: &[DocId],
) -> Side {
    let mut documents: Vec<DocId> = stmt_ids.iter().map(|&i| doc_ids[stmts[i].doc]).collect();
    documents.sort_unstable();
    documents.dedup();
    let mut ids = stmt_ids.to_vec();
    ids.dedup();
    let spans: Vec<Span> = ids.iter().map(|&i| stmts[i].span).collect();
    Side {
        value: None,
        position: Some(position),
        held_by: held
            .iter()
            .map(|h| names.display(&h.key, &h.written))
            .collect(),
        held_by_documents: held.into_iter().map(|h| h.docs).collect(),
        documents,
        spans: spans.clone(),
        evidence: spans,
    }
}

/// The dispute over responsibility, if there is one.
fn responsibility(
    ctx: &Ctx,
    stmts: &[Statement],
    terms: &mut Terms,
    doc_ids: &[DocId],
) -> Option<Conflict> {
    let claims = claims(ctx, stmts);
    if claims.is_empty() {
        return None;
    }
    // The proposition: the four terms found in the claims of most documents.
    let cue_terms: Vec<u32> = ["blame", "deny"]
        .iter()
        .filter_map(|g| terms.names.iter().position(|n| n == g).map(|i| i as u32))
        .collect();
    let mut counts: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for c in &claims {
        for &t in &c.target {
            if cue_terms.contains(&t) {
                continue;
            }
            let e = counts.entry(t).or_default();
            if !e.contains(&stmts[c.st].doc) {
                e.push(stmts[c.st].doc);
            }
        }
    }
    let mut ranked: Vec<(usize, u32)> = counts
        .iter()
        .filter(|(&t, _)| !terms.names[t as usize].starts_with(['\'', '’']))
        .map(|(&t, d)| (d.len(), t))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let core: Vec<u32> = ranked.iter().take(4).map(|x| x.1).collect();
    let members: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.target.iter().filter(|t| core.contains(t)).count() >= 2)
        .collect();
    let pick = |deny: bool| -> Vec<&Claim> {
        members.iter().copied().filter(|c| c.deny == deny).collect()
    };
    let (yes, no) = (pick(false), pick(true));
    let ry: Vec<(usize, &[Found])> = yes.iter().map(|c| (c.st, c.holders.as_slice())).collect();
    let rn: Vec<(usize, &[Found])> = no.iter().map(|c| (c.st, c.holders.as_slice())).collect();
    let (hy, hn) = holders_of_sides(&ry, &rn, doc_ids, stmts);
    if hy.is_empty() || hn.is_empty() {
        return None;
    }
    let topic = proposition(ctx, stmts, &members, &core).unwrap_or_else(|| {
        let stems: Vec<String> = core
            .iter()
            .map(|&t| terms.names[t as usize].clone())
            .collect();
        format!("responsibility: {}", stems.join(" "))
    });
    let sy: Vec<usize> = yes.iter().map(|c| c.st).collect();
    let sn: Vec<usize> = no.iter().map(|c| c.st).collect();
    Some(Conflict {
        kind: ConflictKind::DisputedClaim,
        topic,
        attribute: "responsibility".into(),
        sides: vec![
            side(&ctx.names, "asserts".into(), hy, &sy, stmts, doc_ids),
            side(
                &ctx.names,
                "denies or contests".into(),
                hn,
                &sn,
                stmts,
                doc_ids,
            ),
        ],
    })
}

/// Disputed claims of the story: responsibility, then quality of an investigation.
pub(crate) fn disputes(
    docs: &[AnalyzedDoc],
    entities: &[Entity],
    stmts: &[Statement],
    terms: &mut Terms,
    doc_ids: &[DocId],
) -> Vec<Conflict> {
    let ctx = Ctx {
        docs,
        views: docs
            .iter()
            .map(|d| TokenView::new(d.doc.analysis_text(), &d.text))
            .collect(),
        names: Names::new(entities),
    };
    let mut out = Vec::new();
    out.extend(responsibility(&ctx, stmts, terms, doc_ids));
    out.extend(quality::quality(&ctx, stmts, doc_ids));
    out
}

#[cfg(test)]
mod tests;
