//! `triangulate eval cluster DIR` / `--format multinews SRC`: stories found by the
//! ingest path's clustering against gold stories (B-cubed and pairwise P/R/F1).

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use triangulate_eval::cluster::{self, ClusterScores, Labeled};
use triangulate_eval::summary::EvalError;

/// Data set formats.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClusterFormat {
    /// A directory with `docs/` and `gold.tsv` (`file<TAB>story`).
    Dir,
    /// Multi-News: each line's documents are one gold story; all in one shuffled stream.
    Multinews,
}

/// Arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Data set format.
    #[arg(long, value_enum, default_value_t = ClusterFormat::Dir)]
    pub format: ClusterFormat,
    /// The directory (`docs/`, `gold.tsv`) or the Multi-News source file (gzipped or plain).
    pub path: PathBuf,
    /// Seed of the Multi-News shuffle.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also write each document's name, gold story and found story (TSV, input order).
    #[arg(long)]
    pub assignments: Option<PathBuf>,
    /// Print to stderr the clusterer's documents per second for each tenth of the stream.
    #[arg(long)]
    pub timing: bool,
    /// Score exact copies of a text too short to tell a story by as ingest stores them (once,
    /// so in one story); by default each copy is scored as a story of its own. A furniture
    /// page (crawl notice, cookie wall) and its copies belong to no story: each is scored
    /// alone with or without this flag.
    #[arg(long)]
    pub strict_copies: bool,
    /// Change a clusterer setting for a tuning run: NAME=VALUE (join, near_duplicate,
    /// fresh_days, decay_days). Repeatable.
    #[arg(long = "set", hide = true)]
    pub set: Vec<String>,
}

fn read_error(e: EvalError) -> anyhow::Error {
    match e {
        EvalError::Io { path, source } => {
            triangulate_readers::ReadError::Io { path, source }.into()
        }
        other => anyhow::Error::from(other),
    }
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    let data: Vec<Labeled> = match args.format {
        ClusterFormat::Dir => cluster::read_dir(&args.path),
        ClusterFormat::Multinews => cluster::read_multinews(&args.path, args.seed),
    }
    .map_err(read_error)?;
    if data.is_empty() {
        return Err(triangulate_readers::ReadError::Empty {
            name: args.path.display().to_string(),
        }
        .into());
    }
    let mut params = triangulate_stream::Params::default();
    for s in &args.set {
        let ok = s
            .split_once('=')
            .and_then(|(k, v)| Some((k, v.parse::<f32>().ok()?)))
            .is_some_and(|(k, v)| params.set(k, v));
        anyhow::ensure!(ok, "--set {s}: want NAME=NUMBER with a known setting name");
    }
    let docs: Vec<_> = data.iter().map(|l| l.doc.clone()).collect();
    let start = Instant::now();
    let (stories, tenths) = cluster::cluster_timed(&docs, params, args.strict_copies);
    let seconds = start.elapsed().as_secs_f64();
    if args.timing {
        for (i, (n, s)) in tenths.iter().enumerate() {
            eprintln!(
                "tenth {}: {n} documents, features {:.0} docs/s, assign {:.0} docs/s",
                i + 1,
                *n as f64 / s.0.max(1e-9),
                *n as f64 / s.1.max(1e-9)
            );
        }
    }
    let gold: Vec<&str> = data.iter().map(|l| l.gold.as_str()).collect();
    let scores: ClusterScores = cluster::score(&gold, &stories);
    if let Some(p) = &args.assignments {
        let mut out = String::new();
        for (l, s) in data.iter().zip(&stories) {
            out.push_str(&format!("{}\t{}\t{s}\n", l.doc.name, l.gold));
        }
        std::fs::write(p, out).with_context(|| format!("writing {}", p.display()))?;
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        let mut v = serde_json::to_value(&scores)?;
        v["seconds"] = serde_json::json!(seconds);
        writeln!(stdout, "{v}")?;
    } else {
        writeln!(
            stdout,
            "{} documents, {} gold stories, {} stories found, {:.2} s",
            scores.documents, scores.gold_stories, scores.stories, seconds
        )?;
        for (name, s) in [("B-cubed", scores.bcubed), ("pairwise", scores.pairwise)] {
            writeln!(
                stdout,
                "{name:<9} P {:.3}  R {:.3}  F1 {:.3}",
                s.p, s.r, s.f
            )?;
        }
    }
    Ok(())
}
