//! Boilerplate marking and in-text metadata. The text is never changed: boilerplate is a
//! list of spans that the analysis skips, and what those lines tell (a date, a dateline
//! place, an outlet, a headline) is returned as metadata.

use std::ops::Range;

use chrono::NaiveDate;
use triangulate_core::BoilerplateKind;
use triangulate_text::is_stopword;

use crate::dates::parse_date;
use crate::rules::Rules;

/// What cleaning found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Boilerplate byte ranges and kinds, in text order, non-overlapping.
    pub boilerplate: Vec<(Range<usize>, BoilerplateKind)>,
    /// Date stated by a date marker ("Updated 08 November 2017"), the first in text order.
    pub date: Option<NaiveDate>,
    /// Dateline place ("UNITED NATIONS").
    pub dateline: Option<String>,
    /// Outlet named in the dateline ("Reuters").
    pub dateline_outlet: Option<String>,
    /// A headline line found in the text.
    pub headline: Option<String>,
    /// The first line that is only a URL (a page saved as text opens with it).
    pub url: Option<String>,
}

/// One non-blank line: byte range of its trimmed content.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        if !content.is_empty() {
            out.push(Line {
                start: pos + lead,
                end: pos + lead + content.len(),
            });
        }
        pos += raw.len();
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A line that is only a URL.
pub(crate) fn is_url_line(line: &str) -> bool {
    let t = line.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    t.len() > 4
        && !t.contains(char::is_whitespace)
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www."))
}

/// A line in capitals (two words or more, no lower-case letter, no sentence end): a
/// headline or a section head of wire copy.
fn in_capitals(line: &str) -> bool {
    line.split_whitespace().count() >= 2
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && !line.chars().any(char::is_lowercase)
        && !line.ends_with(['.', '!', '?'])
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '…', '”', '"', '’', '\'', ')', ':', ';', ','])
}

