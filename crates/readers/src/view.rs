//! The analysis view of a text (see `Document::analysis_text`): the same bytes but for ASCII
//! runs read differently, so that no offset moves.
//!
//! - a wrapped line break (see [`crate::unwrap`]) becomes a space (`\r\n` two spaces);
//! - TeX quotes become the straight quotation mark the tokenizer, the attribution tagger and
//!   its rules know, padded on the side away from the quoted words: ` ``Yes`  reads
//!   ` "Yes`, `no,''` reads `no," `;
//! - an SGML/HTML entity (`&amp;`, `&AMP;`, `&#8217;`, `&quot;`) becomes its character,
//!   padded with spaces on the side away from the adjacent word (`&nbsp;` a space).

use std::ops::Range;

use crate::unwrap::wrapped_breaks;

/// The view of one text and what was read differently in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// The view, `None` if it equals the text.
    pub text: Option<String>,
    /// One note per kind of change, for the document's diagnostics.
    pub notes: Vec<String>,
}

/// Build the analysis view of `text`. Linear in the length of the text.
pub fn view(text: &str) -> View {
    let mut v: Vec<u8> = text.as_bytes().to_vec();
    let mut notes = Vec::new();
    if let Some(w) = wrapped_breaks(text) {
        for b in &w.breaks {
            v[b.clone()].fill(b' ');
        }
        notes.push(format!(
            "hard-wrapped at about {} columns: {} line break(s) read as spaces for analysis",
            w.width,
            w.breaks.len()
        ));
    }
    let tex = tex_quotes(text, &mut v);
    if tex > 0 {
        notes.push(format!(
            "{tex} TeX quotation mark(s) (``, '') read as quotation marks for analysis"
        ));
    }
    let (n, first) = entities(text, &mut v);
    if n > 0 {
        notes.push(format!(
            "{n} character entit(ies) such as {first} decoded for analysis"
        ));
    }
    let out = String::from_utf8(v).expect("only ASCII runs were replaced, by whole characters");
    View {
        text: (out != text).then_some(out),
        notes,
    }
}

/// TeX quotes, only in a text that opens one with two backquotes (elsewhere two apostrophes
/// are left to the tokenizer). Returns how many were replaced.
fn tex_quotes(text: &str, v: &mut [u8]) -> usize {
    if !text.contains("``") {
        return 0;
    }
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'`', b'`') => {
                v[i] = b' ';
                v[i + 1] = b'"';
            }
            (b'\'', b'\'') => {
                v[i] = b'"';
                v[i + 1] = b' ';
            }
            _ => {
                i += 1;
                continue;
            }
        }
        n += 1;
        i += 2;
    }
    n
}

/// An entity at `i` (`b[i] == b'&'`): its byte range, if it is one.
fn entity_at(b: &[u8], i: usize) -> Option<Range<usize>> {
    let rest = &b[i + 1..];
    let len = if rest.first() == Some(&b'#') {
        let hex = matches!(rest.get(1), Some(b'x' | b'X'));
        let digits = rest[1 + usize::from(hex)..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        (digits > 0 && digits <= 7).then_some(1 + usize::from(hex) + digits)?
    } else {
        let name = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        (2..=32).contains(&name).then_some(name)?
    };
    (rest.get(len) == Some(&b';')).then_some(i..i + len + 2)
}

/// The character an entity stands for (`&AMP;` as `&amp;`), if known and not a control.
fn decode_entity(entity: &str) -> Option<char> {
    let one = |s: &str| {
        let d = html_escape::decode_html_entities(s);
        let mut cs = d.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if d != s => Some(c),
            _ => None,
        }
    };
    let c = one(entity).or_else(|| one(&entity.to_ascii_lowercase()))?;
    match c {
        '\u{a0}' | '\u{2002}'..='\u{200a}' => Some(' '),
        c if c.is_control() && c != '\n' && c != '\t' => None,
        c => Some(c),
    }
}

/// Decode entities into `v`. Returns how many, and the first as written.
fn entities(text: &str, v: &mut [u8]) -> (usize, String) {
    let b = text.as_bytes();
    let (mut n, mut first) = (0, String::new());
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'&') {
        let at = i + off;
        let Some(r) = entity_at(b, at) else {
            i = at + 1;
            continue;
        };
        i = r.end;
        let Some(c) = decode_entity(&text[r.clone()]) else {
            continue;
        };
        let mut buf = [0u8; 4];
        let enc = c.encode_utf8(&mut buf).as_bytes();
        let pad = r.len() - enc.len();
        // Padding on the side away from the word the entity touches.
        let word_after = b.get(r.end).is_some_and(u8::is_ascii_alphanumeric)
            || text[r.end..].starts_with(|c: char| c.is_alphanumeric());
        let word_before = text[..r.start].ends_with(|c: char| c.is_alphanumeric());
        let pad_first = word_after && !word_before;
        let slot = &mut v[r.clone()];
        slot.fill(b' ');
        let at = if pad_first { pad } else { 0 };
        slot[at..at + enc.len()].copy_from_slice(enc);
        if n == 0 {
            first = text[r].to_string();
        }
        n += 1;
    }
    (n, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> String {
        view(text).text.unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn tex_quotes_read_as_straight_quotes_in_place() {
        let t = "``We will reopen,'' she said. ``Soon.''";
        assert_eq!(v(t), " \"We will reopen,\"  she said.  \"Soon.\" ");
        assert_eq!(v(t).len(), t.len());
        // Two apostrophes without any TeX opening are left to the tokenizer.
        assert_eq!(view("the '' mark").text, None);
    }

    #[test]
    fn entities_decode_with_padding_away_from_the_word() {
        assert_eq!(v("Smith &AMP; Wesson"), "Smith &     Wesson");
        assert_eq!(v("&quot;Yes&quot; he"), "     \"Yes\"      he");
        assert_eq!(v("AT&amp;T"), "AT&    T");
        assert_eq!(v("a&nbsp;b"), "a      b");
        assert_eq!(v("it&#8217;s"), "it\u{2019}    s");
        assert_eq!(v("caf&eacute;s"), "caf\u{e9}      s");
        // Not entities, or unknown ones: left as they are.
        for t in [
            "R&D spending",
            "a & b",
            "&nosuchthing; x",
            "&#0; x",
            "& amp;",
        ] {
            assert_eq!(view(t).text, None, "{t}");
        }
    }

    #[test]
    fn plain_text_has_no_view_and_no_notes() {
        let t = "The bridge closed on Monday.\nIt will reopen in April, officials said.";
        assert_eq!(view(t), View::default());
    }

    #[test]
    fn every_view_keeps_length_and_character_starts() {
        let t = "``Caf&eacute;'' &mdash; \u{e9}t\u{e9} &amp;&amp; &#x1F600; ``x''";
        let w = v(t);
        assert_eq!(w.len(), t.len());
        for i in 0..w.len() {
            assert!(!w.is_char_boundary(i) || t.is_char_boundary(i), "at {i}");
        }
    }
}
