//! The pages: the story list, a story's report made for reading, a document with the spans
//! its report cites, an outlet. Rendered from templates compiled into the binary; every
//! string from an article goes through the templates' HTML escaping (or `highlight`'s).

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::Environment;
use serde_json::{json, Value};

use crate::api::{self, cited_spans, doc_view, id_of, listing, ListQuery};
use crate::app::store_ids;
use crate::highlight::{self, Mark};
use crate::limits::{internal, Failure};
use crate::App;

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, src) in [
        ("base.html", include_str!("../templates/base.html")),
        ("chips.html", include_str!("../templates/chips.html")),
        ("error.html", include_str!("../templates/error.html")),
        ("list.html", include_str!("../templates/list.html")),
        ("story.html", include_str!("../templates/story.html")),
        ("document.html", include_str!("../templates/document.html")),
        ("outlet.html", include_str!("../templates/outlet.html")),
    ] {
        env.add_template(name, src)
            .expect("the compiled-in templates parse (checked by the tests)");
    }
    env.add_filter("seg", |s: String| path_segment(&s));
    env
});

/// Render a compiled-in template (HTML auto-escaped).
pub fn render(name: &str, ctx: &Value) -> Result<String, minijinja::Error> {
    TEMPLATES.get_template(name)?.render(ctx)
}

/// An error page.
pub fn error_page(status: StatusCode, message: &str) -> Result<Html, minijinja::Error> {
    let html = render(
        "error.html",
        &json!({"status": status.to_string(), "message": message}),
    )?;
    Ok(Html(Bytes::from(html)))
}

/// An HTML body.
pub struct Html(pub Bytes);

impl IntoResponse for Html {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], self.0).into_response()
    }
}

/// A string as one path segment: everything but unreserved characters percent-encoded.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A URL worth a link: http(s) only, anything else (`javascript:`, `data:`) shown as text.
pub fn http_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(u)
}

fn query_string(pairs: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", path_segment(v)))
        })
        .collect();
    format!("?{}", parts.join("&"))
}

fn page_links(
    base: &str,
    q: &ListQuery,
    page: usize,
    pages: usize,
) -> (Option<String>, Option<String>) {
    let link = |p: usize| {
        let ps = p.to_string();
        format!(
            "{base}{}",
            query_string(&[
                ("search", q.search.as_deref()),
                ("outlet", q.outlet.as_deref()),
                ("since", q.since.as_deref()),
                ("until", q.until.as_deref()),
                ("page", Some(&ps)),
            ])
        )
    };
    (
        (page > 1).then(|| link(page - 1)),
        (page < pages).then(|| link(page + 1)),
    )
}

/// Serve a page from the response cache, or make it (off the async threads) and keep it.
async fn cached_page(
    app: Arc<App>,
    key: String,
    make: impl FnOnce(&Arc<App>) -> Result<(Vec<u64>, String), Failure> + Send + 'static,
) -> Result<Html, Failure> {
    let body = app
        .cached_or_make(key, false, move |app| {
            let (stories, html) = make(app)?;
            Ok((stories, html.into_bytes()))
        })
        .await?;
    Ok(Html(body))
}

