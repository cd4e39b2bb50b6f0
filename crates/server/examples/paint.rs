//! Page weight and time to first render of the seeds' story page in headless Chromium
//! (issue 11), run by `bench/serve_load.sh`:
//!
//! ```sh
//! cargo run --release -p triangulate-server --example paint -- [RUNS]
//! ```
//!
//! Serves a store made from `examples/harbor-bridge` on a free loopback port, views the story page once
//! (so it is served from the cache, as a reader after the first one gets it), then opens it
//! RUNS times (default 5) in a fresh headless Chromium session and reads the Performance API:
//! first-contentful-paint, the page's and its resources' sizes, and every resource's origin
//! (an external request would be one off the server's origin).

#[path = "../tests/support/driver.rs"]
mod driver;

use std::io::{Read, Write};
use std::net::TcpStream;

use triangulate_readers::{fs, Format};
use triangulate_store::{Ingester, SqliteStore};

const MEASURE: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
const res = performance.getEntriesByType('resource').map(r => ({
  name: r.name, size: r.decodedBodySize, external: new URL(r.name).origin !== location.origin }));
return { fcp: fcp ? fcp.startTime : null, html: nav.decodedBodySize,
         dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, resources: res };
"#;

fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map(|r| r.parse().expect("RUNS is a number"))
        .unwrap_or(5);
    let Some(driver) = driver::Driver::start().expect("chromedriver starts") else {
        std::process::exit(2);
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("paint.db").to_string_lossy().into_owned();
    let ex = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/harbor-bridge");
    let docs = fs::read_paths(&[ex.to_string()], Format::Auto).expect("the examples read");
    let mut ing = Ingester::open(SqliteStore::open(&db).expect("store")).expect("ingester");
    ing.add_batch(docs).expect("stored");
    drop(ing);
    let server = triangulate_server::spawn(&db, "127.0.0.1:0".parse().unwrap()).expect("serve");
    let addr = server.addr();
    let list = get(addr, "/api/stories");
    let body = &list[list.find("\r\n\r\n").expect("a head") + 4..];
    let id = body
        .split("\"id\":")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .expect("a story id")
        .to_string();
    let url = format!("http://{addr}/stories/{id}");
    get(addr, &format!("/stories/{id}"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(measure(&driver, &url, runs));
    server.stop();
    drop(driver);
}

async fn measure(driver: &driver::Driver, url: &str, runs: usize) {
    let mut fcps = Vec::new();
    for run in 0..runs {
        let c = driver.session().await.expect("a session");
        c.goto(url).await.expect("the page opens");
        // The paint entry appears once painted; the load event is past when goto returns.
        let mut m = serde_json::Value::Null;
        for _ in 0..100 {
            m = c.execute(MEASURE, vec![]).await.expect("measure");
            if m["fcp"].is_number() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let _ = c.close().await;
        let res = m["resources"].as_array().cloned().unwrap_or_default();
        let total: u64 = m["html"].as_u64().unwrap_or(0)
            + res.iter().filter_map(|r| r["size"].as_u64()).sum::<u64>();
        let external: Vec<&str> = res
            .iter()
            .filter(|r| r["external"] == true)
            .filter_map(|r| r["name"].as_str())
            .collect();
        println!(
            "run {}: first-contentful-paint {:.1} ms, DOMContentLoaded {:.1} ms, load {:.1} ms; \
             page {:.1} KB + {} resources = {:.1} KB; external requests: {}",
            run + 1,
            m["fcp"].as_f64().unwrap_or(f64::NAN),
            m["dcl"].as_f64().unwrap_or(f64::NAN),
            m["load"].as_f64().unwrap_or(f64::NAN),
            m["html"].as_f64().unwrap_or(0.0) / 1024.0,
            res.len(),
            total as f64 / 1024.0,
            if external.is_empty() {
                "none".to_string()
            } else {
                external.join(", ")
            }
        );
        if let Some(f) = m["fcp"].as_f64() {
            fcps.push(f);
        }
    }
    fcps.sort_by(f64::total_cmp);
    if let Some(med) = fcps.get(fcps.len() / 2) {
        println!(
            "median first-contentful-paint of {} runs: {med:.1} ms",
            fcps.len()
        );
    }
}
