//! Concepts for coverage, as ICSISumm has them (Gillick & Favre 2009): word bigrams of a
//! sentence (lower-case stems; stop words kept as they are, but a bigram of two stop words
//! is no concept), each weighted by the number of the story's documents that hold it.
//! Concepts held by fewer than [`min_documents`] documents are dropped: what one source
//! alone says is not what the story is about. A summary that covers more concept weight
//! says more of what the sources agree on; the measure does not depend on a corpus's
//! casing or length.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use triangulate_core::Document;
use triangulate_text::{is_speech_verb, is_stopword, stem, TextAnalysis, TokenKind};

use crate::similarity::SentenceSet;

/// Choices in how concepts are made (all off by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ConceptOptions {
    /// Verbs of saying ("said", "told") are stop words too: "he said" says nothing of the
    /// story, however many sources print it.
    pub speech_stop: bool,
    /// The long stop list (`resources/en/summary/concept_stopwords.txt`, SMART's) instead of
    /// the function words.
    pub long_stop: bool,
    /// Document frequency counts only sentences of at least this many words (the candidates
    /// of the coverage program), as ICSISumm counts it.
    pub df_min_words: usize,
    /// Words are the runs of ASCII letters and digits of each token, as ICSISumm and
    /// ROUGE read text ("U.S." is "u" and "s", "al-Qaida" "al" and "qaida"); a stop word is
    /// one of the list only (no length rule).
    pub plain_tokens: bool,
}

const LONG_STOP: (&str, &str) = (
    "resources/en/summary/concept_stopwords.txt",
    include_str!("../../../../resources/en/summary/concept_stopwords.txt"),
);

/// The long stop list: lower-case lines, `#` comments. Checked by this crate's tests.
fn long_stop_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        LONG_STOP
            .1
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Concepts of each sentence of a [`SentenceSet`] and their weights.
#[derive(Debug, Clone, Default)]
pub struct Concepts {
    /// Concept ids of each sentence (sorted, distinct), in the set's sentence order.
    of_sentence: Vec<Vec<u32>>,
    /// Weight of each concept id (0 for a concept below the document threshold).
    weight: Vec<f32>,
    /// Every bigram id of each sentence (sorted, distinct), those below the document
    /// threshold included: what ROUGE-2 would see repeated.
    all_of_sentence: Vec<Vec<u32>>,
    /// Per bigram id: what the learned concept weights read (`concept_weights.rs`).
    stats: Vec<BigramStats>,
    /// Each bigram id's two words, for fitting the learned weights.
    names: Vec<(String, String)>,
}

/// Counts of one bigram over a story, for the learned concept weights.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BigramStats {
    /// Documents holding it (in sentences that count for document frequency).
    pub df: u32,
    /// Occurrences.
    pub tf: u32,
    /// Occurrences with a capitalized word that does not open its sentence.
    pub capitalized: u32,
    /// One of its words is a stop word.
    pub stop: bool,
    /// One of its words has a digit.
    pub digit: bool,
}

/// Least number of documents a concept must appear in to count: 3 from ten documents on
/// (ICSISumm's threshold for DUC's clusters), else 2; a single document has no concepts.
pub fn min_documents(docs: usize) -> u32 {
    if docs >= 10 {
        3
    } else {
        2
    }
}

/// The concept bigrams of sentence `sentence` of `ta` (stems of words that are not stop
/// words, stop words as they are; no bigram of two stop words), `stems` a cache.
/// With `text` (the document's analysis text), each bigram says whether one of its words
/// is capitalized where it does not open the sentence.
fn bigrams<'t>(
    ta: &'t TextAnalysis,
    sentence: usize,
    long: Option<&HashSet<&str>>,
    opts: ConceptOptions,
    stems: &mut HashMap<&'t str, String>,
    text: Option<&str>,
) -> Vec<(String, String, bool)> {
    let listed = |w: &str| long.map_or_else(|| is_stopword(w), |l| l.contains(w));
    let mut words: Vec<(String, bool, bool)> = Vec::new();
    let mut first = true;
    for ti in ta.sentences[sentence].token_range() {
        if ta.tokens[ti].kind == TokenKind::Punct {
            continue;
        }
        let cap = !first
            && text.is_some_and(|t| {
                ta.tokens[ti]
                    .text(t)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            });
        first = false;
        let norm = ta.norm_of(ti);
        if opts.plain_tokens {
            for w in norm
                .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
                .filter(|w| !w.is_empty())
            {
                let stop = listed(w) || (opts.speech_stop && is_speech_verb(w));
                let form = if stop {
                    w.to_string()
                } else {
                    stems.entry(w).or_insert_with(|| stem(w)).to_string()
                };
                words.push((form, stop, cap));
            }
            continue;
        }
        let stop = listed(norm)
            || norm.starts_with('\'')
            || norm.len() < 2
            || (opts.speech_stop && is_speech_verb(norm));
        let form = if stop {
            norm.to_string()
        } else {
            stems.entry(norm).or_insert_with(|| stem(norm)).to_string()
        };
        words.push((form, stop, cap));
    }
    words
        .windows(2)
        .filter(|w| !(w[0].1 && w[1].1))
        .map(|w| (w[0].0.clone(), w[1].0.clone(), w[0].2 || w[1].2))
        .collect()
}

