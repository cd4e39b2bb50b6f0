//! Text with highlighted byte ranges, as escaped HTML: a document with the spans the report
//! cites, a statement with its evidence words.

use html_escape::encode_safe;

/// A range to highlight, with where its mark links to.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Byte range in the text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Link of the mark (a site path built from numbers, never from article text).
    pub href: Option<String>,
    /// Class of the mark.
    pub class: &'static str,
}

/// `text` as HTML, every range of `marks` inside `<mark>` (overlaps cut into pieces; a
/// piece takes the link and class of the first mark covering it). The piece that opens
/// `selected` gets `id="hl"`, every piece inside it the class `sel`. Ranges off the text or
/// off char boundaries are ignored. The text itself is always escaped.
pub fn html(text: &str, marks: &[Mark], selected: Option<(usize, usize)>) -> String {
    let ok = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let marks: Vec<&Mark> = marks.iter().filter(|m| ok(m.start, m.end)).collect();
    let selected = selected.filter(|&(s, e)| ok(s, e));
    let mut cuts = vec![0, text.len()];
    for m in &marks {
        cuts.extend([m.start, m.end]);
    }
    if let Some((s, e)) = selected {
        cuts.extend([s, e]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + marks.len() * 60);
    let mut opened_sel = false;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = encode_safe(&text[a..b]);
        let cover = marks.iter().find(|m| m.start <= a && b <= m.end);
        let sel = selected.is_some_and(|(s, e)| s <= a && b <= e);
        if cover.is_none() && !sel {
            out.push_str(&piece);
            continue;
        }
        let mut class = cover.map(|m| m.class).unwrap_or("").to_string();
        if sel {
            class.push_str(if class.is_empty() { "sel" } else { " sel" });
        }
        out.push_str("<mark class=\"");
        out.push_str(&class);
        out.push('"');
        if sel && !opened_sel {
            out.push_str(" id=\"hl\"");
            opened_sel = true;
        }
        out.push('>');
        match cover.and_then(|m| m.href.as_deref()) {
            Some(h) => {
                out.push_str("<a href=\"");
                out.push_str(&encode_safe(h));
                out.push_str("\">");
                out.push_str(&piece);
                out.push_str("</a>");
            }
            None => out.push_str(&piece),
        }
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize) -> Mark {
        Mark {
            start,
            end,
            href: Some(format!("/stories/1#s{start}")),
            class: "cite",
        }
    }

    #[test]
    fn text_is_escaped_and_marks_cut_at_overlaps() {
        let t = "a <b> & \"c\" d";
        let h = html(t, &[m(2, 5), m(4, 11)], None);
        assert!(!h.contains("<b>"), "{h}");
        assert!(h.contains("&lt;b"), "{h}");
        assert_eq!(h.matches("<mark").count(), 3, "{h}");
    }

    #[test]
    fn the_selected_range_is_whole_and_opened_once() {
        let t = "The bridge closed. Engineers met on Monday.";
        let h = html(t, &[m(0, 18), m(19, 43)], Some((19, 43)));
        assert_eq!(h.matches("id=\"hl\"").count(), 1);
        // Strip the tags of the selected pieces: their text is the range's text.
        let sel: String = h
            .split("<mark class=\"cite sel\"")
            .skip(1)
            .map(|p| {
                let inner = &p[p.find("\">").unwrap() + 2..];
                let inner = &inner[inner.find('>').unwrap() + 1..];
                inner[..inner.find('<').unwrap()].to_string()
            })
            .collect();
        assert_eq!(sel, &t[19..43]);
    }

    #[test]
    fn ranges_off_the_text_are_ignored() {
        let t = "é and more";
        let h = html(t, &[m(1, 3), m(5, 99)], Some((0, 1)));
        assert!(!h.contains("<mark"), "{h}");
        assert!(h.contains("é and more"));
    }
}
