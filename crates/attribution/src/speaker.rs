//! The words of a source that name its speaker, and role phrases in apposition.
//!
//! A speaker is a name, a title and a name, a role noun phrase ("a spokesman for the state
//! transportation department") or a pronoun resolved to one of these. A relative pronoun
//! stands for its antecedent ("Salo, who saw the photographs, said" gives Salo); an
//! appositive or relative clause after a comma and trailing punctuation are not part of the
//! speaker; a role phrase is never cut mid-phrase.

use triangulate_core::{Document, Span};
use triangulate_text::{TextAnalysis, TokenKind};

use crate::lexicon::Lexicon;

/// Relative pronouns a source may be.
pub(crate) const RELATIVE: [&str; 4] = ["who", "whom", "which", "that"];

/// Pronouns that name nobody the story can resolve ("you" in a quoted question).
const NOBODY: [&str; 5] = ["you", "them", "us", "me", "one"];

/// Function words that can be a vague source on their own ("Many said", "Both agreed").
const QUANTIFIERS: [&str; 9] = [
    "all", "both", "many", "few", "some", "most", "each", "any", "others",
];

/// Subject pronouns: after a source's first word, they open a clause.
const SUBJECTS: [&str; 7] = ["he", "she", "it", "they", "we", "i", "you"];

/// Auxiliary and modal verbs: after a source's first word, they open a clause.
const AUXILIARIES: [&str; 17] = [
    "would", "will", "had", "has", "have", "is", "are", "was", "were", "could", "should", "can",
    "might", "must", "did", "does", "do",
];

/// Words that may open a noun phrase and end the walk back to an antecedent.
const DETERMINERS: [&str; 11] = [
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our",
];

/// Function words a phrase must not end in.
const DANGLING: [&str; 12] = [
    "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and",
];

/// Token range covering the bytes of `span` (empty when it covers no token).
fn tokens_of(ta: &TextAnalysis, span: Span) -> (usize, usize) {
    let a = ta.tokens.partition_point(|t| t.end <= span.start);
    let b = ta.tokens.partition_point(|t| t.start < span.end);
    (a, b.max(a))
}

fn span_of(doc: &Document, ta: &TextAnalysis, a: usize, b: usize) -> Span {
    Span::new_unchecked(
        doc.id,
        ta.tokens[a].start as usize,
        ta.tokens[b - 1].end as usize,
    )
}

/// The noun phrase a relative pronoun at token `i` refers to: the words right before it (and
/// before a comma), back to a determiner, a punctuation mark or a word that cannot be part of
/// a name or role ("according to Salo, who" gives "Salo"; "the harbor engineer, who" gives
/// "the harbor engineer"; "the head of the port, who" gives all four words).
fn antecedent(doc: &Document, ta: &TextAnalysis, i: usize) -> Option<(usize, usize)> {
    let lx = Lexicon::get();
    let t = |k: usize| ta.tokens[k].text(doc.analysis_text());
    let mut b = i;
    if b > 0 && t(b - 1) == "," {
        b -= 1;
    }
    let mut a = b;
    while a > 0 && b - a < 8 {
        let k = a - 1;
        let norm = ta.norm_of(k);
        if ta.tokens[k].kind == TokenKind::Punct && !matches!(t(k), "'" | "’" | "-") {
            break;
        }
        let capital = t(k).starts_with(char::is_uppercase);
        if DETERMINERS.contains(&norm) {
            a = k;
            // "the head of the port": the phrase goes on before "of".
            let of_before =
                k >= 2 && ta.norm_of(k - 1) == "of" && ta.tokens[k - 2].kind == TokenKind::Word;
            if !of_before {
                break;
            }
            continue;
        }
        let of_inside = norm == "of" && a < b && k > 0 && ta.tokens[k - 1].kind == TokenKind::Word;
        let function = triangulate_text::is_stopword(norm) && !capital && !of_inside;
        if function || (!capital && lx.cues.contains(norm) && !lx.titles.contains(norm)) {
            break;
        }
        a = k;
    }
    // A phrase opened by "of" has lost its head, a determiner alone ("those who") has none.
    let headless = (a..b).all(|k| DETERMINERS.contains(&ta.norm_of(k)));
    (a < b && ta.norm_of(a) != "of" && !headless).then_some((a, b))
}

