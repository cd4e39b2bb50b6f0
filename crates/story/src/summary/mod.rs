//! Extractive multi-document summary with citations.
//!
//! Every sentence of every document is a candidate unless it is not a real sentence
//! (fragments, too few content words, bare questions). Candidates are scored by a linear
//! model over cheap features (lead position, length, centrality, support from the story's
//! other documents, numbers, quotes, ...) whose weights were fitted on Multi-News train
//! stories to predict each sentence's ROUGE precision against the reference summary
//! (`resources/weights/summary.json`, reproduced by `bench/train_summary.sh`). Sentences are
//! then picked greedily, best first, skipping any that says what a picked sentence says
//! (maximal marginal relevance with a hard redundancy cut), until the budget is reached.
//!
//! Each picked sentence is cited by every sentence of another document that states the same
//! content ([`SentenceSet::same_content`], a conservative test).
//!
//! Cost per story: O(S²) sentence comparisons for S sentences, linear in tokens otherwise.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;

use crate::similarity::SentenceSet;
use crate::AnalyzedDoc;

/// How long the summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// At most this many words (the last sentence may be cut to fit, as evaluation does).
    /// Words are whitespace-separated runs of the sentence text.
    Words(usize),
    /// Exactly this many sentences (fewer if the story has fewer).
    Sentences(usize),
}

/// Order of the summary sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Most important first.
    #[default]
    Importance,
    /// By the date of what the sentence tells, then importance.
    Time,
    /// By document, then position in the document.
    Source,
}

/// How sentences are fitted to a word budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// For readers: whole sentences only, each able to stand alone (no opening pronoun or
    /// connective, no quotation attributed only to "he"/"she"); a sentence that does not fit
    /// the words left is passed over for a shorter one.
    #[default]
    Whole,
    /// For evaluation, as ROUGE studies do: best sentences first, the last one cut at the
    /// budget.
    Cut,
}

/// Summary settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Length.
    pub budget: Budget,
    /// Order.
    pub order: Order,
    /// Whole sentences or cut to the budget.
    pub fit: Fit,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            budget: Budget::Words(100),
            order: Order::Importance,
            fit: Fit::Whole,
        }
    }
}

/// One summary sentence and every document span that states its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence it was taken from (cut at a word end if the word budget ran out in it).
    pub span: Span,
    /// Spans (in other documents too) that say the same; includes `span`. Sorted.
    pub supported_by: Vec<Span>,
    /// Ranking score.
    pub score: f32,
}

/// Names of the features, in the order of [`Features`] and of the weights file.
pub const FEATURE_NAMES: [&str; NUM_FEATURES] = [
    "bias",
    "first_in_doc",
    "inverse_position",
    "relative_position",
    "relative_doc",
    "length",
    "short",
    "long",
    "centroid",
    "centrality",
    "support",
    "max_other_doc",
    "term_spread",
    "has_number",
    "has_quote",
    "terminal_end",
    "last_in_doc",
    "personal",
    "single_doc",
    "density",
    "doc_spread",
    "spread_mass",
    "second_in_doc",
    "third_in_doc",
    "mid_length",
    "term_spread_sq",
    "dangling_start",
];

/// Number of features.
pub const NUM_FEATURES: usize = 27;

/// Feature vector of one sentence.
pub type Features = [f32; NUM_FEATURES];

/// The ranking model: feature weights and redundancy control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Feature names (must equal [`FEATURE_NAMES`]).
    pub features: Vec<String>,
    /// One weight per feature.
    pub weights: Vec<f32>,
    /// MMR penalty: score minus `lambda` times the greatest cosine to a picked sentence.
    pub lambda: f32,
    /// A candidate whose cosine to a picked sentence reaches this is skipped.
    pub redundancy: f32,
    /// Weight of coverage: the mean [`SentenceSet::term_weight`] of a candidate's terms that
    /// no picked sentence holds yet.
    #[serde(default)]
    pub coverage: f32,
    /// How the weights were obtained.
    #[serde(default)]
    pub provenance: String,
}

