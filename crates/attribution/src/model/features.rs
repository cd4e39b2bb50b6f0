//! What the tagger sees: hashed string features of every token.

use std::fmt::Write as _;

use triangulate_text::{TextAnalysis, TokenKind};

use crate::lexicon::Lexicon;

/// FNV-1a hash of a feature name.
pub fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        _ => "13+",
    }
}

fn shape(text: &str, kind: TokenKind) -> String {
    match kind {
        TokenKind::Number => "d".into(),
        TokenKind::Punct => format!("p{}", text.chars().next().unwrap_or(' ')),
        TokenKind::Word => {
            let mut cs = text.chars();
            let first = cs.next().unwrap_or(' ');
            if first.is_uppercase() {
                if text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                    && text.len() > 1
                {
                    "XX".into()
                } else {
                    "Xx".into()
                }
            } else {
                "x".into()
            }
        }
    }
}

/// Quotation marks as tokens: 1 opening, 2 closing, 3 ambiguous (straight), 0 none.
fn quote_mark(t: &str) -> u8 {
    match t {
        "“" | "‘" | "«" | "``" => 1,
        "”" | "»" | "''" => 2,
        "\"" => 3,
        _ => 0,
    }
}

/// Hashed features of every token of the analysis.
pub fn features(text: &str, ta: &TextAnalysis) -> Vec<Vec<u64>> {
    let lx = Lexicon::get();
    let n = ta.tokens.len();
    let raw: Vec<&str> = ta.tokens.iter().map(|t| t.text(text)).collect();
    let shapes: Vec<String> = ta
        .tokens
        .iter()
        .zip(&raw)
        .map(|(t, r)| shape(r, t.kind))
        .collect();
    // Sentence of each token, first/last flags.
    let mut sent = vec![0usize; n];
    let mut s_first = vec![false; n];
    let mut s_last = vec![false; n];
    for (k, s) in ta.sentences.iter().enumerate() {
        let r = s.token_range();
        if r.is_empty() {
            continue;
        }
        s_first[r.start] = true;
        s_last[r.end - 1] = true;
        for i in r {
            sent[i] = k;
        }
    }
    // Paragraph breaks before tokens.
    let para: Vec<bool> = (0..n)
        .map(|i| {
            i == 0
                || text[ta.tokens[i - 1].end as usize..ta.tokens[i].start as usize].contains('\n')
        })
        .collect();
    // Quote state: 0 outside, 1 inside; marks themselves get their own feature.
    let mut qin = vec![false; n];
    let mut qmark = vec![0u8; n];
    let mut open: Option<usize> = None;
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for i in 0..n {
        if para[i] {
            if let Some(o) = open.take() {
                regions.push((o, i));
            }
        }
        let m = quote_mark(raw[i]);
        qmark[i] = m;
        let opening = m == 1 || (m == 3 && open.is_none());
        let closing = m == 2 || (m == 3 && open.is_some());
        if opening && open.is_none() {
            open = Some(i);
        } else if closing {
            if let Some(o) = open.take() {
                regions.push((o, i + 1));
            }
        } else if open.is_some() {
            qin[i] = true;
        }
    }
    if let Some(o) = open {
        regions.push((o, n));
    }
    // A quote region's cue: a cue word just after it or just before it.
    let is_cue: Vec<bool> = (0..n).map(|i| lx.cues.contains(ta.norm_of(i))).collect();
    let mut qcue = vec![""; n];
    for &(a, b) in &regions {
        let after = (b..(b + 5).min(n)).any(|j| is_cue[j]);
        let before = (a.saturating_sub(8)..a).any(|j| is_cue[j] || raw[j] == ":");
        let v = match (before, after) {
            (_, true) => "after",
            (true, false) => "before",
            _ => "none",
        };
        for q in qcue.iter_mut().take(b).skip(a) {
            *q = v;
        }
    }
    // Nearest cue left and right within the sentence.
    let mut left: Vec<Option<usize>> = vec![None; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if s_first[i] {
            last = None;
        }
        left[i] = last;
        if is_cue[i] {
            last = Some(i);
        }
    }
    let mut right: Vec<Option<usize>> = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if s_last[i] {
            next = None;
        }
        right[i] = next;
        if is_cue[i] {
            next = Some(i);
        }
    }
    let stems: Vec<String> = (0..n)
        .map(|i| triangulate_text::stem(ta.norm_of(i)))
        .collect();
    let sent_has_quote: Vec<bool> = {
        let mut v = vec![false; ta.sentences.len().max(1)];
        for i in 0..n {
            if qmark[i] != 0 {
                v[sent[i]] = true;
            }
        }
        v
    };

    // Sentence bounds of each token, and clause context since the nearest cue on the left:
    // commas passed, whether "that" came right after that cue.
    let mut s_start = vec![0usize; n];
    let mut s_end = vec![0usize; n];
    for s in &ta.sentences {
        let r = s.token_range();
        for i in r.clone() {
            s_start[i] = r.start;
            s_end[i] = r.end;
        }
    }
    let mut commas_since_cue = vec![0u8; n];
    let mut that_after_cue = vec![false; n];
    for i in 0..n {
        if let Some(j) = left[i] {
            let prev = if i > 0 && left[i - 1] == Some(j) && j + 1 < i {
                commas_since_cue[i - 1] + u8::from(raw[i - 1] == ",")
            } else {
                0
            };
            commas_since_cue[i] = prev.min(3);
            that_after_cue[i] = j + 1 < n && ta.norm_of(j + 1) == "that";
        }
    }
    // The sentence's final token (its closing punctuation or quotation mark).
    let sent_final: Vec<&str> = ta
        .sentences
        .iter()
        .map(|s| {
            let r = s.token_range();
            if r.is_empty() {
                ""
            } else {
                match quote_mark(raw[r.end - 1]) {
                    0 => raw[r.end - 1],
                    _ => "Q",
                }
            }
        })
        .collect();
    // Whether the previous sentence ends with a quotation mark or holds a cue word.
    let mut sent_cue = vec![false; ta.sentences.len().max(1)];
    for i in 0..n {
        if is_cue[i] {
            sent_cue[sent[i]] = true;
        }
    }
    let w = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            ta.norm_of(i as usize)
        }
    };
    let sh = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            "_"
        } else {
            &shapes[i as usize]
        }
    };
    let mut out = Vec::with_capacity(n);
    let mut buf = String::new();
    for i in 0..n {
        let ii = i as isize;
        let mut f: Vec<u64> = Vec::with_capacity(40);
        let mut push = |buf: &mut String| {
            f.push(fnv(buf));
            buf.clear();
        };
        buf.push('b');
        push(&mut buf);
        let w0 = w(ii);
        let _ = write!(buf, "w0={w0}");
        push(&mut buf);
        let _ = write!(buf, "w-1={}", w(ii - 1));
        push(&mut buf);
        let _ = write!(buf, "w+1={}", w(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "w-2={}", w(ii - 2));
        push(&mut buf);
        let _ = write!(buf, "w+2={}", w(ii + 2));
        push(&mut buf);
        let _ = write!(buf, "w-1w0={}|{}", w(ii - 1), w0);
        push(&mut buf);
        let _ = write!(buf, "w0w+1={}|{}", w0, w(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "s0={}", sh(ii));
        push(&mut buf);
        let _ = write!(buf, "s-1s0={}|{}", sh(ii - 1), sh(ii));
        push(&mut buf);
        let _ = write!(buf, "s0s+1={}|{}", sh(ii), sh(ii + 1));
        push(&mut buf);
        let suf: String = {
            let cs: Vec<char> = w0.chars().collect();
            cs[cs.len().saturating_sub(3)..].iter().collect()
        };
        let _ = write!(buf, "suf={suf}");
        push(&mut buf);
        let q = if qmark[i] != 0 {
            ["", "qo", "qc", "qs"][qmark[i] as usize]
        } else if qin[i] {
            "qin"
        } else {
            "qout"
        };
        let _ = write!(buf, "q={q}|{}", qcue[i]);
        push(&mut buf);
        let _ = write!(buf, "q={q}|s0={}", sh(ii));
        push(&mut buf);
        let _ = write!(
            buf,
            "pos={}{}{}",
            if s_first[i] { "F" } else { "" },
            if s_last[i] { "L" } else { "" },
            if para[i] { "P" } else { "" }
        );
        push(&mut buf);
        let _ = write!(
            buf,
            "next-last={}",
            i + 1 < n && s_last[i + 1] && ta.tokens[i + 1].kind == TokenKind::Punct
        );
        push(&mut buf);
        if is_cue[i] {
            buf.push_str("cue");
            push(&mut buf);
        }
        let (cl, clw) = match left[i] {
            Some(j) => (bucket(i - j), ta.norm_of(j)),
            None => ("none", ""),
        };
        let (cr, crw) = match right[i] {
            Some(j) => (bucket(j - i), ta.norm_of(j)),
            None => ("none", ""),
        };
        let _ = write!(buf, "cl={cl}");
        push(&mut buf);
        let _ = write!(buf, "cr={cr}");
        push(&mut buf);
        let _ = write!(buf, "clw={clw}");
        push(&mut buf);
        let _ = write!(buf, "crw={crw}");
        push(&mut buf);
        let _ = write!(buf, "cl|cr={cl}|{cr}");
        push(&mut buf);
        let _ = write!(buf, "cl|q={cl}|{q}");
        push(&mut buf);
        let _ = write!(buf, "cr|s0={cr}|{}", sh(ii));
        push(&mut buf);
        let _ = write!(buf, "cr|w0={cr}|{w0}");
        push(&mut buf);
        let _ = write!(buf, "cl|w-1={cl}|{}", w(ii - 1));
        push(&mut buf);
        let _ = write!(buf, "sq={}|{q}", sent_has_quote[sent[i]]);
        push(&mut buf);
        let st = |k: isize| -> &str {
            if k < 0 || k as usize >= n {
                "_"
            } else {
                &stems[k as usize]
            }
        };
        let _ = write!(buf, "st0={}", st(ii));
        push(&mut buf);
        let _ = write!(buf, "st-1={}", st(ii - 1));
        push(&mut buf);
        let _ = write!(buf, "st+1={}", st(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "st-1st0={}|{}", st(ii - 1), st(ii));
        push(&mut buf);
        let _ = write!(buf, "st0st+1={}|{}", st(ii), st(ii + 1));
        push(&mut buf);
        let _ = write!(buf, "st0|cl={}|{cl}", st(ii));
        push(&mut buf);
        let _ = write!(buf, "st0|cr={}|{cr}", st(ii));
        push(&mut buf);
        let _ = write!(buf, "st-1|q={}|{q}", st(ii - 1));
        push(&mut buf);
        // Sentence position and clause context (content boundaries).
        let to_end = bucket(s_end[i] - i - 1);
        let from_start = bucket(i - s_start[i]);
        let _ = write!(buf, "se={to_end}");
        push(&mut buf);
        let _ = write!(buf, "ss={from_start}");
        push(&mut buf);
        let _ = write!(buf, "se|q={to_end}|{q}");
        push(&mut buf);
        let _ = write!(buf, "ss|cl={from_start}|{cl}");
        push(&mut buf);
        let _ = write!(buf, "se|cr={to_end}|{cr}");
        push(&mut buf);
        let sf = sent_final.get(sent[i]).copied().unwrap_or("");
        let _ = write!(buf, "sf|q={sf}|{q}");
        push(&mut buf);
        let _ = write!(
            buf,
            "ccl={}|{}|{cl}",
            commas_since_cue[i], that_after_cue[i]
        );
        push(&mut buf);
        let _ = write!(buf, "cl|w0={cl}|{w0}");
        push(&mut buf);
        let clnext = left[i].map_or("", |j| if j + 1 < n { ta.norm_of(j + 1) } else { "" });
        let _ = write!(buf, "clw|next={clw}|{clnext}");
        push(&mut buf);
        let pm = if i > 0 { qmark[i - 1] } else { 0 };
        let _ = write!(buf, "pq={pm}|{q}|s0={}", sh(ii));
        push(&mut buf);
        let prev_s = sent[i].checked_sub(1);
        let _ = write!(
            buf,
            "ps={}|{}|{}",
            prev_s.map_or("", |k| sent_final[k]),
            prev_s.is_some_and(|k| sent_cue[k]),
            sent_cue[sent[i]]
        );
        push(&mut buf);
        out.push(f);
    }
    out
}
