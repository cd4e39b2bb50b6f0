//! Reader rules as data: boilerplate patterns, dateline forms and outlet names from
//! `resources/en/readers/`, compiled in and validated at first use with `file:line` errors.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use triangulate_text::data_lines;

use regex::Regex;
use triangulate_core::BoilerplateKind;

mod gate;
use gate::{Gate, Lowered};

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
    /// What a text must hold for the pattern to match it (checked before the pattern is
    /// compiled, so a process compiles only the patterns its text may need).
    gate: Gate,
    /// Compiled on first need (most lines fail the gate of most rules).
    re: OnceLock<regex_automata::meta::Regex>,
}

impl BoilerplateRule {
    fn new(kind: BoilerplateKind, at_start: bool, pattern: &str) -> Result<Self, String> {
        let gate = Gate::of(pattern)?;
        Ok(BoilerplateRule {
            kind,
            at_start,
            inline: false,
            pattern: pattern.to_string(),
            gate,
            re: OnceLock::new(),
        })
    }

    /// False only if the rule cannot match `text`.
    fn may_match(&self, text: &Lowered) -> bool {
        self.gate.may_match(text)
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
            .filter(|r| r.may_match(&lower))
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
            .filter(|r| r.may_match(&lower))
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
            .filter(|(_, r)| r.inline && r.may_match(&lower))
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