/// The concept bigrams ("a b") of a text as the summary makes them (every sentence of
/// `ta`), before any document threshold: for comparing concept making with other tools.
pub fn text_bigrams(ta: &TextAnalysis, opts: ConceptOptions) -> Vec<String> {
    let long = if opts.long_stop {
        Some(long_stop_words())
    } else {
        None
    };
    let mut stems = HashMap::new();
    (0..ta.sentences.len())
        .flat_map(|i| bigrams(ta, i, long, opts, &mut stems, None))
        .map(|(a, b, _)| format!("{a} {b}"))
        .collect()
}

impl Concepts {
    /// The concepts of every sentence of `set` (built from the same `docs`), those in fewer
    /// than `min` documents dropped (0: `min_documents`).
    pub fn build(docs: &[(&Document, &TextAnalysis)], set: &SentenceSet, min: u32) -> Concepts {
        Concepts::build_with(docs, set, min, ConceptOptions::default())
    }

    /// As [`Concepts::build`], with the choices of [`ConceptOptions`].
    pub fn build_with(
        docs: &[(&Document, &TextAnalysis)],
        set: &SentenceSet,
        min: u32,
        opts: ConceptOptions,
    ) -> Concepts {
        let ConceptOptions {
            long_stop,
            df_min_words,
            ..
        } = opts;
        let long = if long_stop {
            Some(long_stop_words())
        } else {
            None
        };
        let mut ids: HashMap<(String, String), u32> = HashMap::new();
        let mut stems: HashMap<&str, String> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut stats: Vec<BigramStats> = Vec::new();
        let mut last_doc: Vec<usize> = Vec::new();
        let mut of_sentence = Vec::with_capacity(set.len());
        let listed = |w: &str| long.map_or_else(|| is_stopword(w), |l| l.contains(w));
        for (i, r) in set.sentences().iter().enumerate() {
            let counts = set.word_count(i) >= df_min_words;
            let (doc, ta) = docs[r.doc];
            let mut c: Vec<u32> = Vec::new();
            for (a, b, cap) in bigrams(
                ta,
                r.sentence,
                long,
                opts,
                &mut stems,
                Some(doc.analysis_text()),
            ) {
                let n = ids.len() as u32;
                let id = match ids.entry((a, b)) {
                    Entry::Occupied(e) => *e.get(),
                    Entry::Vacant(e) => {
                        let (a, b) = e.key();
                        stats.push(BigramStats {
                            stop: listed(a) || listed(b),
                            digit: a.bytes().chain(b.bytes()).any(|c| c.is_ascii_digit()),
                            ..Default::default()
                        });
                        *e.insert(n)
                    }
                };
                if id as usize == df.len() {
                    df.push(0);
                    last_doc.push(usize::MAX);
                }
                let st = &mut stats[id as usize];
                st.tf += 1;
                st.capitalized += cap as u32;
                if counts && last_doc[id as usize] != r.doc {
                    last_doc[id as usize] = r.doc;
                    df[id as usize] += 1;
                }
                c.push(id);
            }
            c.sort_unstable();
            c.dedup();
            of_sentence.push(c);
        }
        let min = if min == 0 {
            min_documents(docs.len())
        } else {
            min
        };
        let weight = df
            .iter()
            .map(|&d| if d >= min { d as f32 } else { 0.0 })
            .collect();
        for (st, &d) in stats.iter_mut().zip(&df) {
            st.df = d;
        }
        let mut names = vec![(String::new(), String::new()); ids.len()];
        for (pair, id) in ids {
            names[id as usize] = pair;
        }
        let mut out = Concepts {
            all_of_sentence: of_sentence.clone(),
            of_sentence,
            weight,
            stats,
            names,
        };
        // Keep only the concepts that count.
        for c in &mut out.of_sentence {
            c.retain(|&id| out.weight[id as usize] > 0.0);
        }
        out
    }

