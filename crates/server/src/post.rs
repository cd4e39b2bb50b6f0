//! `POST /api/articles`: one JSON record, an array of records, or JSONL (the fields `report`
//! reads: `text` or `html`, `title`, `source`, `url`, `published`, ...). Every record is
//! checked before anything is written; then all are ingested in one transaction, as
//! `ingest` does it. A bad record answers 400 with its reason and nothing is stored.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use triangulate_core::{DocId, Document};
use triangulate_readers::Format;
use triangulate_store::Store;

use crate::limits::{blocking, Failure};
use crate::App;

/// Largest body accepted (413 above).
pub const MAX_BODY: usize = 8 * 1024 * 1024;
/// Most records in one request.
pub const MAX_RECORDS: usize = 5000;

/// What the answer says of one record.
#[derive(Debug, serde::Serialize)]
pub struct Stored {
    /// Store id of the document (the earlier one, for a duplicate).
    pub document: i64,
    /// Its story.
    pub story: u64,
    /// True when its text was stored before (or earlier in this body).
    pub duplicate: bool,
}

/// The records of a body, each as its own JSON text, or the one-line reason it is refused.
pub fn records(body: &str) -> Result<Vec<String>, String> {
    if body.trim().is_empty() {
        return Err("empty body: post one JSON record, an array of records, or JSONL".into());
    }
    let values: Vec<Value> = match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(o)) => vec![Value::Object(o)],
        Ok(Value::Array(a)) => a,
        Ok(_) => return Err("the body is JSON but not a record or an array of records".into()),
        Err(whole) => {
            let lines: Vec<(usize, &str)> = body
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .collect();
            if lines.len() == 1 {
                return Err(format!("not valid JSON: {whole}"));
            }
            let mut out = Vec::with_capacity(lines.len());
            for (i, line) in lines {
                let v = serde_json::from_str::<Value>(line)
                    .map_err(|e| format!("line {}: not valid JSON: {e}", i + 1))?;
                out.push(v);
            }
            out
        }
    };
    if values.len() > MAX_RECORDS {
        return Err(format!(
            "{} records; at most {MAX_RECORDS} in one request",
            values.len()
        ));
    }
    values
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Object(_) => Ok(v.to_string()),
            _ => Err(format!("record {}: not a JSON object", i + 1)),
        })
        .collect()
}

/// Read each record as `ingest` reads a JSON file; the first that does not give exactly one
/// article is the reason to refuse them all.
pub fn documents(records: &[String], name: &str) -> Result<Vec<Document>, String> {
    let mut docs = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let input = format!("{name}#{}", i + 1);
        let mut d =
            triangulate_readers::documents_from_bytes(&input, r.as_bytes(), Format::Json, 0)
                .map_err(|e| format!("record {}: {}", i + 1, reason(&e.to_string())))?;
        if d.len() != 1 {
            return Err(format!(
                "record {} holds {} articles: post them as separate records",
                i + 1,
                d.len()
            ));
        }
        let mut doc = d.remove(0);
        doc.id = DocId(i as u32);
        doc.name = input;
        docs.push(doc);
    }
    Ok(docs)
}

/// The reader's message without the input name it starts with.
fn reason(msg: &str) -> String {
    msg.split_once(": ")
        .map(|(_, r)| r)
        .unwrap_or(msg)
        .replace('\n', " ")
}

/// `POST /api/articles`.
pub async fn articles(
    State(app): State<Arc<App>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Failure> {
    let body = body.map_err(|e| Failure {
        status: e.status(),
        message: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            format!("body over {MAX_BODY} bytes")
        } else {
            e.body_text()
        },
        json: true,
    })?;
    let text = std::str::from_utf8(&body)
        .map_err(|e| Failure::bad(format!("the body is not UTF-8: {e}"), true))?;
    let recs = records(text).map_err(|m| Failure::bad(m, true))?;
    let name = format!(
        "api/post-{}-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0),
        app.next_post()
    );
    let docs = documents(&recs, &name).map_err(|m| Failure::bad(m, true))?;
    let app2 = app.clone();
    let stored = blocking(true, move || ingest(&app2, docs)).await?;
    let stories: Vec<u64> = stored.iter().map(|s| s.story).collect();
    app.changed(&stories);
    let status = if stored.iter().any(|s| !s.duplicate) {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(stored)).into_response())
}

fn ingest(app: &App, docs: Vec<Document>) -> Result<Vec<Stored>, Failure> {
    let keys: Vec<u64> = docs
        .iter()
        .map(|d| triangulate_stream::features(d).content_key())
        .collect();
    let fail = |e: &dyn std::fmt::Display| Failure::internal(e, true);
    app.with_ingester(|ing| {
        let before = ing.store().content_ids(&keys)?;
        ing.add_batch(docs)?;
        let after = ing.store().content_ids(&keys)?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            let id = after[i].ok_or_else(|| triangulate_store::StoreError::Corrupt {
                what: format!("posted record {}", i + 1),
                reason: "not found after writing".into(),
            })?;
            out.push(Stored {
                document: id,
                story: ing.store().story_of(id)?.unwrap_or(0),
                duplicate: before[i].is_some() || !seen.insert(*k),
            });
        }
        Ok(out)
    })
    .map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_split_into_records_or_one_reason() {
        assert_eq!(records(r#"{"text":"a"}"#).unwrap().len(), 1);
        assert_eq!(records(r#"[{"text":"a"},{"text":"b"}]"#).unwrap().len(), 2);
        assert_eq!(
            records("{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n")
                .unwrap()
                .len(),
            2
        );
        let e = records("{\"text\":\"a\"}\n{\"text\":").unwrap_err();
        assert!(e.starts_with("line 2: not valid JSON"), "{e}");
        assert!(records("  ").is_err());
        assert!(records("[1]").unwrap_err().contains("record 1"));
        assert!(records("\"x\"").is_err());
    }

    #[test]
    fn a_record_without_text_is_refused_with_its_number() {
        let recs = records(r#"[{"text":"The bridge closed on Monday."},{"title":"x"}]"#).unwrap();
        let e = documents(&recs, "api/t").unwrap_err();
        assert!(e.starts_with("record 2:"), "{e}");
        assert!(!e.contains('\n'));
        let ok = documents(&recs[..1], "api/t").unwrap();
        assert_eq!(ok[0].name, "api/t#1");
    }
}