/// A weights file that does not fit this build.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ModelError {
    /// Resource file.
    pub file: &'static str,
    /// What is wrong.
    pub message: String,
}

const WEIGHTS: (&str, &str) = (
    "resources/weights/summary.json",
    include_str!("../../../../resources/weights/summary.json"),
);

impl Model {
    /// Parse and check a weights file.
    pub fn parse(file: &'static str, src: &str) -> Result<Model, ModelError> {
        let err = |message: String| ModelError { file, message };
        let m: Model = serde_json::from_str(src).map_err(|e| err(e.to_string()))?;
        if m.features != FEATURE_NAMES {
            return Err(err(format!(
                "features {:?} differ from this build's {:?}",
                m.features, FEATURE_NAMES
            )));
        }
        if m.weights.len() != NUM_FEATURES || m.weights.iter().any(|w| !w.is_finite()) {
            return Err(err(format!(
                "expected {NUM_FEATURES} finite weights, got {:?}",
                m.weights
            )));
        }
        Ok(m)
    }

    /// The compiled-in model. It is checked by this crate's tests, so a failure here is a
    /// build defect, not bad input.
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::parse(WEIGHTS.0, WEIGHTS.1).expect("resources/weights/summary.json is valid")
        })
    }

    /// Linear score of a feature vector.
    pub fn score(&self, f: &Features) -> f32 {
        f.iter().zip(&self.weights).map(|(x, w)| x * w).sum()
    }
}

/// Cosine at which a sentence of another document counts as reporting the same content
/// for the `support` features.
const SUPPORT_COSINE: f32 = 0.3;

/// Beyond this many sentences, each sentence is compared with the first this-many only.
const PAIRWISE_LIMIT: usize = 1500;

/// Sentences shorter than this (in words) are not candidates.
const MIN_WORDS: usize = 6;

const PERSONAL: [&str; 8] = ["i", "me", "my", "we", "our", "you", "your", "us"];

/// First words that point back to an earlier sentence: out of context they dangle.
const DANGLING: [&str; 20] = [
    "it",
    "he",
    "she",
    "they",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "however",
    "also",
    "his",
    "her",
    "their",
    "its",
    "so",
    "then",
    "still",
    "meanwhile",
];

/// Whether a sentence can be read without the one before it. Beyond the opening words of
/// the `dangling_start` feature: a quotation with no speaker (`“We will do it right.”`),
/// a quotation attributed only to a pronoun (`“...,” she said.`), and openings that
/// refer back (`Both ...`, `Such ...`).
fn stands_alone(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let quoted = text.contains(['"', '“', '”']);
    let speech = words.iter().any(|w| triangulate_text::is_speech_verb(w));
    let pronoun_speaker = words.windows(2).any(|w| {
        matches!(w[0].as_str(), "he" | "she" | "they") && triangulate_text::is_speech_verb(&w[1])
    });
    let refers_back = words.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "both" | "such" | "another" | "others" | "instead"
        )
    });
    let bare_quote = text.trim_start().starts_with(['"', '“']) && !speech;
    !(refers_back || bare_quote || (quoted && pronoun_speaker))
}

/// The story's sentences, indexed, with a feature vector and a candidacy flag for each.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The indexed sentences.
    pub set: SentenceSet,
    /// Features of each sentence of `set`.
    pub features: Vec<Features>,
    /// Whether each sentence may enter a summary.
    pub candidate: Vec<bool>,
}

