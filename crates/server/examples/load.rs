//! A bounded load test of `triangulate serve` over loopback (issue 11), run by
//! `bench/serve_load.sh`:
//!
//! ```sh
//! cargo run --release -p triangulate-server --example load -- [--db FILE] [-n 10000] [-c 32] [--posts 200]
//! ```
//!
//! Serves a store (a copy of `--db`, or one made from `examples/harbor-bridge`) from this process on a
//! free loopback port, then: `-n` GETs of the first story's page (cached after its first view)
//! at `-c` concurrent keep-alive connections while `--posts` `POST /api/articles` (new
//! articles, one a request, from one more connection) run beside them; then `-n` GETs of
//! `/api/stories`. Prints errors, requests/s, p50, p99 and max of each, and checks in the
//! store afterwards that every posted article is there.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::Request;
use hyper_util::rt::TokioIo;
use triangulate_readers::{fs, Format};
use triangulate_store::{Ingester, SqliteStore, Store};

struct Args {
    db: Option<String>,
    n: usize,
    c: usize,
    posts: usize,
}

fn args() -> Args {
    let mut a = Args {
        db: None,
        n: 10_000,
        c: 32,
        posts: 200,
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < v.len() {
        let val = v.get(i + 1).cloned().unwrap_or_default();
        let num = || {
            val.parse::<usize>()
                .unwrap_or_else(|_| panic!("{}: {val:?} is not a number", v[i]))
        };
        match v[i].as_str() {
            "--db" => a.db = Some(val.clone()),
            "-n" => a.n = num(),
            "-c" => a.c = num().max(1),
            "--posts" => a.posts = num(),
            other => panic!("unknown argument {other:?}: --db FILE, -n N, -c N, --posts N"),
        }
        i += 2;
    }
    a
}

type Sender = http1::SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> Result<Sender, String> {
    let s = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    s.set_nodelay(true).map_err(|e| e.to_string())?;
    let (send, conn) = http1::handshake(TokioIo::new(s))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    Ok(send)
}

/// One request on a connection: status and body length.
async fn call(
    send: &mut Sender,
    method: &str,
    path: &str,
    body: Bytes,
) -> Result<(u16, Bytes), String> {
    send.ready().await.map_err(|e| e.to_string())?;
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "127.0.0.1")
        .header("content-type", "application/json")
        .body(Full::new(body))
        .map_err(|e| e.to_string())?;
    let res = send.send_request(req).await.map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let body = res
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, body))
}

struct Run {
    latencies: Vec<Duration>,
    errors: usize,
    wall: Duration,
    bytes: usize,
}

/// `n` GETs of `path` from `c` keep-alive connections.
async fn hammer(addr: SocketAddr, path: &'static str, n: usize, c: usize) -> Run {
    let next = Arc::new(AtomicUsize::new(0));
    let t = Instant::now();
    let workers: Vec<_> = (0..c)
        .map(|_| {
            let next = next.clone();
            tokio::spawn(async move {
                let mut lat = Vec::new();
                let (mut errors, mut bytes) = (0, 0);
                let mut conn = connect(addr).await.ok();
                while next.fetch_add(1, Ordering::Relaxed) < n {
                    let t = Instant::now();
                    let r = match conn.as_mut() {
                        Some(s) => call(s, "GET", path, Bytes::new()).await,
                        None => Err("no connection".into()),
                    };
                    lat.push(t.elapsed());
                    match r {
                        Ok((200, b)) => bytes += b.len(),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = connect(addr).await.ok();
                        }
                    }
                }
                (lat, errors, bytes)
            })
        })
        .collect();
    let mut run = Run {
        latencies: Vec::with_capacity(n),
        errors: 0,
        wall: Duration::ZERO,
        bytes: 0,
    };
    for w in workers {
        let (lat, e, b) = w.await.expect("a worker finishes");
        run.latencies.extend(lat);
        run.errors += e;
        run.bytes += b;
    }
    run.wall = t.elapsed();
    run
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, r: &mut Run) {
    r.latencies.sort_unstable();
    let n = r.latencies.len();
    let at = |q: usize| r.latencies[(n * q / 100).min(n - 1)];
    println!(
        "{what}: {n} requests, {} errors, {:.2} s, {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {:.1} KB a response",
        r.errors,
        r.wall.as_secs_f64(),
        n as f64 / r.wall.as_secs_f64(),
        ms(at(50)),
        ms(at(99)),
        ms(r.latencies[n - 1]),
        r.bytes as f64 / n.max(1) as f64 / 1024.0
    );
}

