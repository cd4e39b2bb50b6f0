//! `triangulate eval timex`: time expressions against TimeML (TempEval-3 Task A scoring).

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use triangulate_eval::timeml;

/// Arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Directory of TimeML `.tml` files (searched recursively: TimeBank/, AQUAINT/, ...).
    pub path: Vec<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also print every mismatch (gold vs system words, type, value), for error analysis.
    #[arg(long)]
    pub errors: bool,
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<()> {
    let [dir] = args.path.as_slice() else {
        anyhow::bail!("give exactly one TimeML directory");
    };
    let t0 = Instant::now();
    let docs = timeml::load_dir(Path::new(dir)).with_context(|| format!("reading {dir}"))?;
    if docs.is_empty() {
        return Err(triangulate_readers::ReadError::Empty { name: dir.clone() }.into());
    }
    let (c, misses) = timeml::evaluate(&docs);
    let seconds = t0.elapsed().as_secs_f64();
    if args.errors {
        let show = |x: &Option<(String, String, String)>| match x {
            Some((w, t, v)) => format!("{w:?} {t} {v}"),
            None => "-".to_string(),
        };
        for m in &misses {
            println!(
                "gold {:<45} | sys {:<45} | {}",
                show(&m.gold),
                show(&m.system),
                m.context
            );
        }
    }
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "documents": c.documents,
                "timexes": c.gold,
                "relaxed": c.relaxed(),
                "strict": c.strict(),
                "value_f1": c.value_f1(),
                "type_accuracy": c.type_accuracy(),
                "seconds": seconds,
            })
        );
    } else {
        println!(
            "{} documents, {} gold timexes, {} tagged, {:.3} s (read, tag, score)",
            c.documents, c.gold, c.system, seconds
        );
        println!("{:<8} {:>6} {:>6} {:>6}", "extent", "P", "R", "F");
        for (name, p) in [("strict", c.strict()), ("relaxed", c.relaxed())] {
            println!("{name:<8} {:>6.1} {:>6.1} {:>6.1}", p.p, p.r, p.f);
        }
        println!(
            "value F1 {:.1}   type accuracy {:.1}",
            c.value_f1(),
            c.type_accuracy()
        );
    }
    Ok(())
}
