//! Paraphrases learned from the data: pairs of word stems that news stories use for the same
//! thing next to the same quantity ("sicken" / "sick", "kill" / "dead", "veto" / "block"),
//! from `resources/en/text/paraphrases.tsv`. The table is learned from Multi-News train by
//! anchored substitution (`crates/eval/examples/learn_paraphrases.rs`, which says how and
//! gives the command that rebuilds it); this module only looks pairs up.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lexicon::{data_lines, LexiconError};

/// What the table says of one pair of stems.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paraphrase {
    /// In how many training stories the pair came up.
    pub stories: u32,
    /// Its log-likelihood ratio against chance (higher: less likely a coincidence).
    pub score: f32,
}

/// The table: unordered pairs of stems.
#[derive(Debug, Default)]
pub struct Paraphrases {
    pairs: HashMap<(String, String), Paraphrase>,
    /// Each stem's partners, sorted.
    partners: HashMap<String, Vec<String>>,
}

const FILE: (&str, &str) = (
    "resources/en/text/paraphrases.tsv",
    include_str!("../../../resources/en/text/paraphrases.tsv"),
);

fn key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl Paraphrases {
    /// Parse `STEM_A<TAB>STEM_B<TAB>STORIES<TAB>SCORE` lines (`#` comments), reporting the
    /// first bad line.
    pub fn parse(file: &'static str, src: &str) -> Result<Paraphrases, LexiconError> {
        let mut pairs = HashMap::new();
        for (line, l) in data_lines(src) {
            let err = |message: &str| LexiconError {
                file,
                line,
                message: message.to_string(),
            };
            let f: Vec<&str> = l.split('\t').collect();
            let [a, b, stories, score] = f[..] else {
                return Err(err("expected STEM_A<TAB>STEM_B<TAB>STORIES<TAB>SCORE"));
            };
            let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase());
            if !word(a) || !word(b) || a == b {
                return Err(err("two different lower-case stems"));
            }
            let stories = stories
                .parse::<u32>()
                .map_err(|_| err("STORIES is not a count"))?;
            let score = score
                .parse::<f32>()
                .ok()
                .filter(|s| s.is_finite())
                .ok_or_else(|| err("SCORE is not a number"))?;
            if pairs
                .insert(key(a, b), Paraphrase { stories, score })
                .is_some()
            {
                return Err(err("pair listed twice"));
            }
        }
        let mut partners: HashMap<String, Vec<String>> = HashMap::new();
        for (a, b) in pairs.keys() {
            partners.entry(a.clone()).or_default().push(b.clone());
            partners.entry(b.clone()).or_default().push(a.clone());
        }
        for p in partners.values_mut() {
            p.sort();
        }
        Ok(Paraphrases { pairs, partners })
    }

    /// The stems the table pairs with `stem`, sorted.
    pub fn partners(&self, stem: &str) -> &[String] {
        self.partners.get(stem).map_or(&[], Vec::as_slice)
    }

    /// The compiled-in table (checked by this module's tests).
    pub fn get() -> &'static Paraphrases {
        static TABLE: OnceLock<Paraphrases> = OnceLock::new();
        TABLE.get_or_init(|| {
            Paraphrases::parse(FILE.0, FILE.1).expect("paraphrases.tsv is valid (tested)")
        })
    }

    /// The pair of stems `a` and `b`, in either order, if the table has it.
    pub fn lookup(&self, a: &str, b: &str) -> Option<Paraphrase> {
        if a == b {
            return None;
        }
        self.pairs.get(&key(a, b)).copied()
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when the table has no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The compiled-in table's entry for two stems (lower case, as [`crate::stem`] gives them), in
/// either order; `None` for a stem and itself.
pub fn paraphrase(a: &str, b: &str) -> Option<Paraphrase> {
    Paraphrases::get().lookup(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_found_in_either_order_and_never_with_themselves() {
        let t = Paraphrases::parse(
            "t.tsv",
            "# made up\nsicken\tsick\t12\t80.5\nblock\tveto\t3\t9\n",
        )
        .unwrap();
        assert_eq!(t.len(), 2);
        let p = t.lookup("sick", "sicken").unwrap();
        assert_eq!((p.stories, p.score), (12, 80.5));
        assert_eq!(t.lookup("sicken", "sick"), Some(p));
        assert!(t.lookup("veto", "block").is_some());
        assert_eq!(t.lookup("veto", "veto"), None);
        assert_eq!(t.lookup("veto", "sick"), None);
        assert_eq!(t.partners("sick"), ["sicken"]);
        assert_eq!(t.partners("veto"), ["block"]);
        assert!(t.partners("kill").is_empty());
    }

    #[test]
    fn malformed_lines_are_errors_with_their_line() {
        let e = Paraphrases::parse("t.tsv", "kill\tdead\t4\n").unwrap_err();
        assert_eq!((e.file, e.line), ("t.tsv", 1));
        let e = Paraphrases::parse("t.tsv", "# c\nkill\tdead\tmany\t3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("STORIES"), "{e}");
        let e = Paraphrases::parse("t.tsv", "kill\tKill\t4\t3\n").unwrap_err();
        assert!(e.message.contains("lower-case"), "{e}");
        let e = Paraphrases::parse("t.tsv", "kill\tdead\t4\t3\ndead\tkill\t5\t1\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("twice")), (2, true));
        let e = Paraphrases::parse("t.tsv", "kill\tdead\t4\tNaN\n").unwrap_err();
        assert!(e.message.contains("SCORE"), "{e}");
    }

    #[test]
    fn the_compiled_in_table_parses() {
        let t = Paraphrases::parse(FILE.0, FILE.1).unwrap();
        for (a, b) in t.pairs.keys() {
            assert!(a < b, "{a} {b}: pairs are written in order");
        }
    }
}
