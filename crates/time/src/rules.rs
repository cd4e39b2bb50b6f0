//! The rule and table files of `resources/en/time/`, parsed, expanded and compiled on first use.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::TimexType;

/// A malformed line in the time rules or tables.
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

const TABLES: (&str, &str) = (
    "resources/en/time/tables.txt",
    include_str!("../../../resources/en/time/tables.txt"),
);
const RULES: (&str, &str) = (
    "resources/en/time/rules.txt",
    include_str!("../../../resources/en/time/rules.txt"),
);

/// One normalization table: words (normalized) to values.
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// Words as written in the file, in file order.
    words: Vec<String>,
    /// Normalized word to value.
    lookup: HashMap<String, String>,
}

impl Table {
    /// The value of `word` (any case, any spacing, with or without a final period).
    pub(crate) fn get(&self, word: &str) -> Option<&str> {
        self.lookup.get(&norm_key(word)).map(String::as_str)
    }

    /// True if the table lists `word`.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.lookup.contains_key(&norm_key(word))
    }
}

/// Lower case, single spaces for runs of spaces and hyphens, no final period.
pub(crate) fn norm_key(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for part in lower.split(|c: char| c.is_whitespace() || c == '-') {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out.strip_suffix('.').map(str::to_string).unwrap_or(out)
}

/// How a rule computes its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ValueFn {
    /// A named normalization function.
    Func(&'static str),
    /// A literal TIMEX3 value.
    Literal(String),
}

const FUNCS: &[&str] = &[
    "date", "weekday", "month", "dayword", "rel", "shift", "dur", "set", "quarter", "half",
    "season", "part", "decade", "clock", "ref", "weekend",
];

/// A compiled rule.
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Rule {
    /// TIMEX3 type.
    pub kind: TimexType,
    /// Normalization.
    pub value: ValueFn,
    /// The expanded pattern.
    pub regex: Regex,
    /// `(text with brackets removed, start, end, value)` examples.
    pub examples: Vec<Example>,
}

/// An EXAMPLE line of a rule.
#[derive(Debug, Clone)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Example {
    /// Text without the brackets.
    pub text: String,
    /// Expected extent.
    pub start: usize,
    /// Expected extent end.
    pub end: usize,
    /// Expected value.
    pub value: String,
    /// Line in rules.txt.
    pub line: usize,
}

/// Everything loaded.
#[derive(Debug)]
pub(crate) struct RuleSet {
    pub tables: BTreeMap<String, Table>,
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// A table by name (every name used by the code is checked by [`RuleSet::load`]).
    pub(crate) fn table(&self, name: &str) -> &Table {
        static EMPTY: OnceLock<Table> = OnceLock::new();
        self.tables
            .get(name)
            .unwrap_or_else(|| EMPTY.get_or_init(Table::default))
    }
}

/// Tables the code reads by name.
const REQUIRED_TABLES: &[&str] = &[
    "month", "weekday", "num", "unit", "ordinal", "season", "part", "dir", "dayword", "ref",
    "future", "past",
];

fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty())
}

fn parse_tables() -> Result<BTreeMap<String, Table>, RuleError> {
    let (file, src) = TABLES;
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (line, l) in data_lines(src) {
        let err = |message: String| RuleError {
            file,
            line,
            message,
        };
        if l.starts_with('#') {
            continue;
        }
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            if tables.contains_key(name) {
                return Err(err(format!("table [{name}] defined twice")));
            }
            tables.insert(name.to_string(), Table::default());
            current = Some(name.to_string());
            continue;
        }
        let name = current
            .as_ref()
            .ok_or_else(|| err("entry before the first [table]".into()))?;
        let (word, value) = l.split_once('\t').unwrap_or((l, ""));
        if word.trim().is_empty() || word != word.to_lowercase() {
            return Err(err(format!("write words in lower case: {word:?}")));
        }
        let table = tables.get_mut(name).expect("inserted above");
        table.words.push(word.to_string());
        table
            .lookup
            .entry(norm_key(word))
            .or_insert_with(|| value.to_string());
    }
    for name in REQUIRED_TABLES {
        if !tables.contains_key(*name) {
            return Err(RuleError {
                file,
                line: 0,
                message: format!("missing table [{name}]"),
            });
        }
    }
    Ok(tables)
}

