//! The server over loopback: the JSON API, the pages, limits, escaping, adding articles.

mod support;

use serde_json::Value;
use support::{request, serve_examples, Served};
use triangulate_store::{SqliteStore, Store};

fn first_story(s: &Served) -> Value {
    let l = s.get("/api/stories");
    assert_eq!(l.status, 200, "{}", l.text());
    l.json()["stories"][0].clone()
}

fn counts(s: &Served) -> triangulate_store::Counts {
    SqliteStore::open_read_only(&s.db)
        .unwrap()
        .counts()
        .unwrap()
}

#[test]
fn the_api_lists_stories_and_serves_their_reports_and_documents() {
    let s = serve_examples();
    let story = first_story(&s);
    let id = story["id"].as_u64().unwrap();
    // A fresh store has no report yet: the first listing does not wait for one.
    assert!(story["conflicts"].is_null(), "{story}");
    let r = s.get(&format!("/api/stories/{id}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let report = r.json();
    // Once the report is built (in the background, or by the request above), the listing
    // counts its conflicts (a listing is kept at most a second).
    let n = report["conflicts"].as_array().unwrap().len();
    let t = std::time::Instant::now();
    while first_story(&s)["conflicts"] != n {
        assert!(
            t.elapsed() < std::time::Duration::from_secs(30),
            "the listing never counts the {n} conflicts: {}",
            first_story(&s)
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(report["schema_version"], "1.0");
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(
        story["documents"].as_u64(),
        Some(docs.len() as u64),
        "{story}"
    );
    assert!(docs.len() >= 5, "every example is in the story");
    // Every cited span of a document is the bytes of its text.
    for d in docs {
        let sid = d["store_id"].as_i64().unwrap();
        let doc = s.get(&format!("/api/documents/{sid}")).json();
        assert_eq!(doc["story"], id);
        let text = doc["text"].as_str().unwrap();
        let cited = doc["cited"].as_array().unwrap();
        for c in cited {
            let (a, b) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[a..b], c["text"].as_str().unwrap());
        }
    }
    // The summary's spans are among the cited ones of their documents.
    let first = &report["summary"][0]["span"];
    let sid = docs[first["document"].as_u64().unwrap() as usize]["store_id"]
        .as_i64()
        .unwrap();
    let doc = s.get(&format!("/api/documents/{sid}")).json();
    assert!(doc["cited"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["start"] == first["start"] && c["end"] == first["end"]));
    // The same report as `report --db` caches (the store's cache holds the same bytes).
    let cached = SqliteStore::open_read_only(&s.db)
        .unwrap()
        .cached_report(id, triangulate_server::REPORT_KIND)
        .unwrap()
        .expect("the report is cached in the store");
    assert_eq!(cached.body, r.body);
    let api = s.get("/api/openapi.json").json();
    assert!(api["paths"]["/api/articles"]["post"].is_object());
}

#[test]
fn search_filters_and_paging() {
    let s = serve_examples();
    let hit = s.get("/api/stories?search=bridge").json();
    assert_eq!(hit["total"], 1);
    let miss = s.get("/api/stories?search=zeppelinxyz").json();
    assert_eq!(miss["total"], 0);
    let outlet = first_story(&s)["outlets"][0].as_str().unwrap().to_string();
    let by = s
        .get(&format!(
            "/api/stories?outlet={}",
            outlet.replace(' ', "%20")
        ))
        .json();
    assert_eq!(by["total"], 1, "{by}");
    assert_eq!(s.get("/api/stories?outlet=Nobody").json()["total"], 0);
    assert_eq!(s.get("/api/stories?since=2100-01-01").json()["total"], 0);
    assert_eq!(s.get("/api/stories?until=1900-01-01").json()["total"], 0);
    let bad = s.get("/api/stories?since=yesterday");
    assert_eq!(bad.status, 400);
    let msg = bad.json()["error"].as_str().unwrap().to_string();
    assert!(msg.contains("since") && !msg.contains('\n'), "{msg}");
    assert_eq!(s.get("/api/stories?page=0").status, 400);
    assert_eq!(
        s.get("/api/stories?page=2").json()["stories"],
        serde_json::json!([])
    );
    let page = s.get("/?search=bridge");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("class=\"story-item\""));
}

#[test]
fn pages_render_with_security_headers() {
    let s = serve_examples();
    let id = first_story(&s)["id"].as_u64().unwrap();
    for path in ["/".to_string(), format!("/stories/{id}")] {
        let p = s.get(&path);
        assert_eq!(p.status, 200, "{path}");
        assert_eq!(p.header("content-type"), Some("text/html; charset=utf-8"));
        let csp = p.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(p.header("x-content-type-options"), Some("nosniff"));
        let html = p.text();
        assert!(!html.contains("<script>"), "no inline script in {path}");
        assert!(!html.contains(" style="), "no inline style in {path}");
    }
    // The icon every browser asks for: no error page.
    let icon = s.get("/favicon.ico");
    assert_eq!((icon.status, icon.body.len()), (204, 0));
    let story = s.get(&format!("/stories/{id}")).text();
    for section in [
        "summary",
        "timeline",
        "agreements",
        "conflicts",
        "quotes",
        "coverage",
    ] {
        assert!(
            story.contains(&format!("<section id=\"{section}\">")),
            "{section}"
        );
    }
    assert!(story.contains("class=\"chip\""));
    let report = s.get(&format!("/api/stories/{id}")).json();
    let sid = report["documents"][0]["store_id"].as_i64().unwrap();
    let doc = s.get(&format!("/documents/{sid}")).text();
    assert!(doc.contains("<mark class=\"cite\""), "cited spans marked");
    let outlet = report["documents"][0]["outlet"]
        .as_str()
        .unwrap()
        .replace(' ', "%20");
    assert_eq!(s.get(&format!("/outlets/{outlet}")).status, 200);
    assert_eq!(s.get("/static/style.css").status, 200);
    assert_eq!(s.get("/static/app.js").status, 200);
}

#[test]
fn errors_answer_as_a_page_or_json() {
    let s = serve_examples();
    let p = s.get("/stories/abc");
    assert_eq!(p.status, 404);
    assert!(p.text().contains("<h1>404"));
    let j = s.get("/api/stories/999");
    assert_eq!(j.status, 404);
    assert!(j.json()["error"].as_str().unwrap().contains("999"));
    assert_eq!(s.get("/documents/999").status, 404);
    assert_eq!(s.get("/outlets/Nobody").status, 404);
    for path in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/..%2fsrc%2flib.rs",
        "/static/style.css/../../Cargo.toml",
    ] {
        let r = s.get(path);
        assert!(!r.text().contains("[package]"), "{path} reached a file");
        assert_ne!(r.status, 200, "{path}");
    }
    let big = "x".repeat(20_000);
    let r = request(s.addr(), "GET", "/", &[("X-Big", &big)], b"");
    assert_eq!(r.status, 431);
    let r = s.get("/documents/1?start=abc&end=3");
    assert_eq!(r.status, 400);
}

#[test]
fn posted_articles_are_stored_once_and_bad_bodies_store_nothing() {
    let s = serve_examples();
    let before = counts(&s);
    let rec = r#"{"title": "Tram line reopens", "source": "Test Wire", "published": "2026-11-30",
        "text": "The Eastside tram line reopened on Monday after two weeks of repairs, the city transport office said. Officials said 40,000 riders use the line every day."}"#;
    let r = s.post("/api/articles", rec.as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    let a = r.json();
    assert_eq!(a[0]["duplicate"], false);
    let story = a[0]["story"].as_u64().unwrap();
    assert!(story > 0);
    let again = s.post("/api/articles", rec.as_bytes());
    assert_eq!(again.status, 200);
    assert_eq!(again.json()[0]["duplicate"], true);
    assert_eq!(again.json()[0]["document"], a[0]["document"]);
    assert_eq!(counts(&s).documents, before.documents + 1);
    // The new story is listed and its page is served.
    assert_eq!(s.get("/api/stories").json()["total"], 2);
    assert_eq!(s.get(&format!("/stories/{story}")).status, 200);

    // A JSONL body whose second record has no text: 400, one line, nothing stored.
    let n = counts(&s);
    let body = "{\"text\": \"A new bakery opened on Main Street on Friday, its owner said.\"}\n{\"title\": \"no text\"}\n";
    let r = s.post("/api/articles", body.as_bytes());
    assert_eq!(r.status, 400);
    let msg = r.json()["error"].as_str().unwrap().to_string();
    assert!(msg.starts_with("record 2") && !msg.contains('\n'), "{msg}");
    let r = s.post("/api/articles", b"{\"text\": \"ok\"}\n{not json\n");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().starts_with("line 2"));
    assert_eq!(s.post("/api/articles", b"").status, 400);
    assert_eq!(s.post("/api/articles", b"\xff\xfe").status, 400);
    let huge = vec![b' '; triangulate_server_max_body() + 1];
    let r = s.post("/api/articles", &huge);
    assert_eq!(r.status, 413);
    assert_eq!(counts(&s), n, "nothing half-stored");
}

