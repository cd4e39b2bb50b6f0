//! A throwaway `nats-server` with JetStream for tests and benchmarks: its store in a
//! temporary folder, on a free loopback port; killed and removed on drop, also when a test
//! panics; [`NatsServer::restart`] kills it (as a crash would) and starts it again on the
//! same port and store. A watchdog shell kills it once the process that started it is gone,
//! so a test binary killed outright leaves nothing running.
//!
//! ```no_run
//! use triangulate_queue::nats_server::NatsServer;
//! let Some(nats) = NatsServer::start_or_skip("my test") else { return };
//! let url = nats.url(); // nats://127.0.0.1:PORT
//! ```

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use triangulate_store::throwaway::{free_port, spawn_watchdog};

/// The program the tests look for (Debian's `nats-server` package).
pub const NATS_SERVER: &str = "nats-server";

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A running throwaway nats-server.
#[derive(Debug)]
pub struct NatsServer {
    dir: PathBuf,
    port: u16,
    child: Mutex<Option<Child>>,
}

/// Where `nats-server` is, if installed (on `PATH`, else `/usr/sbin` or `/usr/bin`).
pub fn program() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.push("/usr/sbin".into());
    dirs.push("/usr/bin".into());
    dirs.into_iter()
        .map(|d| d.join(NATS_SERVER))
        .find(|p| p.is_file())
}

impl NatsServer {
    /// True when `nats-server` is installed.
    pub fn available() -> bool {
        program().is_some()
    }

    /// Start a server for a test, or print why the test is skipped and give `None` when
    /// `nats-server` is not installed. A server that fails to start is a failure (panic).
    pub fn start_or_skip(test: &str) -> Option<NatsServer> {
        if !NatsServer::available() {
            eprintln!("{test}: skipped, nats-server is not installed (Debian: apt-get install nats-server)");
            return None;
        }
        match NatsServer::start() {
            Ok(s) => Some(s),
            Err(e) => panic!("{test}: the test nats-server did not start: {e}"),
        }
    }

    /// Make a folder, write the configuration and start the server.
    pub fn start() -> Result<NatsServer, String> {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "triangulate-nats-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let port = free_port().map_err(|e| format!("no free port: {e}"))?;
        // max_payload 8 MB: an article (its JSON) may pass the default 1 MB.
        let conf = format!(
            "listen: \"127.0.0.1:{port}\"\nmax_payload: 8388608\npid_file: \"{d}/nats.pid\"\njetstream {{\n  store_dir: \"{d}/js\"\n}}\n",
            d = dir.display()
        );
        std::fs::write(dir.join("nats.conf"), conf).map_err(|e| e.to_string())?;
        let s = NatsServer {
            dir,
            port,
            child: Mutex::new(None),
        };
        s.watchdog()?;
        s.spawn()?;
        Ok(s)
    }

    fn spawn(&self) -> Result<(), String> {
        let prog = program().ok_or("nats-server is not installed")?;
        let child = Command::new(&prog)
            .arg("-c")
            .arg(self.dir.join("nats.conf"))
            .arg("-l")
            .arg(self.dir.join("log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", prog.display()))?;
        *self.child.lock().expect("not poisoned") = Some(child);
        // Ready when it accepts connections (JetStream is up before the listener opens).
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
        Err(format!(
            "nats-server did not listen on port {} in 20 s\n{log}",
            self.port
        ))
    }

    /// The server's URL (`nats://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// The server's folder (configuration, log, JetStream store).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Kill the server (SIGKILL, as a crash) and start it again on the same port and store.
    pub fn restart(&self) -> Result<(), String> {
        self.kill();
        self.spawn()
    }

    fn kill(&self) {
        if let Some(mut c) = self.child.lock().expect("not poisoned").take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// A shell that waits for this process to end, then kills the server and removes the
    /// folder (for a process killed before any drop runs).
    fn watchdog(&self) -> Result<(), String> {
        let cleanup = format!(
            "if [ -f '{d}/nats.pid' ]; then kill -9 \"$(cat '{d}/nats.pid')\" 2>/dev/null; fi",
            d = self.dir.display(),
        );
        spawn_watchdog(&self.dir, &cleanup)
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
