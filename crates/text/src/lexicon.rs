//! Word lists from `resources/en/`, compiled in and validated on first use.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How an abbreviation behaves before a capitalized word (see `resources/en/abbreviations.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Never ends a sentence: "Mr.", "Gov.".
    Title,
    /// Ends a sentence only when no number follows: "Nov.".
    Month,
    /// Dotted acronym used before nouns: "U.N.", "U.S.".
    Prenominal,
    /// May end a sentence: "Inc.", "a.m.".
    Any,
}

/// A malformed line in a word list or rule file under `resources/` (every crate's resource
/// files report this one error, as `file:line: message`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    /// Resource file name.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The word lists.
#[derive(Debug)]
pub struct Lexicon {
    abbreviations: HashMap<String, AbbrevClass>,
    stopwords: HashSet<String>,
    speech_verbs: HashSet<String>,
    time_zones: HashSet<String>,
}

const ABBREVIATIONS: (&str, &str) = (
    "resources/en/abbreviations.txt",
    include_str!("../../../resources/en/abbreviations.txt"),
);
const SPEECH_VERBS: (&str, &str) = (
    "resources/en/text/speech_verbs.txt",
    include_str!("../../../resources/en/text/speech_verbs.txt"),
);
const TIME_ZONES: (&str, &str) = (
    "resources/en/text/time_zones.txt",
    include_str!("../../../resources/en/text/time_zones.txt"),
);
const STOPWORDS: (&str, &str) = (
    "resources/en/stopwords.txt",
    include_str!("../../../resources/en/stopwords.txt"),
);

/// Lines of a word list or rule file under `resources/` that are neither blank nor `#`
/// comments, right-trimmed, with their 1-based line numbers (for `file:line` errors).
pub fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// A list of lower-case words, one a line.
fn word_set((file, src): (&'static str, &str)) -> Result<HashSet<String>, LexiconError> {
    let mut set = HashSet::new();
    for (line, l) in data_lines(src) {
        if l.contains(char::is_whitespace) || l != l.to_lowercase() {
            return Err(LexiconError {
                file,
                line,
                message: "one lower-case word per line".into(),
            });
        }
        set.insert(l.to_string());
    }
    Ok(set)
}

impl Lexicon {
    /// Parse the compiled-in word lists, reporting the first bad line.
    pub fn load() -> Result<Lexicon, LexiconError> {
        let (file, src) = ABBREVIATIONS;
        let mut abbreviations = HashMap::new();
        for (line, l) in data_lines(src) {
            let err = |message: &str| LexiconError {
                file,
                line,
                message: message.to_string(),
            };
            let (word, class) = l
                .split_once('\t')
                .ok_or_else(|| err("expected WORD<TAB>CLASS"))?;
            let class = match class {
                "title" => AbbrevClass::Title,
                "month" => AbbrevClass::Month,
                "prenom" => AbbrevClass::Prenominal,
                "any" => AbbrevClass::Any,
                other => return Err(err(&format!("unknown class {other:?}"))),
            };
            if word != word.to_lowercase() || word.ends_with('.') {
                return Err(err(
                    "write abbreviations in lower case without the final period",
                ));
            }
            abbreviations.insert(word.to_string(), class);
        }
        let (file, src) = STOPWORDS;
        let mut stopwords = HashSet::new();
        for (line, l) in data_lines(src) {
            if l.contains(char::is_whitespace) || l != l.to_lowercase() {
                return Err(LexiconError {
                    file,
                    line,
                    message: "one lower-case word per line".into(),
                });
            }
            stopwords.insert(l.to_string());
        }
        Ok(Lexicon {
            abbreviations,
            stopwords,
            speech_verbs: word_set(SPEECH_VERBS)?,
            time_zones: word_set(TIME_ZONES)?,
        })
    }

    /// The compiled-in lists. They are checked by this crate's tests, so a failure here is a
    /// build defect, not bad input.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::load().expect("resources/en word lists are valid (tested)"))
    }
}

/// Class of `word` (with or without its final period, any case) if it is a known abbreviation.
pub fn abbreviation_class(word: &str) -> Option<AbbrevClass> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    let lower = w.to_lowercase();
    Lexicon::get().abbreviations.get(lower.as_str()).copied()
}

/// True for English function words (lower-case input).
pub fn is_stopword(lower: &str) -> bool {
    Lexicon::get().stopwords.contains(lower)
}

/// True for verbs of saying ("said", "asked"; lower-case input), from
/// `resources/en/text/speech_verbs.txt`.
pub fn is_speech_verb(lower: &str) -> bool {
    Lexicon::get().speech_verbs.contains(lower)
}

/// True for time zones that follow "a.m."/"p.m." ("eastern", "gmt"; lower-case input), from
/// `resources/en/text/time_zones.txt`.
pub fn is_time_zone(lower: &str) -> bool {
    Lexicon::get().time_zones.contains(lower)
}

/// Snowball (Porter2) English stem of a lower-case word.
pub fn stem(lower: &str) -> String {
    thread_local! {
        static STEMMER: rust_stemmers::Stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    }
    STEMMER.with(|s| s.stem(lower).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_load_without_errors() {
        let lex = Lexicon::load().unwrap();
        assert!(lex.abbreviations.len() > 50);
        assert!(lex.stopwords.contains("the"));
    }

    #[test]
    fn classes() {
        assert_eq!(abbreviation_class("U.N."), Some(AbbrevClass::Prenominal));
        assert_eq!(abbreviation_class("Nov."), Some(AbbrevClass::Month));
        assert_eq!(abbreviation_class("Gov"), Some(AbbrevClass::Title));
        assert_eq!(abbreviation_class("Russia"), None);
        assert_eq!(stem("vetoed"), "veto");
    }
}
