//! Shortening within a sentence, verbatim: a trailing attribution clause ("..., officials
//! said.", "..., according to the ministry.") is dropped, with the sentence's final stop.
//! What is kept is a prefix of the sentence, so every word stays the article's own and the
//! summary sentence's span stays exact (it ends where the kept words end).
//!
//! Only where nothing leans on the dropped clause: the kept part holds no quotation mark (a
//! quotation must keep its speaker) and has at least [`MIN_KEPT_WORDS`] words; the clause
//! has at most [`MAX_CLAUSE_WORDS`] words, holds a verb of saying or opens with "according
//! to", and no quotation mark.

use triangulate_text::is_speech_verb;

/// Least words left after the cut.
pub const MIN_KEPT_WORDS: usize = 8;

/// Most words of a dropped clause.
pub const MAX_CLAUSE_WORDS: usize = 6;

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '\'' | '‘' | '’' | '`')
}

/// Byte length of `text` without its trailing attribution clause (the comma before it
/// dropped too), or `None` if it has none that may go.
pub fn attribution_cut(text: &str) -> Option<usize> {
    let body = text.trim_end();
    let body = body.strip_suffix('.')?;
    let comma = body.rfind(',')?;
    let (head, clause) = (&body[..comma], &body[comma + 1..]);
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() || words.len() > MAX_CLAUSE_WORDS || clause.chars().any(is_quote) {
        return None;
    }
    // Possessives and contractions in the kept part are not quotations.
    let quoted = head
        .char_indices()
        .any(|(i, c)| is_quote(c) && !is_apostrophe_in_word(head, i, c));
    if quoted || head.split_whitespace().count() < MIN_KEPT_WORDS {
        return None;
    }
    let saying = words
        .iter()
        .any(|w| is_speech_verb(w.trim_matches(|c: char| !c.is_alphanumeric())))
        || (words.len() >= 3 && words[0] == "according" && words[1] == "to");
    if !saying {
        return None;
    }
    Some(head.trim_end().len())
}

/// An apostrophe between letters ("Russia's", "don't"), or after a plural's s ("states'").
fn is_apostrophe_in_word(s: &str, i: usize, c: char) -> bool {
    if c != '\'' && c != '’' {
        return false;
    }
    let before = s[..i].chars().next_back();
    let after = s[i + c.len_utf8()..].chars().next();
    before.is_some_and(char::is_alphanumeric)
        && (after.is_some_and(char::is_alphanumeric) || before == Some('s'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Option<&str> {
        attribution_cut(text).map(|n| &text[..n])
    }

    #[test]
    fn trailing_attribution_goes() {
        assert_eq!(
            cut("Russia vetoed the renewal of the mission's mandate on Tuesday, diplomats said."),
            Some("Russia vetoed the renewal of the mission's mandate on Tuesday")
        );
        assert_eq!(
            cut("The bridge cost $410 million and took six years to build, according to the city."),
            Some("The bridge cost $410 million and took six years to build")
        );
    }

    #[test]
    fn quotations_and_other_clauses_stay() {
        // A quotation keeps its speaker.
        assert_eq!(
            cut("\u{201c}We will veto any text that blames Syria alone,\u{201d} the envoy said."),
            None
        );
        assert_eq!(
            cut("\"We will veto any text that blames Syria alone in this council,\" he said."),
            None
        );
        // No verb of saying in the clause.
        assert_eq!(
            cut("Russia vetoed the renewal of the mission's mandate on Tuesday, in New York."),
            None
        );
        // Too little left.
        assert_eq!(cut("Russia vetoed it, officials said."), None);
        // A clause too long to be an attribution.
        assert_eq!(
            cut("Russia vetoed the renewal of the mission's mandate on Tuesday, which the United States and France had said was needed."),
            None
        );
        // No final stop, no comma.
        assert_eq!(
            cut("Russia vetoed the renewal of the mission's mandate on Tuesday, officials said"),
            None
        );
        assert_eq!(
            cut("Officials said Russia vetoed the renewal of the mission's mandate on Tuesday."),
            None
        );
    }
}
