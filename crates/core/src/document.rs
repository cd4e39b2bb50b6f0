use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{DocId, Span};

/// One article: its immutable text and what is known about it.
///
/// `text` is the article's text as read (decoded to UTF-8; for HTML, the extracted main
/// content). It is never modified afterwards: every span of every later stage points into it.
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
        }
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
}

/// Something a stage noticed about its input: messy input is the normal case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Where, if it concerns a part of the text.
    pub span: Option<Span>,
    /// What.
    pub message: String,
}
