use crate::lexicon::{abbreviation_class, is_speech_verb, is_stopword, is_time_zone, AbbrevClass};
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

/// Longest quotation (in tokens, marks included) kept in one sentence when it holds
/// several: “... civilians. Impunity must not prevail.” stays whole, so no sentence starts or
/// ends with an unbalanced quotation mark. Longer quotations split at their full stops.
const MAX_QUOTE_TOKENS: usize = 40;

fn is_double_quote(s: &str) -> bool {
    matches!(s, "“" | "”" | "\"" | "«" | "»" | "„")
}

/// Pairs of double quotation marks within one paragraph: for each token, the index of the
/// closing mark if it opens a quotation. Curly marks have a direction; straight marks
/// alternate (the first opens). A paragraph break resets. Linear time.
fn quote_pairs(text: &str, toks: &[Token]) -> Vec<Option<u32>> {
    let mut close_of = vec![None; toks.len()];
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && newlines_in(&text[toks[i - 1].end as usize..t.start as usize]) > 0 {
            open = None;
        }
        let s = t.text(text);
        if !is_double_quote(s) {
            continue;
        }
        let opens = matches!(s, "“" | "«" | "„");
        let closes = matches!(s, "”" | "»");
        match open {
            Some(o) if !opens => {
                close_of[o] = Some(i as u32);
                open = None;
            }
            _ if !closes => open = Some(i),
            _ => {}
        }
    }
    close_of
}

