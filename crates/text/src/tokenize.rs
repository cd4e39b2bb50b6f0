use serde::{Deserialize, Serialize};

use crate::lexicon::{abbreviation_class, AbbrevClass};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// Contains a letter ("Russia", "U.N.", "1990s", "’s").
    Word,
    /// Starts with a digit and has no letter ("17", "1.5", "2017-10-26", "10/26/2017").
    Number,
    /// Anything else, one character (or an ellipsis / dash run).
    Punct,
}

/// A token: a byte range of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// First byte (absolute, in the document text).
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Kind.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

const CLITICS: [&str; 6] = ["s", "re", "ll", "ve", "d", "m"];

/// Tokenize `segment`, which starts at byte `offset` of the document text.
/// Runs in time linear in the segment's length.
pub fn tokenize(segment: &str, offset: usize) -> Vec<Token> {
    let chars: Vec<(usize, char)> = segment.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { segment.len() };
    let ch = |i: usize| if i < n { chars[i].1 } else { '\0' };
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut push = |s: usize, e: usize, kind: TokenKind| {
        out.push(Token {
            start: (offset + s) as u32,
            end: (offset + e) as u32,
            kind,
        })
    };
    let mut i = 0;
    while i < n {
        let c = ch(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let starts_digit = c.is_ascii_digit();
            let mut has_letter = !starts_digit;
            let mut has_dot = false;
            // Start of the current hyphen-separated part ("D-N.Y.": the part "N.Y.").
            let mut part_start = start;
            i += 1;
            loop {
                let c = ch(i);
                if c.is_alphanumeric() {
                    has_letter |= c.is_alphabetic();
                    i += 1;
                } else if is_apostrophe(c) && ch(i + 1).is_alphabetic() {
                    // Split clitics: "Russia’s" -> "Russia" "’s"; "don't" -> "do" "n't".
                    let mut j = i + 1;
                    while ch(j).is_alphabetic() {
                        j += 1;
                    }
                    let tail: String = chars[i + 1..j]
                        .iter()
                        .map(|x| x.1.to_ascii_lowercase())
                        .collect();
                    if CLITICS.contains(&tail.as_str()) {
                        break;
                    }
                    if tail == "t" && i > start && matches!(ch(i - 1), 'n' | 'N') && i - 1 > start {
                        i -= 1;
                        break;
                    }
                    i = j; // O'Brien
                } else if is_hyphen(c) && ch(i + 1).is_alphanumeric() {
                    i += 1;
                    part_start = i;
                } else if matches!(c, '.' | ',' | ':' | '/')
                    && starts_digit
                    && ch(i + 1).is_ascii_digit()
                    && ch(i - 1).is_ascii_digit()
                {
                    i += 1; // 1.5, 1,000, 3:30, 10/26/2017
                } else if c == '.'
                    && !starts_digit
                    && ch(i + 1).is_alphabetic()
                    && ch(i + 2) == '.'
                    && (i - part_start == 1 || has_dot)
                {
                    has_dot = true; // U.N., U.S.A.
                    i += 2;
                } else {
                    break;
                }
            }
            // A trailing period belongs to the token for dotted acronyms, initials and
            // known abbreviations, so the sentence splitter can tell them from full stops.
            if ch(i) == '.' && !starts_digit {
                let word = &segment[byte_at(start)..byte_at(i)];
                // The last part of a hyphenated word counts too: "(D-Mo.)", "(R-Fla.)".
                let part = &segment[byte_at(part_start)..byte_at(i)];
                let single_initial = i - start == 1 && ch(start).is_uppercase();
                // "No. 5" is an abbreviation; "he said no." is a word and a full stop.
                let number_word = matches!(word, "No" | "no" | "Nos" | "nos" | "NO");
                let digit_follows = {
                    let mut j = i + 1;
                    while ch(j) == ' ' {
                        j += 1;
                    }
                    ch(j).is_ascii_digit()
                };
                let abbreviation = has_dot
                    || single_initial
                    || abbreviation_class(word).is_some()
                    || (part_start > start && abbreviation_class(part).is_some())
                    || party_and_state(word);
                if abbreviation && (!number_word || digit_follows) {
                    i += 1;
                }
            }
            // "U.S.-drafted": a compound goes on after the acronym's period.
            while i > start && ch(i - 1) == '.' && is_hyphen(ch(i)) && ch(i + 1).is_alphanumeric() {
                i += 1;
                while ch(i).is_alphanumeric() || (is_hyphen(ch(i)) && ch(i + 1).is_alphanumeric()) {
                    i += 1;
                }
            }
            let kind = if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            push(byte_at(start), byte_at(i), kind);
            continue;
        }
        if is_apostrophe(c) && ch(i + 1).is_alphabetic() && i > 0 && ch(i - 1).is_alphanumeric() {
            // Clitic token: "’s", "'re".
            let start = i;
            i += 1;
            while ch(i).is_alphabetic() {
                i += 1;
            }
            push(byte_at(start), byte_at(i), TokenKind::Word);
            continue;
        }
        // Punctuation; runs of dots and dashes stay together.
        let start = i;
        i += 1;
        if c == '.' || c == '-' || c == '—' || c == '–' {
            while ch(i) == c {
                i += 1;
            }
        }
        push(byte_at(start), byte_at(i), TokenKind::Punct);
    }
    out
}

