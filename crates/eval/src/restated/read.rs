//! The restated generator's own reader: words and values straight from a document's text,
//! without the analysis crates (so the generator shares no reading with the finder).

/// A run of letters or digits, or one other visible character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Lower-cased text.
    pub low: String,
    /// Its first character is an upper-case letter.
    pub cap: bool,
}

impl Tok {
    fn is_digits(&self) -> bool {
        self.low.bytes().all(|b| b.is_ascii_digit())
    }
    fn is_word(&self) -> bool {
        self.low.chars().all(char::is_alphabetic)
    }
}

/// Split `text` into tokens.
pub(crate) fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit();
            while let Some(&(j, d)) = it.peek() {
                // Letters and digits are separate runs ("12pm" -> "12", "pm").
                if d.is_alphanumeric() && d.is_ascii_digit() == digit {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        }
        let s = &text[i..end];
        out.push(Tok {
            start: i,
            end,
            low: s.to_lowercase(),
            cap: c.is_uppercase(),
        });
    }
    out
}

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A count, an amount, a percentage or a duration written in digits.
    Number,
    /// A number written in words ("twelve", "eighty-five").
    Words,
    /// An age: the number of "N-year-old".
    Age,
    /// The day of a date after its month ("March 5").
    Day,
    /// A year.
    Year,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Words => "words",
            Kind::Age => "age",
            Kind::Day => "day",
            Kind::Year => "year",
        }
    }
}

/// A value stated in a document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    pub kind: Kind,
    /// Byte range of the words to change.
    pub start: usize,
    pub end: usize,
    /// The value read ("1,200" -> 1200, "eighty-five" -> 85).
    pub value: f64,
    /// The word that follows it (for a day, its month): with the value, what two documents
    /// must both state.
    pub next: String,
    /// Index of its first and last token.
    pub first: usize,
    pub last: usize,
}

const MONTHS: [(&str, u8); 23] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
];

fn is_month(w: &str) -> bool {
    MONTHS.iter().any(|(m, _)| *m == w) || w == "dec"
}

/// Words after which a number is a bound or one end of a range: changing it may leave the
/// statements compatible ("more than 100" and "more than 300").
const BOUNDS: [&str; 12] = [
    "than",
    "over",
    "under",
    "least",
    "most",
    "to",
    "between",
    "from",
    "and",
    "or",
    "upwards",
    "exceeding",
];

/// Words before a number that make it a name or a label, not a quantity.
const LABELS: [&str; 24] = [
    "chapter",
    "section",
    "article",
    "route",
    "flight",
    "no",
    "number",
    "episode",
    "season",
    "page",
    "room",
    "interstate",
    "highway",
    "amendment",
    "title",
    "apartment",
    "unit",
    "suite",
    "district",
    "precinct",
    "grade",
    "level",
    "category",
    "version",
];

/// Words after a number that make it an address.
const STREETS: [&str; 14] = [
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "lane",
    "block",
    "way",
    "place",
    "court",
];

/// Words that tell nothing of what a number counts.
pub(crate) const STOP: [&str; 64] = [
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "with",
    "from", "as", "is", "was", "were", "are", "be", "been", "that", "this", "it", "its", "he",
    "she", "they", "we", "i", "you", "his", "her", "their", "our", "said", "says", "who", "which",
    "than", "more", "less", "after", "before", "when", "while", "per", "not", "no", "have", "has",
    "had", "will", "would", "also", "about", "into", "out", "up", "so", "if", "s", "t",
];

const SCALES: [&str; 5] = ["thousand", "million", "billion", "trillion", "hundred"];

const UNITS_WORDS: [(&str, u32); 19] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("one", 1),
];

const TENS_WORDS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

fn unit_word(w: &str) -> Option<u32> {
    UNITS_WORDS.iter().find(|(u, _)| *u == w).map(|p| p.1)
}
fn tens_word(w: &str) -> Option<u32> {
    TENS_WORDS.iter().find(|(u, _)| *u == w).map(|p| p.1)
}

/// `n` (1-99) in words, as "eighty-five".
pub(crate) fn words_of(n: u32) -> String {
    let units = |k: u32| UNITS_WORDS.iter().find(|p| p.1 == k).map(|p| p.0);
    let tens = |k: u32| TENS_WORDS.iter().find(|p| p.1 == k).map(|p| p.0);
    if n < 20 {
        return units(n).unwrap_or("zero").to_string();
    }
    match (tens(n / 10 * 10), n % 10) {
        (Some(t), 0) => t.to_string(),
        (Some(t), u) => format!("{t}-{}", units(u).unwrap_or("")),
        (None, _) => n.to_string(),
    }
}

