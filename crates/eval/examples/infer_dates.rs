//! How well the publication day of an undated article is inferred from its story
//! (`triangulate_time::infer_published`), measured on a folder per topic whose true dates
//! are known: duc2006-dev (`docs/<topic>/<docid>.txt`, dates in `documents.tsv`), text the
//! inference was never tuned on (its rules were read from the seeds).
//!
//! ```sh
//! cargo run --release -p triangulate-eval --example infer_dates -- \
//!     ../shared/data/duc2006-dev none|half [SHOW]
//! ```
//!
//! `infer_dates multinews SRC.gz [LIMIT]` counts, on Multi-News stories (undated, no truth),
//! how many articles get a day inferred.
//!
//! `none`: every article of a topic undated, as plain text files are. `half`: every other
//! article (in name order) keeps its true date, the rest are inferred. Prints, over the
//! undated articles: inferred or not, and how far the inferred day is from the true one;
//! with SHOW, each inferred day more than a week off.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use triangulate_core::{DateBasis, Document, PublishedDate};
use triangulate_readers::Format;

#[derive(Default, Clone, Copy)]
struct Counts {
    undated: usize,
    inferred: usize,
    exact: usize,
    day: usize,
    week: usize,
    wrong: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.undated += o.undated;
        self.inferred += o.inferred;
        self.exact += o.exact;
        self.day += o.day;
        self.week += o.week;
        self.wrong += o.wrong;
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, mode, rest @ ..] = args.as_slice() else {
        bail!("usage: infer_dates DUC_DIR none|half [SHOW]");
    };
    if dir == "multinews" {
        return multinews(mode, rest.first().and_then(|l| l.parse().ok()));
    }
    let show = !rest.is_empty();
    let half = match mode.as_str() {
        "none" => false,
        "half" => true,
        m => bail!("mode is none or half, not {m}"),
    };
    let dir = Path::new(dir);
    let tsv = std::fs::read_to_string(dir.join("documents.tsv"))
        .with_context(|| format!("{}/documents.tsv", dir.display()))?;
    let mut truth: HashMap<String, NaiveDate> = HashMap::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 3 {
            let d = NaiveDate::parse_from_str(f[2], "%Y-%m-%d")
                .with_context(|| format!("date {:?} of {}", f[2], f[1]))?;
            truth.insert(f[1].to_string(), d);
        }
    }
    let topics = triangulate_eval::summary_dir::topic_names(&dir.join("docs"), 0, None)?;
    let results: Vec<(String, Counts, Vec<String>)> = topics
        .par_iter()
        .map(|name| -> Result<(String, Counts, Vec<String>)> {
            let path = dir.join("docs").join(name);
            let mut docs: Vec<Document> =
                triangulate_readers::fs::read_paths(&[path.display().to_string()], Format::Auto)?;
            docs.sort_by(|a, b| a.name.cmp(&b.name));
            let mut days = Vec::new();
            for (i, d) in docs.iter_mut().enumerate() {
                let stem = Path::new(&d.name)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let day = *truth
                    .get(&stem)
                    .with_context(|| format!("no date for {stem}"))?;
                days.push(day);
                let keep = half && i % 2 == 1;
                d.meta.published = keep.then_some(PublishedDate {
                    date: day,
                    basis: DateBasis::InputField,
                });
            }
            let texts: Vec<_> = docs.iter().map(triangulate_text::analyze).collect();
            let pairs: Vec<_> = docs.iter().zip(&texts).collect();
            let inferred = triangulate_time::infer_published(&pairs);
            let mut c = Counts::default();
            let mut lines = Vec::new();
            for ((d, day), got) in docs.iter().zip(&days).zip(inferred) {
                if d.meta.published.is_some() {
                    continue;
                }
                c.undated += 1;
                let Some(got) = got else { continue };
                c.inferred += 1;
                let off = (got - *day).num_days().abs();
                match off {
                    0 => c.exact += 1,
                    1 => c.day += 1,
                    2..=7 => c.week += 1,
                    _ => {
                        c.wrong += 1;
                        lines.push(format!("{name} {} true {day} inferred {got}", d.name));
                    }
                }
            }
            Ok((name.clone(), c, lines))
        })
        .collect::<Result<_>>()?;
    let mut all = Counts::default();
    for (_, c, lines) in &results {
        all += *c;
        if show {
            for l in lines {
                println!("{l}");
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / all.undated.max(1) as f64;
    println!(
        "topics {} undated {} inferred {} ({:.1}%): exact {} ({:.1}%), 1 day off {} ({:.1}%), 2-7 days {} ({:.1}%), more than a week off {} ({:.1}%)",
        results.len(),
        all.undated,
        all.inferred,
        pct(all.inferred),
        all.exact,
        pct(all.exact),
        all.day,
        pct(all.day),
        all.week,
        pct(all.week),
        all.wrong,
        pct(all.wrong)
    );
    Ok(())
}

/// Articles of the first `limit` Multi-News stories of `src` with a day inferred.
fn multinews(src: &str, limit: Option<usize>) -> Result<()> {
    use std::io::BufRead;
    let file = std::fs::File::open(src).with_context(|| src.to_string())?;
    let lines: Vec<String> = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .take(limit.unwrap_or(usize::MAX))
        .collect::<Result<_, _>>()?;
    let counts: Vec<(usize, usize)> = lines
        .par_iter()
        .enumerate()
        .map(|(i, line)| {
            let docs = triangulate_eval::summary::story_documents(&format!("story {i}"), line);
            let texts: Vec<_> = docs.iter().map(triangulate_text::analyze).collect();
            let pairs: Vec<_> = docs.iter().zip(&texts).collect();
            let got = triangulate_time::infer_published(&pairs);
            (docs.len(), got.iter().flatten().count())
        })
        .collect();
    let docs: usize = counts.iter().map(|c| c.0).sum();
    let inferred: usize = counts.iter().map(|c| c.1).sum();
    println!(
        "stories {} documents {docs} inferred {inferred} ({:.1}%)",
        counts.len(),
        100.0 * inferred as f64 / docs.max(1) as f64
    );
    Ok(())
}
