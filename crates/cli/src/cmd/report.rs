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
    #[arg(required = true)]
    pub paths: Vec<String>,
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
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, clap::ValueEnum)]
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
#[derive(Clone, Copy, clap::ValueEnum)]
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
    // Models and rules load on a pool thread while the main thread reads the input.
    rayon::spawn(triangulate_story::warm_up);
    let inputs = triangulate_readers::fs::read_inputs(&args.paths, args.format.into())
        .context("reading the articles")?;
    for e in &inputs.skipped {
        eprintln!("triangulate: skipped {e}");
    }
    let docs = inputs.docs;
    let budget = match args.sentences {
        Some(n) => Budget::Sentences(n),
        None => Budget::Words(args.words),
    };
    let order = match args.order {
        OrderArg::Importance => Order::Importance,
        OrderArg::Time => Order::Time,
        OrderArg::Source => Order::Source,
    };
    let opts = StoryOptions {
        summary: SummaryOptions {
            budget,
            order,
            fit: Fit::Whole,
        },
    };
    let story = Story::build(docs, &opts);
    let format = match args.output {
        OutputArg::Md => OutputFormat::Markdown,
        OutputArg::Json => OutputFormat::Json,
        OutputArg::Html => OutputFormat::Html,
        OutputArg::Summary => OutputFormat::Summary,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    triangulate_render::render(&story, format, &mut out)?;
    out.flush()?;
    Ok(())
}
