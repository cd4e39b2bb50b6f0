//! The agreement rules as data: paraphrase groups, quantity words and claim cues from
//! `resources/en/agreement/`, compiled in and validated at first use with `file:line` errors.

use std::collections::HashMap;
use std::sync::OnceLock;
use triangulate_text::data_lines;

/// A malformed line in a agreement rule file: the error of every resource file ([`triangulate_text::LexiconError`]).
pub use triangulate_text::LexiconError as RuleError;

pub(crate) const SYNONYMS: (&str, &str) = (
    "resources/en/agreement/synonyms.txt",
    include_str!("../../../../resources/en/agreement/synonyms.txt"),
);
pub(crate) const QUANTITIES: (&str, &str) = (
    "resources/en/agreement/quantities.txt",
    include_str!("../../../../resources/en/agreement/quantities.txt"),
);
pub(crate) const CUES: (&str, &str) = (
    "resources/en/agreement/cues.txt",
    include_str!("../../../../resources/en/agreement/cues.txt"),
);

/// Modifier before a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Min,
    Max,
    Approx,
}

/// Kind of a claim cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Cue {
    Deny,
    Assert,
    Claim,
    Innocent,
    Anaphor,
    Speech,
}

/// A phrase table keyed by the stem of its first word: (stems, payload), longest first.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T: Clone> Phrases<T> {
    fn new() -> Self {
        Phrases {
            by_first: HashMap::new(),
        }
    }

    fn insert(&mut self, stems: Vec<String>, value: T) {
        let list = self.by_first.entry(stems[0].clone()).or_default();
        list.push((stems, value));
        list.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    }

    /// The longest phrase starting at `stems[i]`: (its length in words, payload).
    pub(crate) fn longest_at(&self, stems: &[&str], i: usize) -> Option<(usize, T)> {
        let list = self.by_first.get(stems[i])?;
        list.iter()
            .find(|(p, _)| {
                i + p.len() <= stems.len() && p.iter().zip(&stems[i..]).all(|(a, b)| a == b)
            })
            .map(|(p, v)| (p.len(), v.clone()))
    }
}

/// All agreement rules.
#[derive(Debug)]
pub(crate) struct Rules {
    /// Paraphrase term -> group name.
    pub synonyms: Phrases<String>,
    /// Vague quantity words -> range.
    pub vague: Phrases<(f64, f64)>,
    /// Number words -> value.
    pub numbers: HashMap<String, f64>,
    /// Scale words -> factor.
    pub scales: HashMap<String, f64>,
    /// Modifier phrases.
    pub modifiers: Phrases<Modifier>,
    /// Claim cues.
    pub cues: Phrases<Cue>,
    /// Stems of nouns after a number that make it a time, a duration or an age, not a count.
    pub skip_units: std::collections::HashSet<String>,
    /// Stems of the nouns of a duration -> its length in days ("weeks" 7).
    pub durations: HashMap<String, f64>,
    /// Words after a duration that make it a distance between two times ("ago", "later"),
    /// not a length to compare.
    pub not_durations: std::collections::HashSet<String>,
    /// Words after a duration that make it a distance between two times -> its kind ("ago"
    /// -> "ago", "later" -> "apart").
    pub distances: HashMap<String, String>,
}

/// Stems of the words of a phrase, as the statements see them.
pub(crate) fn phrase_stems(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| triangulate_text::stem(&w.to_lowercase()))
        .collect()
}

/// The error of line `line` of `file`, given its message.
fn error_at(file: &'static str, line: usize) -> impl Fn(&str) -> RuleError + Copy {
    move |message| RuleError {
        file,
        line,
        message: message.to_string(),
    }
}

/// A `KIND<TAB>PHRASE` line, its phrase in lower case.
fn kind_and_phrase(l: &str) -> Result<(&str, &str), &'static str> {
    let (k, p) = l.split_once('\t').ok_or("expected KIND<TAB>PHRASE")?;
    if p.trim().is_empty() || p != p.to_lowercase() {
        return Err("a lower-case phrase is required");
    }
    Ok((k, p))
}

