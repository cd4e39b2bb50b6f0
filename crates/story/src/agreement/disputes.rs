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

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use triangulate_attribution::{Entity, EntityKind};
use triangulate_core::{DocId, Span};
use triangulate_text::data_lines;

use super::rules::{Cue, RuleError, Rules};
use super::statements::{Statement, Terms};
use super::values::TokenView;
use super::{Conflict, ConflictKind, Side};
use crate::AnalyzedDoc;

pub(crate) const WORDS: (&str, &str) = (
    "resources/en/agreement/dispute-words.txt",
    include_str!("../../../../resources/en/agreement/dispute-words.txt"),
);

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
const NEGATIONS: [&str; 4] = ["not", "n't", "never", "no"];
const DETERMINERS: [&str; 9] = [
    "the", "a", "an", "its", "their", "this", "that", "his", "her",
];

/// Kinds of words in `dispute-words.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    WeakClaim,
    NotClaim,
    Speech,
    Report,
    Bearer,
    Pronoun,
    Evaluated,
    Positive,
    Negative,
    Verb,
    Demand,
    Shifter,
}

/// The word lists of `dispute-words.txt`.
#[derive(Debug, Default)]
pub(crate) struct Words {
    map: BTreeMap<String, Vec<Kind>>,
}

impl Words {
    /// Parse the compiled-in list, reporting the first bad line.
    pub(crate) fn load() -> Result<Words, RuleError> {
        let (file, src) = WORDS;
        let mut w = Words::default();
        for (line, l) in data_lines(src) {
            let err = |message: &str| RuleError {
                file,
                line,
                message: message.to_string(),
            };
            let (k, word) = l
                .split_once('\t')
                .ok_or_else(|| err("expected KIND<TAB>WORD"))?;
            let kind = match k {
                "weakclaim" => Kind::WeakClaim,
                "notclaim" => Kind::NotClaim,
                "speech" => Kind::Speech,
                "report" => Kind::Report,
                "bearer" => Kind::Bearer,
                "pronoun" => Kind::Pronoun,
                "evaluated" => Kind::Evaluated,
                "positive" => Kind::Positive,
                "negative" => Kind::Negative,
                "verb" => Kind::Verb,
                "demand" => Kind::Demand,
                "shifter" => Kind::Shifter,
                _ => return Err(err("unknown kind")),
            };
            if word.is_empty() || word.contains(char::is_whitespace) || word != word.to_lowercase()
            {
                return Err(err("one lower-case word is required"));
            }
            let e = w.map.entry(word.to_string()).or_default();
            if e.contains(&kind) {
                return Err(err("listed twice"));
            }
            e.push(kind);
        }
        Ok(w)
    }

    /// The compiled-in lists (checked by this module's tests).
    pub(crate) fn get() -> &'static Words {
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(|| Words::load().expect("dispute-words.txt is valid (tested)"))
    }

    /// True if lower-case `word` is of `kind`.
    pub(crate) fn is(&self, word: &str, kind: Kind) -> bool {
        self.map.get(word).is_some_and(|k| k.contains(&kind))
    }
}

/// Who holds a side: one entity, or one paraphrase group of a country.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Entity(usize),
    Group(String),
}

/// Lower-case words of a name, without a leading article, possessive "'s" or stray "s".
fn name_words(s: &str) -> Vec<(String, bool)> {
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

fn stems_of(words: &[String]) -> Vec<String> {
    words.iter().map(|w| triangulate_text::stem(w)).collect()
}

/// Resolves holder phrases to entities of the story.
struct Names<'a> {
    entities: &'a [Entity],
    by_words: BTreeMap<Vec<String>, usize>,
    /// Lower-case words of each entity's name.
    name_words: Vec<Vec<String>>,
    /// Paraphrase group of each entity that is a place (a country and its capital).
    groups: Vec<Option<String>>,
    /// Groups that hold the name of at least one place entity.
    actor_groups: BTreeSet<String>,
    /// The investigating body, if the story has one.
    body: Option<usize>,
}

