//! A throwaway PostgreSQL 15 cluster for tests and benchmarks: `initdb` in a temporary
//! folder, `pg_ctl -l LOGFILE start` on a free loopback port, stopped (`-m immediate`) and
//! removed on drop, also when a test panics. PostgreSQL refuses to run as root: as root the
//! programs run as the `postgres` system user through `runuser`, otherwise as the current
//! user. A watchdog shell stops the cluster once the process that started it is gone, so a
//! test binary killed outright, or one that keeps a cluster in a `static`, leaves nothing
//! running.
//!
//! ```no_run
//! use triangulate_store::postgres_cluster::PgCluster;
//! let Some(cluster) = PgCluster::start_or_skip("my test") else { return };
//! let url = cluster.new_database().unwrap(); // postgres://triangulate@127.0.0.1:PORT/db_1
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::throwaway::{free_port, spawn_watchdog};

/// Where the tests look for the PostgreSQL 15 programs (Debian's `postgresql-15`).
pub const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

/// The role the cluster is made with (trusted on loopback, no password).
const ROLE: &str = "triangulate";

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A running throwaway cluster.
#[derive(Debug)]
pub struct PgCluster {
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
    /// The server's options (`pg_ctl -o`), kept for a restart.
    opts: String,
}

/// How the cluster runs: tests trade durability for speed, benchmarks keep the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `fsync`, `synchronous_commit` and `full_page_writes` off (tests): a crash (or
    /// [`PgCluster::restart`]) may lose the last commits.
    Fast,
    /// PostgreSQL's defaults (measurements).
    Default,
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

impl PgCluster {
    /// True when the PostgreSQL 15 programs are installed.
    pub fn available() -> bool {
        Path::new(PG_BIN).join("initdb").is_file()
    }

    /// Start a cluster for a test, or print why the test is skipped and give `None` when
    /// PostgreSQL 15 is not installed. A cluster that fails to start is a failure (panic).
    pub fn start_or_skip(test: &str) -> Option<PgCluster> {
        if !PgCluster::available() {
            eprintln!("{test}: skipped, PostgreSQL 15 is not installed ({PG_BIN} absent)");
            return None;
        }
        match PgCluster::start(Durability::Fast) {
            Ok(c) => Some(c),
            Err(e) => panic!("{test}: the PostgreSQL test cluster did not start: {e}"),
        }
    }

    /// Make and start a cluster.
    pub fn start(durability: Durability) -> Result<PgCluster, String> {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("triangulate-pg-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let as_postgres = is_root();
        let mut c = PgCluster {
            dir,
            port: 0,
            as_postgres,
            opts: String::new(),
        };
        if as_postgres {
            c.run_plain(Command::new("chown").arg("postgres:").arg(&c.dir))?;
        }
        c.watchdog()?;
        let data = c.dir.join("data");
        c.run_pg(
            "initdb",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-A".as_ref(),
                "trust".as_ref(),
                "-U".as_ref(),
                ROLE.as_ref(),
                "-E".as_ref(),
                "UTF8".as_ref(),
                "--locale=C.UTF-8".as_ref(),
                "--no-sync".as_ref(),
            ],
        )?;
        c.port = free_port().map_err(|e| format!("no free port: {e}"))?;
        let mut opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
            c.port,
            c.dir.display()
        );
        if durability == Durability::Fast {
            opts.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        c.opts = opts;
        c.pg_ctl_start()?;
        Ok(c)
    }

    fn pg_ctl_start(&self) -> Result<(), String> {
        let data = self.dir.join("data");
        let log = self.dir.join("log");
        self.run_pg(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-l".as_ref(),
                log.as_os_str(),
                "-o".as_ref(),
                self.opts.as_ref(),
                "-w".as_ref(),
                "start".as_ref(),
            ],
        )
        .map_err(|e| {
            let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
            format!("{e}\n{log}")
        })
    }

    /// The server's port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of a database of this cluster.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://{ROLE}@127.0.0.1:{}/{database}", self.port)
    }

    /// Create a new, empty database and give its URL.
    pub fn new_database(&self) -> Result<String, String> {
        let name = format!("db_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let mut c = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .map_err(|e| e.to_string())?;
        c.batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|e| e.to_string())?;
        Ok(self.url(&name))
    }

    /// Stop the server now (`-m immediate`: as a crash would) and start it again on the
    /// same port, for tests of a restart.
    pub fn restart(&self) -> Result<(), String> {
        self.stop()?;
        self.pg_ctl_start()
    }

    fn stop(&self) -> Result<(), String> {
        let data = self.dir.join("data");
        self.run_pg(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-m".as_ref(),
                "immediate".as_ref(),
                "-w".as_ref(),
                "stop".as_ref(),
            ],
        )
    }

    /// A shell that waits for this process to end, then stops the server and removes the
    /// folder (for a process killed before any drop runs).
    fn watchdog(&self) -> Result<(), String> {
        let pg_ctl = format!("{PG_BIN}/pg_ctl");
        let stop = if self.as_postgres {
            format!("runuser -u postgres -- {pg_ctl}")
        } else {
            pg_ctl
        };
        let cleanup = format!(
            "if [ -f '{d}/data/postmaster.pid' ]; then {stop} -D '{d}/data' -m immediate stop; fi",
            d = self.dir.display(),
        );
        spawn_watchdog(&self.dir, &cleanup)
    }

    fn run_pg(&self, program: &str, args: &[&std::ffi::OsStr]) -> Result<(), String> {
        let path = Path::new(PG_BIN).join(program);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        cmd.args(args);
        self.run_plain(&mut cmd)
    }

    fn run_plain(&self, cmd: &mut Command) -> Result<(), String> {
        // No inherited output: a server started from here must not hold the test's pipes.
        let out = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("{cmd:?}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{cmd:?}: {}\n{}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
