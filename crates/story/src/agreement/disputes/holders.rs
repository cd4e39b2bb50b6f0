//! Holders: the noun phrases that say who holds a claim, resolved to the story's entities.

use std::collections::{BTreeMap, BTreeSet};

use triangulate_attribution::{Entity, EntityKind};

use super::super::rules::Rules;
use super::super::statements::Statement;
use super::super::values::TokenView;
use super::words::{Kind, Words};
use crate::AnalyzedDoc;

pub(super) const AUX: [&str; 16] = [
    "has", "have", "had", "was", "were", "is", "are", "been", "also", "earlier", "later",
    "already", "then", "who", "would", "will",
];
/// Words of time that are never part of who holds a side (weekday names too).
pub(super) const TIME_WORDS: [&str; 7] =
    ["last", "week", "month", "year", "today", "yesterday", "ago"];
pub(super) const GLUE: [&str; 4] = ["of", "and", "'s", "for"];
pub(super) const DETERMINERS: [&str; 9] = [
    "the", "a", "an", "its", "their", "this", "that", "his", "her",
];

/// Who holds a side: one entity, or one paraphrase group of a country.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Key {
    Entity(usize),
    Group(String),
}

/// Lower-case words of a name, without a leading article, possessive "'s" or stray "s".
pub(super) fn name_words(s: &str) -> Vec<(String, bool)> {
    let s = s.replace(['’', '‘'], "'");
    let mut w: Vec<(String, bool)> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let cap = w.starts_with(char::is_uppercase);
            let l = w.to_lowercase();
            (l.strip_suffix("'s").map(str::to_string).unwrap_or(l), cap)
        })
        .filter(|(w, _)| w != "s")
        .collect();
    while w
        .first()
        .is_some_and(|(x, _)| DETERMINERS.contains(&x.as_str()))
    {
        w.remove(0);
    }
    w
}

pub(super) fn stems_of(words: &[String]) -> Vec<String> {
    words.iter().map(|w| triangulate_text::stem(w)).collect()
}

/// Resolves holder phrases to entities of the story.
pub(super) struct Names<'a> {
    pub(super) entities: &'a [Entity],
    pub(super) by_words: BTreeMap<Vec<String>, usize>,
    /// Lower-case words of each entity's name.
    pub(super) name_words: Vec<Vec<String>>,
    /// Paraphrase group of each entity that is a place (a country and its capital).
    pub(super) groups: Vec<Option<String>>,
    /// Groups that hold the name of at least one place entity.
    pub(super) actor_groups: BTreeSet<String>,
    /// The investigating body, if the story has one.
    pub(super) body: Option<usize>,
}

/// The paraphrase group that covers all of `words`, if one does.
pub(super) fn group_of(words: &[String]) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    let stems = stems_of(words);
    let st: Vec<&str> = stems.iter().map(String::as_str).collect();
    match Rules::get().synonyms.longest_at(&st, 0) {
        Some((len, g)) if len == st.len() => Some(g),
        _ => None,
    }
}

