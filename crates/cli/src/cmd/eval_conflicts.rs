//! `triangulate eval conflicts`.

/// Arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Data set location.
    pub path: Vec<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("eval conflicts is not implemented yet")
}
