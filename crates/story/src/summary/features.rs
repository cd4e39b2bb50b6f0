//! The features of every sentence of a story (see [`FEATURE_NAMES`]) and whether it may
//! stand alone in a summary.

use triangulate_core::Document;
use triangulate_text::TextAnalysis;

use super::context::context_features;
use super::{Features, NUM_FEATURES};
use crate::similarity::SentenceSet;

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
pub(crate) fn stands_alone(text: &str) -> bool {
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
    let texts: Vec<&str> = (0..n)
        .map(|i| {
            let r = set.sentence(i);
            let (doc, ta) = docs[r.doc];
            let s = ta.sentences[r.sentence];
            doc.analysis_text()[s.start as usize..s.end as usize].trim_end()
        })
        .collect();
    let context = context_features(&set, &texts, ndocs);
    for i in 0..n {
        let r = set.sentence(i);
        let (_, ta) = docs[r.doc];
        let s = ta.sentences[r.sentence];
        let nsent = ta.sentences.len();
        let text = texts[i];
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
        let mut f: Features = [0.0; NUM_FEATURES];
        let base = [
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
        f[..base.len()].copy_from_slice(&base);
        f[base.len()..].copy_from_slice(&context[i]);
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
