//! The site in a real browser (headless Chromium over WebDriver, issue 11): the list, a
//! search, a story, a citation clicked through to its highlighted sentence, a conflict's two
//! sides with their evidence, and an article full of HTML and script payloads shown as text,
//! running nothing. Screenshots of the list and a story go to `target/screenshots/`.
//! Skips with a message when chromium or chromedriver is missing.

#[path = "support/driver.rs"]
mod driver;
mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use support::{serve_examples, Served};

type R<T> = Result<T, String>;

macro_rules! check {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

trait Ctx<T> {
    fn ctx(self, what: &str) -> R<T>;
}

impl<T, E: std::fmt::Display> Ctx<T> for Result<T, E> {
    fn ctx(self, what: &str) -> R<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

/// Where the screenshots go: `target/screenshots`.
fn screenshots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("screenshots")
}

/// The text of every element matching `css`, joined (the DOM's text, not the rendered one).
async fn text_of(c: &Client, css: &str) -> R<String> {
    let v = c
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent).join('');",
            vec![json!(css)],
        )
        .await
        .ctx(css)?;
    Ok(v.as_str().unwrap_or("").to_string())
}

/// Wait until the browser is at `path` (and its query holds `query`).
async fn wait_at(c: &Client, path: &str, query: &str) -> R<()> {
    let t = Instant::now();
    loop {
        let u = c.current_url().await.ctx("current url")?;
        if u.path() == path && u.query().unwrap_or("").contains(query) {
            let ready = c
                .execute("return document.readyState;", vec![])
                .await
                .ctx("readyState")?;
            if ready == "complete" {
                return Ok(());
            }
        }
        check!(
            t.elapsed() < Duration::from_secs(15),
            "the browser is at {u}, not {path}?{query}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn screenshot(c: &Client, name: &str) -> R<()> {
    let png = c.screenshot().await.ctx("screenshot")?;
    let dir = screenshots();
    std::fs::create_dir_all(&dir).ctx("creating target/screenshots")?;
    std::fs::write(dir.join(name), png).ctx("writing a screenshot")?;
    Ok(())
}

/// The bytes a span covers, read from the document's text as the API gives it.
fn span_text(s: &Served, report: &Value, span: &Value) -> (i64, String) {
    let pos = span["document"].as_u64().unwrap() as usize;
    let sid = report["documents"][pos]["store_id"].as_i64().unwrap();
    let doc = s.get(&format!("/api/documents/{sid}")).json();
    let text = doc["text"].as_str().unwrap();
    let (a, b) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    (sid, text[a..b].to_string())
}

/// The list, a search, the story, a citation and a conflict.
async fn read_a_story(c: &Client, s: &Served, base: &str, payload_story: u64) -> R<()> {
    c.goto(&format!("{base}/")).await.ctx("opening the list")?;
    wait_at(c, "/", "").await?;
    let items = c
        .find_all(Locator::Css("ol.stories li.story-item"))
        .await
        .ctx("story items")?;
    check!(items.len() >= 2, "{} stories listed, want 2", items.len());
    screenshot(c, "list.png").await?;

    // Search a word.
    let want = s.get("/api/stories?search=bridge").json();
    let id = want["stories"][0]["id"]
        .as_u64()
        .ok_or("no story about a bridge")?;
    c.find(Locator::Id("q"))
        .await
        .ctx("search box")?
        .send_keys("bridge")
        .await
        .ctx("typing")?;
    c.find(Locator::Css("form.search button"))
        .await
        .ctx("search button")?
        .click()
        .await
        .ctx("searching")?;
    wait_at(c, "/", "search=bridge").await?;
    let labels = c
        .find_all(Locator::Css("ol.stories a.label"))
        .await
        .ctx("labels")?;
    let mut hrefs = Vec::new();
    for l in &labels {
        hrefs.push(l.attr("href").await.ctx("href")?.unwrap_or_default());
    }
    check!(
        hrefs.contains(&format!("/stories/{id}")),
        "the search lists {hrefs:?}, not story {id}"
    );
    check!(
        !hrefs.contains(&format!("/stories/{payload_story}")),
        "the search for 'bridge' lists the story that does not say it: {hrefs:?}"
    );

    // Open the story.
    c.find(Locator::Css(&format!("a.label[href='/stories/{id}']")))
        .await
        .ctx("story link")?
        .click()
        .await
        .ctx("opening the story")?;
    wait_at(c, &format!("/stories/{id}"), "").await?;
    screenshot(c, "story.png").await?;
    let report = s.get(&format!("/api/stories/{id}")).json();

    // Click the first citation of the summary: its sentence is highlighted in its document.
    let span = &report["summary"][0]["supported_by"][0];
    check!(span.is_object(), "the summary cites nothing: {report}");
    let (sid, cited) = span_text(s, &report, span);
    check!(
        span["text"].as_str() == Some(cited.as_str()),
        "the report's span text is not its bytes"
    );
    c.find(Locator::Css("#summary-0 a.chip"))
        .await
        .ctx("a citation chip")?
        .click()
        .await
        .ctx("clicking the chip")?;
    wait_at(c, &format!("/documents/{sid}"), "start=").await?;
    let shown = text_of(c, "#text mark.sel").await?;
    check!(
        shown == cited,
        "highlighted {shown:?}, but the citation is {cited:?}"
    );
    let hl_first = text_of(c, "#hl").await?;
    check!(
        !hl_first.is_empty() && cited.starts_with(&hl_first),
        "#hl holds {hl_first:?}, not the start of {cited:?}"
    );
    // The page script brought it into view.
    let seen = c
        .execute(
            "const r = document.getElementById('hl').getBoundingClientRect(); \
             return r.top >= 0 && r.bottom <= window.innerHeight;",
            vec![],
        )
        .await
        .ctx("position of #hl")?;
    check!(
        seen == json!(true),
        "the highlighted sentence is out of view"
    );
    let back = c
        .execute(
            "return Array.from(document.querySelectorAll('#text mark.cite a')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await
        .ctx("links back")?;
    let back = back.as_array().cloned().unwrap_or_default();
    check!(
        !back.is_empty()
            && back.iter().all(|h| h
                .as_str()
                .unwrap_or("")
                .starts_with(&format!("/stories/{id}#"))),
        "cited spans do not all link back to story {id}: {back:?}"
    );

    // Open a conflict: both sides show their statements with the evidence words marked.
    let conflict = &report["conflicts"][0];
    check!(conflict.is_object(), "the example story has no conflict");
    c.goto(&format!("{base}/stories/{id}"))
        .await
        .ctx("back to the story")?;
    wait_at(c, &format!("/stories/{id}"), "").await?;
    let details = c.find(Locator::Id("conflict-0")).await.ctx("conflict-0")?;
    check!(
        details.prop("open").await.ctx("open")?.as_deref() == Some("false"),
        "the conflict is open before it is clicked"
    );
    details
        .find(Locator::Css("summary"))
        .await
        .ctx("its summary")?
        .click()
        .await
        .ctx("opening the conflict")?;
    check!(
        details.prop("open").await.ctx("open")?.as_deref() == Some("true"),
        "the conflict did not open"
    );
    let sides = details.find_all(Locator::Css(".side")).await.ctx("sides")?;
    let want_sides = conflict["sides"].as_array().map_or(0, Vec::len);
    check!(
        sides.len() == want_sides && want_sides >= 2,
        "{} sides shown, the report has {want_sides}",
        sides.len()
    );
    for (k, side) in sides.iter().enumerate() {
        let evidence: Vec<String> = conflict["sides"][k]["evidence"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| span_text(s, &report, e).1)
            .collect();
        let marks = side
            .find_all(Locator::Css("mark.ev"))
            .await
            .ctx("evidence marks")?;
        check!(!marks.is_empty(), "side {k} shows no evidence words");
        for m in &marks {
            check!(
                m.is_displayed().await.ctx("displayed")?,
                "side {k}'s evidence is not visible"
            );
            let t = m.text().await.ctx("evidence text")?;
            check!(
                !t.trim().is_empty() && evidence.iter().any(|e| e.contains(t.trim())),
                "side {k} marks {t:?}, not among its evidence {evidence:?}"
            );
        }
    }
    Ok(())
}

/// What a page would show if any payload ran or became markup.
const INJECTED: &str = r#"
const bad = [];
if (window.__pwned !== undefined) bad.push('marker set: ' + window.__pwned);
if (document.documentElement.hasAttribute('data-pwned')) bad.push('marker attribute set');
for (const s of document.querySelectorAll('script'))
  if (s.getAttribute('src') !== '/static/app.js') bad.push('script: ' + s.outerHTML);
for (const e of document.querySelectorAll('img, svg, iframe, object, embed, style, base, form[action^="javascript"]'))
  bad.push('element: ' + e.outerHTML);
for (const e of document.querySelectorAll('*'))
  for (const a of e.attributes)
    if (a.name.startsWith('on') || a.name === 'style' || a.name === 'x') bad.push('attribute ' + a.name + ' on ' + e.tagName);
for (const a of document.querySelectorAll('[href], [src], [action]'))
  for (const n of ['href', 'src', 'action']) {
    const v = a.getAttribute(n);
    if (v !== null && !/^(\/|#|https?:)/i.test(v.trim())) bad.push(n + ': ' + v);
  }
return bad;
"#;

const TITLE: &str =
    r#"Glassworks <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> reopens"#;
const OUTLET: &str = r#"Evil" x="1"><img src=x onerror=window.__pwned=3> Gazette"#;
const URL: &str = "javascript:window.__pwned=4//";

fn payload_text() -> String {
    [
        "The old glassworks on Pike Lane reopened on Tuesday after a two-year repair, the city said.",
        "Visitors found a sign reading <script>window.__pwned=5</script> at the door.",
        "\"<img src=x onerror=window.__pwned=6>\" was painted on the wall, said Mara Quist, the site manager.",
        "A leaflet linked to <a href=\"javascript:window.__pwned=7\">the tour</a> and to '><svg onload=window.__pwned=8>.",
        "Another read \" onmouseover=\"window.__pwned=9\" x=\" and `${window.__pwned=10}` and </textarea><script>document.documentElement.setAttribute('data-pwned','1')</script>.",
        "The glassworks employs 40 people, Quist said.",
    ]
    .join(" ")
}

/// The payload article's pages show its strings as text and run nothing.
async fn payloads_stay_text(c: &Client, base: &str, story: u64, doc: i64) -> R<()> {
    let pages = [
        "/".to_string(),
        "/?search=glassworks".to_string(),
        format!("/stories/{story}"),
        format!("/documents/{doc}"),
        format!("/outlets/{}", support_segment(OUTLET)),
    ];
    for p in &pages {
        c.goto(&format!("{base}{p}")).await.ctx(p)?;
        let t = Instant::now();
        while c
            .execute("return document.readyState;", vec![])
            .await
            .ctx("readyState")?
            != "complete"
        {
            check!(t.elapsed() < Duration::from_secs(15), "{p} did not load");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Give a payload that slipped through (an image's onerror) time to fire.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let bad = c.execute(INJECTED, vec![]).await.ctx("the check script")?;
        check!(
            bad.as_array().is_some_and(Vec::is_empty),
            "{p}: a payload became markup or ran: {bad}"
        );
        let body = text_of(c, "body").await?;
        check!(
            body.contains("<script>window.__pwned=1</script>"),
            "{p}: the title's payload is not shown as text"
        );
    }
    // The document page: title, outlet, URL and text exactly as posted, the URL not a link.
    c.goto(&format!("{base}/documents/{doc}"))
        .await
        .ctx("document")?;
    check!(
        text_of(c, "h1").await? == TITLE,
        "the title is not shown as posted"
    );
    check!(
        text_of(c, "a.outlet").await? == OUTLET,
        "the outlet is not shown as posted"
    );
    check!(
        c.find_all(Locator::Css("a.url"))
            .await
            .ctx("url links")?
            .is_empty()
            && text_of(c, "span.url").await? == URL,
        "the javascript: URL is a link or not shown"
    );
    check!(
        text_of(c, "#text").await? == payload_text(),
        "the document text is not shown exactly as posted"
    );
    Ok(())
}

fn support_segment(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_site_in_a_browser() {
    let Some(driver) = driver::Driver::start().expect("chromedriver starts") else {
        return;
    };
    let s = serve_examples();
    let base = format!("http://{}", s.addr());
    let rec = json!({"title": TITLE, "source": OUTLET, "url": URL, "published": "2026-12-01",
                     "text": payload_text()});
    let r = s.post("/api/articles", rec.to_string().as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    let stored = r.json()[0].clone();
    let (story, doc) = (
        stored["story"].as_u64().unwrap(),
        stored["document"].as_i64().unwrap(),
    );
    // The server runs on its own runtime; the browser is driven from this one.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let result = rt.block_on(async {
        let c = driver.session().await?;
        let mut result = read_a_story(&c, &s, &base, story).await;
        if result.is_ok() {
            result = payloads_stay_text(&c, &base, story, doc).await;
        }
        let _ = c.close().await;
        result
    });
    drop(driver);
    if let Err(e) = result {
        panic!("{e}");
    }
}
