//! Extractive multi-document summary with citations.
//!
//! Every sentence of every document is a candidate unless it is not a real sentence
//! (fragments, too few content words, bare questions). Candidates are scored by a linear
//! model over cheap features (lead position, length, centrality, support from the story's
//! other documents, numbers, quotes, ...) whose weights were fitted on Multi-News train
//! stories to predict each sentence's ROUGE precision against the reference summary
//! (`resources/weights/summary.json`, reproduced by `bench/train_summary.sh`), plus boosted
//! trees over the same features (`trees.rs`) where concept coverage does not count. Sentences are
//! then picked greedily, best first, skipping any that says what a picked sentence says
//! (maximal marginal relevance with a hard redundancy cut), until the budget is reached. In
//! stories whose sources agree on enough to fill the budget ([`Concepts::mass`] per budget
//! word at least `concept_min_mass`), the choice is by concept coverage as ICSISumm makes it
//! ([`Concepts`]: bigrams weighted by the documents that hold them). For readers
//! ([`Fit::Whole`]), the first sentence is the lead (`lead.rs`): the main event most sources
//! agree on, standing alone.
//!
//! Each picked sentence is cited by every sentence of another document that states the same
//! content ([`crate::similarity::SentenceSet::same_content`], a conservative
//! test).
//!
//! Stages: `features.rs` (the learned score's features), `concepts.rs`,
//! `concept_weights.rs` (learned concept weights), `coverage.rs` (the coverage program's solver), `lead.rs`, `select.rs` (the choice to the budget),
//! `shorten.rs` (a trailing attribution dropped, verbatim).
//!
//! Cost per story: O(S²) sentence comparisons for S sentences, linear in tokens otherwise.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use triangulate_core::{Document, Span};
use triangulate_text::TextAnalysis;

use crate::AnalyzedDoc;

mod concept_weights;
mod concepts;
mod context;
mod coverage;
mod features;
mod lead;
mod select;
mod shorten;
mod trees;

pub use concept_weights::{
    concept_features, learned_weights, story_concept_features, ConceptFeatures,
    CONCEPT_FEATURE_NAMES, NUM_CONCEPT_FEATURES,
};
pub use concepts::{text_bigrams, BigramStats, ConceptOptions, Concepts};
pub use coverage::CoverageProblem;
pub use features::{features, Scored};
pub use select::summarize_with;
pub use trees::{Node as TreeNode, Trees};

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
    // context.rs (CONTEXT_NAMES)
    "emb_centroid",
    "emb_other_max",
    "emb_other_mean",
    "emb_leads",
    "rare_share",
    "number_share",
    "recurs_later",
    "quote_share",
    "question",
];

