//! What the stream stages keep of one document, computed once from its text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use triangulate_core::Document;
use triangulate_text::{analyze, content_key, is_stopword, plain_words, stem, TokenKind};

use crate::furniture::is_furniture;
use crate::hash::{hash_str, mix, IdBuild};
use crate::idf::Prior;
use std::collections::HashMap;

/// Number of MinHash values of a signature.
pub(crate) const MINHASH_LEN: usize = 64;
/// Words per shingle.
const SHINGLE: usize = 3;
/// Salient terms kept per document (by weight).
const MAX_TERMS: usize = 128;
/// Names kept per document (by count).
const MAX_NAMES: usize = 24;
/// Years named in a text that a document keeps (the latest).
const MAX_YEARS: usize = 8;
/// Sentences that count as the lead.
const LEAD_SENTENCES: usize = 3;
/// Words of the body read for terms (the rest of a long article adds little and costs time).
const BODY_WORDS: usize = 600;
/// Fewer content words than this (after furniture is removed): the document says nothing
/// a story can be recognized by.
const MIN_CONTENT_WORDS: usize = 12;
/// A document whose furniture sentences hold at least this share of its content words is
/// a furniture page as a whole (a crawl notice goes on in sentences no phrase names).
const FURNITURE_SHARE: f32 = 0.3;

/// Namespaces of hashed strings.
const NS_TERM: u8 = 1;
const NS_NAME: u8 = 2;

/// What the stream stages keep of one document: computed once (pure), stored with it
/// (serde), and enough to re-create the clusterer's state without the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Features {
    /// [`triangulate_text::content_key`] of the analysis text.
    key: u64,
    /// Publication date.
    date: Option<NaiveDate>,
    /// MinHash signature over word shingles (empty: too short, or all furniture).
    minhash: Vec<u32>,
    /// Salient terms (stem hash, or the hash of a number of two or more digits; weight:
    /// headline 3, lead 2, body 1 per occurrence), sorted by hash.
    terms: Vec<(u64, u32)>,
    /// Names (capitalized words inside a sentence; hash, count), sorted by hash.
    names: Vec<(u64, u32)>,
    /// The year the document tells of: its publication year, else the latest year (1900 to
    /// 2099) its text names. Absent from stores written before it (read as none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    /// The distinct years (1900 to 2099) its text names, sorted (the latest
    /// [`MAX_YEARS`]). Absent from stores written before it (read as none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    years: Vec<u16>,
    /// A furniture page as a whole (its furniture sentences hold a large share of its
    /// words), as opposed to a text merely too short to tell a story by. Absent from stores
    /// written before it (read as false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    page: bool,
}

impl Features {
    /// Key of the normalized text: equal for exact duplicates (whitespace, case, markup
    /// noise); [`triangulate_text::content_key`], the rule `report` drops duplicates by.
    pub fn content_key(&self) -> u64 {
        self.key
    }

    /// Publication date, where known.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    pub(crate) fn minhash(&self) -> &[u32] {
        &self.minhash
    }

    pub(crate) fn terms(&self) -> &[(u64, u32)] {
        &self.terms
    }

    pub(crate) fn names(&self) -> &[(u64, u32)] {
        &self.names
    }

    /// The year the document tells of (its publication year, else the latest year its
    /// text names), where known.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// The distinct years (1900 to 2099) its text names, sorted.
    pub fn years_named(&self) -> &[u16] {
        &self.years
    }

    /// True when the document has nothing to recognize a story by (page furniture, an
    /// empty or very short text): it joins no story and no story joins it.
    pub fn is_furniture(&self) -> bool {
        self.terms.is_empty()
    }

    /// True for a furniture page (a crawl notice, a sign-up box, a 404 page): it belongs to
    /// no story at all (`NO_STORY`), where a text merely too short opens a story of its own.
    pub fn is_furniture_page(&self) -> bool {
        self.page && self.terms.is_empty()
    }
}

/// MinHash of the word shingles of `words`.
fn minhash(words: &[&str]) -> Vec<u32> {
    if words.len() < SHINGLE + 2 {
        return Vec::new();
    }
    let mut sig = [u64::MAX; MINHASH_LEN];
    let word_hashes: Vec<u64> = words.iter().map(|w| hash_str(0, w)).collect();
    for win in word_hashes.windows(SHINGLE) {
        let h = win
            .iter()
            .fold(0u64, |acc, &w| mix(acc.rotate_left(21) ^ w));
        for (i, s) in sig.iter_mut().enumerate() {
            let v = mix(h ^ SEEDS[i]);
            if v < *s {
                *s = v;
            }
        }
    }
    sig.iter().map(|&v| (v >> 32) as u32).collect()
}

/// One fixed seed per MinHash function.
const SEEDS: [u64; MINHASH_LEN] = {
    let mut s = [0u64; MINHASH_LEN];
    let mut i = 0;
    let mut z: u64 = 0x9e37_79b9_7f4a_7c15;
    while i < MINHASH_LEN {
        z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = z;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        s[i] = x ^ (x >> 31);
        i += 1;
    }
    s
};

