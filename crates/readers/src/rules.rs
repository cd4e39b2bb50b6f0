//! Reader rules as data: boilerplate patterns, dateline forms and outlet names from
//! `resources/en/readers/`, compiled in and validated at first use with `file:line` errors.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use triangulate_text::data_lines;

use regex::Regex;
use triangulate_core::BoilerplateKind;

/// A malformed line in a reader rule file: the error of every resource file ([`triangulate_text::LexiconError`]).
pub use triangulate_text::LexiconError as RuleError;

/// One boilerplate pattern.
#[derive(Debug)]
pub struct BoilerplateRule {
    /// What a matching line is.
    pub kind: BoilerplateKind,
    /// True for `start:KIND` rules: matched at the start of the document, covering only the
    /// match.
    pub at_start: bool,
    /// True for `inline:KIND` rules: matched anywhere in a line, each match covering only
    /// itself (a caption sentence, "(published Sunday, Feb. 5, 2017)").
    pub inline: bool,
    /// The pattern, matched case-insensitively against a whole trimmed line, or (if
    /// `at_start`) the start of the document, or (if `inline`) anywhere in a line.
    pub pattern: String,
    /// Beginnings (as written) one of which every match starts with, in some case; `None`
    /// if the pattern has no such short list.
    gate: Option<Vec<String>>,
    /// Words (ASCII lower case) one of which every match contains somewhere; `None` if the
    /// pattern has no such list. Checked before the pattern is compiled, so a process
    /// compiles only the patterns whose words its text holds.
    needs: Option<Vec<String>>,
    /// Compiled on first need (most lines fail the gate of most rules).
    re: OnceLock<regex_automata::meta::Regex>,
}

impl BoilerplateRule {
    fn new(kind: BoilerplateKind, at_start: bool, pattern: &str) -> Result<Self, String> {
        // Parsed as written (the patterns are lower case), not case-insensitively: that would
        // spell out every case of every letter and leave too many beginnings to list;
        // `may_match` compares them ignoring ASCII case instead.
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        let anchored = hir
            .properties()
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start);
        let gate = anchored
            .then(|| {
                let seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
                let mut lits: Vec<String> = Vec::new();
                for l in seq.literals()? {
                    // A literal cut short inside a character: its whole characters.
                    let lit = match std::str::from_utf8(l.as_bytes()) {
                        Ok(t) => t,
                        Err(e) => std::str::from_utf8(&l.as_bytes()[..e.valid_up_to()]).ok()?,
                    };
                    if lit.is_empty() || !lit.chars().all(caseless_or_ascii) {
                        return None;
                    }
                    lits.push(lit.to_ascii_lowercase());
                }
                lits.sort();
                lits.dedup();
                Some(lits)
            })
            .flatten();
        Ok(BoilerplateRule {
            kind,
            at_start,
            inline: false,
            pattern: pattern.to_string(),
            gate,
            needs: required_words(&hir),
            re: OnceLock::new(),
        })
    }

    /// False only if the rule cannot match `text`: it does not begin, in any case, as every
    /// match does, or it holds none of the words every match holds (`lower` is `text` in
    /// ASCII lower case, see [`Lowered`]).
    fn may_match(&self, text: &str, lower: &Lowered) -> bool {
        self.gate
            .as_ref()
            .is_none_or(|g| g.iter().any(|l| begins_with(text, l)))
            && self.needs.as_ref().is_none_or(|w| lower.contains_any(w))
    }

    /// The compiled pattern (see `boilerplate_regex`).
    pub fn regex(&self) -> &regex_automata::meta::Regex {
        self.re.get_or_init(|| {
            self.compile()
                .expect("resources/en/readers patterns compile (tested)")
        })
    }

    /// Compile the pattern: line and start rules with [`boilerplate_regex`]; inline rules,
    /// which scan whole texts, with the lazy DFA too.
    fn compile(&self) -> Result<regex_automata::meta::Regex, String> {
        if !self.inline {
            return boilerplate_regex(&self.pattern);
        }
        regex_automata::meta::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
            .build(&self.pattern)
            .map_err(|e| e.to_string())
    }
}