/// "D-Mo", "R-Ga", "I-Vt": a party letter and a state abbreviation, which takes a period.
fn party_and_state(word: &str) -> bool {
    let mut c = word.chars();
    matches!(
        (c.next(), c.next(), c.next()),
        (Some('D' | 'R' | 'I'), Some('-'), Some(s)) if s.is_ascii_uppercase()
    ) && (4..=7).contains(&word.len())
        && word[3..].chars().all(|x| x.is_ascii_lowercase())
}

/// Words after which a lone "re", "ve", "ll", "d" or "m" is a contraction that lost its
/// apostrophe ("we re", "I m"); elsewhere such a letter is a word or an initial.
fn is_pronoun_before_clitic(prev: &str, clitic: &str) -> bool {
    match clitic {
        "m" => prev == "i",
        "re" => matches!(prev, "we" | "you" | "they" | "who" | "there" | "what"),
        _ => matches!(
            prev,
            "i" | "we" | "you" | "they" | "he" | "she" | "it" | "who" | "there" | "that"
        ),
    }
}

/// Normalized form of token `i`: lower case, straight apostrophes, and repaired clitics
/// where the apostrophe was stripped ("it s" -> "it" "'s").
pub fn normalize(text: &str, toks: &[Token], i: usize) -> String {
    let t = toks[i];
    let raw = t.text(text);
    let mut s: String = raw
        .chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase();
    if t.kind == TokenKind::Word && i > 0 {
        let prev = toks[i - 1];
        let gap = &text[prev.end as usize..t.start as usize];
        let prev_text = prev.text(text);
        let glued_to_word = prev.kind == TokenKind::Word && gap == " ";
        let after_lone_apostrophe =
            prev.kind == TokenKind::Punct && (prev_text == "'" || prev_text == "’");
        let prev_lower = prev_text.to_lowercase();
        if (glued_to_word || after_lone_apostrophe)
            && (s == "s" || (s == "t" && prev_text.ends_with(['n', 'N'])))
        {
            // A lone "s" after a word is a possessive or "is" whose apostrophe was lost.
            s = if s == "s" {
                "'s".to_string()
            } else {
                "n't".to_string()
            };
        } else if (glued_to_word || after_lone_apostrophe)
            && matches!(s.as_str(), "re" | "ve" | "ll" | "d" | "m")
            && is_pronoun_before_clitic(&prev_lower, &s)
        {
            // "we re", "they ve", "I m": a contraction whose apostrophe was lost.
            s = format!("'{s}");
        }
    }
    if matches!(abbreviation_class(&s), Some(AbbrevClass::Prenominal)) {
        s.retain(|c| c != '.'); // "U.N." and "UN" are the same word
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            words("Russia’s U.N. envoy"),
            ["Russia", "’s", "U.N.", "envoy"]
        );
        assert_eq!(
            words("$1.5 billion, 1,000 people"),
            ["$", "1.5", "billion", ",", "1,000", "people"]
        );
        assert_eq!(
            words("on 10/26/2017 and 2017-10-26."),
            ["on", "10/26/2017", "and", "2017-10-26", "."]
        );
        assert_eq!(
            words("don't O'Brien al-Assad"),
            ["do", "n't", "O'Brien", "al-Assad"]
        );
        assert_eq!(
            words("No. 5 and no. Voters"),
            ["No.", "5", "and", "no", ".", "Voters"]
        );
        assert_eq!(
            words("Nov. 14 John F. Kennedy ends."),
            ["Nov.", "14", "John", "F.", "Kennedy", "ends", "."]
        );
        assert_eq!(
            words("Sen. Ann Lee (D-Mo.) and Rep. Bo Chen (R-N.Y.) said."),
            [
                "Sen.", "Ann", "Lee", "(", "D-Mo.", ")", "and", "Rep.", "Bo", "Chen", "(",
                "R-N.Y.", ")", "said", "."
            ]
        );
        assert_eq!(
            words("the U.S.-drafted text..."),
            ["the", "U.S.-drafted", "text", "..."]
        );
    }

    #[test]
    fn stripped_apostrophes_are_repaired_in_norms() {
        let s = "it s over, the inquiry s report, Syria' s town, don t, we re, I m, Type d";
        let toks = tokenize(s, 0);
        let norms: Vec<String> = (0..toks.len()).map(|i| normalize(s, &toks, i)).collect();
        assert_eq!(norms.iter().filter(|n| *n == "'s").count(), 3, "{norms:?}");
        assert!(norms.contains(&"n't".to_string()), "{norms:?}");
        assert!(norms.contains(&"'re".to_string()), "{norms:?}");
        assert!(norms.contains(&"'m".to_string()), "{norms:?}");
        assert!(
            norms.contains(&"d".to_string()),
            "a letter after a noun stays: {norms:?}"
        );
    }
}
