//! Features that place a sentence within its story beyond shared terms (session 13): support
//! in other words (static word embeddings, [`triangulate_text::embed`]), closeness to what the
//! outlets lead with, specificity (words rare in the embedding table's corpus, numbers),
//! whether its content recurs later in its own document, and how much of it is a quotation
//! or a question. None depends on casing (the table's words are lower-cased ASCII letters).

use triangulate_text::embed::{cosine, words, Embeddings};

use crate::similarity::SentenceSet;

/// Names of the features, appended to [`super::FEATURE_NAMES`] in this order (a test
/// checks that they are).
#[cfg(test)]
pub const CONTEXT_NAMES: [&str; NUM_CONTEXT] = [
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

/// Number of context features.
pub const NUM_CONTEXT: usize = 9;

/// A word not in the table counts as this idf (the table's rarest words are at about 9).
const UNKNOWN_IDF: f32 = 10.0;

/// A word at or above this idf in the table's corpus counts as rare.
const RARE_IDF: f32 = 8.5;

/// Share of the letters of `text` inside quotation marks (straight quotes toggle).
fn quote_share(text: &str) -> f32 {
    let (mut inside, mut quoted, mut letters) = (false, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => inside = !inside,
            '“' => inside = true,
            '”' => inside = false,
            c if c.is_alphanumeric() => {
                letters += 1;
                quoted += usize::from(inside);
            }
            _ => {}
        }
    }
    quoted as f32 / letters.max(1) as f32
}

/// The context features of every sentence of `set`; `texts[i]` is sentence `i`'s text,
/// `ndocs` the story's document count.
pub(crate) fn context_features(
    set: &SentenceSet,
    texts: &[&str],
    ndocs: usize,
) -> Vec<[f32; NUM_CONTEXT]> {
    let n = set.len();
    let table = Embeddings::get();
    let dims = table.dims();
    // Each sentence's idf-weighted embedding; each document's and the story's sums; each
    // document's first sentence.
    let mut emb = vec![0.0f32; n * dims];
    let mut doc_emb = vec![0.0f32; ndocs * dims];
    let mut story = vec![0.0f32; dims];
    let mut leads = vec![0.0f32; dims];
    let mut rare = vec![0.0f32; n];
    for (i, text) in texts.iter().enumerate() {
        let v = &mut emb[i * dims..(i + 1) * dims];
        let (mut total, mut rare_words) = (0usize, 0usize);
        for w in words(text) {
            total += 1;
            let idf = table.idf(&w).unwrap_or(UNKNOWN_IDF);
            rare_words += usize::from(idf >= RARE_IDF);
            table.add(&w, idf, v);
        }
        rare[i] = rare_words as f32 / total.max(1) as f32;
        let d = set.sentence(i).doc;
        for (k, x) in v.iter().enumerate() {
            doc_emb[d * dims + k] += x;
            story[k] += x;
            if set.sentence(i).sentence == 0 {
                leads[k] += x;
            }
        }
    }
    // Whether each term of a sentence recurs in a later sentence of its document: walk
    // backwards, stamping each term with the document it was last seen in.
    let mut stamp = vec![usize::MAX; set.vocabulary_size()];
    let mut recurs = vec![0.0f32; n];
    for i in (0..n).rev() {
        let d = set.sentence(i).doc;
        let (mut terms, mut later) = (0usize, 0usize);
        for t in set.terms(i) {
            terms += 1;
            later += usize::from(stamp[t as usize] == d);
        }
        for t in set.terms(i) {
            stamp[t as usize] = d;
        }
        recurs[i] = later as f32 / terms.max(1) as f32;
    }
    let mut lead_of = vec![None; ndocs];
    for (i, s) in set.sentences().iter().enumerate() {
        if s.sentence == 0 {
            lead_of[s.doc] = Some(i);
        }
    }
    let mut other = vec![0.0f32; dims];
    (0..n)
        .map(|i| {
            let r = set.sentence(i);
            let v = &emb[i * dims..(i + 1) * dims];
            let (mut max, mut sum) = (0.0f32, 0.0f32);
            for d in (0..ndocs).filter(|&d| d != r.doc) {
                let c = cosine(v, &doc_emb[d * dims..(d + 1) * dims]);
                max = max.max(c);
                sum += c;
            }
            // The other documents' first sentences (this sentence's own lead left out).
            other.copy_from_slice(&leads);
            if let Some(j) = lead_of[r.doc] {
                for (o, x) in other.iter_mut().zip(&emb[j * dims..(j + 1) * dims]) {
                    *o -= x;
                }
            }
            let words = set.word_count(i).max(1) as f32;
            let text = texts[i];
            let question = text
                .trim_end_matches(['"', '”', '’', '\'', ' '])
                .ends_with('?');
            [
                cosine(v, &story),
                max,
                sum / ndocs.saturating_sub(1).max(1) as f32,
                if ndocs > 1 { cosine(v, &other) } else { 0.0 },
                rare[i],
                (set.number_count(i) as f32 / words).min(1.0),
                recurs[i],
                quote_share(text),
                question as u8 as f32,
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotation_share_counts_letters_inside_quotes() {
        assert_eq!(quote_share("No quotes here."), 0.0);
        assert_eq!(quote_share("\u{201c}All of it.\u{201d}"), 1.0);
        let half = quote_share("\"abcd\" efgh");
        assert!((half - 0.5).abs() < 1e-6, "{half}");
    }
}