/// Number of features.
pub const NUM_FEATURES: usize = 27 + context::NUM_CONTEXT;

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
    /// Weight of coverage: the mean [`SentenceSet::term_weight`](crate::similarity::SentenceSet::term_weight) of a candidate's terms that
    /// no picked sentence holds yet.
    #[serde(default)]
    pub coverage: f32,
    /// Where concept coverage does not count: score minus this times the share of a
    /// candidate's distinct bigrams ([`Concepts::all_of`]) that the picked sentences hold
    /// already (redundancy as ROUGE-2 sees it). 0: off.
    #[serde(default)]
    pub bigram_lambda: f32,
    /// Weight of concept coverage ([`Concepts`]): the weight of a candidate's bigram
    /// concepts that no picked sentence holds yet, over its words to `concept_power`,
    /// relative to the best candidate's at the start.
    #[serde(default)]
    pub concepts: f32,
    /// Power of a candidate's word count that its concept gain is divided by.
    #[serde(default)]
    pub concept_power: f32,
    /// Least number of documents holding a concept; 0: 3 from ten documents on, else 2.
    #[serde(default)]
    pub concept_documents: u32,
    /// Least number of documents in the story for concept coverage to count (agreement
    /// across sources needs sources).
    #[serde(default)]
    pub concept_story_documents: u32,
    /// The redundancy cut where concept coverage counts (it penalizes repeats itself);
    /// 0: `redundancy`.
    #[serde(default)]
    pub concept_redundancy: f32,
    /// Where concept coverage counts and the budget is in words: choose the sentences by
    /// the coverage program ([`CoverageProblem`]: concept weight plus `concept_value` times
    /// each sentence's learned score) instead of greedily; the words left are filled as before.
    #[serde(default)]
    pub concept_solver: bool,
    /// Least words of a sentence the coverage program may choose.
    #[serde(default)]
    pub concept_min_words: u32,
    /// Weight of the learned score in the coverage program: a sentence's value is this times
    /// its score times its words times the mean concept weight per word of the candidates.
    #[serde(default)]
    pub concept_value: f32,
    /// Added to a concept's weight for each document that holds it in its first
    /// `concept_opening_sentences` sentences ([`Concepts::boost_openings`]).
    #[serde(default)]
    pub concept_opening_bonus: f32,
    /// See `concept_opening_bonus`.
    #[serde(default)]
    pub concept_opening_sentences: u32,
    /// Verbs of saying are stop words for concepts ([`ConceptOptions::speech_stop`]).
    #[serde(default)]
    pub concept_speech_stop: bool,
    /// The long stop list for concepts ([`ConceptOptions::long_stop`]).
    #[serde(default)]
    pub concept_long_stop: bool,
    /// Document frequency of concepts from sentences of at least this many words
    /// ([`ConceptOptions::df_min_words`]).
    #[serde(default)]
    pub concept_df_min_words: u32,
    /// Least [`Concepts::mass`] per word of the budget (a sentence budget counts 20 words a
    /// sentence) for concept coverage to count (0: any): agreement enough to fill the
    /// summary with.
    #[serde(default)]
    pub concept_min_mass: f32,
    /// Drop a trailing attribution clause ("..., officials said.") from the chosen
    /// sentences where nothing leans on it (`shorten.rs`); the span ends where the kept
    /// words end.
    #[serde(default)]
    pub shorten_attribution: bool,
    /// Concept words as runs of ASCII letters and digits ([`ConceptOptions::plain_tokens`]).
    #[serde(default)]
    pub concept_plain_tokens: bool,
    /// Learned concept weights ([`CONCEPT_FEATURE_NAMES`], `concept_weights.rs`): where
    /// given, the coverage program weighs each bigram by this linear prediction of the share
    /// of human summaries holding it instead of by its document frequency. Empty: document
    /// frequency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concept_learned: Vec<f32>,
    /// The learned concept weight is the exponential of the linear prediction (a log-linear
    /// model of the share), not the prediction itself.
    #[serde(default)]
    pub concept_learned_exp: bool,
    /// Least documents holding a bigram for it to get a learned weight.
    #[serde(default)]
    pub concept_learned_documents: u32,
    /// How the learned concept weights were obtained.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub concept_learned_provenance: String,
    /// How the weights were obtained.
    #[serde(default)]
    pub provenance: String,
    /// Boosted trees added to the linear score (`resources/weights/summary_trees.tsv`,
    /// attached by [`Model::get`]; none after [`Model::parse`]).
    #[serde(skip)]
    pub trees: Trees,
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

