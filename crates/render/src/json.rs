//! The JSON report. Its schema is documented in `docs/SCHEMA.md`; bump [`SCHEMA_VERSION`]
//! on any incompatible change.

use serde_json::{json, Value};
use triangulate_core::Span;
use triangulate_story::Story;

/// Version of the JSON schema.
pub const SCHEMA_VERSION: &str = "1.0";

/// A Span as JSON (`docs/SCHEMA.md`): document, byte range and the covered text.
pub(crate) fn span_json(story: &Story, s: Span) -> Value {
    json!({
        "document": s.doc.0,
        "start": s.start,
        "end": s.end,
        "text": story.docs[s.doc.index()].doc.slice(s),
    })
}

/// The whole story as a JSON value.
pub fn to_json(story: &Story) -> Value {
    let documents: Vec<Value> = story
        .docs
        .iter()
        .map(|d| {
            let m = &d.doc.meta;
            json!({
                "id": d.doc.id.0,
                "input": d.doc.name,
                "title": m.title,
                "outlet": m.outlet,
                "url": m.url,
                "dateline": m.dateline,
                "published": m.published.map(|p| p.date.to_string()),
                "published_basis": m.published.map(|p| p.basis),
                "boilerplate": d.doc.boilerplate.iter().map(|b| json!({"kind": b.kind, "span": span_json(story, b.span)})).collect::<Vec<_>>(),
                "diagnostics": d.doc.diagnostics.iter().map(|x| &x.message).collect::<Vec<_>>(),
            })
        })
        .collect();
    let summary: Vec<Value> = story
        .summary
        .iter()
        .map(|s| {
            json!({
                "text": crate::one_line(story.docs[s.span.doc.index()].doc.slice(s.span)),
                "document": s.span.doc.0,
                "span": span_json(story, s.span),
                "supported_by": s.supported_by.iter().map(|&x| span_json(story, x)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let (agreements, conflicts, coverage) = crate::agreement::json(story);
    json!({
        "schema_version": SCHEMA_VERSION,
        "documents": documents,
        "summary": summary,
        "timeline": crate::timeline::json(story),
        "agreements": agreements,
        "conflicts": conflicts,
        "coverage": coverage,
        "quotes": crate::quotes::quotes_json(story),
        "entities": crate::quotes::entities_json(story),
    })
}

/// The story as a JSON value whose `documents[]` also carry `store_id`, the id of each
/// document in the store it was read from (`ids[k]` for the k-th document; docs/SCHEMA.md).
pub fn to_json_stored(story: &Story, ids: &[i64]) -> Value {
    let mut v = to_json(story);
    if let Some(docs) = v.get_mut("documents").and_then(|d| d.as_array_mut()) {
        for (d, id) in docs.iter_mut().zip(ids) {
            d["store_id"] = json!(id);
        }
    }
    v
}
