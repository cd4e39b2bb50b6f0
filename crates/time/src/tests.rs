//! Tests of the crate root: tagging, preparing and resolving time expressions.

use super::*;

#[test]
fn issue_13_a_match_over_a_paragraph_break_is_not_a_time_expression() {
    // Found by the property test `time_like_text`: "the" and "next March" are two
    // sentences; the match "the  \n\n next March" ran over the bound.
    let text = "the  \n\n next March";
    let sentences = [(0, 3), (9, text.len())];
    let anchor = NaiveDate::from_ymd_opt(2025, 3, 10);
    // (The match is dropped, not cut: "next March" alone is not found in this text, as
    // the regexes give no shorter match inside a longer one. Kept simple on purpose.)
    let t = tag_text(text, &sentences, anchor);
    for x in &t {
        let (s, e) = (x.span.start as usize, x.span.end as usize);
        assert!(
            sentences.iter().any(|&(a, b)| a <= s && e <= b),
            "{s}..{e} crosses a sentence bound"
        );
    }
}

#[test]
fn rules_and_tables_load() {
    validate_rules().unwrap();
}

#[test]
fn rule_examples_come_out_as_written() {
    let rs = rules::get();
    let anchor = NaiveDate::from_ymd_opt(2017, 11, 2);
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in &rs.rules {
        for ex in &rule.examples {
            count += 1;
            let got = tag_text(&ex.text, &[], anchor);
            let hit = got
                .iter()
                .find(|t| t.span.start as usize == ex.start && t.span.end as usize == ex.end);
            match hit {
                Some(t) if t.value == ex.value => {}
                _ => failures.push(format!(
                    "rules.txt:{}: {:?} expected [{}] = {}, got {:?}",
                    ex.line,
                    ex.text,
                    &ex.text[ex.start..ex.end],
                    ex.value,
                    got.iter()
                        .map(|t| format!("[{}]={}", &ex.text[t.span.range()], t.value))
                        .collect::<Vec<_>>()
                )),
            }
        }
    }
    assert!(count > 40, "only {count} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bare_weekday_follows_the_tense() {
    let anchor = NaiveDate::from_ymd_opt(2017, 11, 13); // a Monday
    let t = tag_text(
        "Russia said on Monday it was talking. The mandate expires on Friday.",
        &[],
        anchor,
    );
    let v: Vec<&str> = t.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(v, ["2017-11-13", "2017-11-17"]);
}

#[test]
fn later_is_anchored_on_the_last_date_mentioned() {
    let anchor = NaiveDate::from_ymd_opt(2017, 11, 13);
    let t = tag_text(
        "The council voted on Oct. 24 and the inspectors reported two days later.",
        &[],
        anchor,
    );
    assert_eq!(t[1].value, "2017-10-26");
}

#[test]
fn no_anchor_gives_unknown_years() {
    let t = tag_text("It happened on Oct. 26 and on Friday.", &[], None);
    assert_eq!(t[0].value, "XXXX-10-26");
    assert_eq!(t[1].value, "XXXX-WXX-5");
}

#[test]
fn long_input_without_sentence_ends_is_tagged_in_linear_time_without_panic() {
    let mut text = String::new();
    for _ in 0..2000 {
        text.push_str("the fund said on Friday it would pay é €5 a day in 1990 ");
    }
    let t = tag_text(&text, &[], NaiveDate::from_ymd_opt(2017, 11, 2));
    assert_eq!(
        t.len(),
        4000,
        "Friday and 1990, but not the rate, each time"
    );
}

#[test]
fn texts_the_ascii_stand_in_cannot_serve_are_tagged_with_the_unicode_rules() {
    let anchor = NaiveDate::from_ymd_opt(2017, 11, 13);
    let plain = "Café owners said on Monday the vote is on Nov. 17, 2017.";
    // An Arabic-Indic digit (a Unicode `\d`) sends the text to the Unicode rules.
    let with_digit = "Café owners said on Monday the vote is on Nov. 17, 2017. \u{663}";
    assert!(rules::ascii_shadow(with_digit).is_none());
    assert!(rules::ascii_shadow(plain).is_some());
    let a = tag_text(plain, &[], anchor);
    let b = tag_text(with_digit, &[], anchor);
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!(a, b);
}

#[test]
fn a_prepared_document_tags_as_tag_does() {
    let mut doc = Document::new(
        DocId(3),
        "d",
        "Updated Friday\nThe vote came on Monday, two days after the talks. It expires next week.",
    );
    doc.boilerplate.push(triangulate_core::Boilerplate {
        span: Span::new_unchecked(DocId(3), 0, 14),
        kind: triangulate_core::BoilerplateKind::DateMarker,
    });
    let text = triangulate_text::analyze(&doc);
    let p = prepare(&doc, &text);
    for anchor in [None, NaiveDate::from_ymd_opt(2017, 11, 2)] {
        let direct = tag(&doc, &text, anchor);
        assert_eq!(p.tag(&doc, anchor), direct);
        assert!(
            direct.iter().all(|t| t.span.start >= 14),
            "boilerplate left out"
        );
    }
    assert_eq!(
        p.len(),
        4,
        "Friday on the boilerplate line is found, then left out"
    );
}

#[test]
fn lower_case_modal_may_is_not_a_month() {
    let t = tag_text("Prices may 5 percent rise, they may rise.", &[], None);
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn a_written_weekday_chooses_the_year_of_a_day_without_one() {
    // Anchored in March 2016: by tense alone "May 13" in a past sentence is 2015-05-13, a
    // Wednesday; with "Friday" written it is 2016-05-13, a Friday.
    let anchor = NaiveDate::from_ymd_opt(2016, 3, 10);
    let with = tag_text("The plant closed on Friday, May 13.", &[], anchor);
    let without = tag_text("The plant closed on May 13.", &[], anchor);
    assert_eq!(without[0].value, "2015-05-13");
    assert_eq!(with[0].value, "2016-05-13");
    // A weekday no nearby year fits (the writer's slip) keeps the choice by tense.
    let slip = tag_text("The plant closed on Tuesday, Feb. 29.", &[], anchor);
    assert_eq!(slip[0].value, "2016-02-29");
}

#[test]
fn a_month_after_a_capitalized_name_word_is_part_of_the_name() {
    let anchor = NaiveDate::from_ymd_opt(1999, 11, 5);
    for names in [
        "High seas will continue, said Navy Capt. Burt March.",
        "Prime Minister Theresa May said the talks would go on.",
    ] {
        let t = tag_text(names, &[], anchor);
        assert!(t.is_empty(), "{names}: {t:?}");
    }
    for months in [
        "In March the plant closed.",
        "The plant closed in March.",
        "Rain fell in Washington. March was the wettest month.",
        "The March rally drew thousands.",
        "The plant closed on March 3.",
    ] {
        let t = tag_text(months, &[], anchor);
        assert_eq!(t.len(), 1, "{months}: {t:?}");
        assert!(t[0].value.starts_with("1999-03"), "{months}: {t:?}");
    }
}