/// The reader rules.
#[derive(Debug)]
pub struct Rules {
    /// Boilerplate line patterns, in file order.
    pub boilerplate: Vec<BoilerplateRule>,
    /// Dateline patterns with `place` / `outlet` groups, in file order.
    pub datelines: Vec<Regex>,
    /// Host (without `www.`) → outlet name.
    pub hosts: BTreeMap<String, String>,
    /// Dateline tag ("AP") → outlet name.
    pub tags: BTreeMap<String, String>,
    /// Capitalized kicker labels that look like dateline places but are not ("EXCLUSIVE").
    pub not_places: BTreeSet<String>,
}

pub(crate) const BOILERPLATE: (&str, &str) = (
    "resources/en/readers/boilerplate.txt",
    include_str!("../../../resources/en/readers/boilerplate.txt"),
);
pub(crate) const DATELINES: (&str, &str) = (
    "resources/en/readers/datelines.txt",
    include_str!("../../../resources/en/readers/datelines.txt"),
);
pub(crate) const OUTLETS: (&str, &str) = (
    "resources/en/readers/outlets.txt",
    include_str!("../../../resources/en/readers/outlets.txt"),
);

/// Parse a boilerplate kind name as written in the rule files.
pub(crate) fn kind_from_name(name: &str) -> Option<BoilerplateKind> {
    Some(match name {
        "caption" => BoilerplateKind::Caption,
        "date-marker" => BoilerplateKind::DateMarker,
        "credit" => BoilerplateKind::Credit,
        "navigation" => BoilerplateKind::Navigation,
        "headline" => BoilerplateKind::Headline,
        "dateline" => BoilerplateKind::Dateline,
        "url" => BoilerplateKind::Url,
        "wire-marker" => BoilerplateKind::WireMarker,
        _ => return None,
    })
}

/// True for an ASCII character, or one that no other character matches case-insensitively.
fn caseless_or_ascii(c: char) -> bool {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    c.is_ascii() || class.ranges() == [ClassUnicodeRange::new(c, c)]
}

/// True if `text` begins with `lit` (ASCII letters and caseless characters) as a
/// case-insensitive pattern sees it: ASCII letters in any case, `k` also as the Kelvin sign
/// and `s` as the long s (the only other characters that case-fold to ASCII).
fn begins_with(text: &str, lit: &str) -> bool {
    let mut t = text.chars();
    lit.chars().all(|lc| {
        t.next().is_some_and(|tc| {
            tc.eq_ignore_ascii_case(&lc)
                || tc == '\u{212A}' && lc.eq_ignore_ascii_case(&'k')
                || tc == '\u{17F}' && lc.eq_ignore_ascii_case(&'s')
        })
    })
}

/// Literals (ASCII lower case) one of which every match of `hir` holds, or `None`: in a
/// sequence, the best list of any of its parts (the one whose shortest word is longest,
/// then the shorter list); in an alternation, the union of every branch's list (none if a
/// branch has none); a repetition passes on its part's list only if it repeats at least
/// once. `hir` is parsed as written (lower case), the pattern matched ignoring case: a
/// literal with a character other case-folds to (other than ASCII) gives no list.
fn required_words(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::HirKind;
    let mut words = match hir.kind() {
        HirKind::Literal(l) => {
            let t = std::str::from_utf8(&l.0).ok()?;
            if t.is_empty() || !t.chars().all(caseless_or_ascii) {
                return None;
            }
            vec![t.to_ascii_lowercase()]
        }
        HirKind::Capture(c) => required_words(&c.sub)?,
        HirKind::Repetition(r) if r.min >= 1 => required_words(&r.sub)?,
        HirKind::Concat(parts) => parts.iter().filter_map(required_words).max_by_key(|w| {
            let shortest = w.iter().map(String::len).min().unwrap_or(0);
            (shortest, std::cmp::Reverse(w.len()))
        })?,
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required_words(b)?);
            }
            all
        }
        _ => return None,
    };
    words.sort();
    words.dedup();
    Some(words)
}

/// A text in ASCII lower case, made once for all the rules that look into it; characters
/// that case-fold to an ASCII letter from outside ASCII (the Kelvin sign, the long s) make
/// every word count as present.
pub(crate) struct Lowered {
    text: String,
    odd_fold: bool,
}

impl Lowered {
    pub(crate) fn new(text: &str) -> Lowered {
        Lowered {
            text: text.to_ascii_lowercase(),
            odd_fold: text.contains(['\u{212A}', '\u{17F}']),
        }
    }

    fn contains_any(&self, words: &[String]) -> bool {
        self.odd_fold || words.iter().any(|w| self.text.contains(w.as_str()))
    }
}

