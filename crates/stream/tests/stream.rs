//! The clusterer's contracts: same input order, same stories; restoring stored
//! assignments and continuing equals assigning everything at once; wire copies are found;
//! stories stay apart by topic and by time.

use chrono::NaiveDate;
use triangulate_core::{DateBasis, DocId, Document, PublishedDate};
use triangulate_stream::{
    arrival_order, features, Assignment, Clusterer, Features, Params, NO_STORY,
};

/// Made-up articles: three stories (a bridge closure, a flood, a football transfer), a wire
/// copy, and a furniture page.
const TEXTS: &[(&str, &str)] = &[
    ("2026-03-02", "The Harbor Bridge in Portview will close for six weeks of repairs, city engineers said on Monday. Cracks were found in two steel girders during an inspection last month. Commuters were told to use the ferry or the northern tunnel while the bridge is closed."),
    ("2026-03-02", "Heavy rain flooded the lower town of Millbrook on Monday, forcing two hundred families from their homes. The river rose three metres overnight and the fire brigade rescued residents by boat. The regional governor declared an emergency."),
    ("2026-03-03", "Portview engineers confirmed the Harbor Bridge closure on Tuesday. The girders with cracks will be replaced, and the bridge should reopen in April. Ferry operators added extra sailings for commuters during the bridge repairs."),
    ("2026-03-03", "Striker Luca Ferrante has joined Northgate United from Valdora for a club record fee, the club announced on Tuesday. Ferrante signed a five-year contract and will wear the number nine shirt. The transfer fee was not disclosed by either club."),
    ("2026-03-03", "Heavy rain flooded the lower town of Millbrook on Monday, forcing two hundred families from their homes. The river rose three metres overnight and the fire brigade rescued residents by boat. The regional governor declared a state of emergency on Tuesday."),
    ("2026-03-04", "Please enable JavaScript in your browser to view this page. Sign up for our newsletter to get breaking news. Read our privacy policy and terms of use."),
    ("2026-03-04", "Millbrook residents began returning home on Wednesday as the flood water receded. The river fell back below its banks and the fire brigade pumped water out of flooded basements. The governor promised emergency aid for families whose homes were damaged by the flood."),
    ("2026-03-05", "Northgate United presented striker Luca Ferrante to fans on Thursday. Ferrante, who moved from Valdora, said he wanted to win the league with his new club. The record transfer was completed earlier this week after a medical."),
];

fn docs() -> Vec<Document> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, (date, text))| {
            let mut d = Document::new(DocId(i as u32), format!("d{i}"), *text);
            d.meta.published = Some(PublishedDate {
                date: date.parse().unwrap(),
                basis: DateBasis::InputField,
            });
            d
        })
        .collect()
}

fn run(feats: &[Features]) -> Vec<Assignment> {
    let mut c = Clusterer::new();
    arrival_order(feats)
        .into_iter()
        .map(|i| c.assign(&feats[i]))
        .collect()
}

#[test]
fn stories_near_duplicates_and_furniture() {
    let feats: Vec<Features> = docs().iter().map(features).collect();
    let got = run(&feats);
    let story: Vec<u64> = got.iter().map(|a| a.story).collect();
    // Bridge, flood, bridge, football, flood copy, furniture, flood, football.
    assert_eq!(story[0], story[2]);
    assert_eq!(story[1], story[4]);
    assert_eq!(story[1], story[6]);
    assert_eq!(story[3], story[7]);
    assert_ne!(story[0], story[1]);
    assert_ne!(story[0], story[3]);
    assert_ne!(story[1], story[3]);
    assert_eq!(got[4].near_duplicate_of, Some(1));
    assert_eq!(got[6].near_duplicate_of, None);
    assert!(feats[5].is_furniture());
    // The furniture page belongs to no story and opens none: three stories, numbered 1-3.
    assert_eq!(story[5], NO_STORY);
    assert!(!got[5].new_story);
    assert_eq!(story.iter().max(), Some(&3));
    let mut opened: Vec<u64> = got
        .iter()
        .filter(|a| a.new_story)
        .map(|a| a.story)
        .collect();
    opened.sort_unstable();
    assert_eq!(opened, [1, 2, 3]);
}

