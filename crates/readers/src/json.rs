//! JSON records: one object, an array of objects, an object wrapping an array
//! (`{"articles": [...]}`), or one object a line (JSONL).
//!
//! Fields: `url`, `source` (the outlet), `published`, `title`, and `text` or `html`. Common
//! synonyms are accepted (`outlet`/`publisher`, `date`/`datePublished`, `headline`,
//! `content`/`body`, `author`/`byline`).

use serde_json::{Map, Value};

/// One article record, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Where it came from inside the input (`#2` for the second record or line).
    pub suffix: String,
    /// Plain text, if given.
    pub text: Option<String>,
    /// HTML, if given (and no text).
    pub html: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date as written.
    pub published: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
}

fn field(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match obj.get(*n)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        },
        Value::Array(a) => {
            let parts: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    })
}

fn record(v: &Value, suffix: String) -> Result<Record, String> {
    let Value::Object(obj) = v else {
        return Err(format!("record{suffix} is not a JSON object"));
    };
    let r = Record {
        suffix,
        text: field(obj, &["text", "content", "body", "article"]),
        html: field(obj, &["html", "raw_html"]),
        url: field(obj, &["url", "link", "canonical_url"]),
        source: field(obj, &["source", "outlet", "publisher", "site_name", "site"]),
        published: field(
            obj,
            &[
                "published",
                "date",
                "datePublished",
                "published_at",
                "pubdate",
            ],
        ),
        title: field(obj, &["title", "headline"]),
        byline: field(obj, &["byline", "author", "authors"]),
    };
    if r.text.is_none() && r.html.is_none() {
        return Err(format!("record{} has no `text` or `html` field", r.suffix));
    }
    Ok(r)
}

/// Records of a JSON document (one object or an array of objects). Records without text are
/// skipped with a note; an input that is not JSON at all is an error message.
pub fn parse_json(src: &str) -> Result<(Vec<Record>, Vec<String>), String> {
    let v: Value = serde_json::from_str(src).map_err(|e| format!("not valid JSON: {e}"))?;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    match &v {
        Value::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                match record(it, format!("#{}", i + 1)) {
                    Ok(r) => out.push(r),
                    Err(e) => notes.push(format!("skipped: {e}")),
                }
            }
        }
        Value::Object(obj) => {
            // A wrapper object: {"articles": [...]} and the like.
            let wrapped = ["articles", "documents", "items", "records", "data"]
                .iter()
                .find_map(|k| obj.get(*k).and_then(Value::as_array));
            match (record(&v, String::new()), wrapped) {
                (Ok(r), _) => out.push(r),
                (Err(_), Some(items)) => {
                    for (i, it) in items.iter().enumerate() {
                        match record(it, format!("#{}", i + 1)) {
                            Ok(r) => out.push(r),
                            Err(e) => notes.push(format!("skipped: {e}")),
                        }
                    }
                }
                (Err(e), None) => notes.push(format!("skipped: {e}")),
            }
        }
        _ => notes.push("skipped: the JSON value is not an object or array".into()),
    }
    Ok((out, notes))
}

/// Records of a JSONL document, one object a line; bad lines are skipped with a note.
pub fn parse_jsonl(src: &str) -> (Vec<Record>, Vec<String>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let suffix = format!("#{}", i + 1);
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match record(&v, suffix) {
                Ok(r) => out.push(r),
                Err(e) => notes.push(format!("skipped line {}: {e}", i + 1)),
            },
            Err(e) => notes.push(format!("skipped line {}: not valid JSON ({e})", i + 1)),
        }
    }
    (out, notes)
}

/// True if every non-blank line of `src` (at least one) is a JSON object.
pub fn looks_like_jsonl(src: &str) -> bool {
    let mut n = 0;
    for l in src
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(50)
    {
        if !(l.starts_with('{') && l.ends_with('}')) {
            return false;
        }
        n += 1;
    }
    n > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let (r, notes) = parse_json(
            r#"[{"url":"https://x.example/a","source":"Quay Ledger","published":"2025-03-03","title":"T","text":"Body."},{"title":"no text"}]"#,
        )
        .unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].source.as_deref(), Some("Quay Ledger"));
        assert_eq!(r[0].suffix, "#1");
        assert_eq!(notes.len(), 1);
        let (r, notes) = parse_jsonl("{\"text\":\"A.\"}\n\nnot json\n{\"html\":\"<p>B.</p>\",\"publisher\":{\"name\":\"P\"}}\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].suffix, "#4");
        assert_eq!(r[1].source.as_deref(), Some("P"));
        assert_eq!(notes.len(), 1);
        assert!(parse_json("{").is_err());
        let (r, _) = parse_json(r#"{"articles":[{"text":"A."},{"text":"B."}]}"#).unwrap();
        assert_eq!(r.len(), 2);
        let (r, notes) = parse_json("42").unwrap();
        assert!(r.is_empty() && notes.len() == 1);
        assert!(looks_like_jsonl("{\"a\":1}\n{\"b\":2}\n"));
        assert!(!looks_like_jsonl("{\"a\":\n1}"));
    }
}
