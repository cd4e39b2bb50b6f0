//! `triangulate eval summary --format multinews SRC TGT`: ROUGE against reference summaries.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use triangulate_eval::summary::{self, SummaryScores};

/// Data set formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DataFormat {
    /// Multi-News: one story a line, documents joined by `|||||`; references line by line.
    Multinews,
}

/// Arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Data set format.
    #[arg(long, value_enum, default_value_t = DataFormat::Multinews)]
    pub format: DataFormat,
    /// Source stories (gzipped or plain).
    pub src: PathBuf,
    /// Reference summaries, one a line, same order (gzipped or plain).
    pub tgt: PathBuf,
    /// Summary length in words (whitespace-separated; the last sentence is cut to fit).
    #[arg(long, default_value_t = 230)]
    pub words: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also write the summaries to this file: one story a line, sentences separated by tabs.
    #[arg(long, conflicts_with = "predictions")]
    pub output: Option<PathBuf>,
    /// Score this summaries file (one story a line, sentences separated by tabs, as written by
    /// `--output` or `bench/summary_peers.py`) instead of summarizing SRC.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

fn read(path: &Path) -> anyhow::Result<String> {
    summary::read_text(path).map_err(|e| match e {
        summary::EvalError::Io { path, source } => {
            triangulate_readers::ReadError::Io { path, source }.into()
        }
        other => anyhow::Error::from(other),
    })
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    let DataFormat::Multinews = args.format;
    if args.words == 0 {
        anyhow::bail!("--words must be at least 1");
    }
    let src = read(&args.src)?;
    let tgt = read(&args.tgt)?;
    let stories = triangulate_readers::multinews::story_lines(&tgt).count();
    if stories == 0 {
        return Err(triangulate_readers::ReadError::Empty {
            name: args.tgt.display().to_string(),
        }
        .into());
    }
    let bar = ProgressBar::with_draw_target(Some(stories as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} stories {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if stories < 500 {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let tick = || bar.inc(1);
    let scores: SummaryScores = match &args.predictions {
        Some(p) => {
            let pred = read(p)?;
            summary::score_predictions(&pred, &tgt, args.words, &tick)?
        }
        None => {
            let (scores, summaries) = summary::evaluate(&src, &tgt, args.words, &tick)?;
            if let Some(out) = &args.output {
                let mut f = std::io::BufWriter::new(
                    std::fs::File::create(out)
                        .with_context(|| format!("creating {}", out.display()))?,
                );
                for s in &summaries {
                    writeln!(f, "{s}")?;
                }
                f.flush()?;
            }
            scores
        }
    };
    bar.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string(&scores)?);
    } else {
        println!(
            "{} stories, {} words, {:.2} s",
            scores.stories, scores.words, scores.seconds
        );
        println!("{:<10} {:>6} {:>6} {:>6}", "", "P", "R", "F");
        for (name, s) in [
            ("ROUGE-1", scores.rouge1),
            ("ROUGE-2", scores.rouge2),
            ("ROUGE-Lsum", scores.rouge_lsum),
        ] {
            println!("{name:<10} {:>6.2} {:>6.2} {:>6.2}", s.p, s.r, s.f);
        }
    }
    Ok(())
}