/// Compute the features of every sentence of the story.
pub fn features(docs: &[(&Document, &TextAnalysis)]) -> Scored {
    let set = SentenceSet::build(docs);
    let n = set.len();
    let ndocs = docs.len();
    let (centroid, cnorm) = set.centroid();
    let mut features = Vec::with_capacity(n);
    let mut candidate = Vec::with_capacity(n);
    // Pairwise cosines, once. A story has tens of sentences; on a huge input only the
    // first PAIRWISE_LIMIT sentences serve as the others each sentence is compared with,
    // which keeps the cost linear in the input beyond that.
    // Each sentence's row of cosines comes from postings (`CosineRows`: the same values as
    // `set.cosine`, bit for bit), so pairs without a shared term cost nothing.
    let rows = set.cosine_rows(PAIRWISE_LIMIT);
    let m = rows.len();
    let mut row = Vec::with_capacity(m);
    let mut best_in_doc = vec![0.0f32; ndocs];
    let mut touched: Vec<usize> = Vec::new();
    for i in 0..n {
        let r = set.sentence(i);
        let (doc, ta) = docs[r.doc];
        let s = ta.sentences[r.sentence];
        let nsent = ta.sentences.len();
        let text = doc.analysis_text()[s.start as usize..s.end as usize].trim_end();
        let words = set.word_count(i);
        let mut personal = 0usize;
        for ti in s.token_range() {
            if PERSONAL.contains(&ta.norm_of(ti)) {
                personal += 1;
            }
        }
        for d in touched.drain(..) {
            best_in_doc[d] = 0.0;
        }
        let mut centrality = 0.0;
        rows.row(i, &mut row);
        for (j, &c) in row.iter().enumerate() {
            if j == i {
                continue;
            }
            centrality += c;
            let d = set.sentence(j).doc;
            if d != r.doc && c > best_in_doc[d] {
                if best_in_doc[d] == 0.0 {
                    touched.push(d);
                }
                best_in_doc[d] = c;
            }
        }
        let others = ndocs.saturating_sub(1).max(1) as f32;
        let support = touched
            .iter()
            .filter(|&&d| best_in_doc[d] >= SUPPORT_COSINE)
            .count() as f32
            / others;
        let max_other = touched.iter().map(|&d| best_in_doc[d]).fold(0.0, f32::max);
        let last = text.chars().last().unwrap_or(' ');
        let terminal = matches!(last, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')');
        let has_quote = text.contains(['"', '“', '”']) || text.contains(" ' ");
        let is_question = text
            .trim_end_matches(['"', '”', '’', '\'', ' '])
            .ends_with('?');
        let content = set.content_terms(i);
        let dangling = s
            .token_range()
            .find(|&t| ta.tokens[t].kind != triangulate_text::TokenKind::Punct)
            .is_some_and(|t| DANGLING.contains(&ta.norm_of(t)));
        let f: Features = [
            1.0,
            (r.sentence == 0) as u8 as f32,
            1.0 / (1.0 + r.sentence as f32),
            r.sentence as f32 / nsent.max(1) as f32,
            r.doc as f32 / ndocs.max(1) as f32,
            words.min(60) as f32 / 30.0,
            (words < 12) as u8 as f32,
            (words > 45) as u8 as f32,
            set.centroid_similarity(i, &centroid, cnorm),
            if m > 1 {
                centrality / (m - 1) as f32
            } else {
                0.0
            },
            support,
            max_other,
            set.term_spread(i),
            (set.number_count(i) > 0) as u8 as f32,
            has_quote as u8 as f32,
            terminal as u8 as f32,
            (r.sentence + 1 == nsent) as u8 as f32,
            (personal as f32 / words.max(1) as f32 * 10.0).min(1.0),
            (ndocs == 1) as u8 as f32,
            set.mass(i) / words.max(1) as f32,
            set.doc_spread(i),
            set.term_spread(i) * content.min(30) as f32 / 10.0,
            (r.sentence == 1) as u8 as f32,
            (r.sentence == 2) as u8 as f32,
            (12..=40).contains(&words) as u8 as f32,
            set.term_spread(i) * set.term_spread(i),
            dangling as u8 as f32,
        ];
        features.push(f);
        // Sentences that lean on an earlier one ("It has since ...") stay candidates: keeping
        // them out by rule cost 0.7 ROUGE-1 / 0.5 ROUGE-2 on multi-news-dev at 230 words.
        candidate.push(words >= MIN_WORDS && content >= 3 && !(is_question && content < 8));
    }
    // A story made only of fragments still gets a summary.
    if !candidate.iter().any(|&c| c) {
        for (i, c) in candidate.iter_mut().enumerate() {
            *c = set.word_count(i) > 0;
        }
    }
    Scored {
        set,
        features,
        candidate,
    }
}

