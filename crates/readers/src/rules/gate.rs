//! What a text must hold for a boilerplate pattern to match it, read from the pattern's
//! syntax tree: the beginnings of an anchored pattern and the words every match holds. A
//! rule is compiled, and run, only on text that passes its gate.

use std::cell::OnceCell;

use regex_syntax::hir::{Hir, HirKind};

/// The gate of one pattern.
#[derive(Debug)]
pub(super) struct Gate {
    /// Beginnings (as written) one of which every match starts with, in some case; `None` if
    /// the pattern has no such short list.
    beginnings: Option<Vec<String>>,
    /// Words (ASCII lower case) one of which every match contains somewhere; `None` if the
    /// pattern has no such list.
    needs: Option<Vec<String>>,
}

impl Gate {
    /// The gate of `pattern` (lower case, matched case-insensitively).
    pub(super) fn of(pattern: &str) -> Result<Gate, String> {
        // Parsed as written (the patterns are lower case), not case-insensitively: that would
        // spell out every case of every letter and leave too many beginnings to list;
        // `may_match` compares them ignoring ASCII case instead.
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        Ok(Gate {
            beginnings: beginnings(&hir),
            needs: required_words(&hir),
        })
    }

    /// False only if the pattern cannot match `text`: it does not begin, in any case, as
    /// every match does, or it holds none of the words every match holds.
    pub(super) fn may_match(&self, text: &Lowered) -> bool {
        self.beginnings
            .as_ref()
            .is_none_or(|g| g.iter().any(|l| begins_with(text.text, l)))
            && self.needs.as_ref().is_none_or(|w| text.contains_any(w))
    }
}

/// The beginnings of an anchored pattern: the literals one of which every match starts with,
/// or `None` (not anchored, or no short list of caseless literals).
fn beginnings(hir: &Hir) -> Option<Vec<String>> {
    let anchored = hir
        .properties()
        .look_set_prefix()
        .contains(regex_syntax::hir::Look::Start);
    if !anchored {
        return None;
    }
    let seq = regex_syntax::hir::literal::Extractor::new().extract(hir);
    let mut lits: Vec<String> = Vec::new();
    for l in seq.literals()? {
        // A literal cut short inside a character: its whole characters.
        let lit = match std::str::from_utf8(l.as_bytes()) {
            Ok(t) => t,
            Err(e) => std::str::from_utf8(&l.as_bytes()[..e.valid_up_to()]).ok()?,
        };
        if lit.is_empty() || !lit.chars().all(caseless_or_ascii) {
            return None;
        }
        lits.push(lit.to_ascii_lowercase());
    }
    lits.sort();
    lits.dedup();
    Some(lits)
}

/// True for an ASCII character, or one that no other character matches case-insensitively.
fn caseless_or_ascii(c: char) -> bool {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    c.is_ascii() || class.ranges() == [ClassUnicodeRange::new(c, c)]
}

/// True if `text` begins with `lit` (ASCII letters and caseless characters) as a
/// case-insensitive pattern sees it: ASCII letters in any case, `k` also as the Kelvin sign
/// and `s` as the long s (the only other characters that case-fold to ASCII).
fn begins_with(text: &str, lit: &str) -> bool {
    let mut t = text.chars();
    lit.chars().all(|lc| {
        t.next().is_some_and(|tc| {
            tc.eq_ignore_ascii_case(&lc)
                || tc == '\u{212A}' && lc.eq_ignore_ascii_case(&'k')
                || tc == '\u{17F}' && lc.eq_ignore_ascii_case(&'s')
        })
    })
}

/// Literals (ASCII lower case) one of which every match of `hir` holds, or `None`: in a
/// sequence, the best list of any of its parts (the one whose shortest word is longest,
/// then the shorter list); in an alternation, the union of every branch's list (none if a
/// branch has none); a repetition passes on its part's list only if it repeats at least
/// once. `hir` is parsed as written (lower case), the pattern matched ignoring case: a
/// literal with a character other case-folds to (other than ASCII) gives no list.
fn required_words(hir: &Hir) -> Option<Vec<String>> {
    let mut words = match hir.kind() {
        HirKind::Literal(l) => {
            let t = std::str::from_utf8(&l.0).ok()?;
            if t.is_empty() || !t.chars().all(caseless_or_ascii) {
                return None;
            }
            vec![t.to_ascii_lowercase()]
        }
        HirKind::Capture(c) => required_words(&c.sub)?,
        HirKind::Repetition(r) if r.min >= 1 => required_words(&r.sub)?,
        HirKind::Concat(parts) => parts.iter().filter_map(required_words).max_by_key(|w| {
            let shortest = w.iter().map(String::len).min().unwrap_or(0);
            (shortest, std::cmp::Reverse(w.len()))
        })?,
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required_words(b)?);
            }
            all
        }
        _ => return None,
    };
    words.sort();
    words.dedup();
    Some(words)
}

/// A text the rules look into, with its ASCII lower case made once, on the first rule that
/// needs it (most lines fail every rule's beginnings first); characters that case-fold to an
/// ASCII letter from outside ASCII (the Kelvin sign, the long s) make every word count as
/// present.
pub(crate) struct Lowered<'a> {
    text: &'a str,
    lower: OnceCell<(String, bool)>,
}

