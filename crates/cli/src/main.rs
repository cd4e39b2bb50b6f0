//! `triangulate`: many articles about one story in, one sourced account out.
//!
//! The binary is thin: it parses arguments, calls the libraries, and turns errors into
//! messages and exit codes (see `exit_code`).

mod cmd;

/// mimalloc instead of the system allocator: the analysis makes many small short-lived
/// allocations (tokens, terms, spans), where glibc's malloc and free were a seventh of the
/// instructions of a report.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "triangulate",
    version,
    about = "Many articles about one story in, one sourced account out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the articles of one story and write a sourced report.
    Report(cmd::report::Args),
    /// Read a stream of articles (files, directories, feeds, WARC) into the store, grouped
    /// into stories.
    Ingest(cmd::ingest::Args),
    /// List the stories of a store, the latest first.
    Stories(cmd::stories::Args),
    /// Serve the store's stories in a browser and as a JSON API (127.0.0.1:8080).
    Serve(cmd::serve::Args),
    /// Store the articles `ingest --queue` published (NATS JetStream) into a PostgreSQL
    /// store; run as many as wanted.
    Worker(cmd::worker::Args),
    /// Measure a stage against a reference data set.
    #[command(subcommand)]
    Eval(cmd::EvalCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(args) => cmd::report::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Stories(args) => cmd::stories::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Worker(args) => cmd::worker::run(args),
        Command::Eval(e) => cmd::run_eval(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("triangulate: {err:#}");
            ExitCode::from(cmd::exit_code(&err))
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