/// `/`: the stories, the latest first; search, filters, paging.
pub async fn list(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Html, Failure> {
    let key = format!("page/?{q:?}");
    cached_page(app, key, move |app| {
        let l = listing(app, &q, api::PAGE, false)?;
        app.warm(l.uncounted.clone());
        let (prev, next) = page_links("/", &q, l.page, l.pages);
        let ctx = json!({
            "search": q.search, "outlet": q.outlet, "since": q.since, "until": q.until,
            "outlets": l.outlets, "stories": l.stories, "total": l.total,
            "page": l.page, "pages": l.pages, "prev": prev, "next": next,
        });
        let html = render("list.html", &ctx).map_err(|e| Failure::internal(&e, false))?;
        Ok((Vec::new(), html))
    })
    .await
}

/// What a citation chip shows and links to: the cited sentence in its document.
fn chip(report: &Value, span: &Value) -> Value {
    let pos = span["document"].as_u64().unwrap_or(0) as usize;
    let ids = store_ids(report);
    let d = &report["documents"][pos];
    let href = match ids.get(pos) {
        Some(id) => format!(
            "/documents/{id}?start={}&end={}#hl",
            span["start"].as_u64().unwrap_or(0),
            span["end"].as_u64().unwrap_or(0)
        ),
        None => "#documents".to_string(),
    };
    json!({
        "n": pos + 1,
        "outlet": d["outlet"],
        "href": href,
        "title": span["text"],
    })
}

fn items(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().into_iter().flatten()
}

/// A statement with its evidence words marked.
fn statement(report: &Value, span: &Value, evidence: &Value) -> Value {
    let text = span["text"].as_str().unwrap_or("");
    let (doc, start) = (
        span["document"].as_u64(),
        span["start"].as_u64().unwrap_or(0),
    );
    let marks: Vec<Mark> = items(evidence)
        .filter(|e| e["document"].as_u64() == doc)
        .filter_map(|e| {
            let (s, t) = (e["start"].as_u64()?, e["end"].as_u64()?);
            (s >= start).then(|| Mark {
                start: (s - start) as usize,
                end: (t.saturating_sub(start)) as usize,
                href: None,
                class: "ev",
            })
        })
        .collect();
    json!({"html": highlight::html(text, &marks, None), "chip": chip(report, span)})
}

/// The view of a story page, from the report JSON.
pub fn story_view(id: u64, label: &str, r: &Value) -> Value {
    let ids = store_ids(r);
    let docs: Vec<Value> = items(&r["documents"])
        .enumerate()
        .map(|(i, d)| {
            json!({"n": i + 1, "store_id": ids.get(i), "title": d["title"], "input": d["input"],
                   "outlet": d["outlet"], "published": d["published"]})
        })
        .collect();
    let summary: Vec<Value> = items(&r["summary"])
        .map(|s| {
            json!({"text": s["text"], "chips": items(&s["supported_by"]).map(|x| chip(r, x)).collect::<Vec<_>>()})
        })
        .collect();
    let timeline: Vec<Value> = items(&r["timeline"])
        .map(|t| {
            json!({"date": t["date"], "dates": t["dates"], "conflicting": t["conflicting"], "text": t["text"],
                   "chips": items(&t["sources"]).map(|s| chip(r, &s["span"])).collect::<Vec<_>>()})
        })
        .collect();
    let agreements: Vec<Value> = items(&r["agreements"])
        .map(|a| {
            json!({"text": a["text"], "independent": a["independent_sources"],
                   "chips": items(&a["spans"]).map(|s| chip(r, s)).collect::<Vec<_>>()})
        })
        .collect();
    let conflicts: Vec<Value> = items(&r["conflicts"])
        .map(|c| {
            let sides: Vec<Value> = items(&c["sides"])
                .map(|s| {
                    let label = s["value"].as_str().or(s["position"].as_str()).unwrap_or("");
                    json!({"label": label, "held_by": s["held_by"],
                           "statements": items(&s["spans"]).map(|sp| statement(r, sp, &s["evidence"])).collect::<Vec<_>>()})
                })
                .collect();
            json!({"kind": c["kind"], "attribute": c["attribute"], "topic": c["topic"], "sides": sides})
        })
        .collect();
    // Who said what, by speaker in order of first appearance.
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, (Value, Vec<Value>)> = BTreeMap::new();
    for (i, q) in items(&r["quotes"]).enumerate() {
        let speaker = q["speaker"]
            .as_str()
            .unwrap_or("(no speaker found)")
            .to_string();
        let span = items(&q["content_spans"])
            .next()
            .cloned()
            .unwrap_or(Value::Null);
        let quote = json!({"index": i, "content": q["content"], "direct": q["direct"], "cue": q["cue"],
                           "chip": chip(r, &span)});
        let g = groups.entry(speaker.clone()).or_insert_with(|| {
            order.push(speaker.clone());
            (q["role"].clone(), Vec::new())
        });
        if g.0.is_null() {
            g.0 = q["role"].clone();
        }
        g.1.push(quote);
    }
    let speakers: Vec<Value> = order
        .iter()
        .map(|s| {
            let (role, quotes) = &groups[s];
            json!({"speaker": s, "role": role, "quotes": quotes})
        })
        .collect();
    let n_agree = r["agreements"].as_array().map_or(0, Vec::len);
    let rows: Vec<Value> = items(&r["coverage"]["documents"])
        .map(|c| {
            let pos = c["document"].as_u64().unwrap_or(0) as usize;
            let told: Vec<u64> = items(&c["includes"]).filter_map(Value::as_u64).collect();
            let d = &r["documents"][pos];
            json!({"n": pos + 1, "store_id": ids.get(pos), "outlet": d["outlet"], "input": d["input"],
                   "wire_group": c["wire_group"].as_u64().map(|g| g + 1),
                   "cells": (0..n_agree as u64).map(|a| told.contains(&a)).collect::<Vec<_>>()})
        })
        .collect();
    let cov_agree: Vec<Value> = items(&r["agreements"])
        .enumerate()
        .map(|(i, a)| json!({"index": i, "text": a["text"]}))
        .collect();
    json!({
        "id": id, "label": label, "docs": docs, "summary": summary, "timeline": timeline,
        "agreements": agreements, "conflicts": conflicts, "speakers": speakers,
        "coverage": {"agreements": cov_agree, "rows": rows},
    })
}

/// The label of a story as the listing gives it.
fn label_of(app: &App, story: u64) -> Result<String, Failure> {
    let all = triangulate_store::stories(&*app.reader(), &Default::default())
        .map_err(|e| Failure::internal(&e, false))?;
    Ok(all
        .into_iter()
        .find(|s| s.id == story)
        .map(|s| s.label)
        .unwrap_or_else(|| format!("Story {story}")))
}

/// `/stories/{id}`.
pub async fn story(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Html, Failure> {
    let id = id_of(&id, "story", false)?;
    cached_page(app, format!("page/stories/{id}"), move |app| {
        let r = app
            .report(id)
            .map_err(internal(false))?
            .ok_or_else(|| Failure::not_found(format!("no story {id}"), false))?;
        let label = label_of(app, id)?;
        let html = render("story.html", &story_view(id, &label, &r.json))
            .map_err(|e| Failure::internal(&e, false))?;
        Ok((vec![id], html))
    })
    .await
}

/// The cited span a document page highlights.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Selected {
    /// Start byte.
    pub start: Option<String>,
    /// End byte.
    pub end: Option<String>,
}

/// `/documents/{id}?start=&end=`: the text with every cited span marked (each linking back to
/// where the report cites it); `start`/`end` pick the one highlighted (`#hl`).
pub async fn document(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(sel): Query<Selected>,
) -> Result<Html, Failure> {
    let id = id_of(&id, "document", false)? as i64;
    let num = |s: &Option<String>| -> Result<Option<usize>, Failure> {
        s.as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse()
                    .map_err(|_| Failure::bad(format!("{s:?} is not a byte offset"), false))
            })
            .transpose()
    };
    let selected = match (num(&sel.start)?, num(&sel.end)?) {
        (Some(s), Some(e)) => Some((s, e)),
        _ => None,
    };
    let key = format!("page/documents/{id}?{selected:?}");
    cached_page(app, key, move |app| {
        let v = doc_view(app, id, false)?
            .ok_or_else(|| Failure::not_found(format!("no document {id}"), false))?;
        let r = &v.report;
        let d = &r["documents"][v.position];
        let marks: Vec<Mark> = cited_spans(r)
            .into_iter()
            .filter(|(_, s)| s["document"].as_u64() == Some(v.position as u64))
            .filter_map(|(at, s)| {
                Some(Mark {
                    start: s["start"].as_u64()? as usize,
                    end: s["end"].as_u64()? as usize,
                    href: Some(format!("/stories/{}#{at}", v.story)),
                    class: "cite",
                })
            })
            .collect();
        let ids = store_ids(r);
        let wire: Vec<Value> = api::wire_group(r, v.position)
            .into_iter()
            .map(|p| {
                let w = &r["documents"][p];
                json!({"n": p + 1, "store_id": ids.get(p), "outlet": w["outlet"], "input": w["input"]})
            })
            .collect();
        let url = d["url"].as_str();
        let ctx = json!({
            "story": v.story, "story_label": label_of(app, v.story)?,
            "title": d["title"], "input": d["input"], "outlet": d["outlet"],
            "published": d["published"], "basis": d["published_basis"],
            "url": url, "url_href": url.and_then(http_url), "wire": wire,
            "selected": selected.is_some(),
            "text_html": highlight::html(&v.text, &marks, selected),
        });
        let html = render("document.html", &ctx).map_err(|e| Failure::internal(&e, false))?;
        Ok((vec![v.story], html))
    })
    .await
}

