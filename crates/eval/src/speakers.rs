//! A plausibility check of resolved speakers, independent of how attribution finds them.
//!
//! A speaker is a name, a title and a name, a role noun phrase ("a spokesman for the state
//! transportation department") or a pronoun resolved to one of these. The rule below flags
//! what cannot be one; it reads only the speaker and role strings a quote ends up with, so it
//! can judge any attribution code (the word lists here are its own, not the analysis').
//!
//! ```
//! use triangulate_eval::speakers::{implausible, Implausible};
//! assert_eq!(implausible("who", None), Some(Implausible::Pronoun));
//! assert_eq!(implausible("Leon Duarte", Some("a spokesman for the")), Some(Implausible::Cut));
//! assert_eq!(implausible("he sold half as many loaves", None), Some(Implausible::Clause));
//! assert_eq!(implausible("a spokesman for the transit agency", None), None);
//! ```

use serde::Serialize;

/// Why a speaker cannot be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Implausible {
    /// The speaker is a bare pronoun: relative ("who", "which", "that") or personal ("he",
    /// "they"), i.e. not resolved to whom it stands for.
    Pronoun,
    /// The speaker or its role ends in a function word ("for the", "of"), a comma, a dash or
    /// an opening bracket, or has an unclosed bracket or quotation mark: a phrase cut short.
    Cut,
    /// The speaker holds a clause: it opens with a subject pronoun and goes on ("he sold
    /// ..."), or after its first word has a subject pronoun or an auxiliary or modal verb
    /// written in lower case ("the firm would ..."; "May" in a name is no verb), or a relative
    /// pronoun after a comma ("The source, who asked ...").
    Clause,
    /// More than [`MAX_WORDS`] words: no name or role phrase is that long.
    Long,
}

/// The longest plausible speaker, in words.
pub const MAX_WORDS: usize = 12;

const RELATIVE: [&str; 6] = ["who", "whom", "whose", "which", "that", "what"];
const PERSONAL: [&str; 12] = [
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me",
];
const SUBJECT: [&str; 6] = ["he", "she", "they", "we", "i", "you"];
const AUXILIARY: [&str; 22] = [
    "would", "will", "had", "has", "have", "is", "are", "was", "were", "could", "should", "can",
    "may", "might", "must", "did", "does", "do", "shall", "am", "be", "been",
];
const FUNCTION: [&str; 17] = [
    "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "from", "as",
    "but", "'s",
];

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A phrase cut short: its last word a function word, or it ends in a comma, dash or
/// opening bracket, or a bracket or quotation mark in it is left open.
fn cut(s: &str) -> bool {
    let t = s.trim();
    let ws = words(t);
    let open = |a: char, b: char| t.matches(a).count() != t.matches(b).count();
    let quotes = t.matches(['"']).count() % 2 == 1 || open('“', '”');
    ws.last().is_some_and(|w| FUNCTION.contains(&w.as_str()))
        || t.ends_with([',', '-', '—', '–', '(', '[', ':', ';'])
        || open('(', ')')
        || open('[', ']')
        || quotes
}

/// Whether `speaker` (with its `role`, if any) cannot be a speaker, and why; `None` when it
/// is plausible. The first reason that applies, in the order of [`Implausible`].
pub fn implausible(speaker: &str, role: Option<&str>) -> Option<Implausible> {
    let ws = words(speaker);
    if ws.len() == 1 && (RELATIVE.contains(&ws[0].as_str()) || PERSONAL.contains(&ws[0].as_str())) {
        return Some(Implausible::Pronoun);
    }
    if cut(speaker) || role.is_some_and(cut) {
        return Some(Implausible::Cut);
    }
    let relative_clause = speaker.split(',').skip(1).any(|part| {
        words(part)
            .first()
            .is_some_and(|w| RELATIVE.contains(&w.as_str()))
    });
    // Capitalized words are names ("Theresa May"), except "I".
    let verb = speaker.split_whitespace().skip(1).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = w.to_lowercase();
        (w == lower || w == "I")
            && (SUBJECT.contains(&lower.as_str()) || AUXILIARY.contains(&lower.as_str()))
    });
    let opens_clause = ws.len() > 1 && SUBJECT.contains(&ws[0].as_str());
    if relative_clause || verb || opens_clause {
        return Some(Implausible::Clause);
    }
    (ws.len() > MAX_WORDS).then_some(Implausible::Long)
}

/// Counts of a check over many quotes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    /// Quotes with a speaker.
    pub speakers: usize,
    /// Of these, implausible ones.
    pub implausible: usize,
    /// By reason, in the order of [`Implausible`].
    pub by_reason: [usize; 4],
}

impl Tally {
    /// Count one speaker; returns its reason if implausible.
    pub fn add(&mut self, speaker: &str, role: Option<&str>) -> Option<Implausible> {
        self.speakers += 1;
        let r = implausible(speaker, role);
        if let Some(r) = r {
            self.implausible += 1;
            self.by_reason[r as usize] += 1;
        }
        r
    }

    /// Implausible speakers in percent of all speakers (0 when there are none).
    pub fn share(&self) -> f64 {
        if self.speakers == 0 {
            0.0
        } else {
            100.0 * self.implausible as f64 / self.speakers as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_titles_and_roles_pass() {
        for s in [
            "Marta Lind",
            "Deputy Mayor Tomas Berg",
            "a spokeswoman for the regional water board",
            "the agency",
            "O'Neill",
            "Sen. Paul Ames (R-Ohio)",
            "Prime Minister Ada May",
        ] {
            assert_eq!(implausible(s, None), None, "{s}");
        }
        assert_eq!(
            implausible("Ana Moss", Some("head of the port authority")),
            None
        );
    }

    #[test]
    fn each_reason() {
        assert_eq!(implausible("which", None), Some(Implausible::Pronoun));
        assert_eq!(implausible("They", None), Some(Implausible::Pronoun));
        assert_eq!(
            implausible("a lawyer for the", None),
            Some(Implausible::Cut)
        );
        assert_eq!(
            implausible("the union official,", None),
            Some(Implausible::Cut)
        );
        assert_eq!(
            implausible("Ames (who chairs", None),
            Some(Implausible::Cut)
        );
        assert_eq!(
            implausible("The officer, who declined to be named", None),
            Some(Implausible::Clause)
        );
        assert_eq!(
            implausible("the firm would open two stores", None),
            Some(Implausible::Clause)
        );
        assert_eq!(
            implausible(
                "the chair of the committee on roads bridges tunnels ports and canals in the north",
                None
            ),
            Some(Implausible::Long)
        );
    }

    #[test]
    fn tally_counts_share() {
        let mut t = Tally::default();
        t.add("Marta Lind", None);
        t.add("who", None);
        assert_eq!(t.implausible, 1);
        assert_eq!(t.by_reason[Implausible::Pronoun as usize], 1);
        assert!((t.share() - 50.0).abs() < 1e-9);
    }
}
