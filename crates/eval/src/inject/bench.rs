//! The benchmark around the generators: inject, run the conflict finder on the untouched and
//! the changed story, score.

use rayon::prelude::*;
use serde::Serialize;
use triangulate_core::{Document, Span};
use triangulate_story::ConflictKind;

use super::{inject, Injection};

/// Which generator makes the injections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Generator {
    /// [`inject`]: a value confirmed by two shared content words near it in another document.
    #[default]
    Original,
    /// [`crate::restated::inject`]: a value two documents state with the same following word,
    /// changed everywhere in one of them.
    Restated,
}

impl Generator {
    /// Inject with this generator.
    pub fn inject(
        self,
        docs: Vec<Document>,
        seed: u64,
        story: usize,
    ) -> Option<(Vec<Document>, Injection)> {
        match self {
            Generator::Original => inject(docs, seed, story),
            Generator::Restated => crate::restated::inject(docs, seed, story),
        }
    }
}

impl std::str::FromStr for Generator {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "original" => Ok(Generator::Original),
            "restated" => Ok(Generator::Restated),
            _ => Err(format!("unknown generator {s:?} (original or restated)")),
        }
    }
}

/// Outcome on one story.
#[derive(Debug, Clone, Serialize)]
pub struct StoryResult {
    /// Contradictions reported on the untouched story.
    pub untouched_contradictions: usize,
    /// Numbers written in digits in the story's documents ([`crate::restated::numbers`]).
    pub numbers: usize,
    /// The injection, if a value qualified.
    pub injection: Option<Injection>,
    /// A contradiction has a side in the injected document (and another side elsewhere).
    pub found_document: bool,
    /// ... and that side's evidence overlaps the injected value.
    pub found_span: bool,
}

/// Scores over a data set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConflictScores {
    /// Stories read.
    pub stories: usize,
    /// Stories with a qualifying value (injected).
    pub injected: usize,
    /// Injections found with the right document, in percent of `injected`.
    pub found_document_pct: f64,
    /// Injections found with the right document and span, in percent of `injected`.
    pub found_span_pct: f64,
    /// Untouched stories with at least one contradiction reported.
    pub false_alarm_stories: usize,
    /// `false_alarm_stories` in percent of `stories`.
    pub false_alarm_pct: f64,
    /// Stories with 5 or more numbers written in digits ("rich in numbers").
    pub rich_stories: usize,
    /// Of those, untouched stories with at least one contradiction.
    pub rich_false_alarm_stories: usize,
    /// `rich_false_alarm_stories` in percent of `rich_stories`.
    pub rich_false_alarm_pct: f64,
    /// The seed.
    pub seed: u64,
    /// The generator.
    pub generator: Generator,
}

fn contradictions(docs: Vec<Document>) -> Vec<triangulate_story::Conflict> {
    let analyzed: Vec<_> = docs
        .into_iter()
        .map(triangulate_story::analyze_document)
        .collect();
    triangulate_story::agreement::contradictions(&analyzed)
}

/// Run the benchmark on one story's documents.
pub fn run_story(docs: Vec<Document>, seed: u64, story: usize) -> StoryResult {
    run_story_with(Generator::Original, docs, seed, story)
}

/// Run the benchmark on one story's documents with injections by `generator`.
pub fn run_story_with(
    generator: Generator,
    docs: Vec<Document>,
    seed: u64,
    story: usize,
) -> StoryResult {
    let untouched = contradictions(docs.clone()).len();
    let numbers = crate::restated::numbers(&docs);
    let Some((changed_docs, inj)) = generator.inject(docs, seed, story) else {
        return StoryResult {
            untouched_contradictions: untouched,
            numbers,
            injection: None,
            found_document: false,
            found_span: false,
        };
    };
    let doc = changed_docs[inj.document as usize].id;
    let targets: Vec<Span> = std::iter::once((inj.start, inj.end))
        .chain(inj.also.iter().copied())
        .map(|(s, e)| Span::new_unchecked(doc, s, e))
        .collect();
    let found = contradictions(changed_docs);
    let mut found_document = false;
    let mut found_span = false;
    for c in found
        .iter()
        .filter(|c| c.kind == ConflictKind::Contradiction)
    {
        for (k, s) in c.sides.iter().enumerate() {
            let others = c
                .sides
                .iter()
                .enumerate()
                .any(|(j, o)| j != k && o.documents.iter().any(|&d| d != doc));
            if s.documents.contains(&doc) && others {
                found_document = true;
                if s.evidence
                    .iter()
                    .any(|e| targets.iter().any(|&t| e.overlaps(t)))
                {
                    found_span = true;
                }
            }
        }
    }
    StoryResult {
        untouched_contradictions: untouched,
        numbers,
        injection: Some(inj),
        found_document,
        found_span,
    }
}

/// Run the benchmark on the stories of a Multi-News source file's text, after the first
/// `skip` and at most `limit` of them; `tick` is called once per story (for progress). A
/// story's injection depends on its line number, not on `skip`.
pub fn run_multinews(
    src: &str,
    (generator, seed): (Generator, u64),
    (skip, limit): (usize, Option<usize>),
    tick: &(dyn Fn() + Sync),
) -> (ConflictScores, Vec<StoryResult>) {
    let lines: Vec<&str> = triangulate_readers::multinews::story_lines(src)
        .skip(skip)
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let results: Vec<StoryResult> = lines
        .par_iter()
        .enumerate()
        .map(|(i, line)| {
            let i = i + skip;
            let docs = crate::summary::story_documents(&format!("line{}", i + 1), line);
            let r = run_story_with(generator, docs, seed, i);
            tick();
            r
        })
        .collect();
    let injected = results.iter().filter(|r| r.injection.is_some()).count();
    let pct = |n: usize, d: usize| {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    };
    let fd = results.iter().filter(|r| r.found_document).count();
    let fs = results.iter().filter(|r| r.found_span).count();
    let fa = results
        .iter()
        .filter(|r| r.untouched_contradictions > 0)
        .count();
    let rich: Vec<&StoryResult> = results.iter().filter(|r| r.numbers >= 5).collect();
    let rich_fa = rich
        .iter()
        .filter(|r| r.untouched_contradictions > 0)
        .count();
    let scores = ConflictScores {
        stories: results.len(),
        injected,
        found_document_pct: pct(fd, injected),
        found_span_pct: pct(fs, injected),
        false_alarm_stories: fa,
        false_alarm_pct: pct(fa, results.len()),
        rich_stories: rich.len(),
        rich_false_alarm_stories: rich_fa,
        rich_false_alarm_pct: pct(rich_fa, rich.len()),
        seed,
        generator,
    };
    (scores, results)
}
