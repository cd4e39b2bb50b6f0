//! Disputed claims: a claim of responsibility ("X was responsible for / behind / to blame
//! for the attack") asserted by some holders and denied or contested by others.
//!
//! A statement is a claim when it has a claim cue (`resources/en/agreement/cues.txt`); it
//! denies the claim when it also has a denial cue, an "innocent" cue, or a negation. A
//! denial without a claim of its own ("Syria denied the allegation") takes the claim of the
//! statement before it. The claims of a story that share at least two of the three terms most
//! common among them form one proposition. Holders come from attribution (the speaker of a
//! quote that contains the statement) or else from the words before the cue ("Russia and
//! Syria have denied"). A dispute needs a named holder on each side.

use triangulate_core::{DocId, Span};

use super::rules::Cue;
use super::statements::{Statement, Terms};
use super::values::TokenView;
use super::{Conflict, ConflictKind, Side};
use crate::AnalyzedDoc;

const AUX: [&str; 16] = [
    "has", "have", "had", "was", "were", "is", "are", "been", "also", "earlier", "later",
    "already", "then", "who", "would", "will",
];
const TIME_WORDS: [&str; 14] = [
    "last",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "ago",
];
const GLUE: [&str; 4] = ["of", "and", "'s", "for"];

struct Claim {
    st: usize,
    deny: bool,
    target: Vec<u32>,
    holders: Vec<(Vec<u32>, String)>,
}

fn holder_words(view: &TokenView, idx: &[usize]) -> String {
    idx.iter()
        .map(|&k| view.text[k])
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" 's", "'s")
        .replace(" ’s", "’s")
}

/// Split "Russia and Syria" into holders when both parts are capitalized.
fn split_holders(view: &TokenView, idx: Vec<usize>) -> Vec<Vec<usize>> {
    let parts: Vec<Vec<usize>> = idx
        .split(|&k| view.norm[k] == "and")
        .map(<[usize]>::to_vec)
        .filter(|p| !p.is_empty())
        .collect();
    let capital = |p: &Vec<usize>| view.text[p[0]].starts_with(char::is_uppercase);
    if parts.len() > 1 && parts.iter().all(capital) {
        parts
    } else {
        vec![idx]
    }
}

fn usable(view: &TokenView, k: usize) -> bool {
    let n = view.norm[k];
    n.chars().any(char::is_alphabetic)
        && !view.is_number[k]
        && !TIME_WORDS.contains(&n)
        && (GLUE.contains(&n) || !triangulate_text::is_stopword(n))
}

/// The noun phrase right before token `cue`, within the sentence starting at `start`.
fn subject_before(view: &TokenView, start: usize, cue: usize) -> Vec<usize> {
    let mut k = cue;
    while k > start && (AUX.contains(&view.norm[k - 1]) || view.norm[k - 1].ends_with("ly")) {
        k -= 1;
    }
    let mut idx = Vec::new();
    while k > start && idx.len() < 6 && usable(view, k - 1) {
        k -= 1;
        idx.push(k);
    }
    idx.reverse();
    while idx.first().is_some_and(|&k| GLUE.contains(&view.norm[k])) {
        idx.remove(0);
    }
    while idx.last().is_some_and(|&k| GLUE.contains(&view.norm[k])) {
        idx.pop();
    }
    idx
}

/// The noun phrase that opens the sentence, up to its first verb-like word.
fn sentence_subject(view: &TokenView, start: usize, end: usize, stop: usize) -> Vec<usize> {
    let mut k = start;
    while k < end && matches!(view.norm[k], "but" | "and" | "the" | "a" | "an" | "however") {
        k += 1;
    }
    let mut idx = Vec::new();
    while k < end.min(stop) && idx.len() < 6 && usable(view, k) {
        let n = view.norm[k];
        if !idx.is_empty() && (n.ends_with("ed") || AUX.contains(&n)) {
            break;
        }
        idx.push(k);
        k += 1;
    }
    while idx.last().is_some_and(|&k| GLUE.contains(&view.norm[k])) {
        idx.pop();
    }
    idx
}

