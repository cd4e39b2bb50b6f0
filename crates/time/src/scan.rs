//! Finding candidates: every rule's regex run over the text, and the checks a pattern cannot
//! say (case of ambiguous month words, ages, seasons, rates, bare months, years, paragraph
//! breaks inside a match).

use crate::normalize;

#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: usize,
    /// Named groups, then `whole` (the match) and `after` (up to 40 bytes after it).
    pub(crate) groups: Vec<normalize::Group>,
}

impl Candidate {
    /// The groups read in `text` (the text the candidate was found in).
    pub(crate) fn caps<'t>(&'t self, text: &'t str) -> normalize::Caps<'t> {
        normalize::Caps {
            text,
            groups: &self.groups,
        }
    }

    /// True if group `name` took part in the match.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.groups.iter().any(|(n, _, _)| *n == name)
    }
}

/// Case rules the patterns cannot say: ambiguous month and weekday words must be capitalized.
pub(crate) fn case_ok(caps: &normalize::Caps) -> bool {
    for name in ["month", "weekday"] {
        if let Some(w) = caps.get(name) {
            let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
            let lower = w.to_lowercase();
            let ambiguous = name == "month" && (w.len() <= 4 || lower == "march");
            if ambiguous && !starts_upper {
                return false;
            }
            if lower.trim_end_matches('.') == "may" && !starts_upper {
                return false;
            }
        }
    }
    true
}

/// Numbers that look like years but are not: "$1990", "1990%", "1990 people".
/// "five-year-old", "a 30 year old": ages, not durations; "a year-earlier loss": the match
/// stops inside a hyphenated word.
pub(crate) fn age_ok(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    let after = rest.trim_start_matches(['-', ' ']);
    !(after.starts_with("old") && !after[3..].starts_with(|c: char| c.is_alphabetic())
        || after.starts_with("olds"))
}

/// Bare "fall" and "spring" are verbs and nouns far more often than seasons.
pub(crate) fn season_ok(caps: &normalize::Caps) -> bool {
    match (caps.get("season"), caps.get("whole")) {
        (Some(s), Some(w)) if s.len() == w.len() => {
            let l = s.to_lowercase();
            !(l == "fall" || l == "spring") || s.starts_with(char::is_uppercase)
        }
        _ => true,
    }
}

/// "$5 a day", "10% a year", "twice a week": rates and frequencies, not durations; "a
/// second" and "three-quarters of" are not time at all.
pub(crate) fn rate_ok(text: &str, start: usize, end: usize, caps: &normalize::Caps) -> bool {
    let Some(num) = caps.get("num") else {
        return true;
    };
    let whole = caps.get("whole").unwrap_or("").to_lowercase();
    if whole.ends_with("quarters") && text[end..].trim_start().starts_with("of ") {
        return false;
    }
    if !(num.eq_ignore_ascii_case("a") || num.eq_ignore_ascii_case("an")) {
        return true;
    }
    let mut from = start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].trim_end().to_lowercase();
    !(before.ends_with(|c: char| c.is_ascii_digit() || c == '%')
        || [
            "percent", "times", "once", "twice", "cents", "dollars", "each",
        ]
        .iter()
        .any(|w| before.ends_with(w)))
}

/// A bare month must be spelled out: "Jan" alone is a name more often than a month.
pub(crate) fn bare_month_ok(caps: &normalize::Caps) -> bool {
    match (caps.get("month"), caps.get("day"), caps.get("year")) {
        (Some(m), None, None) => {
            m.len() > 4
                || m.eq_ignore_ascii_case("may")
                || m.eq_ignore_ascii_case("june")
                || m.eq_ignore_ascii_case("july")
        }
        _ => true,
    }
}