fn add(map: &mut HashMap<u64, u32, IdBuild>, h: u64, w: u32) {
    *map.entry(h).or_insert(0) += w;
}

/// Keep the `n` heaviest entries (ties by hash), sorted by hash.
fn top(map: HashMap<u64, u32, IdBuild>, n: usize) -> Vec<(u64, u32)> {
    let mut list: Vec<(u64, u32)> = map.into_iter().collect();
    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(n);
    list.sort_unstable();
    list
}

/// True for a word that can be a salient term: has a letter, is no function word, and is
/// longer than one character.
fn is_content(lower: &str) -> bool {
    lower.chars().count() > 1 && lower.chars().any(char::is_alphabetic) && !is_stopword(lower)
}

/// What one pass over a document's sentences gives.
struct Extracted<'a> {
    terms: HashMap<u64, u32, IdBuild>,
    names: HashMap<u64, u32, IdBuild>,
    shingle_words: Vec<&'a str>,
    /// The years (1900 to 2099) the kept sentences name.
    years: Vec<u16>,
    /// Nothing to recognize a story by: too few content words, or a furniture page.
    furniture: bool,
    /// A furniture page (its furniture sentences hold a large share of its words).
    page: bool,
}

/// A number that tells one event from another of its kind (a death toll, an age, a year,
/// a score, a magnitude): two or more digits, not a lone digit nor a long code.
fn is_salient_number(t: &str) -> bool {
    t.bytes().filter(u8::is_ascii_digit).count() >= 2 && t.len() <= 8
}

/// A year of news (1900 to 2099) written as four digits.
fn as_year(t: &str) -> Option<u16> {
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u16 = t.parse().ok()?;
    (1900..2100).contains(&y).then_some(y)
}

fn extract(doc: &Document) -> Extracted<'_> {
    let text = doc.analysis_text();
    let an = analyze(doc);
    let mut e = Extracted {
        terms: HashMap::default(),
        names: HashMap::default(),
        shingle_words: Vec::new(),
        years: Vec::new(),
        furniture: false,
        page: false,
    };
    let mut content_words = 0usize;
    let mut furniture_words = 0usize;
    let mut body_words = 0usize;

    if let Some(title) = doc.meta.title.as_deref() {
        for w in plain_words(title) {
            if is_content(&w) {
                add(&mut e.terms, hash_str(NS_TERM, &stem(&w)), 3);
            }
        }
    }
    let mut kept = 0usize;
    for s in &an.sentences {
        let sentence = &text[s.start as usize..s.end as usize];
        if is_furniture(sentence) {
            furniture_words += an.tokens[s.token_range()]
                .iter()
                .zip(&an.norms[s.token_range()])
                .filter(|(t, n)| t.kind == TokenKind::Word && is_content(n))
                .count();
            continue;
        }
        let weight = if kept < LEAD_SENTENCES { 2 } else { 1 };
        kept += 1;
        let mut first = true;
        for i in s.token_range() {
            let tok = an.tokens[i];
            if tok.kind != TokenKind::Word {
                if tok.kind == TokenKind::Number {
                    let number = tok.text(text);
                    e.shingle_words.push(number);
                    if let Some(y) = as_year(number) {
                        e.years.push(y);
                    }
                    if body_words < BODY_WORDS && is_salient_number(number) {
                        add(&mut e.terms, hash_str(NS_TERM, number), weight);
                    }
                }
                continue;
            }
            let surface = tok.text(text);
            e.shingle_words.push(surface);
            let lower = an.norm_of(i);
            let was_first = std::mem::take(&mut first);
            if !is_content(lower) {
                continue;
            }
            content_words += 1;
            if body_words >= BODY_WORDS {
                continue;
            }
            body_words += 1;
            add(&mut e.terms, hash_str(NS_TERM, &stem(lower)), weight);
            if !was_first && surface.chars().next().is_some_and(char::is_uppercase) {
                add(&mut e.names, hash_str(NS_NAME, lower), 1);
            }
        }
    }
    let furniture_page =
        furniture_words as f32 >= FURNITURE_SHARE * (furniture_words + content_words) as f32;
    e.page = furniture_words > 0 && furniture_page;
    e.furniture = content_words < MIN_CONTENT_WORDS || e.page;
    e
}

/// The distinct terms a document counts for in document frequencies (none for furniture):
/// what `train_idf` learns the idf prior from.
pub fn document_terms(doc: &Document) -> Vec<u64> {
    let e = extract(doc);
    if e.furniture {
        return Vec::new();
    }
    let mut t: Vec<u64> = e.terms.into_keys().collect();
    t.sort_unstable();
    t
}