    /// Add `bonus` times the number of documents whose first `sentences` sentences (of the
    /// set) hold a concept to its weight: what the sources open with is more likely the
    /// story's core. Only concepts that count are raised.
    pub fn boost_openings(&mut self, set: &SentenceSet, sentences: usize, bonus: f32) {
        if bonus == 0.0 || sentences == 0 {
            return;
        }
        let mut opening = vec![0u32; self.weight.len()];
        let mut last_doc = vec![usize::MAX; self.weight.len()];
        let (mut doc, mut position) = (usize::MAX, 0usize);
        for (i, r) in set.sentences().iter().enumerate() {
            if r.doc != doc {
                (doc, position) = (r.doc, 0);
            }
            position += 1;
            if position > sentences {
                continue;
            }
            for &c in &self.of_sentence[i] {
                if last_doc[c as usize] != r.doc {
                    last_doc[c as usize] = r.doc;
                    opening[c as usize] += 1;
                }
            }
        }
        for (w, &o) in self.weight.iter_mut().zip(&opening) {
            if *w > 0.0 {
                *w += bonus * o as f32;
            }
        }
    }

    /// Total weight of the concepts that count: how much the sources agree on, in
    /// document-mentions. Many sources telling the same events make it large.
    pub fn mass(&self) -> f32 {
        self.weight.iter().sum()
    }

    /// Number of concept ids (counted or not).
    pub fn len(&self) -> usize {
        self.weight.len()
    }

    /// True if no sentence has a concept.
    pub fn is_empty(&self) -> bool {
        self.of_sentence.iter().all(Vec::is_empty)
    }

    /// Every bigram id of sentence `i`, below the document threshold too (ids below
    /// [`Concepts::len`]).
    pub fn all_of(&self, i: usize) -> &[u32] {
        self.all_of_sentence.get(i).map_or(&[], Vec::as_slice)
    }

    /// What the learned concept weights read of bigram `c` (any id below [`Concepts::len`]).
    pub fn stats(&self, c: u32) -> BigramStats {
        self.stats[c as usize]
    }

    /// The two words of bigram `c`, as [`text_bigrams`] makes them ("a b").
    pub fn words(&self, c: u32) -> (&str, &str) {
        let (a, b) = &self.names[c as usize];
        (a, b)
    }

    /// Concepts of sentence `i` (weight above 0).
    pub fn of(&self, i: usize) -> &[u32] {
        &self.of_sentence[i]
    }

    /// Weight of concept `c`.
    pub fn weight(&self, c: u32) -> f32 {
        self.weight[c as usize]
    }

    /// Weight of the concepts of sentence `i` that are not `covered` yet.
    pub fn gain(&self, i: usize, covered: &[bool]) -> f32 {
        self.of_sentence[i]
            .iter()
            .filter(|&&c| !covered[c as usize])
            .map(|&c| self.weight[c as usize])
            .sum()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use triangulate_core::DocId;

    /// The sentences and concepts of made-up documents `texts` (ids 0, 1, ...).
    pub(crate) fn build(texts: &[&str]) -> (SentenceSet, Concepts) {
        let d: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(DocId(i as u32), format!("d{i}"), *t))
            .collect();
        let t: Vec<TextAnalysis> = d.iter().map(triangulate_text::analyze).collect();
        let pairs: Vec<(&Document, &TextAnalysis)> = d.iter().zip(t.iter()).collect();
        let set = SentenceSet::build(&pairs);
        let c = Concepts::build(&pairs, &set, 0);
        (set, c)
    }

