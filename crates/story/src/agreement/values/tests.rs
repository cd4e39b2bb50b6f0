//! Values read from text and compared.

use super::compare::compare_date;
use super::*;
use triangulate_core::{DocId, Document};

pub(crate) fn values_of(s: &str) -> Vec<Value> {
    let doc = Document::new(DocId(0), "t", s);
    let ta = triangulate_text::analyze(&doc);
    let v = TokenView::new(doc.analysis_text(), &ta);
    find_values(&v, 0, ta.tokens.len())
        .into_iter()
        .map(|m| m.value)
        .collect()
}

#[test]
fn quantity_examples_run() {
    for ex in crate::agreement::rules::examples(crate::agreement::rules::QUANTITIES.1) {
        let (pair, want) = ex.split_once(" => ").expect("EXAMPLE: A ~ B => relation");
        let (a, b) = pair.split_once(" ~ ").expect("EXAMPLE: A ~ B => relation");
        let (va, vb) = (values_of(a), values_of(b));
        assert_eq!((va.len(), vb.len()), (1, 1), "{ex}: {va:?} {vb:?}");
        let got = match compare(&va[0], &vb[0], None) {
            Relation::Agree => "agree",
            Relation::Discrepancy => "discrepancy",
            Relation::Contradiction => "contradiction",
            Relation::Unrelated => "unrelated",
        };
        assert_eq!(got, want, "{ex}");
    }
}

#[test]
fn dates() {
    let v = values_of("It expires Nov. 14, and the vote is on November 17, 2017, or Friday.");
    assert_eq!(v.len(), 3, "{v:?}");
    let Value::Date(a) = v[0] else { panic!() };
    let Value::Date(b) = v[1] else { panic!() };
    let Value::Date(f) = v[2] else { panic!() };
    assert_eq!((a.month, a.day), (Some(11), Some(14)));
    assert_eq!(b.year, Some(2017));
    assert_eq!(compare_date(&a, &b, Some(2017)), Relation::Contradiction);
    assert_eq!(compare_date(&f, &b, Some(2017)), Relation::Agree);
    assert_eq!(compare_date(&f, &a, Some(2017)), Relation::Discrepancy);
    assert_eq!(values_of("It was created in 2015.").len(), 1);
    assert!(values_of("He may come in march.").is_empty());
}

#[test]
fn durations_are_lengths_in_days() {
    let v = values_of("It gives 12 weeks of paid leave.");
    let [Value::Qty(q)] = &v[..] else {
        panic!("{v:?}")
    };
    assert_eq!((q.lo, q.unit.as_deref()), (84.0, Some("duration")));
    // Distances between two times and spans counted from the day of writing are read apart
    // from lengths.
    for (s, unit) in [
        ("It happened ten years ago.", "duration ago"),
        ("It's been 26 years since the show aired.", "duration apart"),
        (
            "For the last 17 years, she has lived with it.",
            "duration past",
        ),
        ("Over the next three years, it grows.", "duration next"),
    ] {
        let v = values_of(s);
        let [Value::Qty(q)] = &v[..] else {
            panic!("{s}: {v:?}")
        };
        assert_eq!(q.unit.as_deref(), Some(unit), "{s}");
    }
    // Parts of a longer duration, rates, ages, ranges, the first days of something and a
    // dating older than a century are not compared.
    for s in [
        "The lizard lived 8,000 years ago.",
        "In the first 100 days, he signed it.",
        "He was sentenced to three years and 10 months in prison.",
        "They played 12 hours a week.",
        "He was six years old at the time.",
        "Experts recommend seven to nine hours of sleep.",
    ] {
        assert!(values_of(s).is_empty(), "{s}: {:?}", values_of(s));
    }
}

#[test]
fn a_converted_quantity_is_not_a_value_of_its_own() {
    let v = values_of("The bleaching affects a 1,500 km ( 900 miles ) stretch of the reef.");
    assert!(
        v.iter()
            .all(|v| !matches!(v, Value::Qty(q) if q.lo == 900.0)),
        "{v:?}"
    );
    let v = values_of("The van carried 53 million libyan dinars ( $ 43.49 million ).");
    assert_eq!(v.len(), 1, "{v:?}");
    // A number in parentheses after words is read.
    assert_eq!(values_of("The toll ( 80 people ) rose.").len(), 1);
}