fn triangulate_server_max_body() -> usize {
    8 * 1024 * 1024
}

#[test]
fn a_story_page_shows_new_articles_on_reload() {
    let s = serve_examples();
    let id = first_story(&s)["id"].as_u64().unwrap();
    let page = s.get(&format!("/stories/{id}")).text();
    assert!(!page.contains("Harbor Test Desk"));
    let n = s.get(&format!("/api/stories/{id}")).json()["documents"]
        .as_array()
        .unwrap()
        .len();
    // A wire copy of the first example, from another outlet: it joins the story.
    let wire = std::fs::read_to_string(support::examples().join("01-harbor-wire.txt")).unwrap();
    let rec = serde_json::json!({"source": "Harbor Test Desk", "text": format!("{wire}\nReporting by the test desk.")});
    let r = s.post("/api/articles", rec.to_string().as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()[0]["story"], id, "the copy joins the story");
    let report = s.get(&format!("/api/stories/{id}")).json();
    assert_eq!(report["documents"].as_array().unwrap().len(), n + 1);
    let page = s.get(&format!("/stories/{id}")).text();
    assert!(
        page.contains("Harbor Test Desk"),
        "the page shows the new source"
    );
}

#[test]
fn article_strings_are_escaped_everywhere() {
    let s = serve_examples();
    // Long enough to be an article: a short text whose link says `javascript` reads as a
    // furniture page, which belongs to no story (and so has no story page).
    let payload = serde_json::json!({
        "title": "<script>document.title='pwned'</script>\"><img src=x onerror=alert(1)>",
        "source": "\"><svg onload=alert(2)>",
        "url": "javascript:alert(3)",
        "text": "The <img src=x onerror=alert(4)> council met on Monday. A <script>alert(5)</script> vote was held, officials said. Members of the town council debated the school budget for three hours before the meeting ended late in the evening. Click <a href=\"javascript:alert(6)\">here</a>' onmouseover='alert(7)."
    });
    let r = s.post("/api/articles", payload.to_string().as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    let a = r.json();
    let (doc, story) = (
        a[0]["document"].as_i64().unwrap(),
        a[0]["story"].as_u64().unwrap(),
    );
    let outlet = "%22%3E%3Csvg%20onload%3Dalert%282%29%3E";
    for path in [
        "/".to_string(),
        "/?search=council".to_string(),
        format!("/stories/{story}"),
        format!("/documents/{doc}"),
        format!("/outlets/{outlet}"),
    ] {
        let p = s.get(&path);
        assert_eq!(p.status, 200, "{path}");
        let html = p.text();
        for bad in [
            "<script>",
            "<img src=x",
            "<svg onload",
            "href=\"javascript:",
            "' onmouseover='",
        ] {
            assert!(!html.contains(bad), "{path} holds {bad:?}");
        }
    }
    let d = s.get(&format!("/documents/{doc}")).text();
    assert!(d.contains("&lt;script&gt;"), "shown as text");
    assert!(
        d.contains("javascript:alert(3)"),
        "the URL is shown, not linked"
    );
}
