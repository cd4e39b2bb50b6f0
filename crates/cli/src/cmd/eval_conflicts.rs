//! `triangulate eval conflicts --format multinews SRC`: the injected-contradiction benchmark.

use std::io::Write;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use triangulate_eval::{inject, summary};

/// Data set formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DataFormat {
    /// Multi-News: one story a line, documents joined by `|||||` (gzipped or plain).
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
    /// Which injection generator: `original` (a value confirmed by shared words nearby) or
    /// `restated` (a value two documents state with the same following word, changed
    /// everywhere in one of them).
    #[arg(long, default_value = "original")]
    pub generator: inject::Generator,
    /// Seed of the injections (same seed, same injections).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Skip the first N stories (e.g. to score train stories a model was not fitted on).
    #[arg(long, default_value_t = 0)]
    pub skip: usize,
    /// Only the first N stories (after --skip).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Write one JSON line per story (injection and outcome) to this file.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    let DataFormat::Multinews = args.format;
    let src = summary::read_text(&args.src).map_err(|e| match e {
        summary::EvalError::Io { path, source } => {
            anyhow::Error::from(triangulate_readers::ReadError::Io { path, source })
        }
        other => anyhow::Error::from(other),
    })?;
    let total = triangulate_readers::multinews::story_lines(&src)
        .count()
        .saturating_sub(args.skip);
    let bar = ProgressBar::with_draw_target(
        Some(args.limit.unwrap_or(total).min(total) as u64),
        ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} stories {elapsed}")
            .unwrap_or(ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let (scores, results) = inject::run_multinews(
        &src,
        (args.generator, args.seed),
        (args.skip, args.limit),
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    if let Some(path) = &args.output {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
        for r in &results {
            serde_json::to_writer(&mut f, r)?;
            writeln!(f)?;
        }
        f.flush()?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let mut v = serde_json::to_value(&scores)?;
        v["seconds"] = serde_json::json!(seconds);
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        writeln!(out, "stories                         {}", scores.stories)?;
        writeln!(out, "injected (a value qualified)    {}", scores.injected)?;
        writeln!(
            out,
            "found, right document           {:.1}%",
            scores.found_document_pct
        )?;
        writeln!(
            out,
            "found, right document and span  {:.1}%",
            scores.found_span_pct
        )?;
        writeln!(
            out,
            "untouched stories with a contradiction  {} ({:.1}%)",
            scores.false_alarm_stories, scores.false_alarm_pct
        )?;
        writeln!(
            out,
            "  of {} stories with 5+ numbers       {} ({:.1}%)",
            scores.rich_stories, scores.rich_false_alarm_stories, scores.rich_false_alarm_pct
        )?;
        writeln!(
            out,
            "generator {:?}  seed {}  time {:.1} s",
            scores.generator, scores.seed, seconds
        )?;
    }
    Ok(())
}
