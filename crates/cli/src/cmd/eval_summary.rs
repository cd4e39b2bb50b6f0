//! `triangulate eval summary --format multinews SRC TGT` or `--format dir DOCS MODELS`:
//! ROUGE against reference summaries (rouge-score F1, or ROUGE-1.5.5 recall with `--duc`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use triangulate_eval::summary::{self, SummaryScores};
use triangulate_eval::summary_dir::{self, Scores};

/// Data set formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DataFormat {
    /// Multi-News: one story a line, documents joined by `|||||`; references line by line.
    Multinews,
    /// A folder per topic under SRC (its articles), reference summaries `TGT/<topic>.*`
    /// one sentence a line (the DUC layout).
    Dir,
}

/// Arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Data set format.
    #[arg(long, value_enum, default_value_t = DataFormat::Multinews)]
    pub format: DataFormat,
    /// Source stories (gzipped or plain), or with `--format dir` the folder of topic folders.
    pub src: PathBuf,
    /// Reference summaries, one a line, same order (gzipped or plain), or with `--format
    /// dir` the folder of `<topic>.*` summaries.
    pub tgt: PathBuf,
    /// Summary length in words (whitespace-separated; the last sentence is cut to fit); with
    /// `--duc` also ROUGE-1.5.5's `-l` limit on summaries and references.
    #[arg(long, short = 'l', default_value_t = 230)]
    pub words: usize,
    /// ROUGE as DUC scores it: ROUGE-1.5.5 recall (and P, F) of ROUGE-1, ROUGE-2 and
    /// ROUGE-SU4, its tokenization and stemming, `-l` word limit, several references summed.
    #[arg(long)]
    pub duc: bool,
    /// With `--format dir`: leave out the first N topics (in name order).
    #[arg(long, default_value_t = 0)]
    pub skip: usize,
    /// With `--format dir`: at most N topics.
    #[arg(long)]
    pub limit: Option<usize>,
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

fn progress(stories: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(stories as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} stories {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if stories < 500 {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

fn write_summaries(out: &Path, summaries: &[String]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
    );
    for s in summaries {
        writeln!(f, "{s}")?;
    }
    f.flush()?;
    Ok(())
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.words == 0 {
        anyhow::bail!("--words must be at least 1");
    }
    let scores = match args.format {
        DataFormat::Multinews => run_multinews(&args)?,
        DataFormat::Dir => run_dir(&args)?,
    };
    print_scores(&scores, args.json)
}

fn run_dir(args: &Args) -> anyhow::Result<Scores> {
    let topics = summary_dir::read_topics(&args.src, &args.tgt, args.skip, args.limit)?;
    if topics.is_empty() {
        return Err(triangulate_readers::ReadError::Empty {
            name: args.src.display().to_string(),
        }
        .into());
    }
    let pred = args.predictions.as_deref().map(read).transpose()?;
    let bar = progress(topics.len());
    let (scores, summaries) =
        summary_dir::evaluate_topics(&topics, args.words, args.duc, pred.as_deref(), &|| {
            bar.inc(1)
        })?;
    bar.finish_and_clear();
    if let Some(out) = &args.output {
        write_summaries(out, &summaries)?;
    }
    Ok(scores)
}

fn run_multinews(args: &Args) -> anyhow::Result<Scores> {
    let src = read(&args.src)?;
    let tgt = read(&args.tgt)?;
    let stories = triangulate_readers::multinews::story_lines(&tgt).count();
    if stories == 0 {
        return Err(triangulate_readers::ReadError::Empty {
            name: args.tgt.display().to_string(),
        }
        .into());
    }
    let bar = progress(stories);
    let tick = || bar.inc(1);
    let (scores, summaries): (SummaryScores, Option<Vec<String>>) = match &args.predictions {
        Some(p) => {
            let pred = read(p)?;
            let s = summary::score_predictions(&pred, &tgt, args.words, &tick)?;
            let lines = triangulate_readers::multinews::story_lines(&pred)
                .map(str::to_string)
                .collect();
            (s, Some(lines))
        }
        None => {
            let (scores, summaries) = summary::evaluate(&src, &tgt, args.words, &tick)?;
            if let Some(out) = &args.output {
                write_summaries(out, &summaries)?;
            }
            (scores, Some(summaries))
        }
    };
    bar.finish_and_clear();
    if !args.duc {
        return Ok(Scores::RougeScore(scores));
    }
    let start = std::time::Instant::now();
    let summaries: Vec<Vec<String>> = summaries
        .unwrap_or_default()
        .iter()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let refs: Vec<&str> = triangulate_readers::multinews::story_lines(&tgt).collect();
    let d = summary_dir::duc_multinews(&summaries, &refs, args.words);
    Ok(Scores::Duc(summary_dir::duc_mean(
        &d,
        args.words,
        scores.seconds + start.elapsed().as_secs_f64(),
    )))
}

fn print_scores(scores: &Scores, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(scores)?);
        return Ok(());
    }
    let rows = match scores {
        Scores::RougeScore(s) => {
            println!(
                "{} stories, {} words, {:.2} s",
                s.stories, s.words, s.seconds
            );
            vec![
                ("ROUGE-1", s.rouge1),
                ("ROUGE-2", s.rouge2),
                ("ROUGE-Lsum", s.rouge_lsum),
            ]
        }
        Scores::Duc(s) => {
            println!(
                "{} stories, -l {} (ROUGE-1.5.5 as DUC scores it), {:.2} s",
                s.stories, s.words, s.seconds
            );
            vec![
                ("ROUGE-1", s.rouge1),
                ("ROUGE-2", s.rouge2),
                ("ROUGE-SU4", s.rouge_su4),
            ]
        }
    };
    println!("{:<10} {:>6} {:>6} {:>6}", "", "P", "R", "F");
    for (name, s) in rows {
        println!("{name:<10} {:>6.2} {:>6.2} {:>6.2}", s.p, s.r, s.f);
    }
    Ok(())
}
