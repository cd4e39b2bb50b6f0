//! Names in one document: runs of capitalized tokens, their kind (person, organization,
//! place) by the word lists and their context, their normalized key and role words.

use triangulate_core::{Document, Span};
use triangulate_text::{TextAnalysis, TokenKind};

use super::EntityKind;
use crate::lexicon::{Lexicon, NameKind};

/// A name found in one document.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) doc: usize,
    /// Token range in the document's analysis.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) span: Span,
    pub(super) surface: String,
    pub(super) key: String,
    pub(super) kind: Option<EntityKind>,
    pub(super) acronym: bool,
    /// Title words before the name ("Deputy British Ambassador").
    pub(super) role: Option<String>,
}

pub(super) const CONNECTORS: [&str; 4] = ["of", "for", "the", "and"];

pub(super) fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && s.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
}

pub(super) fn is_cap_word(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Assad", "el-Sisi"
        _ => {
            (s.starts_with("al-") || s.starts_with("el-"))
                && s[3..].starts_with(|c: char| c.is_uppercase())
        }
    }
}

/// Normalized key of a name: lower case, no dots, "al-" dropped, UN/US spelled one way.
pub(super) fn key_of(words: &[&str]) -> String {
    let joined = words.join(" ");
    let mut s = joined.to_lowercase().replace('.', "").replace('’', "'");
    for (long, short) in [("united nations", "un"), ("united states", "us")] {
        s = s.replace(long, short);
    }
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "al" && *w != "el" && *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !CONNECTORS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Names of one document.
pub(super) fn mentions_of(di: usize, doc: &Document, ta: &TextAnalysis) -> Vec<Mention> {
    let lx = Lexicon::get();
    let n = ta.tokens.len();
    let raw: Vec<&str> = ta
        .tokens
        .iter()
        .map(|t| t.text(doc.analysis_text()))
        .collect();
    let mut sent_first = vec![false; n];
    for s in &ta.sentences {
        if !s.token_range().is_empty() {
            sent_first[s.first_token as usize] = true;
        }
    }
    let is_org_word = |i: usize| lx.orgs.contains(ta.norm_of(i));
    let is_title = |i: usize| lx.titles.contains(ta.norm_of(i).trim_end_matches('.'));
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if ta.tokens[i].kind != TokenKind::Word || !is_cap_word(raw[i]) {
            i += 1;
            continue;
        }
        // Grow the run.
        let start = i;
        let mut end = i + 1;
        let mut has_org = is_org_word(i);
        let mut has_amp = false;
        loop {
            if end < n && ta.tokens[end].kind == TokenKind::Word && is_cap_word(raw[end]) {
                // A line break ends a name unless the line ends in a dotted abbreviation.
                let gap = &doc.analysis_text()
                    [ta.tokens[end - 1].end as usize..ta.tokens[end].start as usize];
                if gap.contains("\n\n") {
                    break;
                }
                has_org |= is_org_word(end);
                end += 1;
            } else if end + 1 < n
                && raw[end] == "-"
                && ta.tokens[end].start == ta.tokens[end - 1].end
                && ta.tokens[end + 1].start == ta.tokens[end].end
                && is_cap_word(raw[end + 1])
            {
                // "OPCW-UN": one name.
                end += 1;
            } else if end + 1 < n
                && raw[end] == "&"
                && is_cap_word(raw[end + 1])
                && !doc.analysis_text()
                    [ta.tokens[end - 1].end as usize..ta.tokens[end + 1].start as usize]
                    .contains('\n')
            {
                // "AT&T", "Procter & Gamble", "AT&amp;T": one name, a company's.
                has_org = true;
                has_amp = true;
                end += 1;
            } else if end + 1 < n
                && (has_org || is_title(end - 1))
                && CONNECTORS.contains(&ta.norm_of(end))
                && (is_cap_word(raw[end + 1])
                    || (ta.norm_of(end + 1) == "the" && end + 2 < n && is_cap_word(raw[end + 2])))
            {
                end += 1;
            } else {
                break;
            }
        }
        i = end;
        // Trim trailing connectors.
        while end > start && CONNECTORS.contains(&ta.norm_of(end - 1)) {
            end -= 1;
        }
        let mut s = start;
        // Leading function words ("But", "The", "Last") and, for non-organizations,
        // leading title words, places and demonyms (kept as the role).
        // ("AT" of "AT&T" is a word of the name.)
        while s < end
            && triangulate_text::is_stopword(ta.norm_of(s))
            && raw.get(s + 1) != Some(&"&")
        {
            s += 1;
        }
        if s >= end {
            continue;
        }
        let org_head = has_amp
            || is_org_word(end - 1)
            || (is_org_word(s) && (s..end).any(|k| CONNECTORS.contains(&ta.norm_of(k))));
        if org_head {
            // "Director of the Russian Foreign Ministry": the organization is the name.
            let mut j = s;
            while j < end - 1
                && (is_title(j) || CONNECTORS.contains(&ta.norm_of(j)))
                && !is_org_word(j)
            {
                j += 1;
            }
            if (s..j).any(is_title) {
                s = j;
            }
        }
        let words: Vec<&str> = raw[s..end].to_vec();
        let mut name_start = s;
        let mut role_start = None;
        if !org_head {
            let mut j = s;
            while j < end - 1
                && (is_title(j)
                    || CONNECTORS.contains(&ta.norm_of(j))
                    || is_org_word(j)
                    || ta.norm_of(j) == "united"
                    || (j > s
                        && ta.norm_of(j - 1) == "of"
                        && matches!(ta.norm_of(j), "state" | "defense" | "treasury"))
                    || lx.demonyms.contains_key(raw[j])
                    || lx.places.contains_key(raw[j])
                    || is_acronym(raw[j]))
            {
                j += 1;
            }
            if j > s && (s..j).any(|k| is_title(k) || is_org_word(k)) {
                role_start = Some(s);
                name_start = j;
            }
        }
        let words_n: Vec<&str> = raw[name_start..end].to_vec();
        let surface = surface_of(doc, ta, name_start, end);
        let acronym = words_n.len() == 1 && is_acronym(words_n[0]);
        let single = words_n.len() == 1;
        let norm_at = |k: Option<usize>| k.map_or("", |k| ta.norm_of(k));
        let prev = norm_at(name_start.checked_sub(1));
        let prev2 = norm_at(name_start.checked_sub(2));
        let kind = if org_head || (acronym && !lx.places.contains_key(words_n[0])) {
            Some(EntityKind::Organization)
        } else if lx.places.contains_key(surface.as_str()) {
            Some(EntityKind::Place)
        } else if role_start.is_some() {
            Some(EntityKind::Person)
        } else if let Some(k) = kind_by_cue(lx, ta, name_start, end) {
            Some(k)
        } else if lx.demonyms.contains_key(surface.as_str())
            || words.iter().all(|w| is_title_str(lx, w))
        {
            None.filter(|_: &EntityKind| false)
        } else if speaks(ta, &raw, prev2, prev, end) {
            // Who says things is a person (an organization has a cue or an acronym).
            Some(EntityKind::Person)
        } else if LOCATIVE.contains(&prev) || (prev == "the" && LOCATIVE_THE.contains(&prev2)) {
            // Where things happen.
            Some(EntityKind::Place)
        } else if !single {
            Some(EntityKind::Person)
        } else if sent_first[name_start] {
            // A capitalized sentence opener alone says nothing; merging may still claim it.
            None
        } else {
            None
        };
        if kind.is_none() && (!single || lx.demonyms.contains_key(surface.as_str())) {
            continue;
        }
        if single && (is_title(name_start) || lx.not_names.contains(ta.norm_of(name_start))) {
            continue;
        }
        let role = role_start
            .filter(|&r| (r..name_start).any(is_title))
            .map(|r| {
                doc.analysis_text()
                    [ta.tokens[r].start as usize..ta.tokens[name_start - 1].end as usize]
                    .to_string()
            });
        let _ = words;
        out.push(Mention {
            doc: di,
            start: name_start,
            end,
            span: Span::new_unchecked(
                doc.id,
                ta.tokens[name_start].start as usize,
                ta.tokens[end - 1].end as usize,
            ),
            key: key_of(&words_n),
            surface,
            kind,
            acronym,
            role,
        });
    }
    out
}