/// The paraphrase group that covers all of `words`, if one does.
fn group_of(words: &[String]) -> Option<String> {
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
    fn new(entities: &'a [Entity]) -> Names<'a> {
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

    fn entity_key(&self, i: usize) -> Key {
        match &self.groups[i] {
            Some(g) => Key::Group(g.clone()),
            None => Key::Entity(i),
        }
    }

    /// The holder a phrase names, if it names one.
    fn resolve(&self, phrase: &str) -> Option<Key> {
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
    fn display(&self, key: &Key, written: &[String]) -> String {
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

fn holder_words(view: &TokenView, idx: &[usize]) -> String {
    idx.iter()
        .map(|&k| view.text[k])
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" 's", "'s")
        .replace(" ’s", "’s")
}

/// Split "the union and the mayor" (or "Brandt and experts") at "and".
fn split_and(view: &TokenView, idx: &[usize]) -> Vec<Vec<usize>> {
    idx.split(|&k| view.norm[k] == "and")
        .map(<[usize]>::to_vec)
        .filter(|p| !p.is_empty())
        .collect()
}

fn usable(view: &TokenView, k: usize) -> bool {
    let n = view.norm[k];
    n.chars().any(char::is_alphabetic)
        && !view.is_number[k]
        && !TIME_WORDS.contains(&n)
        && (GLUE.contains(&n) || !triangulate_text::is_stopword(n))
}

/// Index of the first word before token `cue` that is not an auxiliary or an adverb.
fn skip_back(view: &TokenView, start: usize, cue: usize) -> usize {
    let mut k = cue;
    while k > start && (AUX.contains(&view.norm[k - 1]) || view.norm[k - 1].ends_with("ly")) {
        k -= 1;
    }
    k
}

/// The noun phrase right before token `cue`, within the sentence starting at `start`.
fn subject_before(view: &TokenView, start: usize, cue: usize) -> Vec<usize> {
    let mut k = skip_back(view, start, cue);
    let mut idx = Vec::new();
    while k > start && idx.len() < 6 && usable(view, k - 1) {
        k -= 1;
        idx.push(k);
    }
    idx.reverse();
    trim_glue(view, idx)
}

fn trim_glue(view: &TokenView, mut idx: Vec<usize>) -> Vec<usize> {
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
    trim_glue(view, idx)
}

/// The analysis of one story that holder finding needs.
struct Ctx<'a> {
    docs: &'a [AnalyzedDoc],
    views: Vec<TokenView<'a>>,
    names: Names<'a>,
}

/// One holder as found: who, and the words written for it.
type Found = (Key, String);

impl Ctx<'_> {
    fn resolve_idx(&self, d: usize, idx: &[usize], out: &mut Vec<Found>) {
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
    fn sentence_holders(&self, d: usize, si: usize) -> Vec<Found> {
        let view = &self.views[d];
        let sent = self.docs[d].text.sentences[si];
        let (ss, se) = (sent.first_token as usize, sent.end_token as usize);
        let mut out = Vec::new();
        let idx = sentence_subject(view, ss, se, se);
        self.resolve_idx(d, &idx, &mut out);
        out
    }

    /// A pronoun right before token `cue` ("they said"): the subject of the sentence before.
    fn pronoun_holders(&self, d: usize, si: usize, start: usize, cue: usize) -> Option<Vec<Found>> {
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
    fn speaker_at(&self, d: usize, at: u32, direct: bool) -> Vec<Found> {
        let ad = &self.docs[d];
        let mut out = Vec::new();
        for q in &ad.quotes {
            if !(q.content.start <= at && at < q.content.end) || (direct && !q.direct) {
                continue;
            }
            let written = q
                .speaker
                .clone()
                .or_else(|| q.source.map(|s| ad.doc.slice(s).to_string()));
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
    fn holders_before(&self, s: &Statement, cue: usize) -> Vec<Found> {
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
    fn main_holders(&self, s: &Statement, at: usize) -> Vec<Found> {
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
    fn holders_at(&self, s: &Statement, cue: usize) -> Vec<Found> {
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

/// One claim of responsibility as found in one statement.
struct Claim {
    st: usize,
    deny: bool,
    target: Vec<u32>,
    holders: Vec<Found>,
    /// Token of the claim word (for the topic's words).
    at: Option<usize>,
}

/// The token of the statement's claim word, unless the statement asks ("who is behind").
fn claim_token(view: &TokenView, s: &Statement) -> Option<usize> {
    let words = Words::get();
    let asks = |k: usize| {
        (k.saturating_sub(2)..k)
            .any(|j| j >= s.first_token && matches!(view.norm[j], "who" | "whether"))
    };
    if let Some(&(_, k)) = s.cues.iter().find(|c| {
        matches!(c.0, Cue::Claim | Cue::Innocent)
            && !asks(c.1)
            && !words.is(view.norm[c.1], Kind::NotClaim)
    }) {
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
    let mut hy = gather(&ry, doc_ids, stmts);
    let mut hn = gather(&rn, doc_ids, stmts);
    settle(&mut hy, &mut hn);
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

/// One judgment of an investigation in one statement.
struct Judgment {
    st: usize,
    positive: bool,
    /// Judgment words as written.
    words: Vec<String>,
    /// The judged noun as written.
    noun: String,
    holders: Vec<Found>,
}

/// Tokens of statement `s` that name what can be judged: `evaluated` nouns and mentions of
/// the investigating body.
fn judged_tokens(ctx: &Ctx, s: &Statement) -> Vec<usize> {
    let view = &ctx.views[s.doc];
    let words = Words::get();
    let body_mentions: Vec<Span> = ctx
        .names
        .body
        .map(|b| {
            ctx.names.entities[b]
                .mentions
                .iter()
                .filter(|m| m.doc == ctx.docs[s.doc].doc.id)
                .copied()
                .collect()
        })
        .unwrap_or_default();
    (s.first_token..s.end_token)
        .filter(|&k| {
            let (a, b) = view.range[k];
            words.is(view.norm[k], Kind::Evaluated)
                || body_mentions
                    .iter()
                    .any(|m| m.start as usize <= a && b <= m.end as usize)
        })
        .collect()
}

fn judgments(ctx: &Ctx, stmts: &[Statement]) -> Vec<Judgment> {
    let words = Words::get();
    let mut out = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        let view = &ctx.views[s.doc];
        let targets = judged_tokens(ctx, s);
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
fn quality(ctx: &Ctx, stmts: &[Statement], doc_ids: &[DocId]) -> Option<Conflict> {
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
    let mut hn = gather(&ra, doc_ids, stmts);
    let mut hp = gather(&rb, doc_ids, stmts);
    settle(&mut hn, &mut hp);
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
            .map(|d| TokenView::new(&d.doc.text, &d.text))
            .collect(),
        names: Names::new(entities),
    };
    let mut out = Vec::new();
    out.extend(responsibility(&ctx, stmts, terms, doc_ids));
    out.extend(quality(&ctx, stmts, doc_ids));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Story, StoryOptions};
    use triangulate_core::Document;

    #[test]
    fn dispute_words_load_and_their_examples_hold() {
        let w = Words::load().unwrap();
        let examples = super::super::rules::examples(WORDS.1);
        assert!(examples.len() >= 4);
        for ex in examples {
            let (text, kinds) = ex.split_once(" => ").unwrap();
            let lower: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty())
                .map(str::to_lowercase)
                .collect();
            for k in kinds.split_whitespace() {
                let kind = match k {
                    "weakclaim" => Kind::WeakClaim,
                    "notclaim" => Kind::NotClaim,
                    "speech" => Kind::Speech,
                    "report" => Kind::Report,
                    "bearer" => Kind::Bearer,
                    "pronoun" => Kind::Pronoun,
                    "evaluated" => Kind::Evaluated,
                    "positive" => Kind::Positive,
                    "negative" => Kind::Negative,
                    "verb" => Kind::Verb,
                    "demand" => Kind::Demand,
                    "shifter" => Kind::Shifter,
                    _ => panic!("unknown kind {k} in example {ex:?}"),
                };
                assert!(
                    lower.iter().any(|x| w.is(x, kind)),
                    "{ex:?}: no word of kind {k}"
                );
            }
        }
    }

    fn story(texts: &[&str]) -> Story {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
            .collect();
        Story::build(docs, &StoryOptions::default())
    }

    fn disputes_of(s: &Story, attribute: &str) -> Vec<Conflict> {
        s.conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::DisputedClaim && c.attribute == attribute)
            .cloned()
            .collect()
    }

    /// Every holder is one entity of the story, named once, on one side only.
    fn holders_are_distinct_entities(s: &Story, c: &Conflict) {
        let names: Vec<&str> = s.entities.iter().map(|e| e.name.as_str()).collect();
        let all: Vec<&String> = c.sides.iter().flat_map(|x| &x.held_by).collect();
        for h in &all {
            assert!(names.contains(&h.as_str()), "{h:?} is no entity: {names:?}");
        }
        let mut d = all.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), all.len(), "a holder twice: {c:#?}");
    }

    #[test]
    fn fixture_responsibility_dispute_names_entities_on_each_side() {
        let s = story(&[
            "The Coastal Safety Board found that the Harlow Port Authority was responsible for the Pier Nine blast. The Harlow Port Authority has denied the allegation.",
            "Mayor Ada Quint said the Harlow Port Authority was behind the Pier Nine blast. Port director Lena Brandt said there is no evidence the authority was responsible for the blast.",
            "The Harlow Port Authority rejected Coastal Safety Board accusations that it was to blame for the Pier Nine blast.",
        ]);
        let d = disputes_of(&s, "responsibility");
        assert_eq!(d.len(), 1, "{:#?}", s.conflicts);
        let c = &d[0];
        holders_are_distinct_entities(&s, c);
        let side = |p: &str| {
            c.sides
                .iter()
                .find(|x| x.position.as_deref() == Some(p))
                .unwrap()
        };
        let (yes, no) = (side("asserts"), side("denies or contests"));
        assert!(
            yes.held_by.iter().any(|h| h == "Coastal Safety Board"),
            "{c:#?}"
        );
        assert!(yes.held_by.iter().any(|h| h.contains("Quint")), "{c:#?}");
        assert!(
            no.held_by.iter().any(|h| h == "Harlow Port Authority"),
            "{c:#?}"
        );
        assert!(no.held_by.iter().any(|h| h.contains("Brandt")), "{c:#?}");
        // The proposition in the text's words, not stems.
        assert!(c.topic.contains("Pier Nine blast"), "{}", c.topic);
        assert!(c.topic.contains("Harlow Port Authority"), "{}", c.topic);
    }

    #[test]
    fn fixture_quality_dispute_praise_against_criticism() {
        let s = story(&[
            "The Coastal Safety Board report was superficial and unprofessional, Lena Brandt said on Monday.",
            "Mayor Ada Quint called the Coastal Safety Board a professional, independent and impartial body.",
            "Transport Minister Elias Varn said the report relied on dubious witnesses and unconvincing evidence.",
        ]);
        let d = disputes_of(&s, "quality");
        assert_eq!(d.len(), 1, "{:#?}", s.conflicts);
        let c = &d[0];
        holders_are_distinct_entities(&s, c);
        let bad = &c.sides[0];
        let good = &c.sides[1];
        assert!(bad.position.as_deref().unwrap().contains("superficial"));
        assert!(good.position.as_deref().unwrap().contains("impartial"));
        assert!(bad.held_by.iter().any(|h| h.contains("Brandt")), "{c:#?}");
        assert!(bad.held_by.iter().any(|h| h.contains("Varn")), "{c:#?}");
        assert!(good.held_by.iter().any(|h| h.contains("Quint")), "{c:#?}");
    }

    #[test]
    fn fixture_demands_and_one_sided_claims_are_no_dispute() {
        let s = story(&[
            "Senator Ida Holm called for an independent investigation into the warehouse fire. The fire inspectors found that a faulty heater was responsible for the fire.",
            "The report criticized the fire department for a slow response, Chief Tom Reyes said. Residents want a thorough and independent inquiry.",
            "Chief Tom Reyes said a faulty heater was to blame for the warehouse fire, and council member Rosa Vint urged a thorough, impartial probe.",
        ]);
        let d: Vec<&Conflict> = s
            .conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::DisputedClaim)
            .collect();
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn fixture_innocent_after_that_is_held_by_the_sentence_subject() {
        let s = story(&[
            "Inspector Noor Haddad found the Vell Mining Company responsible for the Dunmore spill.",
            "Vell Mining Company chief Omar Petrov presented evidence that the company was innocent of causing the Dunmore spill.",
        ]);
        let d = disputes_of(&s, "responsibility");
        assert_eq!(d.len(), 1, "{:#?}", s.conflicts);
        let no = &d[0].sides[1];
        assert!(
            no.held_by.iter().any(|h| h.contains("Petrov")),
            "{:#?}",
            d[0]
        );
        assert!(
            !no.held_by.iter().any(|h| h.contains("Haddad")),
            "{:#?}",
            d[0]
        );
    }
}