/// A posted article of its own (unique text, so none is a duplicate of another).
fn article(i: usize) -> String {
    serde_json::json!({
        "title": format!("Load test item {i}"),
        "source": format!("Outlet {}", i % 7),
        "published": "2026-12-07",
        "text": format!(
            "The council of Testville number {i} met on Monday to vote on budget line {i}. \
             The vote passed {} to {}, the clerk said. Work starts in {} weeks.",
            i % 9 + 1, i % 5, i % 11 + 2
        ),
    })
    .to_string()
}

/// `posts` POSTs one after another on one connection: the stored document ids.
async fn post_all(addr: SocketAddr, posts: usize) -> (Vec<i64>, usize, Duration) {
    let t = Instant::now();
    let mut ids = Vec::new();
    let mut errors = 0;
    let mut conn = connect(addr).await.ok();
    for i in 0..posts {
        let r = match conn.as_mut() {
            Some(s) => call(s, "POST", "/api/articles", Bytes::from(article(i))).await,
            None => Err("no connection".into()),
        };
        match r {
            Ok((201, b)) => {
                let v: serde_json::Value = serde_json::from_slice(&b).unwrap_or_default();
                match v[0]["document"].as_i64() {
                    Some(id) => ids.push(id),
                    None => errors += 1,
                }
            }
            Ok((s, b)) => {
                errors += 1;
                eprintln!("POST {i}: {s} {}", String::from_utf8_lossy(&b));
            }
            Err(e) => {
                errors += 1;
                eprintln!("POST {i}: {e}");
                conn = connect(addr).await.ok();
            }
        }
    }
    (ids, errors, t.elapsed())
}

fn example_store(db: &str) {
    let ex = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/harbor-bridge");
    let docs = fs::read_paths(&[ex.to_string()], Format::Auto).expect("the examples read");
    let mut ing = Ingester::open(SqliteStore::open(db).expect("a new store")).expect("ingester");
    ing.add_batch(docs).expect("the examples are stored");
}

fn main() {
    let a = args();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("load.db").to_string_lossy().into_owned();
    match &a.db {
        // A copy: the posts must not change the store given.
        Some(src) => {
            std::fs::copy(src, &db).unwrap_or_else(|e| panic!("copying {src}: {e}"));
        }
        None => example_store(&db),
    }
    let before = SqliteStore::open_read_only(&db)
        .and_then(|s| s.counts())
        .expect("counts");
    let server = triangulate_server::spawn(&db, "127.0.0.1:0".parse().unwrap()).expect("serve");
    let addr = server.addr();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let mut s = connect(addr).await.expect("connect");
        let (_, list) = call(&mut s, "GET", "/api/stories", Bytes::new())
            .await
            .expect("/api/stories");
        let list: serde_json::Value = serde_json::from_slice(&list).expect("JSON");
        let id = list["stories"][0]["id"].as_u64().expect("a story");
        let path: &'static str = format!("/stories/{id}").leak();
        // The first view builds the page (its report is cached by the listing above).
        let t = Instant::now();
        let (st, page) = call(&mut s, "GET", path, Bytes::new()).await.expect("page");
        println!(
            "first view of {path}: {st}, {:.1} KB, {:.1} ms",
            page.len() as f64 / 1024.0,
            ms(t.elapsed())
        );
        // The posts start with the first run and go on into the second if they outlast it.
        let start = Instant::now();
        let posts = tokio::spawn(post_all(addr, a.posts));
        let mut run = hammer(addr, path, a.n, a.c).await;
        report(&format!("GET {path} (cached page)"), &mut run);
        let mut run = hammer(addr, "/api/stories", a.n, a.c).await;
        report("GET /api/stories", &mut run);
        let both = start.elapsed();
        let (ids, post_errors, took) = posts.await.expect("posts finish");
        println!(
            "POST /api/articles beside them: {} stored, {post_errors} errors, done {:.2} s after the start (both runs: {:.2} s)",
            ids.len(),
            took.as_secs_f64(),
            both.as_secs_f64()
        );
        server.stop();
        let store = SqliteStore::open_read_only(&db).expect("the store reopens");
        let after = store.counts().expect("counts");
        let present: std::collections::HashSet<i64> =
            store.rows().expect("rows").iter().map(|r| r.id).collect();
        let missing = ids.iter().filter(|i| !present.contains(i)).count();
        println!(
            "store: {} documents before, {} after ({} posted, {} answered stored, {missing} of those missing)",
            before.documents,
            after.documents,
            a.posts,
            ids.len()
        );
        let lost = a.posts - (after.documents - before.documents) as usize;
        if lost > 0 || missing > 0 || post_errors > 0 {
            eprintln!("LOST: {lost} posted articles are not in the store");
            std::process::exit(1);
        }
    });
}
