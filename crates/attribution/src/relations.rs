//! Relation rules: the tagger's source, cue and content runs assembled into attribution
//! relations (quotations, reported clauses, follow-on quotes, "according to").

use triangulate_core::{Document, Span};
use triangulate_text::{TextAnalysis, TokenKind};

use crate::{lexicon, model, speaker, Quote};

/// A run of tokens with one span kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub(crate) kind: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) fn runs(tags: &[u8]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let Some(kind) = model::kind_of(t) else {
            continue;
        };
        let begins = model::begins(t);
        match out.last_mut() {
            Some(r) if !begins && r.kind == kind && r.end == i => r.end = i + 1,
            _ => out.push(Run {
                kind,
                start: i,
                end: i + 1,
            }),
        }
    }
    out
}

/// Content runs of one sentence with at most this many untagged tokens between are joined.
const FILL_GAP: usize = 3;

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '\'' | '`')
}

/// The relations, and the contents the sentence rule ([`reporting_clause`]) gave (sorted).
pub(crate) fn build(doc: &Document, ta: &TextAnalysis, tags: &[u8]) -> (Vec<Quote>, Vec<Span>) {
    let n = ta.tokens.len();
    let mut sent = vec![0usize; n];
    for (k, s) in ta.sentences.iter().enumerate() {
        for i in s.token_range() {
            sent[i] = k;
        }
    }
    let rs = runs(tags);
    let tok_text = |i: usize| ta.tokens[i].text(doc.analysis_text());
    let ends_quoted = |r: &Run| {
        (r.start..r.end)
            .rev()
            .take(2)
            .any(|i| tok_text(i).chars().all(is_quote_char))
    };
    let starts_quoted = |r: &Run| tok_text(r.start).chars().all(is_quote_char);
    // Content runs of one sentence split by a few untagged tokens are one span; quotations
    // split by their cue (“A,” she said. “B.”) are one content in two parts.
    let mut contents: Vec<Vec<Run>> = Vec::new();
    for r in rs.iter().filter(|r| r.kind == 2) {
        if let Some(prev) = contents.last_mut() {
            let last = prev[prev.len() - 1];
            let gap = last.end..r.start;
            let fill = gap.len() <= FILL_GAP
                && sent[last.end - 1] == sent[r.start]
                && gap.clone().all(|i| tags[i] == 0);
            if fill {
                let k = prev.len() - 1;
                prev[k].end = r.end;
                continue;
            }
            // The second part must not have a cue of its own (“B,” she said).
            let own_cue = (r.end..(r.end + 2).min(n)).any(|i| {
                sent[i] == sent[r.end - 1] && matches!(model::kind_of(tags[i]), Some(0 | 1))
            });
            let split_quote = gap.len() <= 40
                && prev.len() < 3
                && !own_cue
                && ends_quoted(&last)
                && starts_quoted(r)
                && gap.clone().any(|i| model::kind_of(tags[i]) == Some(1));
            if split_quote {
                prev.push(*r);
                continue;
            }
        }
        contents.push(vec![*r]);
    }
    let cues: Vec<Run> = rs.iter().copied().filter(|r| r.kind == 1).collect();
    let sources: Vec<Run> = rs.iter().copied().filter(|r| r.kind == 0).collect();
    let span_of = |a: usize, b: usize| {
        Span::new_unchecked(
            doc.id,
            ta.tokens[a].start as usize,
            ta.tokens[b - 1].end as usize,
        )
    };
    let lx = lexicon::Lexicon::get();
    let mut out = Vec::with_capacity(contents.len());
    let mut follow_ons: Vec<Span> = Vec::new();
    for parts in &contents {
        let a = parts[0].start;
        let b = parts[parts.len() - 1].end;
        // The cue: inside the content's gap, else the nearest before or after it, in the
        // same or a neighbouring sentence.
        // Only cues near the content are candidates (keeps the pass linear).
        let lo = cues.partition_point(|c| c.end <= a).saturating_sub(3);
        let hi = (cues.partition_point(|c| c.start < b) + 3).min(cues.len());
        let near = &cues[lo..hi.max(lo)];
        let inside = near.iter().find(|c| c.start >= a && c.end <= b);
        let cue = inside.copied().or_else(|| {
            near.iter()
                .filter(|c| {
                    (c.end <= a && sent[c.end - 1] + 1 >= sent[a])
                        || (c.start >= b && sent[c.start] <= sent[b - 1] + 1)
                })
                .min_by_key(|c| if c.end <= a { a - c.end } else { c.start - b })
                .copied()
        });
        let source = cue.and_then(|c| {
            let lo = sources
                .partition_point(|s| s.end <= c.start)
                .saturating_sub(4);
            let hi = (lo + 8).min(sources.len());
            sources[lo..hi]
                .iter()
                .filter(|s| {
                    sent[s.start] == sent[c.start]
                        && (s.end <= a || s.start >= b || (s.start >= a && s.end <= b))
                })
                .min_by_key(|s| {
                    if s.end <= c.start {
                        c.start - s.end
                    } else {
                        s.start.saturating_sub(c.end)
                    }
                })
                .copied()
        });
        // “...,” he said: the words right after a quotation name its speaker.
        let (mut cue, mut source) = (cue, source);
        let mut j = b;
        if j < n && tok_text(j) == "," {
            j += 1;
        }
        if ends_quoted(&parts[parts.len() - 1])
            && j + 1 < n
            && sent[j] == sent[b - 1]
            && (lx.pronouns.contains_key(ta.norm_of(j)) || is_name_word(tok_text(j)))
            && lx.cues.contains(ta.norm_of(j + 1))
        {
            source = Some(Run {
                kind: 0,
                start: j,
                end: j + 1,
            });
            cue = Some(Run {
                kind: 1,
                start: j + 1,
                end: j + 2,
            });
        }
        // "X said (that) ...": reported content runs to the end of the sentence.
        let mut parts = parts.clone();
        if let Some(c) = cue.filter(|c| {
            parts.len() == 1 && c.end <= a && sent[c.start] == sent[a] && a - c.end <= 3
        }) {
            let _ = c;
            let sr = ta.sentences[sent[a]].token_range();
            let mut e = sr.end;
            while e > b && ta.tokens[e - 1].kind == TokenKind::Punct {
                e -= 1;
            }
            let blocked = (b..e).any(|i| {
                CLAUSE_CUES.contains(&ta.norm_of(i))
                    || matches!(ta.norm_of(i), "adding" | "saying")
                    || model::kind_of(tags[i]) == Some(2)
                    || tok_text(i).chars().all(is_quote_char)
            });
            if e > b && !blocked && !ends_quoted(&parts[0]) {
                parts[0].end = e;
            }
        }
        // "that ..." clauses the tagger stopped short: reported content runs to the end of
        // the sentence unless a source or cue of its own follows ("..., sources said").
        let cue_before = cue.is_some_and(|c| {
            c.end <= a
                && sent[c.start] == sent[a]
                && a - c.end <= 6
                && (c.start..c.end).any(|i| lx.cues.contains(ta.norm_of(i)))
        });
        let that = tok_text(a).eq_ignore_ascii_case("that");
        if parts.len() == 1 && that {
            // Nested reporting verbs inside the clause ("that Trump also supported ...") do
            // not end it; a comma followed by a source or cue of its own does.
            let mut e = content_end(doc, ta, sent[a]);
            let b = parts[0].end;
            if let Some(k) = (b..e).find(|&i| {
                tok_text(i) == ","
                    && (i + 1..(i + 4).min(e)).any(|j| {
                        matches!(model::kind_of(tags[j]), Some(0 | 1))
                            || CLAUSE_CUES.contains(&ta.norm_of(j))
                            || ta.norm_of(j) == "according"
                    })
            }) {
                e = k;
            }
            if e > b {
                parts[0].end = e;
            }
        } else if parts.len() == 1 && cue_before {
            let e = content_end(doc, ta, sent[a]);
            let b = parts[0].end;
            let blocked = (b..e).any(|i| {
                CLAUSE_CUES.contains(&ta.norm_of(i))
                    || matches!(model::kind_of(tags[i]), Some(0 | 1))
            });
            if e > b && !blocked {
                parts[0].end = e;
            }
        }
        // A content with no cue near it is most often a tagging error.
        let Some(c) = cue else {
            continue;
        };
        // Reported (unquoted) content whose cue is no known reporting word is most often a
        // tagging error ("filed for bankruptcy").
        let known_cue = (c.start..c.end).any(|i| lx.cues.contains(ta.norm_of(i)));
        let quoted = parts
            .iter()
            .any(|r| (r.start..r.end).any(|i| tok_text(i).chars().all(is_quote_char)));
        let wordless = parts
            .iter()
            .all(|r| (r.start..r.end).all(|i| ta.tokens[i].kind == TokenKind::Punct));
        if (!known_cue && !quoted) || wordless {
            continue;
        }
        // "..., “QUOTE”": a quotation closing the content after a comma or colon is the
        // content on its own.
        if ends_quoted(&parts[0]) {
            let r = parts[0];
            let opening = (r.start + 1..r.end.saturating_sub(2)).find(|&i| {
                matches!(tok_text(i), "\"" | "“" | "``" | "''")
                    || (tok_text(i) == "'"
                        && tok_text(i + 1) == "'"
                        && ta.tokens[i].end == ta.tokens[i + 1].start)
            });
            if let Some(q) = opening.filter(|&q| matches!(tok_text(q - 1), "," | ":")) {
                parts[0].start = q;
            }
        }
        // "According to X, CONTENT" and "CONTENT, according to X": the content is the rest of
        // the sentence on the other side of the comma.
        if parts.len() == 1 && ta.norm_of(c.start) == "according" && !quoted {
            let s0 = ta.sentences[sent[c.start]].token_range().start;
            let r = parts[0];
            if c.end <= r.start && sent[c.start] == sent[r.start] {
                if let Some(k) = (c.end..r.start).find(|&i| tok_text(i) == ",") {
                    parts[0].start = k + 1;
                }
            } else if c.start >= r.end
                && sent[c.start] == sent[r.end - 1]
                && tok_text(c.start - 1) == ","
                && (s0..r.start).all(|i| tok_text(i) != ",")
            {
                parts[0].start = s0;
                parts[0].end = c.start - 1;
            }
        }
        // A closing '' mark is two tokens: keep both.
        let l = parts.len() - 1;
        let e = parts[l].end;
        if e < n
            && tok_text(e - 1) == "'"
            && tok_text(e) == "'"
            && ta.tokens[e - 1].end == ta.tokens[e].start
        {
            parts[l].end = e + 1;
        }
        // "A, the official said, B": one content in two parts.
        if parts.len() == 1 {
            let a = parts[0].start;
            if let Some(h) = parenthetical_head(doc, ta, &sent, source.as_ref(), &c, a) {
                parts.insert(
                    0,
                    Run {
                        kind: 2,
                        start: h,
                        end: c.start - source.map_or(0, |s| s.end - s.start) - 1,
                    },
                );
            }
        }
        // “A,” she said. “B.”: a quotation opening the next sentence, with no cue of its own,
        // continues the same content (one more part).
        if ends_quoted(&parts[parts.len() - 1]) && c.start >= parts[parts.len() - 1].end {
            let s = sent[c.end - 1];
            if let Some(q) = follow_on_quote(doc, ta, s, &sent) {
                if parts.len() < 6 {
                    follow_ons.push(span_of(q.0, q.1));
                    parts.push(Run {
                        kind: 2,
                        start: q.0,
                        end: q.1,
                    });
                }
            }
        }
        let b = parts[parts.len() - 1].end;
        let content_parts: Vec<Span> = parts.iter().map(|r| span_of(r.start, r.end)).collect();
        let content = span_of(parts[0].start, b);
        let text = doc.analysis_slice(content);
        let direct = text.starts_with(is_quote_char)
            || text.trim_end_matches(['.', ',']).ends_with(is_quote_char);
        out.push(Quote {
            source: source.map(|s| span_of(s.start, s.end)),
            cue: cue.map(|c| span_of(c.start, c.end)),
            content,
            content_parts,
            direct,
            speaker: None,
            role: None,
        });
    }
    // Sentences the tagger left alone that have the shape of reported speech.
    let mut covered = vec![false; ta.sentences.len()];
    for parts in &contents {
        for r in parts {
            covered[sent[r.start]] = true;
            covered[sent[r.end - 1]] = true;
        }
    }
    // Text whose quotation marks were stripped misleads the tagger: there the sentence
    // rule wins over it.
    let stripped = ta.sentences.len() >= 5
        && !ta
            .tokens
            .iter()
            .any(|t| matches!(t.text(doc.analysis_text()), "\"" | "“" | "”" | "''" | "``"));
    // Sentences where the tagger found a reporting verb of its own: trust it there.
    let mut tagger_reports = vec![false; ta.sentences.len()];
    let tok_of = |byte: u32| ta.tokens.partition_point(|t| t.end <= byte).min(n - 1);
    for o in &out {
        let clause_cue = o.cue.is_some_and(|c| {
            doc.analysis_slice(c)
                .split_whitespace()
                .any(|w| CLAUSE_CUES.contains(&w.to_lowercase().as_str()))
        });
        if clause_cue {
            for flag in
                &mut tagger_reports[sent[tok_of(o.content.start)]..=sent[tok_of(o.content.end - 1)]]
            {
                *flag = true;
            }
        }
    }
    let mut replaced: Vec<Span> = Vec::new();
    let mut added = Vec::new();
    for (k, st) in ta.sentences.iter().enumerate() {
        if !covered[k] || stripped || !tagger_reports[k] {
            if let Some(q) = reporting_clause(doc, ta, st.token_range()) {
                replaced.push(ta.sentence_span(doc, k));
                added.push(q);
            }
        }
    }
    // Drop tagger quotes overlapping a sentence the rule took (sentences are sorted).
    out.retain(|o| {
        let i = replaced.partition_point(|r| r.end <= o.content.start);
        !replaced.get(i).is_some_and(|r| r.overlaps(o.content))
    });
    let mut rule_contents: Vec<Span> = added.iter().map(|q: &Quote| q.content).collect();
    rule_contents.sort_by_key(|s| (s.start, s.end));
    out.extend(added);
    // A quotation taken as the continuation of another is not a content of its own.
    follow_ons.sort_by_key(|s| (s.start, s.end));
    out.retain(|o| {
        let i = follow_ons.partition_point(|f| f.end < o.content.end);
        !follow_ons
            .get(i)
            .is_some_and(|f| f.start <= o.content.start && o.content.end <= f.end)
    });
    out.sort_by_key(|q| (q.content.start, q.content.end));
    (out, rule_contents)
}

