//! The Multi-News line format: one story a line, its documents joined by `|||||`.
//!
//! ```
//! use triangulate_readers::multinews::{parse_line, story_lines};
//! let docs = parse_line("data.src#1", "First report. ||||| Second report.");
//! assert_eq!(docs.len(), 2);
//! assert_eq!(docs[1].text, " Second report.");
//! assert_eq!(story_lines("a\nb\n").count(), 2);
//! ```

use triangulate_core::{DocId, Document};

/// The separator between the documents of one story.
pub const SEPARATOR: &str = "|||||";

/// Split one Multi-News line into its documents, numbered from 0, each named
/// `{name}/{index}`. Each document's text is kept exactly as it stands between separators
/// (spans point into it); parts that hold no non-space character are skipped, and the ids of
/// the documents kept stay consecutive.
pub fn parse_line(name: &str, line: &str) -> Vec<Document> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut docs = Vec::new();
    for part in line.split(SEPARATOR) {
        if part.trim().is_empty() {
            continue;
        }
        let id = docs.len() as u32;
        docs.push(Document::new(DocId(id), format!("{name}/{id}"), part));
    }
    docs
}

/// The documents of line `line_no` (from 1) of the Multi-News file `file`, cleaned and with
/// metadata as [`crate::documents_from_bytes`] gives them, named `{file}#{line_no}/{i}`
/// and numbered from 0: for reading a large file line by line.
pub fn documents_of_line(file: &str, line_no: usize, line: &str) -> Vec<Document> {
    parse_line(&format!("{file}#{line_no}"), line)
        .into_iter()
        .map(|d| {
            let notes = vec!["format: multinews (given)".to_string()];
            crate::finish(d.id, d.name, d.text, crate::Given::default(), notes)
        })
        .collect()
}

/// The lines of a Multi-News file's text, one story each, without line ends. A final
/// empty line (after the last newline) is not a story; empty lines in between are kept so
/// line numbers stay aligned with a reference file.
pub fn story_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let empty = text.is_empty();
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(move |_| !empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_their_text_and_ids_from_zero() {
        let docs = parse_line("x#3", "Alpha said one.  |||||  Beta said two. |||||   ");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, DocId(0));
        assert_eq!(docs[1].id, DocId(1));
        assert_eq!(docs[0].text, "Alpha said one.  ");
        assert_eq!(docs[1].text, "  Beta said two. ");
        assert_eq!(docs[1].name, "x#3/1");
    }

    #[test]
    fn empty_parts_and_lines() {
        assert!(parse_line("x", "").is_empty());
        assert!(parse_line("x", "|||||").is_empty());
        let one = parse_line("x", "Only one document.\r\n");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].text, "Only one document.");
        assert_eq!(story_lines("").count(), 0);
        assert_eq!(
            story_lines("a\n\nb\r\n").collect::<Vec<_>>(),
            ["a", "", "b"]
        );
        assert_eq!(story_lines("a").collect::<Vec<_>>(), ["a"]);
    }
}
