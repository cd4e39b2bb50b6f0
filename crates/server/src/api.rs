//! The JSON API: the story listing, a story's report, a document; the OpenAPI description.
//! The listing is shared with the pages.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use triangulate_store::{stories as list_stories, Store, StoryInfo, StoryQuery};

use crate::app::store_ids;
use crate::limits::{internal, Failure};
use crate::App;

/// Stories on a page of the listing.
pub const PAGE: usize = 20;

const OPENAPI: &str = include_str!("../static/openapi.json");

/// The listing's parameters (`/` and `/api/stories`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    /// Words that a story's title or text must hold (full-text search).
    pub search: Option<String>,
    /// Only stories with an article from this outlet.
    pub outlet: Option<String>,
    /// Only stories whose last date is on or after this day.
    pub since: Option<String>,
    /// Only stories whose first date is on or before this day.
    pub until: Option<String>,
    /// Page, from 1.
    pub page: Option<String>,
}

/// One story of the listing, with its conflict count.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Listed {
    /// The store's listing.
    #[serde(flatten)]
    pub info: StoryInfo,
    /// Conflicts in its report.
    pub conflicts: Option<usize>,
}

/// A page of the listing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Listing {
    /// This page (from 1).
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
    /// Stories matching, on all pages.
    pub total: usize,
    /// The stories of this page.
    pub stories: Vec<Listed>,
    /// Every outlet of the store (for the filter), sorted.
    #[serde(skip)]
    pub outlets: Vec<String>,
    /// Stories of this page whose report is not built yet (conflicts not counted): the
    /// caller has them built in the background ([`App::warm`]).
    #[serde(skip)]
    pub uncounted: Vec<u64>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date(s: &Option<String>, what: &str, json: bool) -> Result<Option<chrono::NaiveDate>, Failure> {
    nonempty(s)
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Failure::bad(format!("{what}: {d:?} is not a date (YYYY-MM-DD)"), json)
            })
        })
        .transpose()
}

/// The page number asked for (1 when absent).
pub fn page_number(s: &Option<String>, json: bool) -> Result<usize, Failure> {
    match nonempty(s) {
        None => Ok(1),
        Some(p) => p
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| Failure::bad(format!("page: {p:?} is not a page number"), json)),
    }
}

/// The stories matching `q`, one page of them, with conflict counts where their reports
/// are cached (`None` where not yet: never built here, so a first view does not wait for
/// twenty reports; `uncounted` says which to build).
pub fn listing(app: &App, q: &ListQuery, per_page: usize, json: bool) -> Result<Listing, Failure> {
    let since = date(&q.since, "since", json)?;
    let until = date(&q.until, "until", json)?.map(|d| d.to_string());
    let page = page_number(&q.page, json)?;
    let all = list_stories(
        &*app.reader(),
        &StoryQuery {
            search: None,
            since: None,
            members: false,
        },
    )
    .map_err(|e| Failure::internal(&e, json))?;
    let mut outlets: Vec<String> = all.iter().flat_map(|s| s.outlets.clone()).collect();
    outlets.sort();
    outlets.dedup();
    let found = list_stories(
        &*app.reader(),
        &StoryQuery {
            search: nonempty(&q.search).map(str::to_string),
            since,
            members: false,
        },
    )
    .map_err(|e| Failure::internal(&e, json))?;
    let outlet = nonempty(&q.outlet);
    let found: Vec<StoryInfo> = found
        .into_iter()
        .filter(|s| outlet.is_none_or(|o| s.outlets.iter().any(|x| x == o)))
        .filter(|s| match (&until, &s.first) {
            (None, _) => true,
            (Some(u), Some(f)) => f <= u,
            (Some(_), None) => false,
        })
        .collect();
    let total = found.len();
    let pages = total.div_ceil(per_page).max(1);
    let mut stories = Vec::new();
    let mut uncounted = Vec::new();
    for info in found.into_iter().skip((page - 1) * per_page).take(per_page) {
        let conflicts = app
            .cached_report(info.id)
            .map_err(internal(json))?
            .map(|r| r.json["conflicts"].as_array().map_or(0, Vec::len));
        if conflicts.is_none() {
            uncounted.push(info.id);
        }
        stories.push(Listed { info, conflicts });
    }
    Ok(Listing {
        page,
        pages,
        total,
        stories,
        outlets,
        uncounted,
    })
}

/// Parse a numeric id of a path (404 when it is not one).
pub fn id_of(s: &str, what: &str, json: bool) -> Result<u64, Failure> {
    s.parse::<u64>()
        .map_err(|_| Failure::not_found(format!("no {what} {s:?}"), json))
}

fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `GET /api/stories?search=&since=&until=&outlet=&page=`.
pub async fn stories(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Failure> {
    let key = format!("api/stories?{q:?}");
    let body = app
        .cached_or_make(key, true, move |app| {
            let l = listing(app, &q, PAGE, true)?;
            app.warm(l.uncounted.clone());
            let body = serde_json::to_vec(&l).map_err(|e| Failure::internal(&e, true))?;
            Ok((Vec::new(), body))
        })
        .await?;
    Ok(json_bytes(body))
}

/// `GET /api/stories/{id}`: the report JSON (docs/SCHEMA.md, with `store_id`).
pub async fn story(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let id = id_of(&id, "story", true)?;
    let key = format!("api/stories/{id}");
    let body = app
        .cached_or_make(key, true, move |app| {
            let r = app
                .report(id)
                .map_err(internal(true))?
                .ok_or_else(|| Failure::not_found(format!("no story {id}"), true))?;
            Ok((vec![id], r.body))
        })
        .await?;
    Ok(json_bytes(body))
}

/// A stored document with its story's report: what the document page and API show.
pub struct DocView {
    /// Store id.
    pub id: i64,
    /// Its story.
    pub story: u64,
    /// Its position in the report.
    pub position: usize,
    /// The story's report.
    pub report: Value,
    /// Its text.
    pub text: String,
}

/// Load a document and its story's report (`None`: no such document).
pub fn doc_view(app: &App, id: i64, json: bool) -> Result<Option<DocView>, Failure> {
    let Some(story) = app.story_of(id).map_err(internal(json))? else {
        return Ok(None);
    };
    let Some(report) = app.report(story).map_err(internal(json))? else {
        return Ok(None);
    };
    let ids = store_ids(&report.json);
    let Some(position) = ids.iter().position(|&x| x == id) else {
        return Ok(None);
    };
    let members = app
        .reader()
        .story_documents(story)
        .map_err(|e| Failure::internal(&e, json))?;
    let Some((_, doc)) = members.into_iter().find(|(x, _)| *x == id) else {
        return Ok(None);
    };
    Ok(Some(DocView {
        id,
        story,
        position,
        report: report.json,
        text: doc.text,
    }))
}

fn arr(v: &Value) -> Vec<&Value> {
    v.as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

/// Every span of a report, with where in the report it is cited (`summary-0`, ...).
pub fn cited_spans(report: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for (i, s) in arr(&report["summary"]).into_iter().enumerate() {
        for sp in arr(&s["supported_by"]) {
            out.push((format!("summary-{i}"), sp));
        }
    }
    for (i, t) in arr(&report["timeline"]).into_iter().enumerate() {
        for src in arr(&t["sources"]) {
            out.push((format!("timeline-{i}"), &src["span"]));
        }
    }
    for (i, a) in arr(&report["agreements"]).into_iter().enumerate() {
        for sp in arr(&a["spans"]) {
            out.push((format!("agreement-{i}"), sp));
        }
    }
    for (i, c) in arr(&report["conflicts"]).into_iter().enumerate() {
        for side in arr(&c["sides"]) {
            for sp in arr(&side["spans"]) {
                out.push((format!("conflict-{i}"), sp));
            }
        }
    }
    for (i, q) in arr(&report["quotes"]).into_iter().enumerate() {
        for sp in arr(&q["content_spans"]) {
            out.push((format!("quote-{i}"), sp));
        }
    }
    out
}

/// `GET /api/documents/{id}`: metadata, text, wire group and the spans its report cites.
pub async fn document(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, Failure> {
    let id = id_of(&id, "document", true)? as i64;
    let key = format!("api/documents/{id}");
    let body = app.cached_or_make(key, true, move |app| {
        let v = doc_view(app, id, true)?
            .ok_or_else(|| Failure::not_found(format!("no document {id}"), true))?;
        let d = &v.report["documents"][v.position];
        let ids = store_ids(&v.report);
        let wire: Vec<i64> = wire_group(&v.report, v.position)
            .into_iter()
            .filter_map(|p| ids.get(p).copied())
            .collect();
        let cited: Vec<Value> = cited_spans(&v.report)
            .into_iter()
            .filter(|(_, s)| s["document"].as_u64() == Some(v.position as u64))
            .map(|(at, s)| json!({"cited_at": at, "start": s["start"], "end": s["end"], "text": s["text"]}))
            .collect();
        let out = json!({
            "store_id": v.id,
            "story": v.story,
            "position": v.position,
            "input": d["input"],
            "title": d["title"],
            "outlet": d["outlet"],
            "url": d["url"],
            "dateline": d["dateline"],
            "published": d["published"],
            "published_basis": d["published_basis"],
            "wire_group": wire,
            "text": v.text,
            "cited": cited,
        });
        let body = serde_json::to_vec(&out).map_err(|e| Failure::internal(&e, true))?;
        Ok((vec![v.story], body))
    })
    .await?;
    Ok(json_bytes(body))
}

/// Positions of the documents that share a wire copy with `position` (itself excluded).
pub fn wire_group(report: &Value, position: usize) -> Vec<usize> {
    let cov = &report["coverage"];
    let Some(g) = cov["documents"][position]["wire_group"].as_u64() else {
        return Vec::new();
    };
    cov["wire_groups"][g as usize]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_u64)
                .map(|p| p as usize)
                .filter(|&p| p != position)
                .collect()
        })
        .unwrap_or_default()
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