    #[test]
    fn shared_bigrams_count_by_documents() {
        let (set, c) = build(&[
            "Russia vetoed the resolution on Tuesday. Rain fell in Geneva.",
            "On Tuesday Russia vetoed a resolution.",
            "Diplomats said Russia vetoed it.",
        ]);
        assert_eq!(set.len(), 4);
        // "russia veto" is in all three documents; "on tuesday" in two.
        let first: Vec<f32> = c.of(0).iter().map(|&k| c.weight(k)).collect();
        assert!(first.contains(&3.0), "{first:?}");
        assert!(first.contains(&2.0), "{first:?}");
        // The Geneva sentence is one document's alone.
        assert!(c.of(1).is_empty());
        let none = vec![false; c.len()];
        assert_eq!(
            c.gain(2, &none),
            c.of(2).iter().map(|&k| c.weight(k)).sum::<f32>()
        );
        let mut all = vec![false; c.len()];
        for &k in c.of(0) {
            all[k as usize] = true;
        }
        assert_eq!(c.gain(2, &all), 0.0);
    }

    #[test]
    fn every_bigram_is_kept_for_redundancy() {
        let (_, c) = build(&[
            "Russia vetoed the resolution on Tuesday. Rain fell in Geneva.",
            "On Tuesday Russia vetoed a resolution.",
        ]);
        // The Geneva sentence has no concept (one document's) but has its bigrams.
        assert!(c.of(1).is_empty());
        assert!(!c.all_of(1).is_empty());
        for i in 0..3 {
            assert!(c.of(i).iter().all(|k| c.all_of(i).contains(k)));
            assert!(c.all_of(i).iter().all(|&k| (k as usize) < c.len()));
        }
        // Sentences with no words in common share no bigram.
        assert!(c.all_of(1).iter().all(|k| !c.all_of(0).contains(k)));
    }

    #[test]
    fn openings_raise_the_concepts_they_hold() {
        let texts = [
            "Rain fell in Geneva. Russia vetoed the resolution on Tuesday.",
            "Russia vetoed a resolution. Rain fell in Geneva on Monday.",
            "Rain fell in Geneva. Diplomats said Russia vetoed it.",
        ];
        let (set, mut c) = build(&texts);
        let (_, plain) = build(&texts);
        c.boost_openings(&set, 1, 0.5);
        // "rain fell" opens documents 0 and 2 (weight 3 + 2 x 0.5); "russia veto" opens
        // document 1 only (3 + 0.5).
        let rain = c.of(0).iter().map(|&k| c.weight(k)).sum::<f32>();
        let rain_plain = plain.of(0).iter().map(|&k| plain.weight(k)).sum::<f32>();
        assert_eq!(
            rain - rain_plain,
            c.of(0).len() as f32 * 1.0,
            "{:?}",
            c.of(0)
        );
        let veto = c.of(2).iter().map(|&k| c.weight(k)).sum::<f32>();
        let veto_plain = plain.of(2).iter().map(|&k| plain.weight(k)).sum::<f32>();
        assert_eq!(
            veto - veto_plain,
            c.of(2).len() as f32 * 0.5,
            "{:?}",
            c.of(2)
        );
    }

    #[test]
    fn long_stop_list_is_lower_case_words() {
        let (file, src) = LONG_STOP;
        for (n, l) in src.lines().enumerate() {
            if l.starts_with('#') {
                continue;
            }
            assert!(
                !l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase() || c == '\''),
                "{file}:{}: {l:?}",
                n + 1
            );
        }
        assert!(long_stop_words().contains("said"));
        assert!(!long_stop_words().contains("russia"));
    }

    #[test]
    fn plain_tokens_are_runs_of_letters_and_digits() {
        let d = Document::new(
            DocId(0),
            "d",
            "Al-Qaida fighters left the U.S. base at 3.30 p.m. on Tuesday.",
        );
        let ta = triangulate_text::analyze(&d);
        let long = ConceptOptions {
            long_stop: true,
            ..Default::default()
        };
        let plain = text_bigrams(
            &ta,
            ConceptOptions {
                plain_tokens: true,
                ..long
            },
        );
        for b in &plain {
            assert!(
                b.split(' ').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{plain:?}"
            );
        }
        assert!(plain.iter().any(|b| b == "al qaida"), "{plain:?}");
        assert!(plain.iter().any(|b| b == "3 30"), "{plain:?}");
        let words = text_bigrams(&ta, long);
        assert!(!words.iter().any(|b| b == "al qaida"), "{words:?}");
    }

    #[test]
    fn one_document_has_no_concepts() {
        let (_, c) = build(&["Russia vetoed the resolution. Russia vetoed the resolution."]);
        assert!(c.is_empty());
    }
}
