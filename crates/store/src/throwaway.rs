//! What the throwaway test servers share ([`crate::postgres_cluster::PgCluster`] here, the
//! queue crate's `NatsServer`): a free loopback port, and a watchdog shell that cleans up
//! after a process killed before any drop runs.

use std::path::Path;
use std::process::{Command, Stdio};

/// A loopback port that is free at the moment of asking.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Start a shell that waits for this process to end, then runs `cleanup` (a shell command:
/// stop the server) and removes `dir` (the server's temporary folder).
pub fn spawn_watchdog(dir: &Path, cleanup: &str) -> Result<(), String> {
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {cleanup}; rm -rf '{d}'",
        pid = std::process::id(),
        d = dir.display(),
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("sh: {e}"))
}
