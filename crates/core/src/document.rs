use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{DocId, Span};

/// One article: its immutable text and what is known about it.
///
/// `text` is the article's text as read (decoded to UTF-8; for HTML, the extracted main
/// content). It is never modified afterwards: every span of every later stage points into it.
///
/// Analysis reads [`Document::analysis_text`], a view of exactly the same byte length whose
/// char boundaries are a subset of `text`'s: the readers may replace ASCII runs in it (a
/// wrapped line break read as a space, TeX quotes as straight ones, `&amp;` as `&` plus
/// padding), so every offset found in the view is an offset of `text`, and
/// [`Document::slice`] shows the original bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Position in the story.
    pub id: DocId,
    /// The name the input was given by (file path, `-`, or `path#line` for line formats).
    pub name: String,
    /// The immutable text.
    pub text: String,
    /// Outlet, dates, title, ...
    pub meta: Metadata,
    /// Lines that are not part of the story (captions, credits, "Updated ..." lines).
    /// Analysis skips them; what they tell is already in `meta`.
    pub boilerplate: Vec<Boilerplate>,
    /// What the readers noticed and repaired or worked around.
    pub diagnostics: Vec<Diagnostic>,
    /// The analysis view when it differs from `text` (see [`Document::analysis_text`]).
    /// Private so that only [`Document::set_analysis_text`], which checks it, sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    view: Option<String>,
}

/// An analysis view that does not fit its document's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// The view's length differs from the text's.
    #[error("analysis view has {view} bytes, the text {text}")]
    Length {
        /// Bytes of the text.
        text: usize,
        /// Bytes of the view.
        view: usize,
    },
    /// The view changes a non-ASCII character or starts a character where the text has none.
    #[error("analysis view changes a non-ASCII character or splits one at byte {at}")]
    Boundary {
        /// First offending byte.
        at: usize,
    },
}

impl Document {
    /// A document with empty metadata.
    pub fn new(id: DocId, name: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id,
            name: name.into(),
            text: text.into(),
            meta: Metadata::default(),
            boilerplate: Vec::new(),
            diagnostics: Vec::new(),
            view: None,
        }
    }

    /// The text analysis reads: `text` with wrapped line breaks, TeX quotes and entities
    /// replaced in place, byte for byte the same length, so offsets into it are offsets
    /// into `text`. Equal to `text` unless a reader set a view.
    pub fn analysis_text(&self) -> &str {
        // A view left behind by code that changed `text` directly is not used.
        match &self.view {
            Some(v) if v.len() == self.text.len() => v,
            _ => &self.text,
        }
    }

    /// Replace `range` of the text, and of its view, by `new`, shifting the boilerplate
    /// spans after it. For tools that make variants of a document already read (the
    /// contradiction-injection benchmark); readers and analysis never change a text.
    /// `range` must lie on char boundaries of the text.
    pub fn splice(&mut self, range: std::ops::Range<usize>, new: &str) {
        let (start, end) = (range.start, range.end);
        let delta = new.len() as i64 - (end - start) as i64;
        self.text.replace_range(start..end, new);
        if let Some(v) = &mut self.view {
            v.replace_range(start..end, new);
        }
        for b in &mut self.boilerplate {
            if b.span.start as usize >= end {
                b.span.start = (b.span.start as i64 + delta) as u32;
                b.span.end = (b.span.end as i64 + delta) as u32;
            }
        }
    }

    /// The view's words of a span (what analysis reads; [`Document::slice`] shows the
    /// original).
    pub fn analysis_slice(&self, span: Span) -> &str {
        &self.analysis_text()[span.range()]
    }

    /// `span` widened over the padding the view put next to it: bytes that are spaces in
    /// the view but not whitespace in the text (the second half of a TeX quote read as a
    /// straight one, the rest of an entity), so that the original bytes show whole marks.
    pub fn cover_padding(&self, span: Span) -> Span {
        let (t, v) = (self.text.as_bytes(), self.analysis_text().as_bytes());
        let pad = |i: usize| v[i] == b' ' && !t[i].is_ascii_whitespace();
        let (mut s, mut e) = (span.start as usize, span.end as usize);
        while s > 0 && pad(s - 1) {
            s -= 1;
        }
        while e < t.len() && pad(e) {
            e += 1;
        }
        Span::new_unchecked(span.doc, s, e)
    }

    /// Set the analysis view. It must have `text`'s length, differ from it only in bytes
    /// that are ASCII in `text`, and start characters only where `text` does, so that
    /// every char boundary of the view is one of the text. A view equal to `text` is
    /// dropped.
    pub fn set_analysis_text(&mut self, view: String) -> Result<(), ViewError> {
        check_view(&self.text, &view)?;
        self.view = (view != self.text).then_some(view);
        Ok(())
    }

    /// The words a span covers. Panics if the span is not of this document's text, which
    /// [`Span::new`] rules out.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Span of the whole text.
    pub fn full_span(&self) -> Span {
        Span::new_unchecked(self.id, 0, self.text.len())
    }

    /// True if the byte range lies inside a boilerplate line.
    pub fn is_boilerplate(&self, start: usize, end: usize) -> bool {
        self.boilerplate
            .iter()
            .any(|b| (b.span.start as usize) <= start && end <= b.span.end as usize)
    }
}

fn check_view(text: &str, view: &str) -> Result<(), ViewError> {
    if text.len() != view.len() {
        return Err(ViewError::Length {
            text: text.len(),
            view: view.len(),
        });
    }
    let (t, v) = (text.as_bytes(), view.as_bytes());
    for i in 0..t.len() {
        if (t[i] != v[i] && !t[i].is_ascii())
            || (view.is_char_boundary(i) && !text.is_char_boundary(i))
        {
            return Err(ViewError::Boundary { at: i });
        }
    }
    Ok(())
}

