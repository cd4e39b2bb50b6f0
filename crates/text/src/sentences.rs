use crate::lexicon::{abbreviation_class, is_stopword, AbbrevClass};
use crate::tokenize::{Token, TokenKind};
use crate::Sentence;

fn is_closer(s: &str) -> bool {
    matches!(s, "”" | "’" | "\"" | "'" | ")" | "]" | "»")
}

fn is_opener(s: &str) -> bool {
    matches!(s, "“" | "‘" | "\"" | "'" | "(" | "[" | "«")
}

fn starts_upper_or_digit(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn newlines_in(gap: &str) -> usize {
    gap.bytes().filter(|&b| b == b'\n').count()
}

/// Split tokens (of one boilerplate-free segment of `text`) into sentences.
///
/// Token indices in the result are relative to `toks`. Linear time.
pub fn split_sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0usize;
    let mut i = 0usize;
    while i < toks.len() {
        let t = toks[i];
        let s = t.text(text);
        let mut last = i; // last token of the sentence if it ends here
        let closer_follows = toks
            .get(i + 1)
            .is_some_and(|n| n.start == t.end && is_closer(n.text(text)));
        // An abbreviation's period right before a closing quote ends the sentence: “No.”
        let terminal = (t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "…" | "..."))
            || (t.kind == TokenKind::Word && s.ends_with('.') && closer_follows);
        // Closing quotes and brackets right after the terminal belong to the sentence.
        if terminal {
            while last + 1 < toks.len()
                && toks[last + 1].start == toks[last].end
                && is_closer(toks[last + 1].text(text))
            {
                last += 1;
            }
        }
        let Some(next) = toks.get(last + 1) else {
            break;
        };
        let gap = &text[toks[last].end as usize..next.start as usize];
        let breaks = newlines_in(gap);
        let next_text = next.text(text);
        // The first word of what follows, looking through an opening quote or bracket.
        let next_word = if is_opener(next_text) {
            toks.get(last + 2).map(|t| t.text(text)).unwrap_or("")
        } else {
            next_text
        };
        let capital_follows = starts_upper_or_digit(next_word);
        let ends = if breaks >= 2 {
            true
        } else if terminal {
            capital_follows || breaks == 1 && !next_word.starts_with(char::is_lowercase)
        } else if t.kind == TokenKind::Word && s.ends_with('.') {
            abbreviation_ends_sentence(s, next_word, breaks)
        } else if breaks == 1 {
            // A line break without a full stop ends a headline-like line, unless the text
            // is hard-wrapped (the next line goes on in lower case) or a comma/ word dangles.
            !next_word.starts_with(char::is_lowercase)
                && !matches!(s, "," | ";" | ":" | "-" | "—" | "–" | "(" | "“")
        } else {
            false
        };
        if ends {
            out.push(Sentence {
                start: toks[first].start,
                end: toks[last].end,
                first_token: first as u32,
                end_token: (last + 1) as u32,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    if first < toks.len() {
        out.push(Sentence {
            start: toks[first].start,
            end: toks[toks.len() - 1].end,
            first_token: first as u32,
            end_token: toks.len() as u32,
        });
    }
    out
}

/// Whether a word with a final period ("U.N.", "Nov.", "F.", "Inc.") ends its sentence.
fn abbreviation_ends_sentence(word: &str, next: &str, breaks: usize) -> bool {
    let next_lower = next.to_lowercase();
    let capital = next.starts_with(char::is_uppercase);
    let function_word = capital && is_stopword(&next_lower);
    match abbreviation_class(word) {
        Some(AbbrevClass::Title) => false,
        Some(AbbrevClass::Month) => capital && (function_word || breaks > 0),
        Some(AbbrevClass::Prenominal) => function_word || next.starts_with(['“', '"']),
        Some(AbbrevClass::Any) => capital || breaks > 0,
        // Initials ("John F. Kennedy") and unknown dotted acronyms behave like U.N.
        None => function_word,
    }
}

#[cfg(test)]
mod tests {
    use crate::tokenize::tokenize;

    fn sents(s: &str) -> Vec<&str> {
        let toks = tokenize(s, 0);
        super::split_sentences(s, &toks)
            .iter()
            .map(|x| &s[x.start as usize..x.end as usize])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sents("Its mandate expires Nov. 14. Gov. Brown and John F. Kennedy met Dr. Who. Then it ended."),
            ["Its mandate expires Nov. 14.", "Gov. Brown and John F. Kennedy met Dr. Who.", "Then it ended."]
        );
    }

    #[test]
    fn sentence_broken_after_un_at_line_end_is_joined() {
        assert_eq!(
            sents("We are talking to the U.S., it s not over yet, Russian U.N.\nAmbassador Vassily Nebenzia told reporters on Monday.\nThe next line."),
            ["We are talking to the U.S., it s not over yet, Russian U.N.\nAmbassador Vassily Nebenzia told reporters on Monday.", "The next line."]
        );
        assert_eq!(
            sents("It talked to the U.S. The talks failed."),
            ["It talked to the U.S.", "The talks failed."]
        );
    }

    #[test]
    fn quotes_and_question_marks() {
        assert_eq!(
            sents("“Is it over?” he asked. “No.” She left. He said: “It’s over.” Then “fine.”"),
            [
                "“Is it over?” he asked.",
                "“No.”",
                "She left.",
                "He said: “It’s over.”",
                "Then “fine.”"
            ]
        );
    }

    #[test]
    fn headline_lines_and_paragraphs() {
        assert_eq!(
            sents(
                "Russia and West clash over blame\nUpdated 08 November 2017\n\nnew paragraph here"
            ),
            [
                "Russia and West clash over blame",
                "Updated 08 November 2017",
                "new paragraph here"
            ]
        );
        assert_eq!(
            sents("a hard-wrapped line\ngoes on here."),
            ["a hard-wrapped line\ngoes on here."]
        );
    }

    #[test]
    fn decimals_and_money() {
        assert_eq!(
            sents("It cost $1.5 billion. It rose 3.2 percent."),
            ["It cost $1.5 billion.", "It rose 3.2 percent."]
        );
    }

    #[test]
    fn examples_in_abbreviation_list_hold() {
        let src = include_str!("../../../resources/en/abbreviations.txt");
        let mut n = 0;
        for l in src.lines().filter_map(|l| l.strip_prefix("# EXAMPLE: ")) {
            let (text, expect) = l.split_once(" => ").unwrap();
            let want = match expect {
                "one sentence" => 1,
                "two sentences" => 2,
                e => panic!("unknown expectation {e}"),
            };
            assert_eq!(sents(text).len(), want, "{text}");
            n += 1;
        }
        assert!(n >= 2);
    }
}