const TREES: (&str, &str) = (
    "resources/weights/summary_trees.tsv",
    include_str!("../../../../resources/weights/summary_trees.tsv"),
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
        if !m.concept_learned.is_empty()
            && (m.concept_learned.len() != NUM_CONCEPT_FEATURES
                || m.concept_learned.iter().any(|w| !w.is_finite()))
        {
            return Err(err(format!(
                "expected {NUM_CONCEPT_FEATURES} finite concept_learned weights, got {:?}",
                m.concept_learned
            )));
        }
        Ok(m)
    }

    /// The compiled-in model. It is checked by this crate's tests, so a failure here is a
    /// build defect, not bad input.
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            let mut m = Model::parse(WEIGHTS.0, WEIGHTS.1)
                .expect("resources/weights/summary.json is valid");
            m.trees = Trees::parse(TREES.0, TREES.1)
                .expect("resources/weights/summary_trees.tsv is valid");
            m
        })
    }

    /// Linear score of a feature vector.
    pub fn linear_score(&self, f: &Features) -> f32 {
        f.iter().zip(&self.weights).map(|(x, w)| x * w).sum()
    }

    /// Score of a feature vector: the linear score plus the trees'.
    pub fn score(&self, f: &Features) -> f32 {
        self.linear_score(f) + self.trees.score(f)
    }
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
        // For readers the lead stays first; the rest by time.
        let rest = if opts.fit == Fit::Whole && !out.is_empty() {
            1
        } else {
            0
        };
        out[rest..].sort_by_key(|s| (date(s).is_none(), date(s)));
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
        // For readers the lead stays first; the rest by time.
        let rest = if opts.fit == Fit::Whole && !out.is_empty() {
            1
        } else {
            0
        };
        out[rest..].sort_by_cached_key(|s| {
            let k = key(s);
            (k.is_none(), k)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::features::stands_alone;
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
    fn context_names_close_the_feature_names() {
        assert_eq!(
            FEATURE_NAMES[NUM_FEATURES - context::NUM_CONTEXT..],
            context::CONTEXT_NAMES
        );
    }

    #[test]
    fn weights_file_is_valid() {
        let (file, src) = WEIGHTS;
        let m = Model::parse(file, src).unwrap();
        assert_eq!(m.weights.len(), NUM_FEATURES);
        assert!(Model::parse(file, "{}").is_err());
        let (file, src) = TREES;
        Trees::parse(file, src).unwrap();
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
    fn shortened_sentences_keep_exact_verbatim_spans() {
        let texts = [
            "The harbor bridge in Port Ellis opened to traffic on Friday after six years, officials said. \
             Mayor Lena Ortiz cut the ribbon before a crowd of about 2,000 residents, the city said.",
            "Port Ellis opened its new harbor bridge to traffic on Friday after six years, officials said.",
        ];
        let (d, t) = docs(&texts);
        let pairs: Vec<(&Document, &TextAnalysis)> = d.iter().zip(t.iter()).collect();
        let mut model = Model::get().clone();
        model.shorten_attribution = true;
        let s = summarize_with(
            &pairs,
            Budget::Words(100),
            Order::Importance,
            Fit::Cut,
            &model,
        );
        assert!(!s.is_empty());
        for x in &s {
            let text = d[x.span.doc.index()].slice(x.span);
            assert!(!text.ends_with("said.") && !text.ends_with(','), "{text:?}");
            // The span is a prefix of one of the document's sentences, so its words are the
            // article's own.
            let i = texts[x.span.doc.index()].find(text).expect("verbatim");
            assert_eq!(i, x.span.start as usize);
            assert!(x.supported_by.contains(&x.span));
        }
        model.shorten_attribution = false;
        let whole = summarize_with(
            &pairs,
            Budget::Words(100),
            Order::Importance,
            Fit::Cut,
            &model,
        );
        assert!(whole
            .iter()
            .all(|x| d[x.span.doc.index()].slice(x.span).ends_with("said.")));
    }

    #[test]
    fn repeated_bigrams_keep_a_retelling_out() {
        let (d, t) = docs(&HARBOR);
        let pairs: Vec<(&Document, &TextAnalysis)> = d.iter().zip(t.iter()).collect();
        // No other redundancy control: the cosine cut and penalty and the coverage terms off,
        // concept coverage out of reach (so the bigram penalty counts).
        let mut model = Model::get().clone();
        model.lambda = 0.0;
        model.redundancy = 2.0;
        model.coverage = 0.0;
        model.concept_min_mass = 1e6;
        let openings = |model: &Model| {
            summarize_with(
                &pairs,
                Budget::Sentences(2),
                Order::Importance,
                Fit::Cut,
                model,
            )
            .iter()
            .filter(|x| d[x.span.doc.index()].slice(x.span).contains("opened"))
            .count()
        };
        model.bigram_lambda = 0.0;
        assert_eq!(openings(&model), 2, "the three openings score best");
        model.bigram_lambda = 10.0;
        assert_eq!(openings(&model), 1);
    }

    #[test]
    fn timex_dates() {
        assert_eq!(timex_date("2017-10-26"), Some("2017-10-26"));
        assert_eq!(timex_date("2017-10"), Some("2017-10"));
        assert_eq!(timex_date("2017-W44"), Some("2017"));
        assert_eq!(timex_date("PRESENT_REF"), None);
    }
}