/// Split tokens (of one boilerplate-free segment of `text`) into sentences.
///
/// Token indices in the result are relative to `toks`. Linear time.
pub fn split_sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let close_of = quote_pairs(text, toks);
    // The quotation each token is inside (its closing mark), for short quotations.
    let mut inside: Vec<Option<u32>> = vec![None; toks.len()];
    let mut is_pair_close = vec![false; toks.len()];
    for (o, c) in close_of.iter().enumerate() {
        if let Some(c) = *c {
            is_pair_close[c as usize] = true;
            if (c as usize) - o < MAX_QUOTE_TOKENS {
                for slot in &mut inside[o + 1..c as usize] {
                    *slot = Some(c);
                }
            }
        }
    }
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
        // Closing quotes and brackets right after the terminal belong to the sentence, and
        // so does the closing mark of a quotation after a space (“ ... over. ” she said).
        if terminal {
            while last + 1 < toks.len() {
                let n = toks[last + 1];
                let gap = &text[toks[last].end as usize..n.start as usize];
                let glued = n.start == toks[last].end && is_closer(n.text(text));
                let spaced_close = is_pair_close[last + 1] && !gap.contains('\n') && gap.len() <= 2;
                if glued || spaced_close {
                    last += 1;
                } else {
                    break;
                }
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
        let lower_follows = next_word.starts_with(char::is_lowercase);
        // Inside a short quotation that goes on after this stop: not a sentence end.
        let quote_goes_on = inside[i].is_some_and(|c| (last as u32) < c);
        // “Why now?” Graham asked. A quoted question or exclamation, then a name and a verb of
        // saying: the sentence goes on.
        let cue_follows = terminal
            && matches!(s, "?" | "!")
            && last > i
            && cue_after_name(text, &toks[last + 1..]);
        let ends = if breaks >= 2 {
            true
        } else if terminal && (quote_goes_on || cue_follows) {
            false
        } else if terminal {
            capital_follows
                || breaks == 1 && !lower_follows
                // A full stop, a space, then lower case: text that was lower-cased (or
                // damaged). "?" and "!" go on in lower case: “Why?” he asked.
                || s == "." && lower_follows && !gap.is_empty()
        } else if t.kind == TokenKind::Word && s.ends_with('.') {
            abbreviation_ends_sentence(s, next_word, breaks)
        } else if breaks == 1 {
            // A line break without a full stop ends a headline-like line, unless the text
            // is hard-wrapped (the next line goes on in lower case) or a comma/ word dangles.
            !lower_follows && !matches!(s, "," | ";" | ":" | "-" | "—" | "–" | "(" | "“")
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

/// Longest sentence (in tokens) the analysis stages see. Text without sentence ends (a
/// transcript, an OCR dump, a scraped page without punctuation) would otherwise be one
/// "sentence" as long as the document, and every stage that works within a sentence
/// (attribution's windows, time inference's sentence words, the summary's candidates)
/// would grow with its square. No sentence of the seeds, PolNeAR or TimeBank comes near it;
/// one of the 51,619 sentences of Multi-News dev is longer (822 tokens, a page's text run
/// together; measured with `cargo run -p triangulate-readers --example sentence_lengths`).
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// How well a cut after token `i` (of `toks`) falls between clauses: 3 at a line break, 2
/// after ";", ":" or a dash, 1 after a comma, 0 elsewhere.
fn clause_mark(text: &str, toks: &[Token], i: usize) -> u8 {
    let next_on_new_line = toks
        .get(i + 1)
        .is_some_and(|n| text[toks[i].end as usize..n.start as usize].contains('\n'));
    if next_on_new_line {
        return 3;
    }
    match toks[i].text(text) {
        ";" | ":" | "—" | "–" | "--" | "-" => 2,
        "," => 1,
        _ => 0,
    }
}

/// Cut every sentence longer than [`MAX_SENTENCE_TOKENS`] into pieces of at most that many
/// tokens, each ending at the strongest clause mark in the second half of its window (a
/// line break, then ";", ":" or a dash, then a comma; the last such), else after exactly
/// that many tokens. Returns the sentences and the byte ranges of those that were cut.
/// Linear time; sentences within the bound are returned unchanged.
pub fn bound_sentences(
    text: &str,
    toks: &[Token],
    sentences: Vec<Sentence>,
) -> (Vec<Sentence>, Vec<(u32, u32)>) {
    if sentences
        .iter()
        .all(|s| s.token_range().len() <= MAX_SENTENCE_TOKENS)
    {
        return (sentences, Vec::new());
    }
    let mut out = Vec::with_capacity(sentences.len());
    let mut cut = Vec::new();
    for s in sentences {
        let (mut a, end) = (s.first_token as usize, s.end_token as usize);
        if end - a <= MAX_SENTENCE_TOKENS {
            out.push(s);
            continue;
        }
        cut.push((s.start, s.end));
        while a < end {
            let mut b = end;
            if end - a > MAX_SENTENCE_TOKENS {
                // The last token of the piece: the strongest, then latest, clause mark.
                let window = a + MAX_SENTENCE_TOKENS / 2..a + MAX_SENTENCE_TOKENS;
                let last = window
                    .clone()
                    .map(|i| (clause_mark(text, toks, i), i))
                    .max()
                    .filter(|&(mark, _)| mark > 0)
                    .map_or(window.end - 1, |(_, i)| i);
                b = last + 1;
            }
            out.push(Sentence {
                start: toks[a].start,
                end: toks[b - 1].end,
                first_token: a as u32,
                end_token: b as u32,
            });
            a = b;
        }
    }
    (out, cut)
}

/// True if `toks` start with one to four capitalized words ("Sen.", "Lindsey", "Graham")
/// followed by a verb of saying. Looks at five tokens at most.
fn cue_after_name(text: &str, toks: &[Token]) -> bool {
    let mut names = 0;
    for t in toks.iter().take(5) {
        let w = t.text(text);
        if t.kind == TokenKind::Word && w.starts_with(char::is_uppercase) {
            names += 1;
        } else {
            return names > 0 && t.kind == TokenKind::Word && is_speech_verb(&w.to_lowercase());
        }
    }
    false
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
        // "9 p.m. Eastern": a time zone goes on the same sentence.
        Some(AbbrevClass::Any)
            if matches!(word.to_lowercase().as_str(), "a.m." | "p.m.")
                && is_time_zone(&next_lower) =>
        {
            false
        }
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

    /// Issue 13: text without sentence ends is cut into pieces of at most
    /// `MAX_SENTENCE_TOKENS` tokens, at a clause mark where there is one, so that no stage
    /// that works within a sentence grows with the square of the document.
    #[test]
    fn issue_13_text_without_sentence_ends_is_cut_into_bounded_pieces() {
        use super::{bound_sentences, MAX_SENTENCE_TOKENS};
        type Bounded<'a> = (Vec<&'a str>, Vec<(u32, u32)>, usize, usize);
        fn bound(s: &str) -> Bounded<'_> {
            let toks = tokenize(s, 0);
            let (sents, cut) = bound_sentences(s, &toks, super::split_sentences(s, &toks));
            let pieces: Vec<&str> = sents
                .iter()
                .map(|x| &s[x.start as usize..x.end as usize])
                .collect();
            let longest = sents.iter().map(|x| x.token_range().len()).max();
            (pieces, cut, longest.unwrap_or(0), toks.len())
        }
        // No punctuation at all: fixed windows.
        let words: Vec<String> = (0..5000).map(|i| format!("w{}", i % 97)).collect();
        let text = words.join(" ");
        let (pieces, cut, longest, ntoks) = bound(&text);
        assert_eq!(ntoks, 5000);
        assert_eq!(longest, MAX_SENTENCE_TOKENS);
        assert_eq!(pieces.len(), 5000usize.div_ceil(MAX_SENTENCE_TOKENS));
        assert_eq!(cut, [(0, text.len() as u32)]);
        // A comma in the second half of the window is where the piece ends; a line break
        // (lower case goes on: one "sentence") is preferred to a comma.
        let mut words: Vec<&str> = vec!["word"; 1000];
        words[300] = "comma,";
        words[350] = "later,";
        words[100] = "early,"; // first half of the window: not a cut
        let text = words.join(" ");
        let (pieces, _, _, _) = bound(&text);
        assert!(
            pieces[0].ends_with("later,"),
            "{}",
            &pieces[0][pieces[0].len() - 20..]
        );
        words[320] = "line\nbreak";
        let text = words.join(" ");
        let (pieces, _, _, _) = bound(&text);
        assert!(pieces[0].ends_with("line"));
        // Within the bound: unchanged, nothing reported.
        let (pieces, cut, _, _) = bound("A short one. And another, without end");
        assert_eq!(pieces, ["A short one.", "And another, without end"]);
        assert!(cut.is_empty());
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
    fn short_quotations_spanning_sentences_stay_whole() {
        assert_eq!(
            sents("“I see the issues,” he said. “But this is not political. Impunity must end.” She left."),
            [
                "“I see the issues,” he said.",
                "“But this is not political. Impunity must end.”",
                "She left."
            ]
        );
        // An unclosed quotation (a quote that goes on in the next paragraph) splits as usual.
        assert_eq!(
            sents("“The ferry is late. It always is.\n\n“Nobody cares,” she said."),
            [
                "“The ferry is late.",
                "It always is.",
                "“Nobody cares,” she said."
            ]
        );
    }

    #[test]
    fn lower_cased_text_with_spaced_quotes() {
        assert_eq!(
            sents("\" i never quit a job, \" she said at the time. \" i don't know what's next. \" she had been thinking. Why? because."),
            [
                "\" i never quit a job, \" she said at the time.",
                "\" i don't know what's next. \"",
                "she had been thinking.",
                "Why? because."
            ]
        );
        assert_eq!(
            sents("“Why?” he asked. It rose… then fell."),
            ["“Why?” he asked.", "It rose… then fell."]
        );
    }

    #[test]
    fn party_and_state_in_brackets() {
        assert_eq!(
            sents("“We will win,” Sen. Ann Lee (D-Mo.) said. Rep. Bo Chen (R-S.C.) agreed."),
            [
                "“We will win,” Sen. Ann Lee (D-Mo.) said.",
                "Rep. Bo Chen (R-S.C.) agreed."
            ]
        );
    }

    #[test]
    fn no_as_a_word_ends_a_sentence() {
        assert_eq!(
            sents("Voters said no. Officials said No. 5 was next."),
            ["Voters said no.", "Officials said No. 5 was next."]
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
    fn examples_in_speech_verb_and_time_zone_lists_hold() {
        let src = [
            include_str!("../../../resources/en/text/speech_verbs.txt"),
            include_str!("../../../resources/en/text/time_zones.txt"),
        ]
        .concat();
        let mut n = 0;
        for l in src.lines().filter_map(|l| l.strip_prefix("# EXAMPLE: ")) {
            let (text, expect) = l.split_once(" => ").unwrap();
            let want = if expect == "one sentence" { 1 } else { 2 };
            assert_eq!(sents(text).len(), want, "{text}");
            n += 1;
        }
        assert!(n >= 6);
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