impl<'a> Names<'a> {
    pub(super) fn new(entities: &'a [Entity]) -> Names<'a> {
        let words = Words::get();
        let mut by_words: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        for (i, e) in entities.iter().enumerate() {
            if e.kind == EntityKind::Place && e.name.split_whitespace().count() > 3 {
                continue;
            }
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                let w: Vec<String> = name_words(n).into_iter().map(|x| x.0).collect();
                if !w.is_empty() {
                    // Entities come most mentioned first: the first keeps a shared name.
                    by_words.entry(w).or_insert(i);
                }
            }
        }
        let groups: Vec<Option<String>> = entities
            .iter()
            .map(|e| {
                if e.kind != EntityKind::Place {
                    return None;
                }
                let w: Vec<String> = name_words(&e.name).into_iter().map(|x| x.0).collect();
                group_of(&w)
            })
            .collect();
        let actor_groups = groups.iter().flatten().cloned().collect();
        let name_words_of: Vec<Vec<String>> = entities
            .iter()
            .map(|e| name_words(&e.name).into_iter().map(|x| x.0).collect())
            .collect();
        let mut bodies: Vec<(usize, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EntityKind::Organization
                    && name_words(&e.name)
                        .iter()
                        .any(|(w, _)| words.is(w, Kind::Report))
            })
            .map(|(i, e)| (e.mentions.len(), i))
            .collect();
        bodies.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let rest: usize = bodies.iter().skip(1).map(|b| b.0).sum();
        let body = bodies.first().filter(|b| b.0 > rest).map(|b| b.1);
        Names {
            entities,
            by_words,
            name_words: name_words_of,
            groups,
            actor_groups,
            body,
        }
    }

    pub(super) fn entity_key(&self, i: usize) -> Key {
        match &self.groups[i] {
            Some(g) => Key::Group(g.clone()),
            None => Key::Entity(i),
        }
    }

    /// The holder a phrase names, if it names one.
    pub(super) fn resolve(&self, phrase: &str) -> Option<Key> {
        let w = name_words(phrase);
        if w.is_empty() {
            return None;
        }
        let plain: Vec<String> = w.iter().map(|x| x.0.clone()).collect();
        if let Some(&i) = self.by_words.get(&plain) {
            return Some(self.entity_key(i));
        }
        // The end of one entity's name: "Foreign Ministry".
        if plain.len() >= 2 && w.iter().all(|x| x.1) {
            let hits: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    let n = &self.name_words[i];
                    n.len() > plain.len() && n.ends_with(&plain)
                })
                .collect();
            if hits.len() == 1 {
                return Some(self.entity_key(hits[0]));
            }
        }
        // A name after title words: "Deputy Transport Minister Lena Brandt".
        for k in 1..plain.len() {
            if !w[..k].iter().all(|x| x.1) {
                continue;
            }
            if let Some(&i) = self.by_words.get(&plain[k..]) {
                if self.entities[i].kind != EntityKind::Place {
                    return Some(self.entity_key(i));
                }
            }
        }
        let words = Words::get();
        if words.is(&plain[plain.len() - 1], Kind::Report) {
            return self.body.map(Key::Entity);
        }
        group_of(&plain)
            .filter(|g| self.actor_groups.contains(g))
            .map(Key::Group)
    }

    /// How a holder is shown: the entity's name, the most mentioned place of a group, else
    /// the words most often written for it.
    pub(super) fn display(&self, key: &Key, written: &[String]) -> String {
        let most_written = || {
            let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
            for w in written {
                *counts.entry(w).or_default() += 1;
            }
            let mut best: Vec<(&String, usize)> = counts.into_iter().collect();
            best.sort_by_key(|b| std::cmp::Reverse(b.1));
            best.first().map(|b| b.0.clone()).unwrap_or_default()
        };
        match key {
            Key::Entity(i) => self.entities[*i].name.clone(),
            Key::Group(g) => self
                .entities
                .iter()
                .enumerate()
                .filter(|(i, _)| self.groups[*i].as_ref() == Some(g))
                .max_by(|a, b| {
                    a.1.mentions
                        .len()
                        .cmp(&b.1.mentions.len())
                        .then(b.0.cmp(&a.0))
                })
                .map(|(_, e)| e.name.clone())
                .unwrap_or_else(most_written),
        }
    }
}

pub(super) fn holder_words(view: &TokenView, idx: &[usize]) -> String {
    idx.iter()
        .map(|&k| view.text[k])
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" 's", "'s")
        .replace(" ’s", "’s")
}

/// Split "the union and the mayor" (or "Brandt and experts") at "and".
pub(super) fn split_and(view: &TokenView, idx: &[usize]) -> Vec<Vec<usize>> {
    idx.split(|&k| view.norm[k] == "and")
        .map(<[usize]>::to_vec)
        .filter(|p| !p.is_empty())
        .collect()
}

pub(super) fn usable(view: &TokenView, k: usize) -> bool {
    let n = view.norm[k];
    n.chars().any(char::is_alphabetic)
        && !view.is_number[k]
        && !TIME_WORDS.contains(&n)
        && !triangulate_text::is_weekday(n)
        && (GLUE.contains(&n) || !triangulate_text::is_stopword(n))
}

/// Index of the first word before token `cue` that is not an auxiliary or an adverb.
pub(super) fn skip_back(view: &TokenView, start: usize, cue: usize) -> usize {
    let mut k = cue;
    while k > start && (AUX.contains(&view.norm[k - 1]) || view.norm[k - 1].ends_with("ly")) {
        k -= 1;
    }
    k
}

/// The noun phrase right before token `cue`, within the sentence starting at `start`.
pub(super) fn subject_before(view: &TokenView, start: usize, cue: usize) -> Vec<usize> {
    let mut k = skip_back(view, start, cue);
    let mut idx = Vec::new();
    while k > start && idx.len() < 6 && usable(view, k - 1) {
        k -= 1;
        idx.push(k);
    }
    idx.reverse();
    trim_glue(view, idx)
}

pub(super) fn trim_glue(view: &TokenView, mut idx: Vec<usize>) -> Vec<usize> {
    while idx.first().is_some_and(|&k| GLUE.contains(&view.norm[k])) {
        idx.remove(0);
    }
    while idx.last().is_some_and(|&k| GLUE.contains(&view.norm[k])) {
        idx.pop();
    }
    idx
}

/// The noun phrase that opens the sentence, up to its first verb-like word.
pub(super) fn sentence_subject(
    view: &TokenView,
    start: usize,
    end: usize,
    stop: usize,
) -> Vec<usize> {
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
    trim_glue(view, idx)
}

/// The analysis of one story that holder finding needs.
pub(super) struct Ctx<'a> {
    pub(super) docs: &'a [AnalyzedDoc],
    pub(super) views: Vec<TokenView<'a>>,
    pub(super) names: Names<'a>,
}

/// One holder as found: who, and the words written for it.
pub(super) type Found = (Key, String);

