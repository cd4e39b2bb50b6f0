//! Reader rules as data: boilerplate patterns, dateline forms and outlet names from
//! `resources/en/readers/`, compiled in and validated at first use with `file:line` errors.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use triangulate_text::data_lines;

use regex::Regex;
use triangulate_core::BoilerplateKind;

/// A malformed line in a reader rule file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    /// Resource file name.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One boilerplate pattern.
#[derive(Debug)]
pub struct BoilerplateRule {
    /// What a matching line is.
    pub kind: BoilerplateKind,
    /// Matched against a whole trimmed line, or (if `at_start`) the start of the document.
    /// Case-insensitive; built without the lazy DFA (see [`boilerplate_regex`]).
    pub re: regex_automata::meta::Regex,
    /// True for `start:KIND` rules: matched at the start of the document, covering only the
    /// match.
    pub at_start: bool,
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
    /// Parse the compiled-in rule files, reporting the first bad line.
    pub fn load() -> Result<Rules, RuleError> {
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
            let kind = kind_from_name(kind).ok_or_else(|| err(format!("unknown kind {kind:?}")))?;
            let re = boilerplate_regex(pat).map_err(err)?;
            boilerplate.push(BoilerplateRule { kind, re, at_start });
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

    /// The compiled-in rules. They are checked by this crate's tests, so a failure here is a
    /// build defect, not bad input.
    pub fn get() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::load().expect("resources/en/readers rules are valid (tested)"))
    }

    /// The kind of a boilerplate line (trimmed), and the date it states if it is a date marker.
    pub fn classify_line<'a>(&self, line: &'a str) -> Option<(BoilerplateKind, Option<&'a str>)> {
        if line.len() > 400 {
            return None;
        }
        self.boilerplate
            .iter()
            .filter(|r| !r.at_start)
            .find_map(|r| {
                let mut c = r.re.create_captures();
                r.re.captures(line, &mut c);
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
        self.boilerplate
            .iter()
            .filter(|r| r.at_start)
            .find_map(|r| {
                let mut c = r.re.create_captures();
                r.re.captures(head, &mut c);
                let end = c.get_match()?.end();
                let date = c.get_group_by_name("date").map(|m| &head[m.range()]);
                Some((r.kind, end, date))
            })
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
            let got = r.classify_line(line).map(|(k, _)| k);
            assert_eq!(got, kind_from_name(kind), "{line}");
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
