//! Issue 4 (timeline) and issue 2 item 4 (inferred publication dates) on the seeds, through
//! the binary's JSON report. Skip when ../shared/data is absent.

mod common;

use std::path::Path;

use common::{seeds_report as seeds, squash};
use serde_json::Value;

/// Gold document key ("003") of report document `i`, from its input name.
fn key(report: &Value, i: u64) -> String {
    let name = report["documents"][i as usize]["input"].as_str().unwrap();
    let file = Path::new(name).file_name().unwrap().to_str().unwrap();
    file[..3].to_string()
}

#[test]
fn issue2_publication_dates_of_seeds_are_read_or_inferred() {
    let Some((report, gold)) = seeds() else {
        return;
    };
    for (i, d) in report["documents"].as_array().unwrap().iter().enumerate() {
        let k = key(&report, i as u64);
        let want = chrono_day(gold["documents"][&k]["published"].as_str().unwrap());
        let got = d["published"].as_str().map(chrono_day);
        let basis = d["published_basis"].as_str().unwrap_or("none");
        match k.as_str() {
            "001" | "002" | "003" => assert_eq!(got, Some(want), "document {k} ({basis})"),
            _ => {
                let got = got.unwrap_or_else(|| panic!("document {k} has no date"));
                assert!((got - want).abs() <= 3, "document {k}: {got} vs {want}");
                assert_eq!(basis, "inferred", "document {k}");
            }
        }
    }
}

/// Days since 2000-01-01 of an ISO date (enough arithmetic for a 3-day tolerance).
fn chrono_day(s: &str) -> i64 {
    let p: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
    let days_before_month = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    (p[0] - 2000) * 366 + days_before_month[(p[1] - 1) as usize] + p[2]
}

#[test]
fn issue4_seeds_timeline_has_the_gold_events_with_their_documents() {
    let Some((report, gold)) = seeds() else {
        return;
    };
    let timeline = report["timeline"].as_array().unwrap();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for g in gold["timeline"].as_array().unwrap() {
        let date = g["date"].as_str().unwrap();
        let matches: Vec<String> = g["match"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| squash(m.as_str().unwrap()))
            .collect();
        let docs: Vec<&str> = g["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        // An entry with the gold date in which every listed document has a source span
        // containing one of the match strings.
        let ok = timeline.iter().any(|e| {
            e["date"] == date
                && docs.iter().all(|k| {
                    e["sources"].as_array().unwrap().iter().any(|s| {
                        key(&report, s["document"].as_u64().unwrap()) == *k && {
                            let text = squash(s["span"]["text"].as_str().unwrap());
                            matches.iter().any(|m| text.contains(m))
                        }
                    })
                })
        });
        if ok {
            good.push(date)
        } else {
            bad.push(date)
        }
    }
    println!("timeline: {} of 13 gold events; missed {bad:?}", good.len());
    assert!(
        good.len() >= 11,
        "only {} gold events: missed {bad:?}",
        good.len()
    );
}

#[test]
fn issue4_seeds_expiry_shows_both_dates() {
    let Some((report, _)) = seeds() else { return };
    let timeline = report["timeline"].as_array().unwrap();
    let expiry = timeline
        .iter()
        .find(|e| {
            e["sources"].as_array().unwrap().iter().any(|s| {
                squash(s["span"]["text"].as_str().unwrap()).contains("its mandate expires nov. 14")
            })
        })
        .expect("an entry for the Nov. 14 expiry");
    let dates: Vec<&str> = expiry["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        dates.contains(&"2017-11-14") && dates.contains(&"2017-11-17"),
        "{dates:?}"
    );
    assert_eq!(expiry["date"], "2017-11-17", "most sources say Nov. 17");
    assert_eq!(expiry["conflicting"], true);
}
