//! Hard-wrapped text: which line breaks a wrapper put in (lines broken at about 70 columns,
//! as wire services, corpora and mail archives have it), and which the author did.
//!
//! A document is taken as wrapped when its lines are of one width (most inner lines could
//! not have taken the next line's first word), most of them end without a sentence stop,
//! and a good share continue in lower case. Then a break inside a paragraph is read as a
//! space when the next word would not have fit on the line, or when the line ends without
//! a stop and the next begins in lower case. Blank lines, indented first lines, list items,
//! lines in capitals and URL lines keep their breaks. Poetry, lists and headlines are not
//! wrapped prose: they fail the test and are left as they are.

use std::ops::Range;

use crate::clean::is_url_line;

/// Wrapped line breaks of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// Byte ranges of the breaks (`\n` or `\r\n`) to read as spaces, in text order.
    pub breaks: Vec<Range<usize>>,
    /// The width the text seems wrapped at, in characters.
    pub width: usize,
}

/// Narrowest and widest wrapping width taken as wrapping: narrower lines are verse or
/// lists, wider ones paragraphs on one line.
const WIDTHS: std::ops::RangeInclusive<usize> = 40..=120;

#[derive(Debug, Clone)]
struct Line<'a> {
    /// Line without its break, trailing whitespace trimmed.
    text: &'a str,
    /// Characters of `text` (indentation included).
    chars: usize,
    /// Leading whitespace in characters (a tab counts as 4).
    indent: usize,
    /// The break after the line (empty at the end of the text).
    brk: Range<usize>,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let brk = pos + body.len()..pos + raw.len();
        let t = body.trim_end();
        let lead = &t[..t.len() - t.trim_start().len()];
        out.push(Line {
            text: t,
            chars: t.chars().count(),
            indent: lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum(),
            brk,
        });
        pos += raw.len();
    }
    out
}

fn ends_with_stop(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .trim_start_matches(['"', '\'', '“', '‘', '(', '`'])
        .starts_with(|c: char| c.is_lowercase())
}