/// What is known about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline, if the input gives one.
    pub title: Option<String>,
    /// Outlet name ("Reuters", "Sputnik").
    pub outlet: Option<String>,
    /// Where the outlet was found: "input", "url", "html-meta", "dateline".
    pub outlet_basis: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Dateline place ("UNITED NATIONS", "MOSCOW/ NEW YORK").
    pub dateline: Option<String>,
    /// Publication date and how it was obtained.
    pub published: Option<PublishedDate>,
}

/// A publication date and its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDate {
    /// The day.
    pub date: NaiveDate,
    /// How it was obtained.
    pub basis: DateBasis,
}

/// How a publication date was obtained, from most to least trustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// A field of the input record (`published` in JSON).
    InputField,
    /// HTML meta tags or JSON-LD.
    HtmlMeta,
    /// A marker in the text ("Updated 08 November 2017", a leading "date 2017-11-14").
    InText,
    /// Inferred from weekday words that agree with absolute dates, in this or the story's
    /// other documents.
    Inferred,
}

/// A line of a document that is not part of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: BoilerplateKind,
}

/// Kinds of boilerplate lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoilerplateKind {
    /// Photo caption or credit ("© Agency/ Name ...").
    Caption,
    /// "Updated 08 November 2017", a leading "date 2017-11-14".
    DateMarker,
    /// "With reporting by ...", bylines.
    Credit,
    /// "Read the rest here", share/subscribe lines.
    Navigation,
    /// A headline repeated inside the body.
    Headline,
    /// The dateline prefix of the first paragraph ("UNITED NATIONS (Reuters) - "): a partial
    /// line; what it tells is in `Metadata::dateline` and `Metadata::outlet`.
    Dateline,
    /// A line that is only a URL (a saved page's address); it is in `Metadata::url`.
    Url,
    /// Wire-service furniture: slug lines ("BC-Bridge-Closure,0412"), update markers
    /// ("UPDATES with mayor's comment", "3rd graf pvs"), "(MORE)", "-30-".
    WireMarker,
}

/// Something a stage noticed about its input: messy input is the normal case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Where, if it concerns a part of the text.
    pub span: Option<Span>,
    /// What.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_keeps_offsets_and_the_original_bytes() {
        let mut doc = Document::new(DocId(0), "a", "``Yes,'' she\nsaid. AT&amp;T \u{e9}");
        let view = "\u{ab}Yes,\u{bb} she said. AT&    T \u{e9}";
        doc.set_analysis_text(view.to_string()).unwrap();
        assert_eq!(doc.analysis_text(), view);
        let span = Span::new(&doc, 0, 8).unwrap();
        assert_eq!(doc.slice(span), "``Yes,''");
        assert_eq!(doc.analysis_slice(span), "\u{ab}Yes,\u{bb}");
    }

    #[test]
    fn a_splice_changes_text_and_view_alike() {
        let mut doc = Document::new(DocId(0), "a", "It cost\n$40 in ``2019''.");
        doc.set_analysis_text("It cost $40 in  \"2019\" .".into())
            .unwrap();
        doc.splice(9..11, "400");
        assert_eq!(doc.text, "It cost\n$400 in ``2019''.");
        assert_eq!(doc.analysis_text(), "It cost $400 in  \"2019\" .");
        // A text changed behind the view's back is read as it is.
        doc.text.push('!');
        assert_eq!(doc.analysis_text(), doc.text);
    }

    #[test]
    fn padding_is_covered_so_marks_show_whole() {
        let mut doc = Document::new(DocId(0), "a", "``Yes,'' she said &quot;no&quot;.");
        doc.set_analysis_text(" \"Yes,\"  she said      \"no\"     .".into())
            .unwrap();
        let quote = Span::new(&doc, 1, 7).unwrap();
        assert_eq!(doc.slice(doc.cover_padding(quote)), "``Yes,''");
        let entity = Span::new(&doc, 23, 27).unwrap();
        assert_eq!(doc.analysis_slice(entity), "\"no\"");
        assert_eq!(doc.slice(doc.cover_padding(entity)), "&quot;no&quot;");
        // Whitespace of the text is never covered.
        let said = Span::new(&doc, 13, 17).unwrap();
        assert_eq!(doc.cover_padding(said), said);
    }

    #[test]
    fn a_view_that_moves_bytes_or_characters_is_refused() {
        let mut doc = Document::new(DocId(0), "a", "caf\u{e9} ok");
        assert!(matches!(
            doc.set_analysis_text("cafe ok".into()),
            Err(ViewError::Length { .. })
        ));
        // Changing the bytes of a non-ASCII character.
        assert!(matches!(
            doc.set_analysis_text("caf\u{e8} ok".into()),
            Err(ViewError::Boundary { at: 4 })
        ));
        // A two-byte character in place of two ASCII bytes is fine.
        assert!(doc.set_analysis_text("c\u{ab}\u{e9} ok".into()).is_ok());
        assert_eq!(doc.analysis_text(), "c\u{ab}\u{e9} ok");
        // A view equal to the text is no view.
        assert!(doc.set_analysis_text(doc.text.clone()).is_ok());
        assert_eq!(doc.analysis_text(), doc.text);
    }

    #[test]
    fn the_view_survives_serde_and_an_absent_one_reads_as_the_text() {
        let mut doc = Document::new(DocId(0), "a", "one\ntwo");
        let plain = serde_json::to_string(&doc).unwrap();
        assert!(!plain.contains("view"));
        doc.set_analysis_text("one two".into()).unwrap();
        let back: Document = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(back.analysis_text(), "one two");
        let old: Document = serde_json::from_str(&plain).unwrap();
        assert_eq!(old.analysis_text(), "one\ntwo");
    }
}