fn adjacent(a: &Tok, b: &Tok) -> bool {
    a.end == b.start
}

/// A number in digits starting at token `i` ("1,200", "1.5", "12"): its value and last
/// token, or `None`.
fn digits_at(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let first = &t[i];
    if !first.is_digits() || (first.low.len() > 1 && first.low.starts_with('0')) {
        return None;
    }
    let mut s = first.low.clone();
    let mut k = i;
    // Thousands groups: "1,200,000" (the separator touches both sides).
    while k + 2 < t.len()
        && t[k + 1].low == ","
        && adjacent(&t[k], &t[k + 1])
        && adjacent(&t[k + 1], &t[k + 2])
        && t[k + 2].is_digits()
        && t[k + 2].low.len() == 3
    {
        s.push_str(&t[k + 2].low);
        k += 2;
    }
    if k + 2 < t.len()
        && t[k + 1].low == "."
        && adjacent(&t[k], &t[k + 1])
        && adjacent(&t[k + 1], &t[k + 2])
        && t[k + 2].is_digits()
    {
        s.push('.');
        s.push_str(&t[k + 2].low);
        k += 2;
    }
    // Glued to more digits or letters in odd ways ("3,45", "1.2.3", "4/5", "7:30", "3-2"):
    // not a quantity.
    if let Some(n) = t.get(k + 1) {
        let glued = adjacent(&t[k], n) && matches!(n.low.as_str(), "," | "." | "/" | ":" | "-");
        if glued
            && t.get(k + 2)
                .is_some_and(|m| adjacent(n, m) && m.is_digits())
        {
            return None;
        }
    }
    if i > 0 && adjacent(&t[i - 1], first) && matches!(t[i - 1].low.as_str(), "/" | ":" | "." | "#")
    {
        return None;
    }
    s.parse().ok().map(|v| (v, k))
}

/// A number in words at token `i` ("twelve", "eighty-five", "eighty five"): value and last
/// token.
fn words_at(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let w = t[i].low.as_str();
    if let Some(v) = tens_word(w) {
        // "eighty-five" / "eighty five"
        let mut k = i + 1;
        if t.get(k).is_some_and(|h| h.low == "-") {
            k += 1;
        }
        if let Some(u) = t.get(k).and_then(|u| unit_word(&u.low)).filter(|u| *u < 10) {
            return Some(((v + u) as f64, k));
        }
        return Some((v as f64, i));
    }
    unit_word(w).map(|v| (v as f64, i))
}

/// Every value of a document whose change a reader would see: not a bound, not one end of
/// a range, not a label or an address, not a fraction of a time or a score.
pub(crate) fn values(t: &[Tok]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some(v) = value_at(t, i) {
            i = v.last + 1;
            out.push(v);
        } else {
            i += 1;
        }
    }
    out
}

fn low(t: &[Tok], i: usize) -> &str {
    t.get(i).map_or("", |x| x.low.as_str())
}

