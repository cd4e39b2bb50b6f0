//! `triangulate serve`: the stories of a store in a browser and as a JSON API.
//!
//! Pages (`/`, `/stories/{id}`, `/documents/{id}`, `/outlets/{name}`) are rendered on the
//! server from templates compiled into the binary; the CSS and the little JavaScript they
//! need are served from the binary too (no CDN: it works offline). The JSON API
//! (`/api/stories`, `/api/stories/{id}`, `/api/documents/{id}`, `POST /api/articles`) is
//! described at `/api/openapi.json`. Every string from an article is escaped; the
//! Content-Security-Policy allows no inline script.
//!
//! ```no_run
//! let server = triangulate_server::spawn("news.db", "127.0.0.1:0".parse().unwrap()).unwrap();
//! println!("listening on http://{}", server.addr());
//! server.stop();
//! ```
#![deny(missing_docs)]

mod api;
mod app;
mod highlight;
mod limits;
mod pages;
mod post;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

pub use app::{App, REPORT_KIND};

/// Why the server could not start or answer.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] triangulate_store::StoreError),
    /// The address could not be bound, or the connection failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A template failed to render (a bug: templates are compiled in).
    #[error("template {0}")]
    Template(#[from] minijinja::Error),
}

/// The router of the whole site over an opened store.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(pages::list))
        .route("/stories/{id}", get(pages::story))
        .route("/documents/{id}", get(pages::document))
        .route("/outlets/{name}", get(pages::outlet))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/articles", post(post::articles))
        .route("/api/openapi.json", get(api::openapi))
        .route("/static/style.css", get(limits::style))
        .route("/static/app.js", get(limits::script))
        .route("/favicon.ico", get(limits::favicon))
        .fallback(limits::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(post::MAX_BODY))
        .layer(axum::middleware::from_fn(limits::guard))
        .with_state(app)
}

/// A running server (on its own thread and runtime); stops when dropped.
pub struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), ServerError>>>,
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stop it and wait for it to finish (open connections are let finish).
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io {
            what: "starting the runtime".into(),
            source,
        })
}

async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, ServerError> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Io {
            what: format!("binding {addr}"),
            source,
        })
}

async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(stop)
        .await
        .map_err(|source| ServerError::Io {
            what: "serving".into(),
            source,
        })
}

/// Open the store at `db` and serve it on `addr` from a new thread (port 0: a free one).
pub fn spawn(db: &str, addr: SocketAddr) -> Result<Running, ServerError> {
    let app = Arc::new(App::open(db)?);
    let rt = runtime()?;
    let listener = rt.block_on(bind(addr))?;
    let addr = listener.local_addr().map_err(|source| ServerError::Io {
        what: "reading the bound address".into(),
        source,
    })?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        rt.block_on(serve_on(listener, app, async {
            let _ = rx.await;
        }))
    });
    Ok(Running {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    })
}

/// Open the store at `db` and serve it on `addr` until Ctrl-C; `ready` is called with the
/// bound address once it listens.
pub fn run(db: &str, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let app = Arc::new(App::open(db)?);
    let rt = runtime()?;
    rt.block_on(async move {
        let listener = bind(addr).await?;
        if let Ok(a) = listener.local_addr() {
            ready(a);
        }
        serve_on(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })
}

/// Log to stderr with tracing (`RUST_LOG` filters; default: info).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