#[test]
fn durations_are_shown_in_their_own_unit() {
    let shown_of = |s: &str| {
        let v = values_of(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        shown(&v[0], Some(2024))
    };
    assert_eq!(shown_of("The mill closed ten years ago."), "10 years ago");
    assert_eq!(
        shown_of("The plan gives 12 weeks of paid leave."),
        "12 weeks"
    );
    assert_eq!(shown_of("He was freed 15 years later."), "15 years apart");
    assert_eq!(
        shown_of("Prices rose over the last 14 weeks."),
        "the past 14 weeks"
    );
    // Not a duration: shown as the key is.
    let v = values_of("Unemployment rose to 12 percent in May.");
    assert!(!v.is_empty());
    assert_eq!(shown(&v[0], None), display(&v[0], None));
}

#[test]
fn an_age_is_at_most_125_years() {
    let v = values_of("The 34-year-old student died.");
    let [Value::Qty(q)] = &v[..] else {
        panic!("{v:?}")
    };
    assert_eq!((q.lo, q.unit.as_deref()), (34.0, Some("age")));
    // A garbled text ("The 2021-year-old died") states no age.
    let v = values_of("The 2021-year-old died.");
    assert!(
        v.iter()
            .all(|v| !matches!(v, Value::Qty(q) if q.unit.as_deref() == Some("age"))),
        "{v:?}"
    );
}

#[test]
fn a_space_between_groups_of_three_digits_is_a_thousands_separator() {
    let count = |s: &str| -> Vec<(f64, Option<String>)> {
        values_of(s)
            .into_iter()
            .filter_map(|v| match v {
                Value::Qty(q) => Some((q.lo, q.unit)),
                Value::Date(_) => None,
            })
            .collect()
    };
    let spaced = count("The town of 13 406 people was evacuated.");
    assert_eq!(spaced.len(), 1, "{spaced:?}");
    assert_eq!(spaced[0].0, 13406.0);
    // The same count written with a comma reads the same (and so agrees with it).
    let comma = values_of("The town of 13,406 people was evacuated.");
    let spaced_v = values_of("The town of 13 406 people was evacuated.");
    assert_eq!(compare(&comma[0], &spaced_v[0], None), Relation::Agree);
    assert_eq!(count("It has 1 234 567 residents.")[0].0, 1234567.0);
    // Spaced otherwise: not a number to read, neither part.
    assert!(count("The town of 13 40 people was evacuated.").is_empty());
    assert!(count("The town of 13 4061 people was evacuated.").is_empty());
    // A year before a count is no group: "in 2016 300 people" counts 300.
    let after_year = count("In 2016 300 people died.");
    assert_eq!(after_year.len(), 1, "{after_year:?}");
    assert_eq!(after_year[0].0, 300.0);
}

fn resolved(s: &str, published: (i32, u32, u32), story_year: Option<i32>) -> Vec<DateVal> {
    let doc = Document::new(DocId(0), "t", s);
    let ta = triangulate_text::analyze(&doc);
    let v = TokenView::new(doc.analysis_text(), &ta);
    let mut ms = find_values(&v, 0, ta.tokens.len());
    let (y, m, d) = published;
    let timexes = triangulate_time::tag(&doc, &ta, chrono::NaiveDate::from_ymd_opt(y, m, d));
    resolve_dates(&timexes, &mut ms, story_year);
    ms.into_iter()
        .filter_map(|m| match m.value {
            Value::Date(d) if d.day.is_some() => Some(d),
            _ => None,
        })
        .collect()
}

#[test]
fn a_weekday_before_a_day_without_a_year_chooses_its_year_from_the_story() {
    use chrono::Datelike;
    let friday = |y: i32| {
        chrono::NaiveDate::from_ymd_opt(y, 5, 13).unwrap().weekday() == chrono::Weekday::Fri
    };
    // Written in March 2016 about a Friday, May 13: 2016's, the one that is a Friday (the
    // tagger, anchored on March 2016 and reading the past tense, says 2015).
    for s in [
        "The storm struck on Friday, May 13, the mayor said.",
        "The storm struck on Friday May 13, the mayor said.",
    ] {
        let d = resolved(s, (2016, 3, 2), Some(2016));
        assert_eq!(d.len(), 1, "{s}: {d:?}");
        assert_eq!(
            (d[0].year, d[0].month, d[0].day),
            (Some(2016), Some(5), Some(13)),
            "{s}"
        );
        assert!(friday(2016));
    }
    // No year near the story's on which May 13 is a Friday: no year.
    assert!(!friday(2013) && !friday(2014) && !friday(2015));
    let d = resolved(
        "The storm struck on Friday, May 13.",
        (2014, 3, 2),
        Some(2014),
    );
    assert_eq!((d[0].year, d[0].day), (None, Some(13)), "{d:?}");
    // A written year stays as written; a day without a weekday keeps the tagger's year.
    let d = resolved(
        "The storm struck on Friday, May 13, 2011.",
        (2016, 3, 2),
        Some(2016),
    );
    assert_eq!(d[0].year, Some(2011));
    let d = resolved(
        "The storm struck on May 13, the mayor said.",
        (2016, 3, 2),
        Some(2016),
    );
    assert!(d[0].year.is_some(), "{d:?}");
}