/// A boilerplate pattern, case-insensitive, matching as `regex::Regex` would. Built without
/// the lazy DFA and its reverse NFA, which were half of the compile time (the bounded
/// repetitions of `.` make large automata), and without the bounded backtracker, which
/// clears a bitmap of line length times automaton size on every search: lines are short (at
/// most 400 bytes) and most fail at their first words, where the one-pass and Pike VM
/// engines stop as early.
pub(crate) fn boilerplate_regex(pat: &str) -> Result<regex_automata::meta::Regex, String> {
    use regex_automata::meta::Regex as Meta;
    Meta::builder()
        .configure(
            Meta::config()
                .hybrid(false)
                .backtrack(false)
                .nfa_size_limit(Some(1 << 22)),
        )
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
        .build(pat)
        .map_err(|e| e.to_string())
}

impl Rules {
    /// Parse the compiled-in rule files, reporting the first bad line; boilerplate patterns
    /// are parsed, not yet compiled.
    pub fn parse() -> Result<Rules, RuleError> {
        let (file, src) = BOILERPLATE;
        let mut boilerplate = Vec::new();
        for (line, l) in data_lines(src) {
            let err = |message: String| RuleError {
                file,
                line,
                message,
            };
            let (kind, pat) = l
                .split_once('\t')
                .ok_or_else(|| err("expected KIND<TAB>REGEX".into()))?;
            let (at_start, kind) = match kind.strip_prefix("start:") {
                Some(k) => (true, k),
                None => (false, kind),
            };
            let (inline, kind) = match kind.strip_prefix("inline:") {
                Some(k) => (true, k),
                None => (false, kind),
            };
            let kind = kind_from_name(kind).ok_or_else(|| err(format!("unknown kind {kind:?}")))?;
            let mut rule = BoilerplateRule::new(kind, at_start, pat).map_err(err)?;
            rule.inline = inline;
            boilerplate.push(rule);
        }
        let (file, src) = DATELINES;
        let mut datelines = Vec::new();
        let mut not_places = BTreeSet::new();
        for (line, l) in data_lines(src) {
            if let Some(label) = l.strip_prefix("not-place\t") {
                not_places.insert(label.trim().to_string());
                continue;
            }
            let re = Regex::new(l).map_err(|e| RuleError {
                file,
                line,
                message: e.to_string(),
            })?;
            if !re
                .capture_names()
                .flatten()
                .any(|n| n == "place" || n == "outlet")
            {
                return Err(RuleError {
                    file,
                    line,
                    message: "a dateline pattern needs a `place` or `outlet` group".into(),
                });
            }
            datelines.push(re);
        }
        let (file, src) = OUTLETS;
        let mut hosts = BTreeMap::new();
        let mut tags = BTreeMap::new();
        for (line, l) in data_lines(src) {
            let fields: Vec<&str> = l.split('\t').collect();
            match fields.as_slice() {
                ["tag", tag, name] if !tag.is_empty() && !name.is_empty() => {
                    tags.insert(tag.to_string(), name.to_string());
                }
                [host, name]
                    if !name.is_empty()
                        && host.contains('.')
                        && *host == host.to_lowercase()
                        && !host.starts_with("www.") =>
                {
                    hosts.insert(host.to_string(), name.to_string());
                }
                _ => {
                    return Err(RuleError {
                        file,
                        line,
                        message: "expected HOST<TAB>NAME (lower-case host without www.) or tag<TAB>TAG<TAB>NAME".into(),
                    })
                }
            }
        }
        Ok(Rules {
            boilerplate,
            datelines,
            hosts,
            tags,
            not_places,
        })
    }

    /// [`Rules::parse`], then compile every boilerplate pattern (which [`Rules::get`] does
    /// only on first need), reporting the first that fails.
    pub fn load() -> Result<Rules, RuleError> {
        let rules = Rules::parse()?;
        let (file, src) = BOILERPLATE;
        let lines = data_lines(src).map(|(line, _)| line);
        for (rule, line) in rules.boilerplate.iter().zip(lines) {
            let re = rule.compile().map_err(|message| RuleError {
                file,
                line,
                message,
            })?;
            let _ = rule.re.set(re);
        }
        Ok(rules)
    }

