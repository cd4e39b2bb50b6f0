//! Page furniture: sentences that belong to the page, not to the story (crawl notices,
//! cookie walls, "page not found", newsletter boxes). They must not glue stories together,
//! so they give no terms and no shingles. Phrases in `resources/en/stream/furniture.txt`.

use std::sync::OnceLock;

use triangulate_text::data_lines;

const SRC: &str = include_str!("../../../resources/en/stream/furniture.txt");

fn phrases() -> &'static [String] {
    static P: OnceLock<Vec<String>> = OnceLock::new();
    P.get_or_init(|| {
        data_lines(SRC)
            .filter(|(_, l)| !l.starts_with("EXAMPLE"))
            .map(|(line, l)| {
                assert!(
                    l == l.to_lowercase() && !l.trim().is_empty(),
                    "resources/en/stream/furniture.txt:{line}: one lower-case phrase per line"
                );
                l.trim().to_string()
            })
            .collect()
    })
}

/// True when a sentence (any case) is page furniture.
pub(crate) fn is_furniture(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    phrases().iter().any(|p| lower.contains(p.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_file_examples() {
        let mut n = 0;
        for (line, l) in SRC.lines().enumerate() {
            if let Some(ex) = l.strip_prefix("# EXAMPLE: ") {
                let (text, want) = ex.rsplit_once(" => ").expect("EXAMPLE: text => yes|no");
                assert_eq!(
                    is_furniture(text),
                    want == "yes",
                    "furniture.txt:{}: {text}",
                    line + 1
                );
                n += 1;
            }
        }
        assert!(n >= 4);
    }
}
