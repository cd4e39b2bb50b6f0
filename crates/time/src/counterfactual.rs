//! A date that ends a span in a counterfactual clause ("a renewal that would have prolonged
//! the mandate until November 2018"): nothing happens at that date, so it is neither an event
//! of the timeline nor a fact a source states. The timeline and the agreement stage both ask.

use triangulate_text::TextAnalysis;

/// Words before "until" that make the span counterfactual.
const COUNTERFACTUAL: [&str; 3] = ["would", "could", "might"];

/// True when the value starting at token `k` ends a span in a counterfactual clause: the
/// token before it is "until", "till" or "through", and "would/could/might have" comes in the
/// ten tokens before that. `norm(i)` is token `i`, lower-cased.
pub fn never_came<S: AsRef<str>>(norm: impl Fn(usize) -> S, k: usize) -> bool {
    if k == 0 || !matches!(norm(k - 1).as_ref(), "until" | "till" | "through") {
        return false;
    }
    let from = k.saturating_sub(10);
    // `i + 1` stays before "until" (at `k - 1`).
    (from..k - 1).any(|i| {
        COUNTERFACTUAL.contains(&norm(i).as_ref()) && matches!(norm(i + 1).as_ref(), "have" | "'ve")
    })
}

/// [`never_came`] for the time expression that starts at byte `timex_start` of the analyzed
/// text.
pub fn ends_a_span_that_never_came(ta: &TextAnalysis, timex_start: u32) -> bool {
    let k = ta.tokens.partition_point(|t| t.start < timex_start);
    never_came(|i| ta.norm_of(i), k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(words: &str, k: usize) -> bool {
        let w: Vec<&str> = words.split(' ').collect();
        never_came(|i| w[i], k)
    }

    #[test]
    fn until_after_would_have_never_came() {
        // "a plan that would have kept it until June": June is token 8.
        assert!(at("a plan that would have kept it until june", 8));
        assert!(at("it could 've run through june", 5));
    }

    #[test]
    fn a_plain_until_or_a_far_would_is_a_fact() {
        assert!(!at("the ferry will run until april", 5));
        // "would have" more than ten tokens before the date is too far.
        assert!(!at("would have a b c d e f g h i j until june", 13));
        assert!(at("would have a b c d e f g until june", 10));
        assert!(!at("june", 0));
    }
}