/// Disputed claims of the story.
pub(crate) fn disputes(
    docs: &[AnalyzedDoc],
    stmts: &[Statement],
    terms: &mut Terms,
    doc_ids: &[DocId],
) -> Vec<Conflict> {
    let views: Vec<TokenView> = docs
        .iter()
        .map(|d| TokenView::new(&d.doc.text, &d.text))
        .collect();
    let mut claims: Vec<Claim> = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        // "who is behind the attacks" asks; it does not claim.
        let asks = s.cues.iter().any(|&(c, k)| {
            c == Cue::Claim
                && (k.saturating_sub(2)..k).any(|j| {
                    j >= s.first_token && matches!(docs[s.doc].text.norm_of(j), "who" | "whether")
                })
        });
        let is_claim = (s.has(Cue::Claim) || s.has(Cue::Innocent)) && !asks;
        let deny_cue = s.has(Cue::Deny) || s.has(Cue::Innocent);
        let mut target = s.terms.clone();
        if !is_claim {
            // "Russia and Syria have denied the allegation": the claim of the statement before.
            if !(deny_cue && s.has(Cue::Anaphor)) || si == 0 {
                continue;
            }
            let p = &stmts[si - 1];
            if p.doc != s.doc || !(p.has(Cue::Claim) || p.has(Cue::Innocent)) {
                continue;
            }
            target = p.terms.clone();
        }
        let deny = deny_cue || s.negated;
        let view = &views[s.doc];
        let ad = &docs[s.doc];
        let sent = ad.text.sentences[s.sentence];
        let (ss, se) = (sent.first_token as usize, sent.end_token as usize);
        let mut holders: Vec<Vec<usize>> = Vec::new();
        // 1. Attribution: the speaker of a quote containing the statement.
        let mut named: Vec<String> = Vec::new();
        for q in &ad.quotes {
            let inside = q.content.start <= s.span.start + 2 && s.span.end <= q.content.end + 2;
            if inside {
                if let Some(sp) = &q.speaker {
                    named.push(sp.clone());
                } else if let Some(src) = q.source {
                    named.push(ad.doc.slice(src).to_string());
                }
            }
        }
        // 2. The words before the cue.
        if named.is_empty() {
            let want = if deny { Cue::Deny } else { Cue::Assert };
            let cue_at = s
                .cues
                .iter()
                .find(|c| c.0 == want)
                .or_else(|| s.cues.iter().find(|c| c.0 == Cue::Speech))
                .map(|c| c.1);
            if let Some(c) = cue_at {
                let idx = subject_before(view, ss.max(s.first_token.min(c)), c);
                if !idx.is_empty() {
                    holders.extend(split_holders(view, idx));
                }
            }
            if holders.is_empty() {
                let stop = s.cues.iter().map(|c| c.1).min().unwrap_or(se);
                let idx = sentence_subject(view, ss, se, stop);
                if !idx.is_empty() {
                    holders.extend(split_holders(view, idx));
                }
            }
        }
        let rules = super::rules::Rules::get();
        let mut hs: Vec<(Vec<u32>, String)> = Vec::new();
        for h in holders {
            let stems: Vec<&str> = h.iter().map(|&k| view.stem[k].as_str()).collect();
            let mut key = Vec::new();
            let mut i = 0;
            while i < stems.len() {
                if let Some((len, g)) = rules.synonyms.longest_at(&stems, i) {
                    key.push(terms.id(&g));
                    i += len;
                } else {
                    if !GLUE.contains(&view.norm[h[i]]) {
                        key.push(terms.id(stems[i]));
                    }
                    i += 1;
                }
            }
            key.sort_unstable();
            key.dedup();
            hs.push((key, holder_words(view, &h)));
        }
        for n in named {
            let key = vec![terms.id(&format!("speaker:{}", n.to_lowercase()))];
            hs.push((key, n));
        }
        claims.push(Claim {
            st: si,
            deny,
            target,
            holders: hs,
        });
    }
    if claims.is_empty() {
        return Vec::new();
    }
    // The proposition: the three terms found in the claims of most documents.
    let cue_terms: Vec<u32> = ["blame", "deny"]
        .iter()
        .filter_map(|g| terms.names.iter().position(|n| n == g).map(|i| i as u32))
        .collect();
    let mut counts: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
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
    let core: Vec<u32> = ranked.iter().take(3).map(|x| x.1).collect();
    let members: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.target.iter().filter(|t| core.contains(t)).count() >= 2)
        .collect();
    let mut sides: Vec<Side> = Vec::new();
    for deny in [false, true] {
        let mine: Vec<&&Claim> = members.iter().filter(|c| c.deny == deny).collect();
        let mut held: Vec<(Vec<u32>, String, Vec<DocId>)> = Vec::new();
        for c in &mine {
            let doc = doc_ids[stmts[c.st].doc];
            for h in &c.holders {
                match held.iter_mut().find(|x| x.0 == h.0) {
                    Some(x) => {
                        if !x.2.contains(&doc) {
                            x.2.push(doc);
                            x.2.sort_unstable();
                        }
                    }
                    None => held.push((h.0.clone(), h.1.clone(), vec![doc])),
                }
            }
        }
        let mut documents: Vec<DocId> = mine.iter().map(|c| doc_ids[stmts[c.st].doc]).collect();
        documents.sort_unstable();
        documents.dedup();
        let spans: Vec<Span> = mine.iter().map(|c| stmts[c.st].span).collect();
        sides.push(Side {
            value: None,
            position: Some(
                if deny {
                    "denies or contests"
                } else {
                    "asserts"
                }
                .to_string(),
            ),
            held_by: held.iter().map(|h| h.1.clone()).collect(),
            held_by_documents: held.into_iter().map(|h| h.2).collect(),
            documents,
            spans: spans.clone(),
            evidence: spans,
        });
    }
    if sides.iter().any(|s| s.held_by.is_empty()) {
        return Vec::new();
    }
    let topic = core
        .iter()
        .map(|&t| terms.names[t as usize].clone())
        .collect::<Vec<_>>()
        .join(" ");
    vec![Conflict {
        kind: ConflictKind::DisputedClaim,
        topic: format!("responsibility: {topic}"),
        attribute: "responsibility".into(),
        sides,
    }]
}