/// End token (exclusive) of a reported content that runs to the end of sentence `k`: the
/// final period is left out, a closing quotation mark (and the period before it) kept.
fn content_end(doc: &Document, ta: &TextAnalysis, k: usize) -> usize {
    content_end_of(doc.analysis_text(), ta, k)
}

/// [`content_end`] on the document's text.
pub(crate) fn content_end_of(text: &str, ta: &TextAnalysis, k: usize) -> usize {
    let r = ta.sentences[k].token_range();
    let mut e = r.end;
    if e > r.start && ta.tokens[e - 1].text(text).chars().all(is_quote_char) {
        return e;
    }
    while e > r.start && ta.tokens[e - 1].kind == TokenKind::Punct {
        e -= 1;
    }
    e
}

/// The quotation that opens sentence `k + 1` and closes at the end of a sentence, as a token
/// range, if any (at most 200 tokens).
fn follow_on_quote(
    doc: &Document,
    ta: &TextAnalysis,
    k: usize,
    sent: &[usize],
) -> Option<(usize, usize)> {
    let st = ta.sentences.get(k + 1)?;
    let a = st.token_range().start;
    let t = |i: usize| ta.tokens[i].text(doc.analysis_text());
    let n = ta.tokens.len();
    // Two apostrophes written as one mark ('').
    let double = |i: usize| {
        i + 1 < n && t(i) == "'" && t(i + 1) == "'" && ta.tokens[i].end == ta.tokens[i + 1].start
    };
    let open = t(a);
    let first = if matches!(open, "\"" | "“" | "``" | "''") {
        a + 1
    } else if double(a) {
        a + 2
    } else {
        return None;
    };
    let close = (first..n.min(a + 200)).find(|&i| {
        matches!(t(i), "\"" | "”" | "''" | "“" | "``")
            || double(i)
            || doc.analysis_text()[ta.tokens[i - 1].end as usize..ta.tokens[i].start as usize]
                .contains('\n')
    })?;
    let b = match t(close) {
        "\"" | "”" | "''" => close + 1,
        _ if double(close) => close + 2,
        _ => return None,
    };
    (b == n || sent[b] != sent[b - 1]).then_some((a, b))
}