/// A bare month right after a capitalized word that is not a function word is part of a
/// name: "Navy Capt. Burt March", "Prime Minister Theresa May".
pub(crate) fn name_ok(text: &str, start: usize, caps: &normalize::Caps) -> bool {
    if !(caps.get("month").is_some() && caps.get("day").is_none() && caps.get("year").is_none()) {
        return true;
    }
    let before = &text[..start];
    if !before.ends_with(' ') {
        return true;
    }
    let word = before
        .trim_end_matches(' ')
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let bare = word.trim_end_matches('.');
    // A word with a full stop longer than a title's abbreviation ("Capt.", "Gen.") ends a
    // sentence.
    if !bare.starts_with(char::is_uppercase)
        || !bare.chars().all(char::is_alphabetic)
        || (word.ends_with('.') && bare.len() > 4)
    {
        return true;
    }
    const FUNCTION: &[&str] = &[
        "the", "in", "by", "since", "until", "till", "through", "from", "before", "after",
        "during", "on", "of", "and", "or", "but", "last", "next", "this", "that", "early", "late",
        "mid", "every", "each", "to", "for", "at", "as", "around", "about", "between", "into",
        "then", "when", "past",
    ];
    let lower = bare.to_lowercase();
    FUNCTION.contains(&lower.as_str())
        || crate::rules::get().table("month").contains(&lower)
        || crate::rules::get().table("weekday").contains(&lower)
}

pub(crate) fn year_ok(text: &str, start: usize, end: usize, caps: &normalize::Caps) -> bool {
    if caps.get("year").is_none() || caps.get("month").is_some() || caps.get("mon").is_some() {
        return true;
    }
    let mut from = start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].trim_end();
    if before.ends_with(['$', '#', '£', '€']) || before.ends_with("No.") {
        return false;
    }
    let after = text[end..].trim_start();
    !(after.starts_with('%')
        || after.starts_with("percent")
        || after.starts_with(['-', '.', ','])
            && after[1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Every match of every rule that passes the checks the patterns cannot say, on `hay` (the
/// text or its ASCII stand-in, of the same length) with `regexes` (ASCII or Unicode, in
/// rule order); groups are read in `text`. `None` if a group does not fall on character
/// boundaries of `text` (the stand-in did not stand in).
pub(crate) fn scan(
    text: &str,
    hay: &str,
    regexes: &[&regex_automata::meta::Regex],
) -> Option<Vec<Candidate>> {
    let mut cands: Vec<Candidate> = Vec::new();
    for (ri, re) in regexes.iter().enumerate() {
        for c in re.captures_iter(hay) {
            let m = c.get_match().expect("a match");
            let (s, e) = (m.start(), m.end());
            if s == e {
                continue;
            }
            let mut groups: Vec<normalize::Group> = normalize::GROUPS
                .iter()
                .filter_map(|g| c.get_group_by_name(g).map(|x| (*g, x.start, x.end)))
                .collect();
            if groups
                .iter()
                .any(|&(_, gs, ge)| !text.is_char_boundary(gs) || !text.is_char_boundary(ge))
                || !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
            {
                return None;
            }
            let whole = &text[s..e];
            // The match must not end inside a word.
            if whole.ends_with(|c: char| c.is_alphanumeric())
                && text[e..].starts_with(|c: char| c.is_alphanumeric())
            {
                continue;
            }
            groups.push(("whole", s, e));
            let mut after_end = (e + 40).min(text.len());
            while !text.is_char_boundary(after_end) {
                after_end -= 1;
            }
            groups.push(("after", e, after_end));
            let caps = normalize::Caps {
                text,
                groups: &groups,
            };
            if !rate_ok(text, s, e, &caps) || !bare_month_ok(&caps) || !name_ok(text, s, &caps) {
                continue;
            }
            if !case_ok(&caps)
                || !year_ok(text, s, e, &caps)
                || !age_ok(text, e)
                || !season_ok(&caps)
            {
                continue;
            }
            cands.push(Candidate {
                start: s,
                end: e,
                rule: ri,
                groups,
            });
        }
    }
    Some(cands)
}

/// True if `s` holds a paragraph break: two line breaks with only white space between.
pub(crate) fn crosses_paragraph(s: &str) -> bool {
    let mut after_break = false;
    for c in s.chars() {
        if c == '\n' {
            if after_break {
                return true;
            }
            after_break = true;
        } else if !c.is_whitespace() {
            after_break = false;
        }
    }
    false
}