#[test]
fn furniture_pages_glue_nothing() {
    // Issue 10: a sign-up box carried under two stories' articles joins neither story and
    // no later page joins it, however alike the furniture pages are.
    let furniture = "Please enable JavaScript in your browser to view this page. Sign up for \
                     our newsletter to get breaking news. Read our privacy policy and terms of use.";
    let mut ds = docs();
    ds.insert(1, Document::new(DocId(8), "f1", furniture));
    ds.insert(
        5,
        Document::new(DocId(9), "f2", format!("{furniture} Thank you.")),
    );
    let feats: Vec<Features> = ds.iter().map(features).collect();
    let mut c = Clusterer::new();
    for f in &feats {
        let a = c.assign(f);
        if f.is_furniture() {
            assert_eq!(
                (a.story, a.new_story, a.near_duplicate_of),
                (NO_STORY, false, None)
            );
        } else {
            assert_ne!(a.story, NO_STORY);
        }
    }
    assert_eq!(feats.iter().filter(|f| f.is_furniture()).count(), 3);
    assert!(feats
        .iter()
        .filter(|f| f.is_furniture())
        .all(Features::is_furniture_page));
    assert_eq!(c.stories(), 3);
    // A text merely too short to tell a story by is no furniture page: a story of its own.
    let short = features(&Document::new(DocId(10), "s", "The council met on Monday."));
    assert!(short.is_furniture() && !short.is_furniture_page());
    let a = c.assign(&short);
    assert_eq!((a.story, a.new_story), (4, true));
}

#[test]
fn the_hand_rule_finds_the_same_stories() {
    // The learned join decision (the default) and the earlier hand rule (cosine plus names
    // bonus against a threshold) agree where the stories are plain.
    let feats: Vec<Features> = docs().iter().map(features).collect();
    let mut hand = Clusterer::with_params(Params {
        model: 0.0,
        ..Params::default()
    });
    let got: Vec<Assignment> = arrival_order(&feats)
        .into_iter()
        .map(|i| hand.assign(&feats[i]))
        .collect();
    assert_eq!(got, run(&feats));
}

#[test]
fn same_input_order_same_stories() {
    let feats: Vec<Features> = docs().iter().map(features).collect();
    assert_eq!(run(&feats), run(&feats));
    let again: Vec<Features> = docs().iter().map(features).collect();
    assert_eq!(feats, again);
}

#[test]
fn day_one_then_day_two_equals_all_at_once() {
    let feats: Vec<Features> = docs().iter().map(features).collect();
    let all = run(&feats);
    let order = arrival_order(&feats);
    for split in 0..=feats.len() {
        // Day 1: assign, keep the assignments (as a store does).
        let mut day1 = Clusterer::new();
        let stored: Vec<Assignment> = order[..split]
            .iter()
            .map(|&i| day1.assign(&feats[i]))
            .collect();
        // Day 2: reopen by restoring, then assign the rest.
        let mut c = Clusterer::new();
        for (&i, a) in order[..split].iter().zip(&stored) {
            c.restore(&feats[i], a);
        }
        assert_eq!(c.len(), split as u64);
        let mut got = stored;
        got.extend(order[split..].iter().map(|&i| c.assign(&feats[i])));
        assert_eq!(got, all, "split at {split}");
    }
}

#[test]
fn the_same_kind_of_event_a_year_apart_is_another_story() {
    let mut ds = docs();
    ds.truncate(3);
    // The bridge story again, a year later.
    let mut later = Document::new(
        DocId(3),
        "later",
        "The Harbor Bridge in Portview was closed again on Friday after engineers found new \
         cracks in a steel girder. Commuters were sent to the ferry and the northern tunnel. \
         City engineers said the bridge repairs could take two months.",
    );
    later.meta.published = Some(PublishedDate {
        date: NaiveDate::from_ymd_opt(2027, 3, 5).unwrap(),
        basis: DateBasis::InputField,
    });
    ds.push(later);
    let feats: Vec<Features> = ds.iter().map(features).collect();
    let got = run(&feats);
    assert_eq!(got[0].story, got[2].story);
    assert!(got[3].new_story, "{got:?}");
}