/// A list item: a bullet ("• ", "* ", "- ") or a number ("1. ", "2) ") before its text.
/// A dash that starts a wrapped line is the prose's dash, not a bullet: the caller asks
/// for a "- " only where the line before it is not full.
fn list_marker(s: &str) -> Option<char> {
    let t = s.trim_start();
    let c = t.chars().next()?;
    if matches!(c, '•' | '*' | '-') && t[c.len_utf8()..].starts_with(' ') {
        return Some(c);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && digits <= 3 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')))
        .then_some('1')
}

/// A line without lower-case letters (a slug, a headline in capitals, a dateline).
fn in_capitals(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
}

fn first_word_chars(s: &str) -> usize {
    s.split_whitespace().next().map_or(0, |w| w.chars().count())
}

/// The wrapped line breaks of `text`, or `None` if it does not read as hard-wrapped prose.
/// Linear in the length of the text.
pub fn wrapped_breaks(text: &str) -> Option<Wrapped> {
    let lines = split_lines(text);
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.chars)
        .collect();
    if lens.len() < 4 {
        return None;
    }
    lens.sort_unstable();
    let width = lens[(lens.len() - 1) * 9 / 10];
    if !WIDTHS.contains(&width) {
        return None;
    }
    let min_indent = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.indent)
        .min()
        .unwrap_or(0);
    let (mut inner, mut full, mut stops, mut lower) = (0usize, 0usize, 0usize, 0usize);
    for w in lines.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.text.is_empty() || b.text.is_empty() {
            continue;
        }
        inner += 1;
        full += usize::from(a.chars + 1 + first_word_chars(b.text) > width);
        stops += usize::from(ends_with_stop(a.text));
        lower += usize::from(!ends_with_stop(a.text) && starts_lower(b.text));
    }
    // Most inner lines full, most ending mid-sentence, a fair share continuing in lower
    // case: prose broken by a wrapper, not verse, a list or a column of headlines.
    if inner < 3 || full * 10 < inner * 6 || stops * 10 > inner * 6 || lower * 4 < inner {
        return None;
    }
    let mut breaks = Vec::new();
    for w in lines.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.text.is_empty() || b.text.is_empty() {
            continue;
        }
        let fits = a.chars + 1 + first_word_chars(b.text) <= width;
        let list = match list_marker(b.text) {
            Some('-') => fits || list_marker(a.text).is_some(),
            other => other.is_some(),
        };
        let kept = is_url_line(a.text)
            || is_url_line(b.text)
            || list
            || in_capitals(a.text)
            || in_capitals(b.text)
            || (b.indent > min_indent && b.indent > a.indent);
        let continues = !ends_with_stop(a.text) && starts_lower(b.text);
        if !kept && (!fits || continues) {
            breaks.push(a.brk.clone());
        }
    }
    (!breaks.is_empty()).then_some(Wrapped { breaks, width })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Greedy wrapping at `width` columns, as wire copy has it.
    pub(crate) fn wrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        for (i, para) in text.split("\n\n").enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            let mut col = 0;
            for word in para.split_whitespace() {
                let n = word.chars().count();
                if col > 0 && col + 1 + n > width {
                    out.push('\n');
                    col = 0;
                } else if col > 0 {
                    out.push(' ');
                    col += 1;
                }
                out.push_str(word);
                col += n;
            }
        }
        out
    }

    const PROSE: &str = "The council voted on Tuesday to keep the old ferry landing open through the winter, after a long debate in which several members said the cost of the repairs had been badly underestimated by the harbor office.\n\nThe mayor said the vote was a sign that the city listens to the people who use the landing every day, and that a full report on the costs would be ready before the spring.";

    fn joined(text: &str) -> String {
        let mut v = text.as_bytes().to_vec();
        for b in wrapped_breaks(text).map(|w| w.breaks).unwrap_or_default() {
            v[b].fill(b' ');
        }
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn wrapped_prose_reads_as_its_paragraphs() {
        let wrapped = wrap(PROSE, 68);
        assert!(wrapped.lines().count() > 6);
        let w = wrapped_breaks(&wrapped).expect("wrapped");
        assert!((60..=68).contains(&w.width), "{}", w.width);
        let back = joined(&wrapped);
        let paras: Vec<String> = back
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let orig: Vec<&str> = PROSE.split("\n\n").collect();
        assert_eq!(paras, orig);
        assert!(!back.trim().contains("\n\n\n"));
        assert_eq!(back.matches('\n').count(), 2, "{back}");
        // Windows line ends: both bytes become spaces.
        let crlf = wrapped.replace('\n', "\r\n");
        assert_eq!(joined(&crlf).matches('\n').count(), 2);
    }

    #[test]
    fn indented_paragraphs_and_list_items_keep_their_breaks() {
        let wrapped = wrap(PROSE, 60).replace("\n\n", "\n    ");
        let back = joined(&format!("    {wrapped}"));
        assert_eq!(back.matches('\n').count(), 1, "{back}");
        let with_list = format!("{}\n- bread for the crew\n- rope", wrap(PROSE, 60));
        let back = joined(&with_list);
        assert!(back.contains("\n- bread for the crew\n- rope"), "{back}");
        // A dash that begins a wrapped line is the sentence's own, never a bullet.
        assert_eq!(list_marker("\u{2014} one presented by the council"), None);
        assert_eq!(list_marker("- rope"), Some('-'));
        assert_eq!(list_marker("12) rope"), Some('1'));
        assert_eq!(list_marker("-30-"), None);
    }

    #[test]
    fn verse_lists_headlines_and_unwrapped_text_are_left_alone() {
        let verse = "The tide came in and the tide went out\nAnd nobody knew where the ferry had gone\nThe gulls were loud on the harbor wall\nAnd the lamps were lit before six\nAnd the lamps were out by ten";
        assert_eq!(wrapped_breaks(verse), None);
        let list = "Bread and milk for the crew of the ferry\nEggs for Sunday\nTea from the shop on Mill Road\nRope, forty meters of it";
        assert_eq!(wrapped_breaks(list), None);
        assert_eq!(wrapped_breaks(PROSE), None);
        let headlines = "Bridge closes for five weeks after cracks are found in a plate\nFerry company adds sailings between the two banks of the river\nShops on the south bank count the cost of the long detour\nMayor says the city will not take any chances with safety";
        assert_eq!(wrapped_breaks(headlines), None);
    }

    #[test]
    fn a_headline_and_url_above_wrapped_text_stay_on_their_own_lines() {
        let text = format!(
            "https://news.example.com/2025/03/04/ferry-landing-stays-open\nFerry landing stays open\nMarch 4, 2025\n\n{}",
            wrap(PROSE, 68)
        );
        let back = joined(&text);
        assert!(back.starts_with(
            "https://news.example.com/2025/03/04/ferry-landing-stays-open\nFerry landing stays open\nMarch 4, 2025\n\nThe council"
        ));
    }
}
