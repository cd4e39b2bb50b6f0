//! ROUGE agrees with Google's rouge-score (0.1.2, use_stemmer=True) on texts written for this
//! project: `fixtures/rouge/pairs.json`, values from `bench/rouge_fixture.py`.

use serde_json::Value;
use triangulate_eval::rouge::{rouge, Prf};

const PAIRS: &str = include_str!("fixtures/rouge/pairs.json");
const EXPECTED: &str = include_str!("fixtures/rouge/expected.json");

fn close(name: &str, i: usize, ours: Prf, theirs: &Value) {
    for (k, v) in [("p", ours.p), ("r", ours.r), ("f", ours.f)] {
        let t = theirs[k].as_f64().unwrap();
        // Within 0.01 ROUGE points (percent).
        assert!(
            (100.0 * (v - t)).abs() <= 0.01,
            "pair {i} {name}.{k}: ours {v}, rouge-score {t}"
        );
    }
}

#[test]
fn rouge_agrees_with_rouge_score_on_fixture_pairs() {
    let pairs: Value = serde_json::from_str(PAIRS).unwrap();
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let pairs = pairs.as_array().unwrap();
    let scores = expected["scores"].as_array().unwrap();
    assert_eq!(pairs.len(), scores.len());
    assert!(pairs.len() >= 8);
    for (i, (p, e)) in pairs.iter().zip(scores).enumerate() {
        let r = rouge(
            p["target"].as_str().unwrap(),
            p["prediction"].as_str().unwrap(),
        );
        close("rouge1", i, r.rouge1, &e["rouge1"]);
        close("rouge2", i, r.rouge2, &e["rouge2"]);
        close("rougeLsum", i, r.rouge_lsum, &e["rougeLsum"]);
    }
}
