//! Headless Chromium under chromedriver, for the browser test and the first-paint measurement
//! (`examples/paint.rs` includes this file): found on the PATH, chromedriver started on a free
//! loopback port in its own process group, and the group (chromedriver and every Chromium it
//! started) killed when the `Driver` is dropped, also when a test panics.
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A program on the PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Chromium's binary (Debian: the program behind the `chromium` launcher script).
pub fn chromium() -> Option<PathBuf> {
    let debian = PathBuf::from("/usr/lib/chromium/chromium");
    if debian.is_file() {
        return Some(debian);
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|n| which(n))
}

/// A running chromedriver; dropping it kills its process group.
pub struct Driver {
    child: Child,
    addr: SocketAddr,
    chromium: PathBuf,
    profiles: tempfile::TempDir,
}

impl Driver {
    /// Start chromedriver, or say why the browser is not there (`Ok(None)` with a message
    /// printed: the caller skips).
    pub fn start() -> Result<Option<Driver>, String> {
        let (Some(driver), Some(chromium)) = (which("chromedriver"), chromium()) else {
            eprintln!(
                "skipped: chromium and chromedriver are not installed \
                 (Debian: apt-get install chromium chromium-driver; .ci/run installs them)"
            );
            return Ok(None);
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let profiles = tempfile::tempdir().map_err(|e| e.to_string())?;
        // TMPDIR: what Chromium leaves in the temporary folder goes with `profiles`.
        let child = Command::new(&driver)
            .env("TMPDIR", profiles.path())
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("starting {}: {e}", driver.display()))?;
        let d = Driver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            chromium,
            profiles,
        };
        let t = Instant::now();
        while TcpStream::connect(d.addr).is_err() {
            if t.elapsed() > Duration::from_secs(20) {
                return Err(format!("chromedriver did not listen on {} in 20 s", d.addr));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Some(d))
    }

    /// A new headless Chromium session (its own fresh profile), window 1280x900.
    pub async fn session(&self) -> Result<fantoccini::Client, String> {
        static SESSIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = self.profiles.path().join(format!("profile-{n}"));
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", profile.display())])
        .collect::<Vec<_>>();
        let mut caps = fantoccini::wd::Capabilities::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({"binary": self.chromium, "args": args}),
        );
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://{}", self.addr))
            .await
            .map_err(|e| format!("new Chromium session: {e}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the Chromium processes it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