/// "A, the official said, B": the words before the source open the same content.
fn parenthetical_head(
    doc: &Document,
    ta: &TextAnalysis,
    sent: &[usize],
    source: Option<&Run>,
    cue: &Run,
    a: usize,
) -> Option<usize> {
    let t = |i: usize| ta.tokens[i].text(doc.analysis_text());
    let src = source?;
    if src.end != cue.start || a != cue.end + 1 || t(cue.end) != "," || src.start < 2 {
        return None;
    }
    let comma = src.start - 1;
    let s0 = ta.sentences[sent[a]].token_range().start;
    if t(comma) != "," || sent[comma] != sent[a] || comma <= s0 {
        return None;
    }
    let mut h = s0;
    if matches!(t(h), "And" | "and") && h + 1 < comma {
        h += 1;
    }
    (h..comma)
        .all(|i| !t(i).chars().all(is_quote_char) && t(i) != ",")
        .then_some(h)
}

fn is_name_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// Cues the sentence rule accepts.
const CLAUSE_CUES: [&str; 9] = [
    "said",
    "says",
    "told",
    "added",
    "stated",
    "warned",
    "insisted",
    "explained",
    "read",
];

/// "CONTENT, SOURCE said ..." or "CONTENT, said SOURCE." in one sentence, also when the
/// quotation marks were stripped. The source must hold a name, a title or a pronoun.
fn reporting_clause(doc: &Document, ta: &TextAnalysis, r: std::ops::Range<usize>) -> Option<Quote> {
    let lx = lexicon::Lexicon::get();
    let t = |i: usize| ta.tokens[i].text(doc.analysis_text());
    let mut start = r.start;
    // A dateline ("MOSCOW/ NEW YORK:") before the clause.
    if let Some(c) = (r.start..r.end.min(r.start + 8)).find(|&i| t(i) == ":") {
        start = c + 1;
    }
    let mut end = r.end;
    while end > start && ta.tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    let cue = (start..end).find(|&i| CLAUSE_CUES.contains(&ta.norm_of(i)))?;
    let comma = (start..cue).rev().find(|&i| t(i) == ",")?;
    if comma < start + 3 {
        return None;
    }
    let sourceish = |a: usize, b: usize| {
        b > a
            && b - a <= 14
            && (a..b).all(|i| t(i) != ",")
            && (a..b).any(|i| {
                is_name_word(t(i))
                    || lx.titles.contains(ta.norm_of(i))
                    || lx.orgs.contains(ta.norm_of(i))
                    || lx.pronouns.contains_key(ta.norm_of(i))
            })
    };
    // A closing quotation mark after the comma belongs to the content (“...,” she said).
    let content_end = if comma + 2 < cue
        && t(comma + 1) == "'"
        && t(comma + 2) == "'"
        && ta.tokens[comma + 1].end == ta.tokens[comma + 2].start
    {
        comma + 3
    } else if comma + 1 < cue && t(comma + 1).chars().all(is_quote_char) {
        comma + 2
    } else {
        comma
    };
    let after = content_end.max(comma + 1);
    let sp = |a: usize, b: usize| {
        Span::new_unchecked(
            doc.id,
            ta.tokens[a].start as usize,
            ta.tokens[b - 1].end as usize,
        )
    };
    // "HEAD, who ..., said CONTENT": the head is the source, the words after the cue the
    // content, and the relative clause neither.
    let relative = (start + 1..comma)
        .find(|&i| t(i) == "," && i + 1 < comma && speaker::RELATIVE.contains(&ta.norm_of(i + 1)))
        .filter(|&k| cue == after && sourceish(start, k) && cue + 1 < end);
    let ((src_a, src_b), (content_a, content_b)) = if let Some(k) = relative {
        ((start, k), (cue + 1, end))
    } else if cue == after {
        // Inverted: ", said the spokesman for ..." up to a time or place phrase.
        let b = (cue + 1..end)
            .find(|&i| matches!(ta.norm_of(i), "on" | "in" | "at" | "," | "who" | "adding"))
            .unwrap_or(end);
        ((cue + 1, b), (start, content_end))
    } else {
        ((after, cue), (start, content_end))
    };
    if !sourceish(src_a, src_b) {
        return None;
    }
    let content = sp(content_a, content_b);
    Some(Quote {
        source: Some(sp(src_a, src_b)),
        cue: Some(sp(cue, cue + 1)),
        content,
        content_parts: vec![content],
        direct: doc.analysis_slice(content).starts_with(is_quote_char),
        speaker: None,
        role: None,
    })
}
