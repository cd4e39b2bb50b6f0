//! `triangulate serve`: the store's stories in a browser and as a JSON API
//! (`triangulate_server`).

use std::net::SocketAddr;

use anyhow::Context;

/// Arguments of `serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The store (default: `$TRIANGULATE_DB`, else `triangulate.db`; created if absent).
    #[arg(long)]
    pub db: Option<String>,
    /// Address to listen on (default 127.0.0.1:8080). An address off this machine must be
    /// given here explicitly, and prints a warning.
    #[arg(long)]
    pub addr: Option<SocketAddr>,
}

/// Run `serve` until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<()> {
    let db = super::ingest::db_path(&args.db);
    let addr = args
        .addr
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
    if !addr.ip().is_loopback() {
        eprintln!(
            "triangulate: warning: serving on {addr}, reachable from other machines; the server has no authentication"
        );
    }
    triangulate_server::init_tracing();
    triangulate_server::run(&db, addr, |a| {
        eprintln!(
            "triangulate: serving {} on http://{a}/ (Ctrl-C stops)",
            triangulate_store::db_display(&db)
        );
    })
    .with_context(|| format!("serving {} on {addr}", triangulate_store::db_display(&db)))
}