impl<'a> Lowered<'a> {
    pub(crate) fn new(text: &'a str) -> Lowered<'a> {
        Lowered {
            text,
            lower: OnceCell::new(),
        }
    }

    fn contains_any(&self, words: &[String]) -> bool {
        let (lower, odd_fold) = self.lower.get_or_init(|| {
            (
                self.text.to_ascii_lowercase(),
                self.text.contains(['\u{212A}', '\u{17F}']),
            )
        });
        *odd_fold || words.iter().any(|w| lower.contains(w.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{BoilerplateRule, Rules, BOILERPLATE};
    use triangulate_core::BoilerplateKind;

    fn may(r: &BoilerplateRule, text: &str) -> bool {
        r.may_match(&Lowered::new(text))
    }

    fn words(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .unwrap();
        required_words(&hir)
    }

    #[test]
    fn required_words_are_those_every_match_holds() {
        let w = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            words(r"\(\s*(?:published|posted)\s+on"),
            w(&["posted", "published"])
        );
        // The longest shortest word of a sequence; an optional part is not required.
        assert_eq!(words(r"(?:file\s+)?photo\s+by"), w(&["photo"]));
        assert_eq!(
            words(r"(?:in\s+)?this\s+(?:photo|image)s?"),
            w(&["image", "photo"])
        );
        assert_eq!(words(r"(?:photo)+ taken"), w(&[" taken"]));
        // A branch without a word, a class, an optional word: no list.
        assert_eq!(words(r"photo|[0-9]+"), None);
        assert_eq!(words(r"[a-z]{2,4}"), None);
        assert_eq!(words(r"(?:photo)?"), None);
        // A character with a non-ASCII case fold gives no word.
        assert_eq!(words(r"café"), None);
    }

    #[test]
    fn a_rule_without_its_words_is_not_compiled_for_a_line() {
        let r =
            BoilerplateRule::new(BoilerplateKind::Caption, false, r"[^.]{0,300}\(photo\)").unwrap();
        assert!(may(&r, "Crowds gather (PHOTO)"));
        assert!(!may(&r, "Crowds gather at the pier"));
        assert!(r.re.get().is_none(), "the gate decides before any compile");
        let r = BoilerplateRule::new(BoilerplateKind::Caption, false, r"sk(?:y|ies)").unwrap();
        assert!(may(&r, "S\u{212A}Y"), "the Kelvin sign case-folds to k");
        assert!(may(&r, "\u{17F}ky"), "the long s case-folds to s");
    }

    #[test]
    fn gates_hold_the_beginnings_of_anchored_patterns_only() {
        let r = BoilerplateRule::new(BoilerplateKind::Credit, false, r"^(photo|image)\s+by\b.*$")
            .unwrap();
        assert!(may(&r, "PHOTO by Ann Lee"));
        assert!(may(&r, "Image by Bo Chen"));
        assert!(!may(&r, "The photo by Ann Lee"));
        assert!(!may(&r, "Pho"));
        assert!(!may(&r, "\u{201c}Photo by"));
        let r = BoilerplateRule::new(BoilerplateKind::Credit, false, r"^ask\b").unwrap();
        assert!(may(&r, "As\u{212A} him"), "the Kelvin sign case-folds to k");
        let r = BoilerplateRule::new(BoilerplateKind::Credit, false, r"^café\b").unwrap();
        assert!(may(&r, "CAFÉ"), "no gate: é has another case");
        let r =
            BoilerplateRule::new(BoilerplateKind::Credit, false, r"(photo|image)\s+by").unwrap();
        assert!(may(&r, "The photo by Ann Lee"), "not anchored: no gate");
        let r =
            BoilerplateRule::new(BoilerplateKind::Caption, false, r"^[^.]{0,9}\(photo\)$").unwrap();
        assert!(
            may(&r, "Crowds (Photo)"),
            "no short list of beginnings: no gate"
        );
    }

    /// Every line a rule matches passes its gate (lines built from the rules' own examples
    /// and from variations in case).
    #[test]
    fn no_gate_turns_away_a_line_its_pattern_matches() {
        let rules = Rules::load().unwrap();
        let (_, src) = BOILERPLATE;
        let mut checked = 0;
        for l in src.lines().filter_map(|l| l.strip_prefix("# EXAMPLE: ")) {
            let line = l.split_once(": ").map_or(l, |(_, t)| t);
            for variant in [line.to_string(), line.to_uppercase(), line.to_lowercase()] {
                for r in &rules.boilerplate {
                    if r.regex().is_match(variant.as_str()) {
                        checked += 1;
                        assert!(may(r, &variant), "{} on {variant:?}", r.pattern);
                    }
                }
            }
        }
        assert!(checked >= 20, "only {checked} matches");
    }

    /// The second check, on real text: over the lines of the first 300 multi-news-dev stories
    /// (skipped where ../shared is absent), no rule's gate turns away a line or document
    /// start its pattern matches.
    #[test]
    fn no_gate_turns_away_real_text_its_pattern_matches() {
        use std::io::Read;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/multi-news-dev/dev.src.gz"
        );
        let Ok(file) = std::fs::File::open(path) else {
            eprintln!("skipping: ../shared/data not found");
            return;
        };
        let mut text = String::new();
        flate2::read::GzDecoder::new(file)
            .take(4_000_000)
            .read_to_string(&mut text)
            .ok();
        let rules = Rules::load().unwrap();
        let (mut lines, mut matched) = (0, 0);
        for story in text.lines().take(300) {
            for doc in crate::multinews::parse_line("dev", story) {
                let head = &doc.text[..crate::rules::floor_boundary(&doc.text, 400)];
                let doc_lines = doc.text.split("NEWLINE_CHAR").flat_map(|p| p.split('\n'));
                for line in std::iter::once(head).chain(doc_lines.map(str::trim)) {
                    lines += 1;
                    for r in &rules.boilerplate {
                        if r.regex().is_match(line) {
                            matched += 1;
                            assert!(may(r, line), "{} on {line:?}", r.pattern);
                        }
                    }
                }
            }
        }
        assert!(
            lines > 1000 && matched > 20,
            "{lines} lines, {matched} matches"
        );
    }
}
