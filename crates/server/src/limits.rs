//! What every response goes through: limits (header size, time), security headers, the
//! request log; errors as a page or JSON; the static files, compiled in.

use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ServerError;

/// Request headers larger than this (all of them together) are refused (431).
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// A request not answered within this time is answered 503.
pub const MAX_TIME: Duration = Duration::from_secs(30);

/// No inline script or style, nothing from elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE: &str = include_str!("../static/style.css");
const SCRIPT: &str = include_str!("../static/app.js");

/// An error answer: a page for the pages, JSON for the API, with a one-line reason.
#[derive(Debug)]
pub struct Failure {
    /// HTTP status.
    pub status: StatusCode,
    /// One line.
    pub message: String,
    /// Answer as JSON (`{"error": message}`).
    pub json: bool,
}

impl Failure {
    /// A 404.
    pub fn not_found(what: impl Into<String>, json: bool) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: what.into(),
            json,
        }
    }

    /// A 400.
    pub fn bad(message: impl Into<String>, json: bool) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            json,
        }
    }

    /// A 500, logged.
    pub fn internal(e: &dyn std::fmt::Display, json: bool) -> Failure {
        tracing::error!(error = %e, "internal error");
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error (logged)".into(),
            json,
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let message: String = self.message.replace(['\n', '\r'], " ");
        if self.json {
            let body = serde_json::json!({ "error": message });
            return (self.status, axum::Json(body)).into_response();
        }
        match crate::pages::error_page(self.status, &message) {
            Ok(html) => (self.status, html).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page");
                (self.status, message).into_response()
            }
        }
    }
}

/// Run blocking store work off the async threads; errors become a 500.
pub async fn blocking<T: Send + 'static>(
    json: bool,
    f: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(e) => Err(Failure::internal(&e, json)),
    }
}

/// A store or template error as a 500.
pub fn internal(json: bool) -> impl Fn(ServerError) -> Failure {
    move |e| Failure::internal(&e, json)
}

fn wants_json(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Limits, security headers and the request log, around every route.
pub async fn guard(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let json = wants_json(&path);
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    let mut resp = if header_bytes > MAX_HEADER_BYTES {
        Failure {
            status: StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            message: format!("request headers over {MAX_HEADER_BYTES} bytes"),
            json,
        }
        .into_response()
    } else {
        match tokio::time::timeout(MAX_TIME, next.run(req)).await {
            Ok(r) => r,
            Err(_) => Failure {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: format!("not answered within {} s", MAX_TIME.as_secs()),
                json,
            }
            .into_response(),
        }
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let status = resp.status();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if status.is_server_error() {
        tracing::error!(%method, %path, status = status.as_u16(), ms, "request");
    } else if status.is_client_error() {
        tracing::info!(%method, %path, status = status.as_u16(), ms, "request");
    } else {
        tracing::debug!(%method, %path, status = status.as_u16(), ms, "request");
    }
    resp
}

/// `/favicon.ico`, which browsers ask for on every site: no icon, no error page (204).
pub async fn favicon() -> Response {
    (
        StatusCode::NO_CONTENT,
        [(header::CACHE_CONTROL, "public, max-age=86400")],
    )
        .into_response()
}

/// `/static/style.css`.
pub async fn style() -> Response {
    static_file("text/css; charset=utf-8", STYLE)
}

/// `/static/app.js`.
pub async fn script() -> Response {
    static_file("text/javascript; charset=utf-8", SCRIPT)
}

fn static_file(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Anything else: 404, as a page or JSON. Static files are the two routes above only, so
/// no path reaches the file system.
pub async fn not_found(req: Request) -> Failure {
    let path = req.uri().path();
    Failure::not_found(format!("no page at {path}"), wants_json(path))
}
