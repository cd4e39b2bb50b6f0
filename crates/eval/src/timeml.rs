//! TimeML (TimeBank / AQUAINT `.tml`) time expressions and TempEval-3 Task A scoring.
//!
//! A `.tml` file gives the document creation time in
//! `<DCT><TIMEX3 functionInDocument="CREATION_TIME" value="..."/></DCT>` and the text inside
//! `<TEXT>...</TEXT>` with `<TIMEX3 type=".." value="..">...</TIMEX3>` (and other) tags.
//! [`parse_tml`] strips every tag and decodes the XML entities, keeping the gold timexes as
//! byte ranges of the plain text.
//!
//! Scoring follows TempEval-3 (UzZaman et al., 2013), Task A:
//! - **strict** extent: a system timex matches a gold one with exactly the same range;
//! - **relaxed** extent: it matches a gold one it overlaps (one-to-one, in text order);
//! - P = matched / system, R = matched / gold, F1 their harmonic mean;
//! - **value F1** (TempEval-3's attribute F1): P = system timexes relaxed-matched *with the
//!   right value* / system, R = the same / gold, F1 of these; which equals value accuracy on
//!   the relaxed matches × relaxed F1;
//! - **type accuracy**: right type among the relaxed matches.

use std::path::{Path, PathBuf};

pub use crate::Prf;

use rayon::prelude::*;
use triangulate_core::{DocId, Document};
use triangulate_time::NaiveDate;
use triangulate_time::Timex;

/// One gold time expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte range in the plain text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// TIMEX3 type ("DATE", ...).
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// One TimeML document.
#[derive(Debug, Clone)]
pub struct TmlDoc {
    /// File name.
    pub name: String,
    /// Document creation time.
    pub dct: Option<NaiveDate>,
    /// The text inside `<TEXT>`, without tags.
    pub text: String,
    /// Gold timexes.
    pub timexes: Vec<GoldTimex>,
}

/// Errors reading TimeML.
#[derive(Debug, thiserror::Error)]
pub enum TimeMlError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not TimeML as expected.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = tag[from..].find(&key) {
        let at = from + i;
        // whole attribute name only
        if at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace() {
            let rest = &tag[at + key.len()..];
            return rest.find('"').map(|j| &rest[..j]);
        }
        from = at + key.len();
    }
    None
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    let c = match &s[1..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        e if e.starts_with("#x") => char::from_u32(u32::from_str_radix(&e[2..], 16).ok()?)?,
        e if e.starts_with('#') => char::from_u32(e[1..].parse().ok()?)?,
        _ => return None,
    };
    Some((c, end + 1))
}

/// Parse one `.tml` file.
pub fn parse_tml(name: &str, src: &str) -> Result<TmlDoc, TimeMlError> {
    let err = |m: &str| TimeMlError::Format {
        path: name.to_string(),
        message: m.to_string(),
    };
    let dct = src.find("<DCT>").and_then(|i| {
        let tag_start = src[i..].find("<TIMEX3")? + i;
        let tag_end = src[tag_start..].find('>')? + tag_start;
        let v = attr(&src[tag_start..tag_end], "value")?;
        NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let body_start = src.find("<TEXT>").ok_or_else(|| err("no <TEXT>"))? + "<TEXT>".len();
    let body_end = src[body_start..]
        .find("</TEXT>")
        .ok_or_else(|| err("no </TEXT>"))?
        + body_start;
    let body = &src[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').ok_or_else(|| err("unclosed tag"))?;
            let tag = &rest[1..close];
            if tag.starts_with("TIMEX3") {
                let kind = attr(tag, "type").unwrap_or("").to_string();
                let value = attr(tag, "value").unwrap_or("").to_string();
                if tag.ends_with('/') {
                    // empty timex: nothing in the text to find
                } else {
                    open = Some((text.len(), kind, value));
                }
            } else if tag.starts_with("/TIMEX3") {
                if let Some((start, kind, value)) = open.take() {
                    timexes.push(GoldTimex {
                        start,
                        end: text.len(),
                        kind,
                        value,
                    });
                }
            }
            i += close + 1;
        } else if rest.starts_with('&') {
            match decode_entity(rest) {
                Some((c, n)) => {
                    text.push(c);
                    i += n;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().expect("non-empty");
            text.push(c);
            i += c.len_utf8();
        }
    }
    Ok(TmlDoc {
        name: name.to_string(),
        dct,
        text,
        timexes,
    })
}

/// All `.tml` files under `dir` (recursively), sorted by path.
pub fn find_files(dir: &Path) -> Result<Vec<PathBuf>, TimeMlError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let io = |source| TimeMlError::Io {
            path: d.clone(),
            source,
        };
        for entry in std::fs::read_dir(&d).map_err(io)? {
            let p = entry.map_err(io)?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "tml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read and parse every `.tml` file under `dir`, in path order.
pub fn load_dir(dir: &Path) -> Result<Vec<TmlDoc>, TimeMlError> {
    find_files(dir)?
        .par_iter()
        .map(|p| {
            let src = std::fs::read_to_string(p).map_err(|source| TimeMlError::Io {
                path: p.clone(),
                source,
            })?;
            parse_tml(&p.display().to_string(), &src)
        })
        .collect()
}

/// Tag a document's text with its DCT as anchor.
pub fn tag(doc: &TmlDoc) -> Vec<Timex> {
    let d = Document::new(DocId(0), doc.name.clone(), doc.text.clone());
    let analysis = triangulate_text::analyze(&d);
    triangulate_time::tag(&d, &analysis, doc.dct)
}

/// Counts of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Gold timexes.
    pub gold: usize,
    /// System timexes.
    pub system: usize,
    /// Exact-extent matches.
    pub strict: usize,
    /// Overlap matches.
    pub relaxed: usize,
    /// Relaxed matches with the right value.
    pub value: usize,
    /// Relaxed matches with the right type.
    pub kind: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            documents: self.documents + o.documents,
            gold: self.gold + o.gold,
            system: self.system + o.system,
            strict: self.strict + o.strict,
            relaxed: self.relaxed + o.relaxed,
            value: self.value + o.value,
            kind: self.kind + o.kind,
        }
    }
}

impl Counts {
    /// Strict extent P/R/F.
    pub fn strict(&self) -> Prf {
        Prf::from_counts(self.strict, self.system, self.gold).percent()
    }
    /// Relaxed extent P/R/F.
    pub fn relaxed(&self) -> Prf {
        Prf::from_counts(self.relaxed, self.system, self.gold).percent()
    }
    /// Value F1 (TempEval-3 attribute F1 for `value`).
    pub fn value_f1(&self) -> f64 {
        Prf::from_counts(self.value, self.system, self.gold)
            .percent()
            .f
    }
    /// Type accuracy on relaxed matches, percent.
    pub fn type_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            100.0 * self.kind as f64 / self.relaxed as f64
        }
    }
}

