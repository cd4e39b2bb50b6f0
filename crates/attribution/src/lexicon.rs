//! Word lists of `resources/en/attribution/`, compiled in and validated on first use.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use triangulate_text::data_lines;

/// A malformed line in an attribution word list: the error of every resource file.
pub use triangulate_text::LexiconError;

macro_rules! resource {
    ($name:literal) => {
        (
            concat!("resources/en/attribution/", $name),
            include_str!(concat!("../../../resources/en/attribution/", $name)),
        )
    };
}

/// Every list: (file name, contents).
pub(crate) const FILES: [(&str, &str); 9] = [
    resource!("cues.txt"),
    resource!("cues-learned.txt"),
    resource!("nouns.txt"),
    resource!("titles.txt"),
    resource!("organizations.txt"),
    resource!("places.txt"),
    resource!("pronouns.txt"),
    resource!("not-names.txt"),
    resource!("name-cues.txt"),
];

/// The attribution word lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Reporting cue word forms ("said", "according").
    pub cues: HashSet<String>,
    /// Reporting nouns ("statement").
    pub nouns: HashSet<String>,
    /// Title and role words ("ambassador", "deputy").
    pub titles: HashSet<String>,
    /// Organization head words ("ministry").
    pub orgs: HashSet<String>,
    /// Place names (as written) with their adjective if any.
    pub places: HashMap<String, Option<String>>,
    /// Place adjectives ("Russian") to their place.
    pub demonyms: HashMap<String, String>,
    /// Words never a name alone ("april", "monday").
    pub not_names: HashSet<String>,
    /// A name's last word to the kind it gives the name ("street" to place, "bakery" to
    /// organization).
    pub last_word_kinds: HashMap<String, NameKind>,
    /// A name's first word to the kind it gives the name ("port" to place).
    pub first_word_kinds: HashMap<String, NameKind>,
    /// Pronoun (lower case) to referent kind ("person", "organization", "group", "speaker").
    pub pronouns: HashMap<String, String>,
}

/// The kind a name cue gives a name (`name-cues.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A place ("Granger Street").
    Place,
    /// An organization ("Vale Bakery").
    Organization,
}

/// `# EXAMPLE:` lines of a list.
#[cfg(test)]
pub(crate) fn examples(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .filter_map(|l| l.strip_prefix("# EXAMPLE:"))
        .map(str::trim)
}

impl Lexicon {
    /// Parse the compiled-in lists, reporting the first bad line.
    pub fn load() -> Result<Lexicon, LexiconError> {
        let mut lx = Lexicon::default();
        for (file, src) in FILES {
            for (line, l) in data_lines(src) {
                let err = |message: &str| LexiconError {
                    file,
                    line,
                    message: message.to_string(),
                };
                let (word, extra) = match l.split_once('\t') {
                    Some((w, x)) => (w, Some(x)),
                    None => (l, None),
                };
                if word.trim() != word || word.is_empty() {
                    return Err(err("stray whitespace"));
                }
                let lower_only = !file.ends_with("places.txt");
                if lower_only && word != word.to_lowercase() {
                    return Err(err("write entries in lower case"));
                }
                match file.rsplit('/').next().unwrap_or("") {
                    "cues.txt" | "cues-learned.txt" => lx.cues.insert(word.into()),
                    "nouns.txt" => lx.nouns.insert(word.into()),
                    "titles.txt" => lx.titles.insert(word.into()),
                    "organizations.txt" => lx.orgs.insert(word.into()),
                    "not-names.txt" => lx.not_names.insert(word.into()),
                    "name-cues.txt" => {
                        let (kind, first) = match extra.map(|x| x.split_once('\t')) {
                            Some(Some((k, "first"))) => (k, true),
                            Some(Some(_)) => return Err(err("expected WORD<TAB>KIND[<TAB>first]")),
                            Some(None) => (extra.unwrap_or_default(), false),
                            None => return Err(err("expected WORD<TAB>KIND[<TAB>first]")),
                        };
                        let kind = match kind {
                            "place" => NameKind::Place,
                            "organization" => NameKind::Organization,
                            _ => return Err(err(&format!("unknown kind {kind:?}"))),
                        };
                        let map = if first {
                            &mut lx.first_word_kinds
                        } else {
                            &mut lx.last_word_kinds
                        };
                        map.insert(word.into(), kind).is_none()
                    }
                    "places.txt" => {
                        if let Some(adj) = extra {
                            lx.demonyms.insert(adj.into(), word.into());
                        }
                        lx.places.insert(word.into(), extra.map(Into::into));
                        true
                    }
                    _ => {
                        let kind = extra.ok_or_else(|| err("expected WORD<TAB>KIND"))?;
                        if !["person", "organization", "group", "speaker"].contains(&kind) {
                            return Err(err(&format!("unknown kind {kind:?}")));
                        }
                        lx.pronouns.insert(word.into(), kind.into());
                        true
                    }
                };
            }
        }
        Ok(lx)
    }

    /// The lists, loaded once. Panics only if a compiled-in list is malformed, which the
    /// crate's tests rule out.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::load().unwrap_or_else(|e| panic!("{e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `# EXAMPLE:` line runs: cue, noun and pronoun examples yield a quote; title,
    /// organization and place examples yield an entity; name-cue examples yield only places
    /// and organizations.
    #[test]
    fn examples_run() {
        use triangulate_core::{DocId, Document};
        for (file, src) in FILES {
            for ex in examples(src) {
                let doc = Document::new(DocId(0), file, ex);
                let ta = triangulate_text::analyze(&doc);
                let mut quotes = vec![crate::attribute(&doc, &ta)];
                let found_quote = !quotes[0].is_empty();
                let entities = crate::resolve(&[(&doc, &ta)], &mut quotes);
                if file.contains("not-names") {
                    assert!(
                        entities.iter().all(|e| e.name != "April"),
                        "{file}: month taken for a name in {ex:?}"
                    );
                    assert!(!entities.is_empty(), "{file}: no entity in example {ex:?}");
                } else if file.contains("name-cues") {
                    // Every name in a name-cue example gets its kind from a cue.
                    assert!(
                        !entities.is_empty()
                            && entities.iter().all(|e| e.kind != crate::EntityKind::Person),
                        "{file}: a cued name taken for a person in {ex:?}: {entities:?}"
                    );
                } else if file.contains("cues")
                    || file.contains("nouns")
                    || file.contains("pronouns")
                {
                    assert!(found_quote, "{file}: no quote in example {ex:?}");
                } else {
                    assert!(!entities.is_empty(), "{file}: no entity in example {ex:?}");
                }
            }
        }
    }

    #[test]
    fn lists_load() {
        let lx = Lexicon::load().unwrap();
        assert!(lx.cues.contains("said"));
        assert!(lx.titles.contains("ambassador"));
        assert_eq!(lx.last_word_kinds.get("street"), Some(&NameKind::Place));
        assert_eq!(lx.first_word_kinds.get("port"), Some(&NameKind::Place));
        assert_eq!(
            lx.last_word_kinds.get("bakery"),
            Some(&NameKind::Organization)
        );
        assert_eq!(
            lx.demonyms.get("Russian").map(String::as_str),
            Some("Russia")
        );
    }
}
