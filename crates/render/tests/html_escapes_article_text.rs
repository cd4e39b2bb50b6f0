//! The HTML report is one self-contained page: whatever an article says, it must not be able
//! to add markup, scripts or attributes to it.

use triangulate_core::{DocId, Document};
use triangulate_render::{render, OutputFormat};
use triangulate_story::{Story, StoryOptions};

#[test]
fn article_text_cannot_inject_markup() {
    let hostile = "The council said <script>alert(1)</script> the bridge \"closed\" on Monday. \
                   Officials said the bridge closed on Monday after <img src=x onerror=alert(2)> cracks were found.";
    let docs = vec![
        Document::new(DocId(0), "a<b>.txt", hostile),
        Document::new(
            DocId(1),
            "b.txt",
            "Officials said the bridge closed on Monday after cracks were found.",
        ),
    ];
    let story = Story::build(docs, &StoryOptions::default());
    let mut out = Vec::new();
    render(&story, OutputFormat::Html, &mut out).unwrap();
    let html = String::from_utf8(out).unwrap();
    assert!(
        !story.summary.is_empty(),
        "the story must have content to render"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;") || html.contains("&lt;img"),
        "article text is shown, escaped"
    );
    assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
}