/// A name's words as written: its tokens, one space where the text has white space between
/// two of them, none where it has none ("AT&T"; "AT&amp;T", whose entity the analysis view
/// pads with spaces; a name wrapped over a line break reads with one space).
pub(super) fn surface_of(doc: &Document, ta: &TextAnalysis, start: usize, end: usize) -> String {
    let view = doc.analysis_text();
    let mut out = String::new();
    for k in start..end {
        let t = &ta.tokens[k];
        if k > start {
            let gap = &doc.text[ta.tokens[k - 1].end as usize..t.start as usize];
            if gap.chars().any(char::is_whitespace) {
                out.push(' ');
            }
        }
        out.push_str(&view[t.start as usize..t.end as usize]);
    }
    out
}

/// Words before a name that make it a place: "in Dunmore", "across Dunmore Flats".
pub(super) const LOCATIVE: [&str; 14] = [
    "in", "near", "at", "of", "from", "to", "over", "across", "along", "through", "into",
    "outside", "inside", "around",
];
/// The same before "the": "across the Dunmore Flats" ("of the", "to the" say too little).
pub(super) const LOCATIVE_THE: [&str; 12] = [
    "in", "near", "at", "from", "over", "across", "along", "through", "into", "outside", "inside",
    "around",
];

/// The kind a name's own words give it (`name-cues.txt`): its last word, else its first
/// ("Granger Street", "Vale Bakery", "Port Aldous"). One word alone is no cue.
pub(super) fn kind_by_cue(
    lx: &Lexicon,
    ta: &TextAnalysis,
    start: usize,
    end: usize,
) -> Option<EntityKind> {
    if end < start + 2 {
        return None;
    }
    let word = |k: usize| ta.norm_of(k).trim_end_matches('.');
    let cue = lx
        .last_word_kinds
        .get(word(end - 1))
        .or_else(|| lx.first_word_kinds.get(word(start)))?;
    Some(match cue {
        NameKind::Place => EntityKind::Place,
        NameKind::Organization => EntityKind::Organization,
    })
}

/// A name used as a speaker: after "according to", or right before a verb of saying
/// ("Varro said").
pub(super) fn speaks(ta: &TextAnalysis, raw: &[&str], prev2: &str, prev: &str, end: usize) -> bool {
    (prev2 == "according" && prev == "to")
        || (end < raw.len()
            && raw[end].starts_with(char::is_lowercase)
            && triangulate_text::is_speech_verb(ta.norm_of(end)))
}

pub(super) fn is_title_str(lx: &Lexicon, w: &str) -> bool {
    lx.titles.contains(w.to_lowercase().trim_end_matches('.'))
}