/// Keep the `n` entries of highest weight times prior idf (ties by hash), sorted by hash.
fn top_salient(map: HashMap<u64, u32, IdBuild>, n: usize) -> Vec<(u64, u32)> {
    let prior = Prior::get();
    let mut list: Vec<(u64, u32, f32)> = map
        .into_iter()
        .map(|(t, w)| (t, w, w as f32 * prior.idf(t)))
        .collect();
    list.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    list.truncate(n);
    let mut out: Vec<(u64, u32)> = list.into_iter().map(|(t, w, _)| (t, w)).collect();
    out.sort_unstable();
    out
}

/// Compute a document's features (pure; linear in the length of its text).
pub fn features(doc: &Document) -> Features {
    let key = content_key(doc.analysis_text());
    let date = doc.meta.published.map(|p| p.date);
    let e = extract(doc);
    if e.furniture {
        return Features {
            key,
            date,
            minhash: Vec::new(),
            terms: Vec::new(),
            names: Vec::new(),
            year: None,
            years: Vec::new(),
            page: e.page,
        };
    }
    let mut years = e.years;
    years.sort_unstable();
    years.dedup();
    let latest_year = years.last().copied();
    // A long list of years is a table or a chronicle: keep the latest ones.
    let years = years.split_off(years.len().saturating_sub(MAX_YEARS));
    let lowered: Vec<String> = e.shingle_words.iter().map(|w| w.to_lowercase()).collect();
    let refs: Vec<&str> = lowered.iter().map(String::as_str).collect();
    Features {
        key,
        date,
        minhash: minhash(&refs),
        terms: top_salient(e.terms, MAX_TERMS),
        names: top(e.names, MAX_NAMES),
        year: date
            .map(|d| chrono::Datelike::year(&d) as u16)
            .or(latest_year),
        years,
        page: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::DocId;

    fn doc(text: &str) -> Document {
        Document::new(DocId(0), "t", text)
    }

    #[test]
    fn content_key_ignores_case_whitespace_and_markup() {
        let a = features(&doc(
            "The mayor <b>opened</b> the new   bridge &amp; the road.",
        ));
        let b = features(&doc("the Mayor opened the new bridge\n the road. "));
        let c = features(&doc("The mayor opened the old bridge and the road."));
        assert_eq!(a.content_key(), b.content_key());
        assert_ne!(a.content_key(), c.content_key());
    }

    #[test]
    fn furniture_only_text_has_no_terms() {
        let f = features(&doc(
            "Please enable JavaScript in your browser to read this page. Sign up for our newsletter today.",
        ));
        assert!(f.is_furniture());
        assert!(f.minhash().is_empty());
    }

    #[test]
    fn numbers_of_two_digits_are_terms() {
        // Two events of one kind told apart by their numbers (issue 10): a count and a year
        // are terms, a lone digit is not.
        let f = features(&doc(
            "Coast guards detained 23 pirates in the gulf on Saturday after a chase of 7 hours. \
             The navy said the boats had been seen near the coast since early 2011.",
        ));
        let has = |w: &str| f.terms().iter().any(|&(t, _)| t == hash_str(NS_TERM, w));
        assert!(has("23"));
        assert!(has("2011"));
        assert!(!has("7"));
        assert!(has(&stem("pirates")));
    }

    #[test]
    fn year_is_the_publication_year_else_the_latest_year_named() {
        let text = "The storm of 1998 was the worst until the floods of 2011 hit the valley. \
                    Farmers in the valley lost their harvest again, the agriculture office said \
                    on Monday, and 1,204 homes were damaged.";
        let f = features(&doc(text));
        assert_eq!(f.year(), Some(2011));
        assert_eq!(f.years_named(), [1998, 2011]);
        let mut dated = doc(text);
        dated.meta.published = Some(triangulate_core::PublishedDate {
            date: NaiveDate::from_ymd_opt(2013, 4, 2).unwrap(),
            basis: triangulate_core::DateBasis::InputField,
        });
        assert_eq!(features(&dated).year(), Some(2013));
        let none = features(&doc(
            "Farmers in the valley lost their harvest again, the agriculture office said on \
             Monday, and many homes were damaged by the water of the river.",
        ));
        assert_eq!(none.year(), None);
        // Stored features from before the year was kept still read.
        let mut json = serde_json::to_value(&f).unwrap();
        json.as_object_mut().unwrap().remove("year");
        let back: Features = serde_json::from_value(json).unwrap();
        assert_eq!(back.year(), None);
    }

    #[test]
    fn serde_round_trip() {
        let f = features(&doc(
            "Firefighters in Oakridge fought a warehouse blaze on Monday night. The fire started \
             in a storage room, officials said. Nobody was hurt, the fire chief Dana Moore said.",
        ));
        assert!(!f.is_furniture());
        let json = serde_json::to_string(&f).unwrap();
        let back: Features = serde_json::from_str(&json).unwrap();
        assert_eq!(f, back);
    }
}