/// Byte length of the first `n` whitespace-separated words of `s` (trailing text dropped).
fn cut_to_words(s: &str, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s.len()
}

/// Summarize with an explicit model (used by training and tuning). Order is by importance
/// or by source; [`Order::Time`] needs dates and is applied by [`summarize`].
pub fn summarize_with(
    docs: &[(&Document, &TextAnalysis)],
    budget: Budget,
    order: Order,
    fit: Fit,
    model: &Model,
) -> Vec<SummarySentence> {
    let mut scored = features(docs);
    if fit == Fit::Whole {
        let dangling = FEATURE_NAMES
            .iter()
            .position(|f| *f == "dangling_start")
            .expect("dangling_start is a feature");
        for i in 0..scored.set.len() {
            let r = scored.set.sentence(i);
            let text = docs[r.doc].0.analysis_slice(r.span);
            if scored.features[i][dangling] > 0.0 || !stands_alone(text) {
                scored.candidate[i] = false;
            }
        }
    }
    let set = &scored.set;
    let n = set.len();
    let base: Vec<f32> = scored.features.iter().map(|f| model.score(f)).collect();
    let mut picked: Vec<usize> = Vec::new();
    let mut max_sim = vec![0.0f32; n];
    let mut used = vec![false; n];
    let mut covered = vec![false; set.vocabulary_size()];
    let novel = |i: usize, covered: &[bool]| -> f32 {
        let (mut sum, mut k) = (0.0, 0);
        for t in set.terms(i) {
            k += 1;
            if !covered[t as usize] {
                sum += set.term_weight(t);
            }
        }
        if k == 0 {
            0.0
        } else {
            sum / k as f32
        }
    };
    // With whole sentences to a word budget, each sentence's length in words: a sentence
    // longer than the words left is passed over (room only shrinks, so it never fits later).
    // Passing over it in the scan, rather than picking and dropping it, keeps a long input
    // with a nearly spent budget from costing a scan of all sentences per sentence.
    let whole_words: Option<(usize, Vec<usize>)> = match (fit, budget) {
        (Fit::Whole, Budget::Words(limit)) => Some((
            limit,
            (0..n)
                .map(|i| {
                    let r = set.sentence(i);
                    docs[r.doc].0.slice(r.span).split_whitespace().count()
                })
                .collect(),
        )),
        _ => None,
    };
    let mut words = 0usize;
    let mut out: Vec<SummarySentence> = Vec::new();
    loop {
        match budget {
            Budget::Words(w) if words >= w => break,
            Budget::Sentences(k) if out.len() >= k => break,
            _ => {}
        }
        // Best remaining candidate; ties go to the earlier sentence (deterministic).
        let mut best: Option<(usize, f32)> = None;
        for i in 0..n {
            if used[i] || !scored.candidate[i] || max_sim[i] >= model.redundancy {
                continue;
            }
            if let Some((limit, lengths)) = &whole_words {
                if words + lengths[i] > *limit {
                    continue;
                }
            }
            let mut s = base[i] - model.lambda * max_sim[i];
            if model.coverage != 0.0 {
                s += model.coverage * novel(i, &covered);
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        let Some((i, s)) = best else { break };
        used[i] = true;
        for t in set.terms(i) {
            covered[t as usize] = true;
        }
        for j in 0..n {
            if !used[j] {
                let c = set.cosine(i, j);
                if c > max_sim[j] {
                    max_sim[j] = c;
                }
            }
        }
        let r = set.sentence(i);
        let doc = docs[r.doc].0;
        let full = r.span;
        let text = doc.slice(full);
        let mut span = full;
        let w = text.split_whitespace().count();
        if let Budget::Words(limit) = budget {
            let room = limit - words;
            if w > room {
                let end = full.start as usize + cut_to_words(text, room);
                span = Span::new_unchecked(full.doc, full.start as usize, end);
                words += room;
            } else {
                words += w;
            }
        }
        let mut supported_by = vec![span];
        for j in 0..n {
            let rj = set.sentence(j);
            if rj.doc != r.doc && set.same_content(i, j) {
                supported_by.push(rj.span);
            }
        }
        supported_by.sort();
        picked.push(i);
        out.push(SummarySentence {
            span,
            supported_by,
            score: s,
        });
    }
    if order == Order::Source {
        out.sort_by_key(|s| s.span);
    }
    out
}

/// Summarize from text analyses alone (no attribution or time stages needed). For
/// [`Order::Time`], sentences are ordered by their documents' publication dates (documents
/// without one last), then by importance.
pub fn summarize_texts(
    docs: &[(&Document, &TextAnalysis)],
    opts: &SummaryOptions,
) -> Vec<SummarySentence> {
    let mut out = summarize_with(docs, opts.budget, opts.order, opts.fit, Model::get());
    if opts.order == Order::Time {
        let date = |s: &SummarySentence| {
            docs.iter()
                .find(|(d, _)| d.id == s.span.doc)
                .and_then(|(d, _)| d.meta.published.map(|p| p.date))
        };
        out.sort_by_key(|s| (date(s).is_none(), date(s)));
    }
    out
}

/// First date ("YYYY-MM-DD", "YYYY-MM" or "YYYY") a TIMEX3 value starts with, as a
/// sortable string.
fn timex_date(value: &str) -> Option<&str> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    if b.get(4) == Some(&b'-') && digits(5..7) {
        if b.get(7) == Some(&b'-') && digits(8..10) {
            return Some(&value[..10]);
        }
        return Some(&value[..7]);
    }
    Some(&value[..4])
}

/// Summarize a story's analyzed documents. [`Order::Time`] sorts by the earliest dated time
/// expression inside each sentence, else its document's publication date; undated sentences
/// come last; ties keep importance order.
pub fn summarize(docs: &[AnalyzedDoc], opts: &SummaryOptions) -> Vec<SummarySentence> {
    let pairs: Vec<(&Document, &TextAnalysis)> = docs.iter().map(|d| (&d.doc, &d.text)).collect();
    let mut out = summarize_with(&pairs, opts.budget, opts.order, opts.fit, Model::get());
    if opts.order == Order::Time {
        let key = |s: &SummarySentence| -> Option<String> {
            let d = docs.iter().find(|d| d.doc.id == s.span.doc)?;
            let in_sentence = d
                .timexes
                .iter()
                .filter(|t| s.span.contains(t.span))
                .filter_map(|t| timex_date(&t.value))
                .min()
                .map(str::to_string);
            in_sentence.or_else(|| d.doc.meta.published.map(|p| p.date.to_string()))
        };
        out.sort_by_cached_key(|s| {
            let k = key(s);
            (k.is_none(), k)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::DocId;

    fn docs(texts: &[&str]) -> (Vec<Document>, Vec<TextAnalysis>) {
        let d: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
            .collect();
        let t = d.iter().map(triangulate_text::analyze).collect();
        (d, t)
    }

    fn run(texts: &[&str], budget: Budget, order: Order) -> (Vec<Document>, Vec<SummarySentence>) {
        let (d, t) = docs(texts);
        let pairs: Vec<(&Document, &TextAnalysis)> = d.iter().zip(t.iter()).collect();
        let s = summarize_texts(
            &pairs,
            &SummaryOptions {
                budget,
                order,
                fit: Fit::Cut,
            },
        );
        (d, s)
    }

    const HARBOR: [&str; 3] = [
        "The new harbor bridge in Port Ellis opened to traffic on Friday after six years of work. \
         Mayor Lena Ortiz cut the ribbon before a crowd of about 2,000 residents. \
         Some fishermen said the construction noise had driven fish away from the bay.",
        "Port Ellis opened its new harbor bridge to traffic on Friday, six years after work began. \
         The bridge cost $410 million, according to the city. \
         Click here to subscribe.",
        "After six years of construction, the harbor bridge in Port Ellis opened to traffic on Friday. \
         A local bakery sold bridge-shaped cookies all week long to visitors. \
         Mayor Lena Ortiz cut the ribbon in front of a crowd of about 2,000 residents.",
    ];

    #[test]
    fn sentences_that_lean_on_context_do_not_stand_alone() {
        assert!(stands_alone("The bridge closed on Monday, the mayor said."));
        assert!(stands_alone("“It is closed,” Mayor Ines Varga said."));
        assert!(!stands_alone("“It is closed,” she said."));
        assert!(!stands_alone("“We are going to do this once.”"));
        assert!(!stands_alone("Both suggest renewing the mandate."));
    }

    #[test]
    fn weights_file_is_valid() {
        let (file, src) = WEIGHTS;
        let m = Model::parse(file, src).unwrap();
        assert_eq!(m.weights.len(), NUM_FEATURES);
        assert!(Model::parse(file, "{}").is_err());
    }

    #[test]
    fn reported_fact_leads_and_cites_every_source() {
        let (_, s) = run(&HARBOR, Budget::Sentences(2), Order::Importance);
        assert_eq!(s.len(), 2);
        // The opening is told by all three documents: it is picked first and cited by all.
        let docs_citing: Vec<u32> = s[0].supported_by.iter().map(|x| x.doc.0).collect();
        assert_eq!(docs_citing, [0, 1, 2], "{s:?}");
    }

    #[test]
    fn no_two_sentences_say_the_same_thing() {
        let (d, s) = run(&HARBOR, Budget::Sentences(4), Order::Importance);
        let texts: Vec<&str> = s
            .iter()
            .map(|x| d[x.span.doc.index()].slice(x.span))
            .collect();
        let openings = texts.iter().filter(|t| t.contains("opened")).count();
        assert_eq!(openings, 1, "{texts:?}");
        let ribbons = texts.iter().filter(|t| t.contains("ribbon")).count();
        assert!(ribbons <= 1, "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("Click here")), "{texts:?}");
    }

    /// Words of the summary sentences `s` of documents `d`.
    fn words_of(d: &[Document], s: &[SummarySentence]) -> usize {
        s.iter()
            .map(|x| {
                d[x.span.doc.index()]
                    .slice(x.span)
                    .split_whitespace()
                    .count()
            })
            .sum()
    }

    #[test]
    fn word_budget_cuts_the_last_sentence() {
        let (d, s) = run(&HARBOR, Budget::Words(20), Order::Importance);
        let words = words_of(&d, &s);
        assert_eq!(words, 20);
        let last = d[s.last().unwrap().span.doc.index()].slice(s.last().unwrap().span);
        assert!(!last.ends_with(' '));
    }

    #[test]
    fn source_order_sorts_by_document_and_position() {
        let (_, s) = run(&HARBOR, Budget::Sentences(3), Order::Source);
        let keys: Vec<Span> = s.iter().map(|x| x.span).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn empty_and_fragment_stories() {
        let (_, s) = run(&[""], Budget::Words(100), Order::Importance);
        assert!(s.is_empty());
        let (_, s) = run(&["Bridge open"], Budget::Words(100), Order::Importance);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn long_input_beyond_the_pairwise_limit_is_summarized() {
        // 3,000 distinct sentences in one document, then a second document repeating the
        // last one: the comparison window must not break support or the budget.
        let mut a = String::new();
        for i in 0..3000 {
            a.push_str(&format!(
                "Inspector number{i} reviewed ledger{i} for district{i} today. "
            ));
        }
        let b = "Inspector number2999 reviewed ledger2999 for district2999 today.";
        let (d, s) = run(&[&a, b], Budget::Words(30), Order::Importance);
        let words = words_of(&d, &s);
        assert_eq!(words, 30);
    }

    #[test]
    fn timex_dates() {
        assert_eq!(timex_date("2017-10-26"), Some("2017-10-26"));
        assert_eq!(timex_date("2017-10"), Some("2017-10"));
        assert_eq!(timex_date("2017-W44"), Some("2017"));
        assert_eq!(timex_date("PRESENT_REF"), None);
    }
}