fn value_at(t: &[Tok], i: usize) -> Option<Value> {
    let prev = if i > 0 { low(t, i - 1) } else { "" };
    let prev2 = if i > 1 { low(t, i - 2) } else { "" };
    let currency = matches!(prev, "$" | "£" | "€");
    let before = if currency { prev2 } else { prev };
    // "more than 100", "at least 5", "up to $ 20": bounds.
    if BOUNDS.contains(&before) {
        return None;
    }
    if LABELS.contains(&before) || before == "#" || before == "-" {
        return None;
    }
    // A date's day: "March 5".
    if is_month(prev) || (prev == "." && is_month(prev2)) {
        let (v, k) = digits_at(t, i)?;
        if k == i && (1.0..=31.0).contains(&v) && t[i].low.len() <= 2 {
            let month = if prev == "." { prev2 } else { prev };
            let month = MONTHS.iter().find(|(m, _)| *m == month).map_or(12, |p| p.1);
            return Some(Value {
                kind: Kind::Day,
                start: t[i].start,
                end: t[i].end,
                value: v,
                next: format!("month{month}"),
                first: i,
                last: i,
            });
        }
        return None;
    }
    let (v, k, kind) = if let Some((v, k)) = digits_at(t, i) {
        // Digits glued to letters are a rank, a name or a label, not a quantity: "the 115th
        // congress", "the 49ers", "G7", "12pm", "10km" (a unit glued on is skipped too).
        let glued = |a: &Tok, b: &Tok| adjacent(a, b) && (a.is_word() || b.is_word());
        if t.get(k + 1).is_some_and(|n| glued(&t[k], n)) || (i > 0 && glued(&t[i - 1], &t[i])) {
            return None;
        }
        let year = k == i && t[i].low.len() == 4 && (1900.0..=2100.0).contains(&v) && !currency;
        (v, k, if year { Kind::Year } else { Kind::Number })
    } else if let Some((v, k)) = words_at(t, i) {
        (v, k, Kind::Words)
    } else {
        return None;
    };
    // "0" and "1" rarely count anything ("1 person", "one of"); "1.2" may.
    if v < 2.0 && v.fract() == 0.0 {
        return None;
    }
    // After the number: a scale word, a percent sign, then the word it counts.
    let mut n = k + 1;
    while SCALES.contains(&low(t, n)) {
        n += 1;
    }
    let next_tok = t.get(n)?;
    let next = next_tok.low.as_str();
    // One end of a range or a score: "5 to 9", "5-9", "5 or 6", "3 of 4".
    if matches!(next, "to" | "-" | "or" | "and" | "/" | "of" | "x" | ":")
        && t.get(n + 1).is_some_and(|x| {
            x.is_digits() || unit_word(&x.low).is_some() || tens_word(&x.low).is_some()
        })
    {
        return None;
    }
    // An address: "434 maple avenue".
    if (n..n + 3).any(|j| STREETS.contains(&low(t, j))) {
        return None;
    }
    // "85-year-old"
    if next == "-" && low(t, n + 1) == "year" && low(t, n + 2) == "-" && low(t, n + 3) == "old" {
        if kind == Kind::Words {
            return None;
        }
        return Some(Value {
            kind: Kind::Age,
            start: t[i].start,
            end: t[k].end,
            value: v,
            next: "year-old".into(),
            first: i,
            last: n + 3,
        });
    }
    // An amount: the currency sign and the scale say what it is ("$ 1.2 billion").
    if currency && kind == Kind::Number {
        let scales: Vec<&str> = (k + 1..n).map(|j| t[j].low.as_str()).collect();
        return Some(Value {
            kind,
            start: t[i].start,
            end: t[k].end,
            value: v,
            next: format!("{prev}{}", scales.join(" ")),
            first: i,
            last: k,
        });
    }
    let counted = next == "%"
        || (next_tok.is_word()
            && next.chars().count() > 1
            && !STOP.contains(&next)
            && !STREETS.contains(&next)
            && !is_month(next)
            && !next_tok.cap);
    if !counted {
        return None;
    }
    let next = if next == "percent" { "%" } else { next };
    Some(Value {
        kind,
        start: t[i].start,
        end: t[k].end,
        value: v,
        next: next.to_string(),
        first: i,
        last: k,
    })
}

/// Content words (not stop words, at least four letters) within `w` tokens of tokens
/// `first..=last`, but not crossing a sentence's end.
pub(crate) fn context(t: &[Tok], first: usize, last: usize, w: usize) -> Vec<&str> {
    let ends = |x: &Tok| matches!(x.low.as_str(), "." | "!" | "?" | "|");
    let mut out = Vec::new();
    let mut k = first;
    let lo = first.saturating_sub(w);
    while k > lo {
        k -= 1;
        if ends(&t[k]) && !(k > 0 && t[k - 1].is_digits() && adjacent(&t[k - 1], &t[k])) {
            break;
        }
        out.push(t[k].low.as_str());
    }
    for x in t.iter().skip(last + 1).take(w) {
        if ends(x) {
            break;
        }
        out.push(x.low.as_str());
    }
    out.retain(|s| {
        s.chars().count() >= 4
            && s.chars().all(char::is_alphabetic)
            && !STOP.contains(s)
            && !is_month(s)
    });
    out.sort_unstable();
    out.dedup();
    out
}

/// How many numbers in digits `t` holds ("1,200" and "1.5" are one each).
pub(crate) fn count_numbers(t: &[Tok]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < t.len() {
        if t[i].is_digits() {
            n += 1;
            i = digits_at(t, i).map_or(i, |(_, k)| k) + 1;
        } else {
            i += 1;
        }
    }
    n
}
