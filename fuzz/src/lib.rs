//! What the fuzz targets check: the invariants that hold for any input (ARCHITECTURE.md).
//! A target calls these on whatever the fuzzer gives; a failed check is a panic, which
//! libFuzzer reports as a crash with the input that caused it. The checks are the property
//! tests' own (the crates' `tests/support/`), included by path so that both check the same.

#[path = "../../crates/text/tests/support/analysis.rs"]
mod analysis;
#[path = "../../crates/readers/tests/support/documents.rs"]
mod documents;
#[path = "../../crates/story/tests/support/story_spans.rs"]
mod story_spans;
#[path = "../../crates/time/tests/support/timexes.rs"]
mod timexes;

use chrono::NaiveDate;
use triangulate_core::{DocId, Document};
use triangulate_readers::Format;

pub use analysis::check_analysis;
pub use story_spans::check_story_spans;
pub use timexes::check_timexes;

/// The id the reader targets number their documents from (not 0, to catch ids that ignore it).
pub const FIRST_ID: u32 = 5;

/// Read `bytes` as `format` under `name`, check every document, and run the text analysis
/// on each (checked too). A refused input is fine; a panic or a bad span is not.
pub fn read_and_check(name: &str, bytes: &[u8], format: Format) {
    for d in documents::read_and_check(name, bytes, format, FIRST_ID) {
        check_analysis(&d);
    }
}

/// The anchor the time target uses, chosen by the input's first byte: none, an ordinary day,
/// a leap day, or the ends of chrono's range (date arithmetic must not overflow there).
pub fn anchor_of(data: &[u8]) -> Option<NaiveDate> {
    match data.first().map_or(0, |b| b % 6) {
        0 => None,
        1 => NaiveDate::from_ymd_opt(2025, 3, 10),
        2 => NaiveDate::from_ymd_opt(2024, 2, 29),
        3 => Some(NaiveDate::MIN),
        4 => Some(NaiveDate::MAX),
        _ => NaiveDate::from_ymd_opt(1, 1, 1),
    }
}

/// The separator the story target splits its input at into documents (a form feed: rare in
/// news, one byte for the fuzzer to insert).
pub const DOC_SEPARATOR: char = '\u{c}';

/// Most documents the story target makes of one input (the last one takes the rest).
pub const MAX_DOCS: usize = 8;

/// Split `text` into documents at [`DOC_SEPARATOR`].
pub fn split_documents(text: &str) -> Vec<Document> {
    text.splitn(MAX_DOCS, DOC_SEPARATOR)
        .enumerate()
        .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), t))
        .collect()
}