/// `/outlets/{name}`: the stories it covered, and of each the agreed facts it told and
/// those it left out.
pub async fn outlet(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Html, Failure> {
    let key = format!("page/outlets/{name}?{:?}", q.page);
    cached_page(app, key, move |app| {
        let lq = ListQuery {
            outlet: Some(name.clone()),
            page: q.page.clone(),
            ..ListQuery::default()
        };
        let l = listing(app, &lq, 10, false)?;
        if l.total == 0 {
            return Err(Failure::not_found(
                format!("no story from the outlet {name:?}"),
                false,
            ));
        }
        let mut stories = Vec::new();
        for s in &l.stories {
            let Some(r) = app.report(s.info.id).map_err(internal(false))? else {
                continue;
            };
            let r = &r.json;
            let ids = store_ids(r);
            let texts: Vec<&str> = items(&r["agreements"])
                .map(|a| a["text"].as_str().unwrap_or(""))
                .collect();
            let mut told = std::collections::BTreeSet::new();
            let mut mine = Vec::new();
            for c in items(&r["coverage"]["documents"]) {
                let pos = c["document"].as_u64().unwrap_or(0) as usize;
                let d = &r["documents"][pos];
                if d["outlet"].as_str() != Some(name.as_str()) {
                    continue;
                }
                mine.push(
                    json!({"store_id": ids.get(pos), "title": d["title"], "input": d["input"]}),
                );
                told.extend(items(&c["includes"]).filter_map(Value::as_u64));
            }
            let (t, left): (Vec<_>, Vec<_>) = texts
                .iter()
                .enumerate()
                .partition(|(i, _)| told.contains(&(*i as u64)));
            stories.push(json!({
                "id": s.info.id, "label": s.info.label, "first": s.info.first,
                "documents": s.info.documents, "docs": mine,
                "told": t.into_iter().map(|x| x.1).collect::<Vec<_>>(),
                "left": left.into_iter().map(|x| x.1).collect::<Vec<_>>(),
            }));
        }
        let (prev, next) = page_links(
            &format!("/outlets/{}", path_segment(&name)),
            &ListQuery {
                page: None,
                ..ListQuery::default()
            },
            l.page,
            l.pages,
        );
        let ctx = json!({"outlet": name, "total": l.total, "stories": stories,
                         "page": l.page, "pages": l.pages, "prev": prev, "next": next});
        let html = render("outlet.html", &ctx).map_err(|e| Failure::internal(&e, false))?;
        Ok((Vec::new(), html))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_escape() {
        let html = render(
            "error.html",
            &json!({"status": "404", "message": "<script>alert(1)</script>\" onx='y'"}),
        )
        .unwrap();
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("\" onx"), "{html}");
        for t in ["list.html", "story.html", "document.html", "outlet.html"] {
            TEMPLATES.get_template(t).unwrap();
        }
    }

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(
            http_url(" https://a.example/x"),
            Some("https://a.example/x")
        );
        assert_eq!(http_url("HTTP://a.example"), Some("HTTP://a.example"));
        assert_eq!(http_url("javascript:alert(1)"), None);
        assert_eq!(http_url("data:text/html,x"), None);
        assert_eq!(http_url("//evil.example"), None);
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(path_segment("Quay Ledger/../x"), "Quay%20Ledger%2F..%2Fx");
        assert_eq!(path_segment("é"), "%C3%A9");
    }
}
