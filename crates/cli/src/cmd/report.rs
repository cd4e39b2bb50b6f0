//! `triangulate report PATH...`

use anyhow::Context;
use std::io::Write;
use triangulate_readers::Format;
use triangulate_render::OutputFormat;
use triangulate_story::{Budget, Fit, Order, Story, StoryOptions, SummaryOptions};

/// Arguments of `report`.
#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, or `-` for stdin.
    #[arg(required_unless_present = "db", conflicts_with = "db")]
    pub paths: Vec<String>,
    /// Report a story of this store (see `triangulate stories`) instead of files.
    #[arg(long, requires = "story")]
    pub db: Option<String>,
    /// The story's id in the store.
    #[arg(long, requires = "db")]
    pub story: Option<u64>,
    /// Input format (default: detect from name and content).
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputArg::Md)]
    pub output: OutputArg,
    /// Summary length in words.
    #[arg(long, default_value_t = 100, conflicts_with = "sentences")]
    pub words: usize,
    /// Summary length in sentences (instead of words).
    #[arg(long)]
    pub sentences: Option<usize>,
    /// Order of the summary sentences.
    #[arg(long, value_enum, default_value_t = OrderArg::Importance)]
    pub order: OrderArg,
}

/// Input formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// Detect.
    Auto,
    /// Plain text.
    Text,
    /// HTML page.
    Html,
    /// JSON record(s).
    Json,
    /// JSON lines.
    Jsonl,
    /// Multi-News lines.
    Multinews,
    /// RSS 2.0 / Atom feed.
    Feed,
    /// WARC file (plain or gzipped).
    Warc,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Auto => Format::Auto,
            FormatArg::Text => Format::Text,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Multinews => Format::MultiNews,
            FormatArg::Feed => Format::Feed,
            FormatArg::Warc => Format::Warc,
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum OutputArg {
    /// Markdown.
    Md,
    /// JSON (docs/SCHEMA.md).
    Json,
    /// Self-contained HTML.
    Html,
    /// Summary sentences only, one a line.
    Summary,
}

/// Summary orders.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum OrderArg {
    /// Most important first.
    Importance,
    /// By date of the event told.
    Time,
    /// By document and position.
    Source,
}

/// Run `report`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let (Some(db), Some(story)) = (&args.db, args.story) {
        return super::report_db::run(&args, db, story);
    }
    // Models and rules load on a pool thread while the main thread reads the input.
    rayon::spawn(triangulate_story::warm_up);
    let inputs = triangulate_readers::fs::read_inputs(&args.paths, args.format.into())
        .context("reading the articles")?;
    for e in &inputs.skipped {
        eprintln!("triangulate: skipped {e}");
    }
    let story = Story::build(inputs.docs, &story_options(&args));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    triangulate_render::render(&story, output_format(args.output), &mut out)?;
    out.flush()?;
    Ok(())
}

/// The story options `report`'s arguments ask for.
pub fn story_options(args: &Args) -> StoryOptions {
    let budget = match args.sentences {
        Some(n) => Budget::Sentences(n),
        None => Budget::Words(args.words),
    };
    let order = match args.order {
        OrderArg::Importance => Order::Importance,
        OrderArg::Time => Order::Time,
        OrderArg::Source => Order::Source,
    };
    StoryOptions {
        summary: SummaryOptions {
            budget,
            order,
            fit: Fit::Whole,
        },
    }
}

/// The renderer's format for `--output`.
pub fn output_format(o: OutputArg) -> OutputFormat {
    match o {
        OutputArg::Md => OutputFormat::Markdown,
        OutputArg::Json => OutputFormat::Json,
        OutputArg::Html => OutputFormat::Html,
        OutputArg::Summary => OutputFormat::Summary,
    }
}
