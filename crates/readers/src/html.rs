//! HTML pages: the main content through dom_smoothie (a port of Mozilla's Readability), and
//! title, byline, outlet, URL and publication date from meta tags and JSON-LD.

use dom_smoothie::{Config, Readability, TextMode};

/// What an HTML page gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlPage {
    /// The main content as plain text, paragraphs separated by blank lines.
    pub text: String,
    /// `<title>` / `og:title` / JSON-LD headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// `og:site_name` / JSON-LD `publisher.name`.
    pub site_name: Option<String>,
    /// `article:published_time` / JSON-LD `datePublished`, as written.
    pub published: Option<String>,
    /// Canonical URL (`og:url`, JSON-LD `url`).
    pub url: Option<String>,
    /// What was noticed.
    pub notes: Vec<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// Extract the main content and metadata of an HTML page. Never fails: a page the
/// readability extraction cannot handle falls back to the text of all its elements.
pub fn read_html(html: &str) -> HtmlPage {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let mut page = HtmlPage::default();
    let mut r = match Readability::new(html, None, Some(cfg)) {
        Ok(r) => r,
        Err(e) => {
            page.notes
                .push(format!("HTML extraction failed ({e}); using all text"));
            page.text = strip_tags(html);
            return page;
        }
    };
    let ld = r.parse_json_ld();
    let meta = r.get_article_metadata(ld);
    page.title = non_empty(Some(meta.title));
    page.byline = non_empty(meta.byline);
    page.site_name = non_empty(meta.site_name);
    page.published = non_empty(meta.published_time);
    page.url = non_empty(meta.url);
    match r.parse() {
        Ok(article) => {
            page.text = tidy(&article.text_content);
            page.notes
                .push("HTML: main content extracted (readability)".to_string());
        }
        Err(e) => {
            page.notes.push(format!(
                "HTML: readability found no article ({e}); using all text"
            ));
            page.text = strip_tags(html);
        }
    }
    page
}

/// Normalize extracted text: one paragraph a line, whitespace collapsed, paragraphs
/// separated by one blank line.
fn tidy(s: &str) -> String {
    let paras: Vec<String> = s
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    paras.join("\n\n")
}

/// Crude text of an HTML fragment: block elements become paragraph breaks, script and style
/// are dropped, entities decoded. Linear time.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let b = html.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            let rest = &lower[i..];
            let skip_to = ["script", "style", "noscript", "template"]
                .iter()
                .find(|t| rest[1..].starts_with(**t))
                .map(|t| format!("</{t}"));
            if let Some(close) = skip_to {
                i = match rest.find(&close) {
                    Some(p) => i + p + close.len(),
                    None => b.len(),
                };
                i = match lower[i.min(b.len())..].find('>') {
                    Some(p) => i + p + 1,
                    None => b.len(),
                };
                continue;
            }
            let end = rest.find('>').map_or(b.len(), |p| i + p + 1);
            let tag = rest[1..].trim_start_matches('/');
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if matches!(
                name.as_str(),
                "p" | "br"
                    | "div"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "tr"
                    | "section"
                    | "article"
                    | "header"
                    | "footer"
                    | "blockquote"
                    | "figcaption"
                    | "title"
            ) {
                out.push_str("\n\n");
            }
            i = end;
            continue;
        }
        let next = lower[i..].find('<').map_or(b.len(), |p| i + p);
        out.push_str(&html_escape::decode_html_entities(&html[i..next]));
        i = next;
    }
    tidy(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_and_json_ld() {
        let body = "<p>The Halden Bridge will close on Monday for repairs to its deck, the city said in a statement that gave no reopening date and warned of delays on the ring road.</p>".repeat(4);
        let html = format!(
            r#"<html><head><title>Bridge to close</title>
<meta property="og:site_name" content="Quay Ledger">
<meta property="article:published_time" content="2025-03-03T08:00:00Z">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge to close","datePublished":"2025-03-03","publisher":{{"@type":"Organization","name":"Quay Ledger"}}}}</script>
</head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav><article>{body}</article>
<footer>© Quay Ledger. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"#
        );
        let p = read_html(&html);
        assert_eq!(p.site_name.as_deref(), Some("Quay Ledger"));
        assert!(p.published.as_deref().unwrap().starts_with("2025-03-03"));
        assert_eq!(p.title.as_deref(), Some("Bridge to close"));
        assert!(p.text.starts_with("The Halden Bridge"), "{}", p.text);
        assert!(!p.text.contains("Privacy") && !p.text.contains("Home"));
    }

    #[test]
    fn json_ld_alone() {
        let body = "<p>The ferry ran late again on Monday, the operator said, and the council asked for a report on the delays by the end of the month.</p>".repeat(4);
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry late","datePublished":"2025-03-04T06:00:00Z","author":{{"@type":"Person","name":"Ann Lee"}},"publisher":{{"@type":"Organization","name":"Harbor Wire"}}}}</script></head><body><article>{body}</article></body></html>"#
        );
        let p = read_html(&html);
        assert_eq!(p.site_name.as_deref(), Some("Harbor Wire"));
        assert_eq!(p.published.as_deref().map(|d| &d[..10]), Some("2025-03-04"));
        assert_eq!(p.byline.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn strip_tags_fallback() {
        assert_eq!(
            strip_tags("<p>One &amp; two.</p><script>var x = '<p>';</script><p>Three</p>"),
            "One & two.\n\nThree"
        );
        assert_eq!(strip_tags("<p unclosed"), "");
    }
}
