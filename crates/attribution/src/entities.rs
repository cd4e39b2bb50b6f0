//! Entities of a story (people, organizations, places) and speaker resolution.

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;

use crate::Quote;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization, office or group.
    Organization,
    /// A place.
    Place,
}

/// One entity of the story with its names and mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name (the longest full form).
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Other names it goes by, sorted.
    pub aliases: Vec<String>,
    /// Every mention, in document and text order.
    pub mentions: Vec<Span>,
}

/// Find the story's entities and resolve the speakers of `quotes` (one list per document).
pub fn resolve(docs: &[(&Document, &TextAnalysis)], quotes: &mut [Vec<Quote>]) -> Vec<Entity> {
    let _ = (docs, quotes);
    Vec::new()
}