/// One mismatch, for error analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Gold words and value, if any.
    pub gold: Option<(String, String, String)>,
    /// System words and value, if any.
    pub system: Option<(String, String, String)>,
    /// The text around it.
    pub context: String,
}

/// Score one document's system timexes against its gold ones.
pub fn score(doc: &TmlDoc, system: &[Timex]) -> (Counts, Vec<Mismatch>) {
    let mut c = Counts {
        documents: 1,
        gold: doc.timexes.len(),
        system: system.len(),
        ..Counts::default()
    };
    let mut misses = Vec::new();
    let mut used = vec![false; system.len()];
    let words = |s: usize, e: usize| doc.text[s..e].to_string();
    let context = |s: usize, e: usize| {
        let mut a = s.saturating_sub(80);
        while !doc.text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (e + 60).min(doc.text.len());
        while !doc.text.is_char_boundary(b) {
            b += 1;
        }
        doc.text[a..b].replace('\n', " ")
    };
    for g in &doc.timexes {
        let found = system.iter().enumerate().find(|(i, t)| {
            !used[*i] && (t.span.start as usize) < g.end && g.start < t.span.end as usize
        });
        let gold = Some((words(g.start, g.end), g.kind.clone(), g.value.clone()));
        match found {
            Some((i, t)) => {
                used[i] = true;
                c.relaxed += 1;
                let (s, e) = (t.span.start as usize, t.span.end as usize);
                let exact = s == g.start && e == g.end;
                c.strict += usize::from(exact);
                let value_ok = t.value == g.value;
                c.value += usize::from(value_ok);
                c.kind += usize::from(t.kind.as_str() == g.kind);
                if !exact || !value_ok || t.kind.as_str() != g.kind {
                    misses.push(Mismatch {
                        gold,
                        system: Some((words(s, e), t.kind.as_str().into(), t.value.clone())),
                        context: context(g.start, g.end),
                    });
                }
            }
            None => misses.push(Mismatch {
                gold,
                system: None,
                context: context(g.start, g.end),
            }),
        }
    }
    for (i, t) in system.iter().enumerate() {
        if !used[i] {
            let (s, e) = (t.span.start as usize, t.span.end as usize);
            misses.push(Mismatch {
                gold: None,
                system: Some((words(s, e), t.kind.as_str().into(), t.value.clone())),
                context: context(s, e),
            });
        }
    }
    (c, misses)
}

/// Tag and score every document in parallel; totals and the mismatches in document order.
pub fn evaluate(docs: &[TmlDoc]) -> (Counts, Vec<Mismatch>) {
    let per: Vec<(Counts, Vec<Mismatch>)> = docs.par_iter().map(|d| score(d, &tag(d))).collect();
    let mut total = Counts::default();
    let mut misses = Vec::new();
    for (c, m) in per {
        total = total + c;
        misses.extend(m);
    }
    (total, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TML: &str = r#"<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2017-11-02" functionInDocument="CREATION_TIME">20171102</TIMEX3></DCT>
<TEXT>The port &amp; the bridge reopened <TIMEX3 tid="t1" type="DATE" value="2017-10-30">Monday</TIMEX3>, after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of <EVENT eid="e1">work</EVENT> that ended <TIMEX3 tid="t3" type="DATE" value="2017-W43">last week</TIMEX3>.</TEXT></TimeML>"#;

    #[test]
    fn parse_strips_tags_and_keeps_offsets() {
        let d = parse_tml("x.tml", TML).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2017, 11, 2));
        assert!(d.text.starts_with("The port & the bridge"));
        let words: Vec<&str> = d.timexes.iter().map(|t| &d.text[t.start..t.end]).collect();
        assert_eq!(words, ["Monday", "three years", "last week"]);
    }

    #[test]
    fn scoring_counts_strict_relaxed_and_values() {
        let d = parse_tml("x.tml", TML).unwrap();
        let (c, _) = score(&d, &tag(&d));
        assert_eq!((c.gold, c.system, c.strict, c.value), (3, 3, 3, 3));
        assert!((c.value_f1() - 100.0).abs() < 1e-9);
        // A system that finds one extent too long: relaxed but not strict.
        let mut sys = tag(&d);
        sys[1].span.end += 3;
        let (c, m) = score(&d, &sys);
        assert_eq!((c.strict, c.relaxed), (2, 3));
        assert_eq!(m.len(), 1);
    }
}