/// The part of a source span that names the speaker: a relative pronoun's antecedent, or the
/// source up to the clause that follows its noun phrase (a comma, a subject pronoun or an
/// auxiliary verb), without trailing punctuation. `None` when no words are left (a relative
/// pronoun without an antecedent) or the source names nobody ("you", function words alone).
pub(crate) fn speaker_span(doc: &Document, ta: &TextAnalysis, src: Span) -> Option<Span> {
    let (a, b) = tokens_of(ta, src);
    if a >= b {
        return Some(src);
    }
    if b - a == 1 && RELATIVE.contains(&ta.norm_of(a)) {
        return antecedent(doc, ta, a).map(|(x, y)| span_of(doc, ta, x, y));
    }
    let t = |k: usize| ta.tokens[k].text(doc.analysis_text());
    // A clause starts at a comma, at a subject pronoun or an auxiliary verb after the first
    // word ("all the engineers we asked"), or right after an opening subject pronoun ("he
    // had warned" names "he").
    let lower_word = |k: usize| t(k).starts_with(char::is_lowercase) || t(k) == "I";
    let opens_clause =
        |k: usize| SUBJECTS.contains(&ta.norm_of(k)) || AUXILIARIES.contains(&ta.norm_of(k));
    let mut e = (a + 1..b)
        .find(|&k| t(k) == "," || (lower_word(k) && opens_clause(k)))
        .unwrap_or(b);
    if SUBJECTS.contains(&ta.norm_of(a)) {
        e = a + 1;
    }
    while e > a && ta.tokens[e - 1].kind == TokenKind::Punct && t(e - 1) != ")" {
        e -= 1;
    }
    let mut s = a;
    while s < e && ta.tokens[s].kind == TokenKind::Punct && t(s) != "(" {
        s += 1;
    }
    if e == s + 1 && RELATIVE.contains(&ta.norm_of(s)) {
        // "which he ...": the pronoun left after the clause is cut off.
        return antecedent(doc, ta, s).map(|(x, y)| span_of(doc, ta, x, y));
    }
    // Function words alone ("An", "from") and "you" name nobody.
    let lx = Lexicon::get();
    let function_only = (s..e).all(|k| {
        let norm = ta.norm_of(k);
        triangulate_text::is_stopword(norm)
            && !lx.pronouns.contains_key(norm)
            && !QUANTIFIERS.contains(&norm)
    });
    let nobody = e == s + 1 && NOBODY.contains(&ta.norm_of(s));
    (s < e && !nobody && !function_only).then(|| span_of(doc, ta, s, e))
}

/// A role in apposition after a name ending at token `end`: ", head of the port authority,"
/// or ", a spokesman for the state transportation department,". The phrase runs to the next
/// punctuation mark or verb of saying; a cue word after a determiner or preposition is a noun
/// ("the state"). A phrase that would end in a function word is no role.
pub(crate) fn apposition(doc: &Document, ta: &TextAnalysis, end: usize) -> Option<String> {
    let lx = Lexicon::get();
    let n = ta.tokens.len();
    if end + 1 >= n || ta.tokens[end].text(doc.analysis_text()) != "," {
        return None;
    }
    let mut j = end + 1;
    if matches!(ta.norm_of(j), "the" | "a" | "an") {
        j += 1;
    }
    if j >= n || !lx.titles.contains(ta.norm_of(j)) {
        return None;
    }
    let first = end + 1;
    let mut k = j;
    while k < n && k < first + 20 {
        let t = ta.tokens[k].text(doc.analysis_text());
        let after_function = DANGLING.contains(&ta.norm_of(k - 1));
        let cue = lx.cues.contains(ta.norm_of(k)) && ta.norm_of(k) != "head" && !after_function;
        if matches!(t, "," | "." | ";" | ":" | "(" | ")" | "\"" | "“" | "”") || cue {
            break;
        }
        k += 1;
    }
    if k == first + 20 {
        return None;
    }
    while k > j && DANGLING.contains(&ta.norm_of(k - 1)) {
        k -= 1;
    }
    (k > j).then(|| {
        doc.analysis_text()[ta.tokens[first].start as usize..ta.tokens[k - 1].end as usize]
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_core::DocId;

    /// `speaker_span` of the source written as `src` inside `text`.
    fn speaker_words(text: &str, src: &str) -> Option<String> {
        let doc = Document::new(DocId(0), "t", text);
        let ta = triangulate_text::analyze(&doc);
        let at = text.find(src).expect("source in text");
        let span = Span::new(&doc, at, at + src.len()).expect("span");
        speaker_span(&doc, &ta, span).map(|s| doc.slice(s).to_string())
    }

    #[test]
    fn appositive_clause_and_trailing_comma_are_trimmed() {
        let text = "The dock foreman, who would not give his name, said the crane had failed.";
        assert_eq!(
            speaker_words(text, "The dock foreman, who would not give his name,").as_deref(),
            Some("The dock foreman")
        );
        let text = "The levy failed, all the engineers we asked agreed.";
        assert_eq!(
            speaker_words(text, "all the engineers we asked").as_deref(),
            Some("all the engineers")
        );
        let text = "The levy failed, he had warned.";
        assert_eq!(speaker_words(text, "he had").as_deref(), Some("he"));
        let text = "Rents will rise, the veteran landlord, said.";
        assert_eq!(
            speaker_words(text, "the veteran landlord,").as_deref(),
            Some("the veteran landlord")
        );
    }

    #[test]
    fn relative_pronoun_takes_its_antecedent_or_nothing() {
        let text = "The mill shut, according to the head of the workers' fund, who said so.";
        assert_eq!(
            speaker_words(text, "who").as_deref(),
            Some("the head of the workers' fund")
        );
        let text = "The dam held, according to the surveyor, which he confirmed.";
        assert_eq!(
            speaker_words(text, "which he").as_deref(),
            Some("the surveyor")
        );
        let text = "Those who said so were wrong.";
        assert_eq!(speaker_words(text, "who"), None);
        let text = "Why did you say so?";
        assert_eq!(speaker_words(text, "you"), None);
        assert_eq!(speaker_words(text, "you say"), None);
        let text = "From the start, an aide said, the plan was doomed.";
        assert_eq!(speaker_words(text, "From"), None);
    }
}