    /// The compiled-in rules, boilerplate patterns compiled on first need. They are checked
    /// by this crate's tests ([`Rules::load`]), so a failure here is a build defect, not bad
    /// input.
    pub fn get() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::parse().expect("resources/en/readers rules are valid (tested)"))
    }

    /// The kind of a boilerplate line (trimmed), and the date it states if it is a date marker.
    pub fn classify_line<'a>(&self, line: &'a str) -> Option<(BoilerplateKind, Option<&'a str>)> {
        if line.len() > 400 {
            return None;
        }
        let lower = Lowered::new(line);
        self.boilerplate
            .iter()
            .filter(|r| !r.at_start && !r.inline)
            .filter(|r| r.may_match(line, &lower))
            .find_map(|r| {
                let re = r.regex();
                let mut c = re.create_captures();
                re.captures(line, &mut c);
                c.is_match().then(|| {
                    let date = c.get_group_by_name("date").map(|m| &line[m.range()]);
                    (r.kind, date)
                })
            })
    }

    /// A partial-line marker at the start of `text` (already trimmed at its start): its kind,
    /// its length in bytes, and the date it states.
    pub fn classify_start<'a>(
        &self,
        text: &'a str,
    ) -> Option<(BoilerplateKind, usize, Option<&'a str>)> {
        let head = &text[..floor_boundary(text, 400)];
        let lower = Lowered::new(head);
        self.boilerplate
            .iter()
            .filter(|r| r.at_start)
            .filter(|r| r.may_match(head, &lower))
            .find_map(|r| {
                let re = r.regex();
                let mut c = re.create_captures();
                re.captures(head, &mut c);
                let end = c.get_match()?.end();
                let date = c.get_group_by_name("date").map(|m| &head[m.range()]);
                Some((r.kind, end, date))
            })
    }

    /// The inline marks of one line (`inline:KIND` rules): byte ranges into `line` and
    /// kinds, in order, non-overlapping (an earlier start wins, then an earlier rule).
    pub fn classify_inline(&self, line: &str) -> Vec<(std::ops::Range<usize>, BoilerplateKind)> {
        let mut found: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        let lower = Lowered::new(line);
        for (i, r) in self
            .boilerplate
            .iter()
            .enumerate()
            .filter(|(_, r)| r.inline && r.may_match(line, &lower))
        {
            found.extend(r.regex().find_iter(line).map(|m| {
                // Without the white space a match may start or end with.
                let t = &line[m.range()];
                let start = m.start() + (t.len() - t.trim_start().len());
                (start..m.start() + t.trim_end().len(), i)
            }));
        }
        found.sort_by_key(|(m, i)| (m.start, *i));
        let mut out: Vec<(std::ops::Range<usize>, BoilerplateKind)> = Vec::new();
        for (m, i) in found {
            if m.is_empty() || out.last().is_some_and(|(p, _)| p.end > m.start) {
                continue;
            }
            out.push((m, self.boilerplate[i].kind));
        }
        out
    }

    /// Dateline at the start of `para`: (place, outlet, length of the matched prefix).
    pub fn dateline<'a>(&self, para: &'a str) -> Option<(Option<&'a str>, Option<&'a str>, usize)> {
        self.datelines.iter().find_map(|re| {
            let c = re.captures(para)?;
            let place = c.name("place").map(|m| m.as_str().trim());
            if place.is_some_and(|p| self.not_places.contains(p)) {
                return None;
            }
            let outlet = c.name("outlet").map(|m| m.as_str().trim());
            Some((place, outlet, c.get(0)?.end()))
        })
    }

    /// The outlet a URL's host stands for: a known name, or the host itself.
    pub fn outlet_of_url(&self, url: &str) -> Option<String> {
        self.known_outlet_of_url(url).or_else(|| host_of(url))
    }

    /// The outlet name of a URL's host if the host list knows it (subdomains included).
    pub fn known_outlet_of_url(&self, url: &str) -> Option<String> {
        let host = host_of(url)?;
        let mut h = host.as_str();
        loop {
            if let Some(name) = self.hosts.get(h) {
                return Some(name.clone());
            }
            match h.split_once('.') {
                Some((_, rest)) if rest.contains('.') => h = rest,
                _ => return None,
            }
        }
    }

    /// The outlet name for a dateline tag ("AP" → "Associated Press"); other tags as written.
    pub fn outlet_of_tag(&self, tag: &str) -> String {
        self.tags
            .get(tag)
            .cloned()
            .unwrap_or_else(|| tag.to_string())
    }
}