/// A line that reads like a headline: short, capitalized, no sentence end, not cut off
/// after a function word. Conservative: a news sentence has a full stop.
fn title_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    (3..=20).contains(&words.len())
        && line.len() <= 160
        && line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !ends_sentence(line)
        && !line.ends_with(['-', '—', '–'])
        && !is_stopword(last.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Find boilerplate and in-text metadata in `text`. `title` is the headline if the input
/// gave one (a line repeating it is boilerplate). Linear in the length of the text.
pub fn clean(text: &str, title: Option<&str>) -> Cleaned {
    let rules = Rules::get();
    let mut out = Cleaned::default();
    let lines = lines(text);
    let mut dates: Vec<(usize, &str)> = Vec::new();
    // Per line: boilerplate kind, and for partial lines where the content starts.
    let mut kind: Vec<Option<BoilerplateKind>> = vec![None; lines.len()];
    let mut content_start: Vec<usize> = lines.iter().map(|l| l.start).collect();
    let title_sq = title.map(squash).filter(|t| !t.is_empty());

    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.start..l.end];
        if is_url_line(s) {
            kind[i] = Some(BoilerplateKind::Url);
            if out.url.is_none() {
                out.url = Some(s.to_string());
            }
        } else if let Some((k, date)) = rules.classify_line(s) {
            kind[i] = Some(k);
            if let Some(d) = date {
                dates.push((l.start, d));
            }
        } else if title_sq.as_deref() == Some(squash(s).as_str()) {
            kind[i] = Some(BoilerplateKind::Headline);
        }
    }
    // A leading partial marker ("date 2017-11-14 Russia and ...").
    if let Some(first) = lines.first() {
        if kind[0].is_none() {
            let s = &text[first.start..first.end];
            if let Some((k, len, date)) = rules.classify_start(s) {
                out.boilerplate.push((first.start..first.start + len, k));
                if let Some(d) = date {
                    dates.push((first.start, d));
                }
                let rest = &s[len..];
                content_start[0] = first.start + len + (rest.len() - rest.trim_start().len());
            }
        }
    }
    // Dateline: the start of one of the first three story lines.
    let story: Vec<usize> = (0..lines.len()).filter(|&i| kind[i].is_none()).collect();
    let mut dateline_line = None;
    for &i in story.iter().take(3) {
        let s = &text[content_start[i]..lines[i].end];
        if let Some((place, outlet, len)) = rules.dateline(s) {
            let place = place.filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3);
            if place.is_none() && outlet.is_none() {
                continue;
            }
            let matched = s[..len].trim_end();
            out.boilerplate.push((
                content_start[i]..content_start[i] + matched.len(),
                BoilerplateKind::Dateline,
            ));
            out.dateline = place.map(str::to_string);
            out.dateline_outlet = outlet.map(|o| rules.outlet_of_tag(o));
            dateline_line = Some(i);
            break;
        }
    }
    // Lines in capitals, in a text that is not all capitals (old wire copy).
    let lower_letters = text.chars().filter(|c| c.is_lowercase()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if lower_letters * 2 >= letters {
        for &i in &story {
            if dateline_line != Some(i) && in_capitals(&text[lines[i].start..lines[i].end]) {
                kind[i] = Some(BoilerplateKind::Headline);
            }
        }
    }
    let story: Vec<usize> = story.into_iter().filter(|&i| kind[i].is_none()).collect();
    // A short first line without a final stop above the story: the headline.
    if let [first, next, ..] = story[..] {
        let s = &text[content_start[first]..lines[first].end];
        let n = &text[content_start[next]..lines[next].end];
        if dateline_line != Some(first)
            && content_start[first] == lines[first].start
            && title_like(s)
            && ends_sentence(n)
        {
            kind[first] = Some(BoilerplateKind::Headline);
            out.headline = Some(s.to_string());
        }
    }
    let story: Vec<usize> = story.into_iter().filter(|&i| kind[i].is_none()).collect();
    // A headline repeated as the first or last story line.
    let terminated = story
        .iter()
        .filter(|&&i| ends_sentence(&text[lines[i].start..lines[i].end]))
        .count();
    if story.len() >= 3 && terminated * 2 >= story.len() {
        let first = story[0];
        let last = story[story.len() - 1];
        for i in [first, last] {
            // A line that opens with the dateline is the story's first sentence: were it
            // also a headline, the two boilerplate spans would overlap.
            if dateline_line == Some(i) {
                continue;
            }
            let s = &text[content_start[i]..lines[i].end];
            if content_start[i] == lines[i].start && title_like(s) {
                kind[i] = Some(BoilerplateKind::Headline);
                if out.headline.is_none() {
                    out.headline = Some(s.to_string());
                }
            }
        }
    }
    // Inline marks (a caption sentence, "(published Sunday, Feb. 5, 2017)") in the story
    // lines, outside the partial marks already found (dateline, leading date marker).
    let partial = out.boilerplate.clone();
    for (i, l) in lines.iter().enumerate() {
        if kind[i].is_some() {
            continue;
        }
        let from = content_start[i];
        for (r, k) in rules.classify_inline(&text[from..l.end]) {
            let r = from + r.start..from + r.end;
            if !partial
                .iter()
                .any(|(p, _)| p.start < r.end && r.start < p.end)
            {
                out.boilerplate.push((r, k));
            }
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if let Some(k) = kind[i] {
            out.boilerplate.push((l.start..l.end, k));
        }
    }
    out.boilerplate.sort_by_key(|(r, _)| (r.start, r.end));
    dates.sort_by_key(|(pos, _)| *pos);
    out.date = dates.iter().find_map(|(_, d)| parse_date(d));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(&str, BoilerplateKind)> {
        clean(text, None)
            .boilerplate
            .into_iter()
            .map(|(r, k)| (&text[r], k))
            .collect()
    }

    /// Found by fuzzing (reader_text): a first line that opens with a dateline and reads
    /// like a title was marked twice, as dateline and as headline, two overlapping spans.
    #[test]
    fn dateline_line_is_not_also_a_headline() {
        let text = "PORT HALDEN (Harbor Wire) — Bridge Shut After Cracks Found\n\
The city closed the bridge on Monday.\n\
Nobody was hurt.\n";
        assert_eq!(
            marked(text),
            [("PORT HALDEN (Harbor Wire) —", BoilerplateKind::Dateline)]
        );
    }

    #[test]
    fn captions_markers_and_trailing_headline() {
        let text = "PORT HALDEN (Harbor Wire) - The bridge closed on Monday, officials said.\n\
© Harbor Wire/ Jane Roe Crowds gather on the quay\n\
The mayor said repairs would take weeks.\n\
Nobody was hurt.\n\
Halden bridge shut as cracks found in deck\n\
Updated 04 March 2025\n";
        let c = clean(text, None);
        let got: Vec<(&str, BoilerplateKind)> = c
            .boilerplate
            .iter()
            .map(|(r, k)| (&text[r.clone()], *k))
            .collect();
        assert_eq!(
            got,
            [
                ("PORT HALDEN (Harbor Wire) -", BoilerplateKind::Dateline),
                (
                    "© Harbor Wire/ Jane Roe Crowds gather on the quay",
                    BoilerplateKind::Caption
                ),
                (
                    "Halden bridge shut as cracks found in deck",
                    BoilerplateKind::Headline
                ),
                ("Updated 04 March 2025", BoilerplateKind::DateMarker),
            ]
        );
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(c.dateline.as_deref(), Some("PORT HALDEN"));
        assert_eq!(c.dateline_outlet.as_deref(), Some("Harbor Wire"));
    }

    #[test]
    fn leading_date_marker_is_partial() {
        let text = " date 2025-03-04 The bridge closed.\n\n(Quay Ledger) — It had cracks.\n\nRepairs start soon.";
        let c = clean(text, None);
        assert_eq!(&text[c.boilerplate[0].0.clone()], "date 2025-03-04");
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(c.dateline_outlet.as_deref(), Some("Quay Ledger"));
        assert_eq!(c.dateline, None);
    }

    #[test]
    fn news_sentences_are_kept() {
        // No full stop on the last line, but it is cut off, not a headline.
        assert!(marked(
            "One thing happened.\nAnother did.\nA third one did.\nThe council voted to"
        )
        .is_empty());
        // Too few lines to tell.
        assert!(marked("Bridge closes\nIt closed.").is_empty());
        // Lines without full stops everywhere: a list, not an article.
        assert!(marked("Bread and milk\nEggs for Sunday\nTea from the shop").is_empty());
        // A title given by the input is matched anywhere, whitespace and case aside.
        let c = clean(
            "Bridge  closes today\nIt closed.",
            Some("Bridge closes today"),
        );
        assert_eq!(c.boilerplate[0].1, BoilerplateKind::Headline);
    }
}