impl Rules {
    /// Parse the compiled-in rule files, reporting the first bad line.
    pub(crate) fn load() -> Result<Rules, RuleError> {
        let mut rules = Rules {
            synonyms: Phrases::new(),
            vague: Phrases::new(),
            numbers: HashMap::new(),
            scales: HashMap::new(),
            modifiers: Phrases::new(),
            cues: Phrases::new(),
            skip_units: Default::default(),
            durations: HashMap::new(),
            not_durations: Default::default(),
            distances: HashMap::new(),
        };
        let (file, src) = SYNONYMS;
        let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
        for (line, l) in data_lines(src) {
            let err = |message: String| RuleError {
                file,
                line,
                message,
            };
            let terms: Vec<&str> = l.split(',').map(str::trim).collect();
            if terms.len() < 2 || terms.iter().any(|t| t.is_empty()) {
                return Err(err("expected at least two comma-separated terms".into()));
            }
            if terms.iter().any(|t| *t != t.to_lowercase()) {
                return Err(err("write terms in lower case".into()));
            }
            let name = terms[0].to_string();
            for t in terms {
                let stems = phrase_stems(t);
                if let Some(prev) = seen.get(&stems) {
                    if *prev != line {
                        return Err(err(format!(
                            "term {t:?} is already in the group of line {prev}"
                        )));
                    }
                    continue;
                }
                seen.insert(stems.clone(), line);
                rules.synonyms.insert(stems, name.clone());
            }
        }
        let (file, src) = QUANTITIES;
        for (line, l) in data_lines(src) {
            let err = error_at(file, line);
            let f: Vec<&str> = l.split('\t').collect();
            let num = |s: &str| s.parse::<f64>().map_err(|_| err("expected a number"));
            match f.as_slice() {
                ["vague", w, lo, hi] => {
                    let (lo, hi) = (num(lo)?, num(hi)?);
                    if lo > hi {
                        return Err(err("LO is above HI"));
                    }
                    // Matched on lower-case words, not stems: "several" and "severe" share a stem.
                    rules
                        .vague
                        .insert(w.split_whitespace().map(str::to_string).collect(), (lo, hi));
                }
                ["number", w, v] => {
                    rules.numbers.insert(w.to_string(), num(v)?);
                }
                ["scale", w, v] => {
                    rules.scales.insert(w.to_string(), num(v)?);
                }
                ["skipunit", w] => {
                    rules.skip_units.insert(triangulate_text::stem(w));
                }
                ["duration", w, v] => {
                    rules.durations.insert(triangulate_text::stem(w), num(v)?);
                }
                ["notduration", w] => {
                    rules.not_durations.insert(w.to_string());
                }
                ["distance", w, k] => {
                    if !matches!(*k, "ago" | "apart") {
                        return Err(err("distance kind is ago or apart"));
                    }
                    rules.distances.insert(w.to_string(), k.to_string());
                }
                ["modifier", p, k] => {
                    let m = match *k {
                        "min" => Modifier::Min,
                        "max" => Modifier::Max,
                        "approx" => Modifier::Approx,
                        _ => return Err(err("modifier kind is min, max or approx")),
                    };
                    rules.modifiers.insert(phrase_stems(p), m);
                }
                _ => {
                    return Err(err(
                        "expected vague/number/scale/modifier and tab-separated fields",
                    ))
                }
            }
        }
        let (file, src) = CUES;
        for (line, l) in data_lines(src) {
            let err = error_at(file, line);
            let (k, p) = kind_and_phrase(l).map_err(err)?;
            let cue = match k {
                "deny" => Cue::Deny,
                "assert" => Cue::Assert,
                "claim" => Cue::Claim,
                "innocent" => Cue::Innocent,
                "anaphor" => Cue::Anaphor,
                "speech" => Cue::Speech,
                _ => return Err(err("unknown cue kind")),
            };
            rules.cues.insert(phrase_stems(p), cue);
        }
        Ok(rules)
    }

    /// The compiled-in rules. They are checked by this crate's tests, so a failure here is a
    /// build defect, not bad input.
    pub(crate) fn get() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES
            .get_or_init(|| Rules::load().expect("resources/en/agreement rules are valid (tested)"))
    }
}

/// `# EXAMPLE: ` lines of a rule file.
#[cfg(test)]
pub(crate) fn examples(src: &str) -> Vec<&str> {
    src.lines()
        .filter_map(|l| l.strip_prefix("# EXAMPLE: "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_load_without_errors() {
        let r = Rules::load().unwrap();
        assert!(r.numbers.contains_key("twelve"));
        assert_eq!(
            r.synonyms.longest_at(&["cast", "a", "veto"], 0),
            Some((3, "veto".to_string()))
        );
    }
}
