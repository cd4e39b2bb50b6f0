//! The word lists of `resources/en/agreement/dispute-words.txt`, parsed and checked at first
//! use with `file:line` errors.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use triangulate_text::data_lines;

use super::super::rules::RuleError;

pub(super) const WORDS: (&str, &str) = (
    "resources/en/agreement/dispute-words.txt",
    include_str!("../../../../../resources/en/agreement/dispute-words.txt"),
);

/// Kinds of words in `dispute-words.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    WeakClaim,
    Ask,
    ClaimVerb,
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

impl Kind {
    /// The kind a `dispute-words.txt` line names.
    pub(super) fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "weakclaim" => Kind::WeakClaim,
            "ask" => Kind::Ask,
            "claimverb" => Kind::ClaimVerb,
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
            _ => return None,
        })
    }
}

/// The word lists of `dispute-words.txt`.
#[derive(Debug, Default)]
pub(super) struct Words {
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
            let kind = Kind::from_name(k).ok_or_else(|| err("unknown kind"))?;
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
