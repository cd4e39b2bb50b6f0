//! Coverage by source: for each document, the agreed facts it includes and omits, and whose
//! statements it carries on each side of each disputed claim.

use triangulate_core::DocId;

use super::{AgreedFact, Conflict, ConflictKind, Coverage, DisputeCoverage, DocCoverage};

/// Build the coverage matrix.
pub(crate) fn coverage(
    doc_ids: &[DocId],
    groups: &[Vec<usize>],
    agreements: &[AgreedFact],
    conflicts: &[Conflict],
) -> Coverage {
    let documents = doc_ids
        .iter()
        .enumerate()
        .map(|(di, &id)| {
            let (includes, omits): (Vec<usize>, Vec<usize>) =
                (0..agreements.len()).partition(|&i| agreements[i].documents.contains(&id));
            let disputes = conflicts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.kind == ConflictKind::DisputedClaim)
                .map(|(ci, c)| DisputeCoverage {
                    conflict: ci,
                    sides: c.sides.iter().map(|s| s.held_by_in(id)).collect(),
                    statements: c
                        .sides
                        .iter()
                        .map(|s| s.spans.iter().filter(|sp| sp.doc == id).count())
                        .collect(),
                })
                .collect();
            DocCoverage {
                document: id,
                wire_group: groups.iter().position(|g| g.contains(&di)).unwrap_or(0),
                includes,
                omits,
                disputes,
            }
        })
        .collect();
    Coverage {
        wire_groups: groups
            .iter()
            .map(|g| g.iter().map(|&d| doc_ids[d]).collect())
            .collect(),
        documents,
    }
}
