//! The lead: the summary's first sentence, the one that states the story's main event (who
//! did what, when). Among the sentences that may stand alone, it is the one that
//! - most sources agree on: the weight of its concepts ([`Concepts`]: bigrams weighted by
//!   the documents holding them) and the share of other documents with a sentence close to
//!   it (the `support` feature);
//! - is central (the `centrality` feature);
//! - reads as a report of an event: it opens a document or comes early in one, tells when
//!   (a day, month or year), and is not a quotation or a question.
//!
//! Each part is scaled to the best candidate's, so no weight depends on a corpus's size.
//! Of the best [`CHECKED`], the first that another document states too is the lead.

use super::concepts::Concepts;
use super::features::Scored;
use super::FEATURE_NAMES;

/// Words that say when, besides weekday and month names.
const WHEN: [&str; 5] = ["yesterday", "today", "tonight", "week", "month"];

fn feature(name: &str) -> usize {
    FEATURE_NAMES
        .iter()
        .position(|f| *f == name)
        .expect("a feature of FEATURE_NAMES")
}

/// Whether the sentence says when (a weekday, month, "yesterday", "last week", a year).
pub(crate) fn tells_when(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let l = w.to_lowercase();
        triangulate_text::is_weekday(&l)
            || triangulate_text::MONTH_NAMES.contains(&l.as_str())
            || WHEN.contains(&l.as_str())
            || (w.len() == 4
                && w.chars().all(|c| c.is_ascii_digit())
                && (w.starts_with("19") || w.starts_with("20")))
    })
}

/// The index of the lead among the sentences `allowed` (candidates that stand alone and fit),
/// or `None` if there is none. `texts` are the sentences' texts. Ties go to the earlier
/// sentence.
pub(crate) fn choose(
    scored: &Scored,
    concepts: &Concepts,
    texts: &[&str],
    allowed: &[bool],
) -> Option<usize> {
    let n = scored.set.len();
    let (support, centrality, first, inverse, quote) = (
        feature("support"),
        feature("centrality"),
        feature("first_in_doc"),
        feature("inverse_position"),
        feature("has_quote"),
    );
    let none = vec![false; concepts.len()];
    let agreement: Vec<f32> = (0..n)
        .map(|i| {
            if concepts.is_empty() {
                0.0
            } else {
                concepts.gain(i, &none)
            }
        })
        .collect();
    let max = |v: &dyn Fn(usize) -> f32| {
        (0..n)
            .filter(|&i| allowed[i])
            .map(v)
            .fold(0.0f32, f32::max)
            .max(f32::MIN_POSITIVE)
    };
    let max_agree = max(&|i| agreement[i]);
    let max_central = max(&|i| scored.features[i][centrality]);
    let mut ranked: Vec<(usize, f32)> = Vec::new();
    for i in (0..n).filter(|&i| allowed[i]) {
        let f = &scored.features[i];
        let text = texts[i].trim_end();
        let question = text
            .trim_end_matches(['"', '”', '’', '\'', ' '])
            .ends_with('?');
        let s = agreement[i] / max_agree
            + f[support]
            + 0.5 * f[centrality] / max_central
            + 0.3 * f[first]
            + 0.3 * f[inverse]
            + 0.3 * tells_when(text) as u8 as f32
            - 0.5 * f[quote]
            - question as u8 as f32;
        ranked.push((i, s));
    }
    // Best first; ties to the earlier sentence (a stable sort of sentences in order).
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    // The best of the first few that another document states too (so the lead is cited by
    // two sources at least), else the best.
    let set = &scored.set;
    let told_elsewhere = |i: usize| {
        let d = set.sentence(i).doc;
        (0..n).any(|j| set.sentence(j).doc != d && set.same_content(i, j))
    };
    ranked
        .iter()
        .take(CHECKED)
        .find(|&&(i, _)| told_elsewhere(i))
        .or(ranked.first())
        .map(|&(i, _)| i)
}

/// How many of the best-scored sentences are checked for a second source.
const CHECKED: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_words() {
        assert!(tells_when("Russia vetoed the draft on Tuesday."));
        assert!(tells_when("The inquiry was set up in 2015."));
        assert!(!tells_when("The inquiry blamed the government."));
        assert!(!tells_when("Some 3000 people marched."));
    }
}