/// The alternation of a table's words, longest first.
fn alternation(table: &Table) -> String {
    let mut words: Vec<&String> = table.words.iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            let mut s = String::new();
            for (i, part) in w.split(' ').enumerate() {
                if i > 0 {
                    s.push_str(r"[\s-]+");
                }
                s.push_str(&regex::escape(part));
            }
            if w.ends_with(|c: char| c.is_alphanumeric()) {
                s.push_str(r"\b");
            }
            s
        })
        .collect();
    alts.join("|")
}

fn expand(
    pattern: &str,
    tables: &BTreeMap<String, Table>,
    err: &dyn Fn(String) -> RuleError,
) -> Result<String, RuleError> {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after
            .find('%')
            .ok_or_else(|| err("unclosed %macro%".into()))?;
        let name = &after[..j];
        let num_alt = alternation(&tables["num"]);
        let exp = match name {
            "DAY" => r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b".to_string(),
            "YEAR" => r"(?P<year>(?:1[6-9]|20)\d\d)\b".to_string(),
            "NUM" => format!(
                r"(?P<num>\d+\b|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b|{num_alt})"
            ),
            "MOD" => {
                r"(?:(?:the (?:end|beginning|start|middle|first half|second half) of|early|late|mid|the middle of)(?:-|\s+))?"
                    .to_string()
            }
            t => match tables.get(t) {
                Some(table) => format!("(?P<{t}>{})", alternation(table)),
                None => return Err(err(format!("unknown macro %{t}%"))),
            },
        };
        out.push_str(&exp);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn parse_example(raw: &str, line: usize) -> Result<Example, RuleError> {
    let err = |message: &str| RuleError {
        file: RULES.0,
        line,
        message: message.to_string(),
    };
    let (text, value) = raw
        .rsplit_once(" => ")
        .ok_or_else(|| err("EXAMPLE needs `text => value`"))?;
    let start = text
        .find('[')
        .ok_or_else(|| err("EXAMPLE needs [brackets]"))?;
    let close = text
        .find(']')
        .ok_or_else(|| err("EXAMPLE needs [brackets]"))?;
    if close < start {
        return Err(err("EXAMPLE brackets reversed"));
    }
    let plain = format!(
        "{}{}{}",
        &text[..start],
        &text[start + 1..close],
        &text[close + 1..]
    );
    Ok(Example {
        text: plain,
        start,
        end: close - 1,
        value: value.trim().to_string(),
        line,
    })
}

/// Parse and compile everything, reporting the first bad line.
pub(crate) fn load() -> Result<RuleSet, RuleError> {
    let tables = parse_tables()?;
    let (file, src) = RULES;
    let mut rules: Vec<Rule> = Vec::new();
    for (line, l) in data_lines(src) {
        let err = |message: String| RuleError {
            file,
            line,
            message,
        };
        if let Some(ex) = l.strip_prefix("# EXAMPLE:") {
            let ex = parse_example(ex.trim(), line)?;
            rules
                .last_mut()
                .ok_or_else(|| err("EXAMPLE before the first rule".into()))?
                .examples
                .push(ex);
            continue;
        }
        if l.starts_with('#') {
            continue;
        }
        let mut cols = l.splitn(3, '\t');
        let (Some(kind), Some(value), Some(pattern)) = (cols.next(), cols.next(), cols.next())
        else {
            return Err(err("expected TYPE<TAB>VALUE<TAB>PATTERN".into()));
        };
        let kind = match kind {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            other => return Err(err(format!("unknown type {other:?}"))),
        };
        let value = if let Some(f) = FUNCS.iter().find(|f| **f == value) {
            ValueFn::Func(f)
        } else if value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && !value.is_empty()
        {
            ValueFn::Literal(value.to_string())
        } else {
            return Err(err(format!("unknown value function {value:?}")));
        };
        let expanded = expand(pattern, &tables, &err)?;
        let regex = RegexBuilder::new(&format!(r"\b(?:{expanded})"))
            .case_insensitive(true)
            .build()
            .map_err(|e| err(format!("bad pattern: {e}")))?;
        rules.push(Rule {
            kind,
            value,
            regex,
            examples: Vec::new(),
        });
    }
    Ok(RuleSet { tables, rules })
}

/// The compiled-in rules. They are checked by this crate's tests, so a failure here is a
/// build defect, not bad input.
pub(crate) fn get() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| load().expect("resources/en/time rules are valid (tested)"))
}
