//! Notices of damage that the text stage repairs without touching the text: apostrophes
//! stripped ("it s", "investigation s report") and sentences broken across lines after an
//! abbreviation ("Russian U.N.\nAmbassador"). Each becomes a diagnostic with the span of
//! its first occurrence.

use std::ops::Range;

use triangulate_text::{abbreviation_class, AbbrevClass};

/// A kind of damage, how often it occurs, and where first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// What it is.
    pub message: String,
    /// First occurrence.
    pub first: Range<usize>,
}

/// Find stripped apostrophes and line breaks after abbreviations. Linear time.
pub fn find(text: &str) -> Vec<Damage> {
    let mut out = Vec::new();
    // "word s word": a lone s after a letter and a space, before a space or punctuation.
    let b = text.as_bytes();
    let mut count = 0;
    let mut first = None;
    for i in 1..b.len().saturating_sub(1) {
        let lone_s = b[i] == b's'
            && b[i - 1] == b' '
            && i >= 2
            && b[i - 2].is_ascii_alphabetic()
            && (i + 1 == b.len() || matches!(b[i + 1], b' ' | b',' | b'.' | b';' | b'\n'));
        let lone_t = b[i] == b't'
            && b[i - 1] == b' '
            && i >= 2
            && b[i - 2] == b'n'
            && (i + 1 == b.len() || matches!(b[i + 1], b' ' | b',' | b'.' | b'\n'));
        if lone_s || lone_t {
            count += 1;
            if first.is_none() {
                let start = text[..i - 1]
                    .rfind(|c: char| !c.is_alphanumeric())
                    .map_or(0, |p| {
                        p + text[p..].chars().next().map_or(1, char::len_utf8)
                    });
                first = Some(start..i + 1);
            }
        }
    }
    if let Some(first) = first {
        out.push(Damage {
            message: format!(
                "apostrophes look stripped in {count} place(s) (\"{}\"); repaired in token norms, text kept",
                &text[first.clone()]
            ),
            first,
        });
    }
    // A line that ends with a dotted acronym or title, the next starting with a capital.
    let mut count = 0;
    let mut first = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let end = pos + line.trim_end().len();
        let content = line.trim_end();
        pos += line.len();
        let Some(last) = content.split_whitespace().last() else {
            continue;
        };
        let next_starts_upper = text[pos..].starts_with(char::is_uppercase);
        if next_starts_upper
            && last.ends_with('.')
            && matches!(
                abbreviation_class(last),
                Some(AbbrevClass::Prenominal | AbbrevClass::Title)
            )
        {
            count += 1;
            if first.is_none() {
                first = Some(end - last.len()..end);
            }
        }
    }
    if let Some(first) = first {
        out.push(Damage {
            message: format!(
                "{count} line break(s) after an abbreviation (\"{}\") inside a sentence; the sentence is kept whole",
                &text[first.clone()]
            ),
            first,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stripped_apostrophes_and_broken_lines() {
        let t = "The inquiry s report is late, it s not over, we don t know. Russian U.N.\nAmbassador spoke.";
        let d = find(t);
        assert_eq!(d.len(), 2);
        assert_eq!(&t[d[0].first.clone()], "inquiry s");
        assert!(d[0].message.contains("3 place"), "{}", d[0].message);
        assert_eq!(&t[d[1].first.clone()], "U.N.");
        assert!(find("It’s fine. Class A shares rose, s. 3 says.\nNew line.").is_empty());
    }
}