#[test]
fn arrival_order_is_by_date_then_input() {
    let mut ds = docs();
    ds[0].meta.published = Some(PublishedDate {
        date: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        basis: DateBasis::InputField,
    });
    ds[1].meta.published = None;
    let feats: Vec<Features> = ds.iter().map(features).collect();
    // d1 has no date: it stays after d0, its input neighbour, which moved to the end.
    assert_eq!(arrival_order(&feats), [2, 3, 4, 5, 6, 7, 0, 1]);
    ds[0].meta.published = None;
    let feats: Vec<Features> = ds.iter().map(features).collect();
    // Undated documents before any dated one come first.
    assert_eq!(arrival_order(&feats), [0, 1, 2, 3, 4, 5, 6, 7]);
}

/// The bridge story, and a follow-up two years later that does or does not name the year of
/// the closure, clustered with `params`.
fn follow_up(text: &str, params: Params) -> Vec<Assignment> {
    follow_up_on(text, NaiveDate::from_ymd_opt(2028, 3, 5).unwrap(), params)
}

/// The bridge story (March 2026), and a later article published on `date`.
fn follow_up_on(text: &str, date: NaiveDate, params: Params) -> Vec<Assignment> {
    let mut ds = docs();
    ds.truncate(3);
    let mut later = Document::new(DocId(3), "later", text);
    later.meta.published = Some(PublishedDate {
        date,
        basis: DateBasis::InputField,
    });
    ds.push(later);
    let feats: Vec<Features> = ds.iter().map(features).collect();
    let mut c = Clusterer::with_params(params);
    arrival_order(&feats)
        .into_iter()
        .map(|i| c.assign(&feats[i]))
        .collect()
}

#[test]
fn a_follow_up_that_names_its_story_year_joins_it() {
    // Two years on, an article that names the year of the closure refers back to it (ECB+
    // keeps such follow-ups, a trial after a shooting, in the event's story); the same
    // article without the year is the same kind of event again, another story.
    let text = |year: &str| {
        format!(
            "The Harbor Bridge in Portview, closed in March{year} after engineers found cracks \
             in two steel girders, needs new repairs, city engineers said on Friday. Commuters \
             were told to use the ferry or the northern tunnel while the bridge is closed."
        )
    };
    let named = follow_up(&text(" 2026"), Params::default());
    assert_eq!(named[3].story, named[0].story, "{named:?}");
    let unnamed = follow_up(&text(""), Params::default());
    assert!(unnamed[3].new_story, "{unnamed:?}");
    // Without the rule, the time decay splits the follow-up off.
    let off = Params {
        refer_back: 0.0,
        ..Params::default()
    };
    assert!(follow_up(&text(" 2026"), off)[3].new_story);
}

#[test]
fn a_close_follow_up_weeks_later_joins_its_story() {
    // Fourteen weeks after the closure, an article on the same bridge, girders and ferry (ECB+
    // keeps a hearing three months after a shooting in the shooting's story): a strong
    // content match outweighs a gap of weeks, though it does not name the year.
    let text = "The Harbor Bridge in Portview stays closed, city engineers said on Monday: the \
                two steel girders with cracks are being replaced and the repairs will take \
                longer. Commuters were told to keep using the ferry or the northern tunnel \
                while the bridge is closed.";
    let weeks = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
    let got = follow_up_on(text, weeks, Params::default());
    assert_eq!(got[3].story, got[0].story, "{got:?}");
    // The same text a year on is another story, and so it is fourteen weeks on when time
    // divides the probability instead of the odds (before session 13).
    let year = NaiveDate::from_ymd_opt(2027, 6, 10).unwrap();
    assert!(follow_up_on(text, year, Params::default())[3].new_story);
    let old = Params {
        odds_decay: 0.0,
        ..Params::default()
    };
    assert!(follow_up_on(text, weeks, old)[3].new_story);
    // A year on, it is the cap on what content can bring that keeps the near-copy apart.
    let uncapped = Params {
        content_cap: 100.0,
        ..Params::default()
    };
    assert_eq!(follow_up_on(text, year, uncapped)[3].story, got[0].story);
}
