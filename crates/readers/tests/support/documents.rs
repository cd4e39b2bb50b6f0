//! The invariants of what the readers make of any bytes. Shared by the property tests and
//! the fuzz targets (`fuzz/`), which include this file by path.

use triangulate_core::{DocId, Document, Span};
use triangulate_readers::{documents_from_bytes, Format};

/// Read `bytes` as `format` under `name`, numbering from `first_id`, and check each document:
/// ids are positions from `first_id`; boilerplate spans in bounds, on char boundaries,
/// ordered, not overlapping; diagnostic spans in bounds. A refused input (an error) passes;
/// a panic or a bad span does not. Returns the documents read.
pub fn read_and_check(name: &str, bytes: &[u8], format: Format, first_id: u32) -> Vec<Document> {
    let Ok(docs) = documents_from_bytes(name, bytes, format, first_id) else {
        return Vec::new();
    };
    assert!(!docs.is_empty(), "Ok with no document");
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.id, DocId(first_id + i as u32), "ids are positions");
        let mut prev_end = 0;
        for b in &d.boilerplate {
            assert_eq!(b.span.doc, d.id);
            let (s, e) = (b.span.start as usize, b.span.end as usize);
            assert!(
                Span::new(d, s, e).is_ok(),
                "boilerplate {s}..{e} in {:?}",
                d.text
            );
            assert!(s >= prev_end, "boilerplate overlaps or goes back at {s}");
            prev_end = e;
        }
        for g in &d.diagnostics {
            if let Some(sp) = g.span {
                assert_eq!(sp.doc, d.id);
                let (s, e) = (sp.start as usize, sp.end as usize);
                assert!(Span::new(d, s, e).is_ok(), "diagnostic {s}..{e}");
            }
        }
    }
    docs
}