/// The largest char boundary of `s` not above `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lower-case host of a URL, without `www.` and port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.contains(char::is_whitespace)).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples(src: &str) -> Vec<(&str, &str)> {
        src.lines()
            .filter_map(|l| l.strip_prefix("# EXAMPLE: "))
            .map(|l| l.split_once(" => ").or_else(|| l.split_once(": ")).unwrap())
            .collect()
    }

    #[test]
    fn rules_load() {
        let r = Rules::load().unwrap();
        assert!(r.boilerplate.len() > 5);
        assert!(r.datelines.len() >= 3);
        assert!(r.hosts.contains_key("reuters.com"));
    }

    #[test]
    fn boilerplate_examples_hold() {
        let r = Rules::get();
        let ex = examples(BOILERPLATE.1);
        assert!(ex.len() >= 8);
        for (kind, line) in ex {
            if let Some(k) = kind.strip_prefix("start:") {
                let got = r.classify_start(line).map(|(k, _, _)| k);
                assert_eq!(got, kind_from_name(k), "{line}");
                continue;
            }
            if let Some(k) = kind.strip_prefix("inline:") {
                // `inline:KIND: text [[marked words]] text`: exactly the bracketed words.
                let (before, rest) = line.split_once("[[").expect("[[ in inline example");
                let (marked, after) = rest.split_once("]]").expect("]] in inline example");
                let plain = format!("{before}{marked}{after}");
                let got = r.classify_inline(&plain);
                let want = (
                    before.len()..before.len() + marked.len(),
                    kind_from_name(k).unwrap(),
                );
                assert_eq!(got, vec![want], "{line}");
                assert_eq!(r.classify_line(&plain), None, "{line}");
                continue;
            }
            let got = r.classify_line(line).map(|(k, _)| k);
            assert_eq!(got, kind_from_name(kind), "{line}");
            if kind == "none" {
                assert_eq!(r.classify_inline(line), vec![], "{line}");
            }
        }
        let (_, date) = r.classify_line("Updated 08 November 2017").unwrap();
        assert_eq!(date, Some("08 November 2017"));
    }

    #[test]
    fn dateline_examples_hold() {
        let r = Rules::get();
        let ex: Vec<(&str, &str)> = DATELINES
            .1
            .lines()
            .filter_map(|l| l.strip_prefix("# EXAMPLE: "))
            .map(|l| l.split_once(" => ").unwrap())
            .collect();
        assert!(ex.len() >= 5);
        for (text, want) in ex {
            let got = match r.dateline(text) {
                None => "none".to_string(),
                Some((p, o, _)) => {
                    let mut parts = Vec::new();
                    if let Some(p) = p {
                        parts.push(format!("place={p}"));
                    }
                    if let Some(o) = o {
                        parts.push(format!("outlet={o}"));
                    }
                    parts.join(" ")
                }
            };
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn outlet_examples_hold() {
        let r = Rules::get();
        for (url, want) in OUTLETS
            .1
            .lines()
            .filter_map(|l| l.strip_prefix("# EXAMPLE: "))
            .map(|l| l.split_once(" => ").unwrap())
        {
            assert_eq!(r.outlet_of_url(url).as_deref(), Some(want), "{url}");
        }
        assert_eq!(r.outlet_of_tag("AP"), "Associated Press");
        assert_eq!(host_of("not a url"), None);
    }
}
#[cfg(test)]
mod gate_tests {
    use super::*;

    fn may(r: &BoilerplateRule, text: &str) -> bool {
        r.may_match(text, &Lowered::new(text))
    }

    fn words(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .unwrap();
        required_words(&hir)
    }

    #[test]
    fn required_words_are_those_every_match_holds() {
        let w = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            words(r"\(\s*(?:published|posted)\s+on"),
            w(&["posted", "published"])
        );
        // The longest shortest word of a sequence; an optional part is not required.
        assert_eq!(words(r"(?:file\s+)?photo\s+by"), w(&["photo"]));
        assert_eq!(
            words(r"(?:in\s+)?this\s+(?:photo|image)s?"),
            w(&["image", "photo"])
        );
        assert_eq!(words(r"(?:photo)+ taken"), w(&[" taken"]));
        // A branch without a word, a class, an optional word: no list.
        assert_eq!(words(r"photo|[0-9]+"), None);
        assert_eq!(words(r"[a-z]{2,4}"), None);
        assert_eq!(words(r"(?:photo)?"), None);
        // A character with a non-ASCII case fold gives no word.
        assert_eq!(words(r"café"), None);
    }

    #[test]
    fn a_rule_without_its_words_is_not_compiled_for_a_line() {
        let r =
            BoilerplateRule::new(BoilerplateKind::Caption, false, r"[^.]{0,300}\(photo\)").unwrap();
        assert!(may(&r, "Crowds gather (PHOTO)"));
        assert!(!may(&r, "Crowds gather at the pier"));
        assert!(r.re.get().is_none(), "the gate decides before any compile");
        let r = BoilerplateRule::new(BoilerplateKind::Caption, false, r"sk(?:y|ies)").unwrap();
        assert!(may(&r, "S\u{212A}Y"), "the Kelvin sign case-folds to k");
        assert!(may(&r, "\u{17F}ky"), "the long s case-folds to s");
    }

    #[test]
    fn gates_hold_the_beginnings_of_anchored_patterns_only() {
        let r = BoilerplateRule::new(BoilerplateKind::Credit, false, r"^(photo|image)\s+by\b.*$")
            .unwrap();
        assert!(may(&r, "PHOTO by Ann Lee"));
        assert!(may(&r, "Image by Bo Chen"));
        assert!(!may(&r, "The photo by Ann Lee"));
        assert!(!may(&r, "Pho"));
        assert!(!may(&r, "\u{201c}Photo by"));
        let r = BoilerplateRule::new(BoilerplateKind::Credit, false, r"^ask\b").unwrap();
        assert!(may(&r, "As\u{212A} him"), "the Kelvin sign case-folds to k");
        let r = BoilerplateRule::new(BoilerplateKind::Credit, false, r"^café\b").unwrap();
        assert!(may(&r, "CAFÉ"), "no gate: é has another case");
        let r =
            BoilerplateRule::new(BoilerplateKind::Credit, false, r"(photo|image)\s+by").unwrap();
        assert!(may(&r, "The photo by Ann Lee"), "not anchored: no gate");
        let r =
            BoilerplateRule::new(BoilerplateKind::Caption, false, r"^[^.]{0,9}\(photo\)$").unwrap();
        assert!(
            may(&r, "Crowds (Photo)"),
            "no short list of beginnings: no gate"
        );
    }

    /// Every line a rule matches passes its gate (lines built from the rules' own examples
    /// and from variations in case).
    #[test]
    fn no_gate_turns_away_a_line_its_pattern_matches() {
        let rules = Rules::load().unwrap();
        let (_, src) = BOILERPLATE;
        let mut checked = 0;
        for l in src.lines().filter_map(|l| l.strip_prefix("# EXAMPLE: ")) {
            let line = l.split_once(": ").map_or(l, |(_, t)| t);
            for variant in [line.to_string(), line.to_uppercase(), line.to_lowercase()] {
                for r in &rules.boilerplate {
                    if r.regex().is_match(variant.as_str()) {
                        checked += 1;
                        assert!(may(r, &variant), "{} on {variant:?}", r.pattern);
                    }
                }
            }
        }
        assert!(checked >= 20, "only {checked} matches");
    }

    /// The second check, on real text: over the lines of the first 300 multi-news-dev stories
    /// (skipped where ../shared is absent), no rule's gate turns away a line or document
    /// start its pattern matches.
    #[test]
    fn no_gate_turns_away_real_text_its_pattern_matches() {
        use std::io::Read;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/multi-news-dev/dev.src.gz"
        );
        let Ok(file) = std::fs::File::open(path) else {
            eprintln!("skipping: ../shared/data not found");
            return;
        };
        let mut text = String::new();
        flate2::read::GzDecoder::new(file)
            .take(4_000_000)
            .read_to_string(&mut text)
            .ok();
        let rules = Rules::load().unwrap();
        let (mut lines, mut matched) = (0, 0);
        for story in text.lines().take(300) {
            for doc in crate::multinews::parse_line("dev", story) {
                let head = &doc.text[..floor_boundary(&doc.text, 400)];
                let doc_lines = doc.text.split("NEWLINE_CHAR").flat_map(|p| p.split('\n'));
                for line in std::iter::once(head).chain(doc_lines.map(str::trim)) {
                    lines += 1;
                    for r in &rules.boilerplate {
                        if r.regex().is_match(line) {
                            matched += 1;
                            assert!(may(r, line), "{} on {line:?}", r.pattern);
                        }
                    }
                }
            }
        }
        assert!(
            lines > 1000 && matched > 20,
            "{lines} lines, {matched} matches"
        );
    }
}
