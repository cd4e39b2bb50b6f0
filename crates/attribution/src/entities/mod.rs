//! Entities of a story (people, organizations, places) and speaker resolution.
//!
//! Names are runs of capitalized tokens (with "of/for/the/and" inside organization names),
//! classified by the word lists of `resources/en/attribution/` and their context, and
//! merged across the story's documents by rules: the same normalized name (dots, case,
//! "al-", "United Nations" = "UN"), a surname alone and the full name, an acronym and its
//! expansion (in parentheses, or by initials), an organization name and the same name with a
//! leading country or acronym ("U.N. Security Council" = "Security Council").
//! All passes are linear in the number of tokens (plus a sort of the names).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span, UnionFind};
use triangulate_text::TextAnalysis;

use crate::lexicon::Lexicon;
use crate::Quote;

mod mentions;

use mentions::{initials, is_acronym, mentions_of, Mention};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization, office or group.
    Organization,
    /// A place.
    Place,
}

/// One entity of the story with its names and mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name (the most frequent full form; the longest on ties).
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Other names it goes by, sorted.
    pub aliases: Vec<String>,
    /// Role or title the text gives (people), if any.
    pub role: Option<String>,
    /// Every mention, in document and text order.
    pub mentions: Vec<Span>,
}

/// Find the story's entities and resolve the speakers of `quotes` (one list per document,
/// same order as `docs`): each quote gets `speaker` (an entity name or the source's own
/// description) and `role`.
pub fn resolve(docs: &[(&Document, &TextAnalysis)], quotes: &mut [Vec<Quote>]) -> Vec<Entity> {
    let lx = Lexicon::get();
    let mut ms: Vec<Mention> = Vec::new();
    for (di, (doc, ta)) in docs.iter().enumerate() {
        ms.extend(mentions_of(di, doc, ta));
    }
    // Names: distinct keys.
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for m in &ms {
        let len = names.len();
        names.entry(m.key.clone()).or_insert(len);
    }
    let keys: Vec<String> = {
        let mut v = vec![String::new(); names.len()];
        for (k, &i) in &names {
            v[i] = k.clone();
        }
        v
    };
    let mut kind_votes: Vec<[u32; 3]> = vec![[0; 3]; keys.len()];
    let mut acro: Vec<bool> = vec![false; keys.len()];
    for m in &ms {
        let id = names[&m.key];
        if let Some(k) = m.kind {
            kind_votes[id][k as usize] += 1;
        }
        acro[id] |= m.acronym;
    }
    let mut dsu = UnionFind::new(keys.len());
    // Acronym in parentheses after its expansion: "Organization ... Weapons (OPCW)".
    for (di, (doc, ta)) in docs.iter().enumerate() {
        let dm: Vec<&Mention> = ms.iter().filter(|m| m.doc == di).collect();
        for w in dm.windows(2) {
            let (a, b) = (w[0], w[1]);
            if b.acronym
                && b.start == a.end + 1
                && ta.tokens[a.end].text(doc.analysis_text()) == "("
                && b.end < ta.tokens.len()
                && ta.tokens[b.end].text(doc.analysis_text()) == ")"
            {
                dsu.union(names[&a.key], names[&b.key]);
            }
        }
    }
    // Acronyms by initials of a multi-word name (leading acronyms of the name skipped).
    let by_initials: HashMap<String, usize> = keys
        .iter()
        .enumerate()
        .filter(|(i, _)| acro[*i])
        .map(|(i, k)| (k.replace([' ', '-'], "").to_uppercase(), i))
        .collect();
    for m in &ms {
        let words: Vec<&str> = m.surface.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let mut s = 0;
        while s < words.len() - 1 && is_acronym(words[s]) {
            s += 1;
        }
        if let Some(&a) = by_initials.get(&initials(&words[s..])) {
            dsu.union(a, names[&m.key]);
        }
    }
    // Organization names with leading countries/acronyms: "UN Security Council".
    let org_like = |i: usize| kind_votes[i][EntityKind::Organization as usize] > 0;
    for (i, k) in keys.iter().enumerate() {
        if !org_like(i) {
            continue;
        }
        let ws: Vec<&str> = k.split(' ').collect();
        for cut in 1..ws.len().saturating_sub(1) {
            let head = &ws[..cut];
            let rest = ws[cut..].join(" ");
            let modifiers = head.iter().all(|w| {
                w.len() <= 5 && !w.contains('\'')
                    || lx.demonyms.keys().any(|d| d.to_lowercase() == *w)
            });
            if let (true, Some(&j)) = (modifiers, names.get(&rest)) {
                if org_like(j) {
                    dsu.union(i, j);
                    break;
                }
            }
        }
    }
    // Surnames to full names: a one-word name that is the last word of exactly one person
    // name (or of the most mentioned one).
    let mut person_last: BTreeMap<String, (usize, u32)> = BTreeMap::new();
    let mentions_per: Vec<u32> = {
        let mut v = vec![0u32; keys.len()];
        for m in &ms {
            v[names[&m.key]] += 1;
        }
        v
    };
    for (i, k) in keys.iter().enumerate() {
        let person = kind_votes[i][0] > 0;
        if person && k.contains(' ') {
            let last = k.rsplit(' ').next().unwrap_or_default().to_string();
            let e = person_last.entry(last).or_insert((i, 0));
            if mentions_per[i] > e.1 {
                *e = (i, mentions_per[i]);
            }
        }
    }
    for (i, k) in keys.iter().enumerate() {
        if !k.contains(' ') {
            if let Some(&(p, _)) = person_last.get(k) {
                dsu.union(p, i);
            }
        }
    }
    // Full names that differ only by a middle name/particle: "bashar assad" done by key.
    // Collect groups.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..keys.len() {
        let r = dsu.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut entity_of_key = vec![usize::MAX; keys.len()];
    let mut entities: Vec<Entity> = Vec::new();
    for members in groups.values() {
        let mut votes = [0u32; 3];
        for &k in members {
            for (v, x) in votes.iter_mut().zip(kind_votes[k]) {
                *v += x;
            }
        }
        let Some(kind_idx) = (0..3)
            .filter(|&k| votes[k] > 0)
            .max_by_key(|&k| (votes[k], 3 - k))
        else {
            continue; // never classified: not an entity
        };
        let kind = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ][kind_idx];
        let id = entities.len();
        for &k in members {
            entity_of_key[k] = id;
        }
        entities.push(Entity {
            name: String::new(),
            kind,
            aliases: Vec::new(),
            role: None,
            mentions: Vec::new(),
        });
    }
    // Surface forms and mentions.
    let mut forms: Vec<BTreeMap<String, u32>> = vec![BTreeMap::new(); entities.len()];
    let mut mention_entity: Vec<Option<usize>> = Vec::with_capacity(ms.len());
    for m in &ms {
        let e = entity_of_key[names[&m.key]];
        if e == usize::MAX {
            mention_entity.push(None);
            continue;
        }
        mention_entity.push(Some(e));
        *forms[e]
            .entry(m.surface.split_whitespace().collect::<Vec<_>>().join(" "))
            .or_default() += 1;
        entities[e].mentions.push(m.span);
        if entities[e].role.is_none() && entities[e].kind == EntityKind::Person {
            let (doc, ta) = docs[m.doc];
            entities[e].role =
                crate::speaker::apposition(doc, ta, m.end).or_else(|| m.role.clone());
        }
    }
    for (e, f) in entities.iter_mut().zip(&forms) {
        let best = f
            .iter()
            .max_by_key(|(s, &c)| {
                let full = s.contains(' ') || e.kind != EntityKind::Person;
                (full, !is_acronym(s), c, s.len())
            })
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        e.aliases = f.keys().filter(|s| **s != best).cloned().collect();
        e.name = best;
    }

    // Speakers.
    let by_name: HashMap<String, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), i))
        .collect();
    for (di, (doc, ta)) in docs.iter().enumerate() {
        let Some(qs) = quotes.get_mut(di) else {
            continue;
        };
        let mut parts: Vec<Span> = qs
            .iter()
            .flat_map(|q| q.content_parts.iter().copied())
            .collect();
        parts.sort();
        let dm: Vec<(Span, usize)> = ms
            .iter()
            .zip(&mention_entity)
            .filter(|(m, _)| m.doc == di)
            .filter_map(|(m, e)| e.map(|e| (m.span, e)))
            .filter(|(s, _)| {
                // Names inside quoted or reported words are not speakers.
                let i = parts.partition_point(|c| c.end < s.end);
                !parts[i.saturating_sub(2)..(i + 2).min(parts.len())]
                    .iter()
                    .any(|c| c.contains(*s))
            })
            .collect();
        let mut last_speaker: Option<(String, Option<EntityKind>, usize)> = None;
        let mut descriptions: Vec<(String, String)> = Vec::new(); // head word, description
        for q in qs.iter_mut() {
            let Some(src) = q.source else {
                continue;
            };
            // The words that name the speaker: a relative pronoun's antecedent, the source
            // without an appositive clause.
            let Some(src) = crate::speaker::speaker_span(doc, ta, src) else {
                q.speaker = None;
                continue;
            };
            let text = doc.analysis_slice(src).trim();
            // Mentions near the source only: a bounded window keeps the pass linear.
            let at = dm.partition_point(|(s, _)| s.start < src.start);
            let dm = &dm[at.saturating_sub(200)..(at + 50).min(dm.len())];
            let lower = text.to_lowercase();
            // "RIA quoted Ryabkov as saying": the one quoted is the speaker.
            let quoted = dm.iter().find(|(s, e)| {
                entities[*e].kind == EntityKind::Person
                    && s.start >= src.end
                    && (s.start - src.end) < 40
                    && doc.analysis_text()[src.end as usize..s.start as usize].contains("quoted")
            });
            // "a spokesman for the U.S. mission": a description, not the mission itself.
            let described = lower
                .split_whitespace()
                .find(|w| !matches!(*w, "a" | "an" | "the"))
                .is_some_and(|w| lx.titles.contains(w));
            let found = dm
                .iter()
                .filter(|(s, _)| quoted.map_or(src.contains(*s) || s.contains(src), |q| q.0 == *s))
                .map(|&(_, e)| e)
                .min_by_key(|&e| (entities[e].kind != EntityKind::Person, e))
                .filter(|&e| !described || entities[e].kind == EntityKind::Person);
            let (speaker, kind) = if let Some(e) = found {
                q.role = entities[e].role.clone();
                (Some(entities[e].name.clone()), Some(entities[e].kind))
            } else if let Some(pk) = lx.pronouns.get(lower.as_str()) {
                let want = match pk.as_str() {
                    "person" => Some(EntityKind::Person),
                    "organization" => Some(EntityKind::Organization),
                    _ => None,
                };
                let recent = last_speaker
                    .as_ref()
                    .filter(|(_, k, pos)| {
                        want.is_some() && *k == want && (src.start as usize).abs_diff(*pos) < 1500
                    })
                    .map(|(s, _, _)| s.clone());
                let r = recent.or_else(|| {
                    dm.iter()
                        .rev()
                        .find(|(s, e)| s.end <= src.start && Some(entities[*e].kind) == want)
                        .map(|&(_, e)| entities[e].name.clone())
                });
                if let Some(name) = &r {
                    q.role = by_name
                        .get(name.as_str())
                        .and_then(|&e| entities[e].role.clone());
                }
                (r, want)
            } else {
                // A description: "a spokesman for the U.S. mission", later "the spokesman".
                let words: Vec<&str> = text.split_whitespace().collect();
                let head = words
                    .iter()
                    .find(|w| {
                        lx.titles.contains(&w.to_lowercase()) || lx.orgs.contains(&w.to_lowercase())
                    })
                    .map(|w| w.to_lowercase());
                let definite = lower.starts_with("the ");
                let earlier = head.as_ref().and_then(|h| {
                    descriptions
                        .iter()
                        .rev()
                        .take(50)
                        .find(|(hh, d)| hh == h && d.len() > text.len())
                        .map(|(_, d)| d.clone())
                });
                let org = head
                    .as_ref()
                    .filter(|h| lx.orgs.contains(*h))
                    .and_then(|h| {
                        dm.iter()
                            .rev()
                            .find(|(s, e)| {
                                s.end <= src.start
                                    && entities[*e].name.to_lowercase().contains(h.as_str())
                            })
                            .map(|&(_, e)| entities[e].name.clone())
                    });
                let own = text
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .to_string();
                if let Some(h) = &head {
                    descriptions.push((h.clone(), own.clone()));
                }
                let s = if definite { earlier.or(org) } else { None }.unwrap_or(own);
                (Some(s), None)
            };
            if let Some(s) = &speaker {
                last_speaker = Some((s.clone(), kind, src.end as usize));
            }
            q.speaker = speaker;
        }
    }
    for e in &mut entities {
        e.mentions.sort();
    }
    entities.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    entities
}
