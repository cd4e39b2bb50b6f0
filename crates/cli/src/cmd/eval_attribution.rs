//! `triangulate eval attribution`: attribution spans against PolNeAR (BRAT) annotations.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use triangulate_eval::polnear;

/// Arguments.
#[derive(clap::Args)]
pub struct Args {
    /// PolNeAR directory: `text/*.txt` and `attributions/*.ann` (or one folder below).
    pub path: Vec<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    let [dir] = args.path.as_slice() else {
        anyhow::bail!("give exactly one PolNeAR directory");
    };
    let articles = polnear::load_dir(Path::new(dir)).with_context(|| format!("reading {dir}"))?;
    if articles.is_empty() {
        return Err(triangulate_readers::ReadError::Empty { name: dir.clone() }.into());
    }
    // The compiled-in weights are parsed once per process; time that apart.
    let t_load = Instant::now();
    let _ = triangulate_attribution::model::Model::get();
    let load_seconds = t_load.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let report = polnear::evaluate(&articles, |a| polnear::predict(&a.text));
    let seconds = t0.elapsed().as_secs_f64();
    let kinds = ["source", "cue", "content"];
    // Write errors (a closed pipe) go up as io errors; main exits 0 on a broken pipe.
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut obj = serde_json::Map::new();
        obj.insert("articles".into(), report.articles.into());
        for (k, name) in kinds.iter().enumerate() {
            let c = &report.counts[k];
            obj.insert(
                (*name).into(),
                serde_json::json!({"exact": c.exact_prf(), "overlap": c.overlap_prf()}),
            );
        }
        obj.insert("seconds".into(), seconds.into());
        obj.insert("model_load_seconds".into(), load_seconds.into());
        writeln!(out, "{}", serde_json::Value::Object(obj))?;
    } else {
        writeln!(
            out,
            "{} articles, {seconds:.3} s (attribution, entities, scoring); weights loaded in {load_seconds:.3} s",
            report.articles
        )?;
        writeln!(
            out,
            "{:<8} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
            "span", "P", "R", "F", "oP", "oR", "oF"
        )?;
        for (k, name) in kinds.iter().enumerate() {
            let (e, o) = (report.counts[k].exact_prf(), report.counts[k].overlap_prf());
            writeln!(
                out,
                "{name:<8} {:>6.1} {:>6.1} {:>6.1}   {:>6.1} {:>6.1} {:>6.1}",
                e.p, e.r, e.f, o.p, o.r, o.f
            )?;
        }
    }
    Ok(())
}