impl Ctx<'_> {
    pub(super) fn resolve_idx(&self, d: usize, idx: &[usize], out: &mut Vec<Found>) {
        let view = &self.views[d];
        for part in split_and(view, idx) {
            let part = trim_glue(view, part);
            if part.is_empty() {
                continue;
            }
            let w = holder_words(view, &part);
            if let Some(k) = self.names.resolve(&w) {
                out.push((k, w));
            }
        }
    }

    /// Holders named by the subject of sentence `si` of document `d`.
    pub(super) fn sentence_holders(&self, d: usize, si: usize) -> Vec<Found> {
        let view = &self.views[d];
        let sent = self.docs[d].text.sentences[si];
        let (ss, se) = (sent.first_token as usize, sent.end_token as usize);
        let mut out = Vec::new();
        let idx = sentence_subject(view, ss, se, se);
        self.resolve_idx(d, &idx, &mut out);
        out
    }

    /// A pronoun right before token `cue` ("they said"): the subject of the sentence before.
    pub(super) fn pronoun_holders(
        &self,
        d: usize,
        si: usize,
        start: usize,
        cue: usize,
    ) -> Option<Vec<Found>> {
        let view = &self.views[d];
        let k = skip_back(view, start, cue);
        if k == start || !Words::get().is(view.norm[k - 1], Kind::Pronoun) {
            return None;
        }
        // "The ministry said why it disputed ...": the subject of this sentence comes first.
        let first = self.docs[d].text.sentences[si].first_token as usize;
        if k - 1 > first {
            let here = self.sentence_holders(d, si);
            if !here.is_empty() {
                return Some(here);
            }
        }
        Some(if si == 0 {
            Vec::new()
        } else {
            self.sentence_holders(d, si - 1)
        })
    }

    /// The speaker of the attribution relation whose content holds byte `at` of document
    /// `d` (a speaker the attribution resolved, else its source words resolved here); with
    /// `direct`, of a direct quotation only.
    pub(super) fn speaker_at(&self, d: usize, at: u32, direct: bool) -> Vec<Found> {
        let ad = &self.docs[d];
        let mut out = Vec::new();
        for q in &ad.quotes {
            if !(q.content.start <= at && at < q.content.end) || (direct && !q.direct) {
                continue;
            }
            let written = q
                .speaker
                .clone()
                .or_else(|| q.source.map(|s| ad.doc.analysis_slice(s).to_string()));
            if let Some(w) = written {
                if let Some(k) = self.names.resolve(&w) {
                    out.push((k, w));
                }
            }
        }
        out
    }

    /// The words right before token `cue` as holders ("which the ministry called"), a
    /// pronoun taking the subject before it.
    pub(super) fn holders_before(&self, s: &Statement, cue: usize) -> Vec<Found> {
        let d = s.doc;
        let view = &self.views[d];
        let ss = self.docs[d].text.sentences[s.sentence].first_token as usize;
        let start = ss.max(s.first_token.min(cue));
        if let Some(p) = self.pronoun_holders(d, s.sentence, start, cue) {
            return p;
        }
        let mut out = Vec::new();
        self.resolve_idx(d, &subject_before(view, start, cue), &mut out);
        out
    }

    /// Who holds a claim made without a cue of its own at token `at`: the speaker of the
    /// attribution relation that carries it, else the subject of a sentence whose claim
    /// follows "that" ("X provided proof that ..."); none for the writer's own words.
    pub(super) fn main_holders(&self, s: &Statement, at: usize) -> Vec<Found> {
        let d = s.doc;
        let view = &self.views[d];
        let out = self.speaker_at(d, view.range[at].0 as u32, false);
        if !out.is_empty() {
            return out;
        }
        let sent = self.docs[d].text.sentences[s.sentence];
        let (ss, se) = (sent.first_token as usize, sent.end_token as usize);
        let Some(that) = (ss..at).find(|&k| view.norm[k] == "that") else {
            return out;
        };
        if let Some(p) = self.pronoun_holders(d, s.sentence, ss, ss + 1) {
            return p;
        }
        let mut out = Vec::new();
        self.resolve_idx(d, &sentence_subject(view, ss, se, that), &mut out);
        out
    }

    /// Who holds what token `cue` of statement `s` says: the attribution relation that
    /// carries it, the noun phrase before it (a pronoun: the sentence before), the subject
    /// of the sentence.
    pub(super) fn holders_at(&self, s: &Statement, cue: usize) -> Vec<Found> {
        let d = s.doc;
        let view = &self.views[d];
        let sent = self.docs[d].text.sentences[s.sentence];
        let (ss, se) = (sent.first_token as usize, sent.end_token as usize);
        let start = ss.max(s.first_token.min(cue));
        let mut out = self.speaker_at(d, view.range[cue].0 as u32, false);
        if !out.is_empty() {
            return out;
        }
        if let Some(p) = self.pronoun_holders(d, s.sentence, start, cue) {
            return p;
        }
        let idx = subject_before(view, start, cue);
        self.resolve_idx(d, &idx, &mut out);
        if out.is_empty() {
            let stop = s.cues.iter().map(|c| c.1).min().unwrap_or(se).min(cue);
            let idx = sentence_subject(view, ss, se, stop.max(ss + 1));
            self.resolve_idx(d, &idx, &mut out);
        }
        out
    }
}
