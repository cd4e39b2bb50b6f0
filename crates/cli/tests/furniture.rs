//! Issue 13: page and wire furniture (a URL line, a headline, a date line, slug and update
//! lines) is metadata, never a sentence of the summary, the timeline or the agreed facts.

use triangulate_core::{BoilerplateKind, Document, Span};
use triangulate_readers::{documents_from_bytes, Format};
use triangulate_story::{Story, StoryOptions};

/// Three outlets' saved pages of one made-up story, each opening with its URL, its headline
/// and a date line, one with wire slug and update lines and a dateline.
const PAGES: [(&str, &str); 3] = [
    (
        "a.txt",
        "https://www.harborwire.example/news/2025/03/04/ferry-landing-stays-open\n\
Ferry Landing Stays Open Through The Winter\n\
March 4, 2025\n\n\
The city council voted on Tuesday to keep the old ferry landing open through the winter, after inspectors said its pilings were sound.\n\n\
The vote was seven to two. Council member Ada Brook said the landing carries about 900 riders a day.\n\n\
Repairs to the landing's ramp will start on March 20 and take about two weeks, the harbor office said.\n",
    ),
    (
        "b.txt",
        "https://quayledger.example/2025/03/05/landing-vote\n\
Council Votes To Keep Ferry Landing Open\n\
Wednesday, March 5, 2025 09:30 AM\n\n\
The city council voted to keep the old ferry landing open through the winter on Tuesday.\n\n\
Inspectors had found the pilings of the landing sound last week, the council said. The vote was seven to two.\n\n\
Work on the ramp begins on March 20, according to the harbor office.\n",
    ),
    (
        "c.txt",
        "BC-Ferry-Landing,0412\n\
UPDATES with vote count, repair dates\n\
FERRY LANDING TO STAY OPEN\n\
https://www.valleywire.example/2025/03/04/ferry\n\n\
PORT HALDEN (AP) -- The city council on Tuesday voted seven to two to keep the old ferry landing open through the winter.\n\n\
The harbor office said repairs to the ramp would start on March 20. Riders have used the landing for decades.\n\n\
(MORE)\n",
    ),
];

fn docs() -> Vec<Document> {
    PAGES
        .iter()
        .enumerate()
        .flat_map(|(i, (name, text))| {
            documents_from_bytes(name, text.as_bytes(), Format::Auto, i as u32).unwrap()
        })
        .collect()
}

#[test]
fn issue13_furniture_becomes_metadata() {
    let d = docs();
    assert_eq!(
        d[0].meta.url.as_deref(),
        Some("https://www.harborwire.example/news/2025/03/04/ferry-landing-stays-open")
    );
    // The host names the outlet when nothing better does.
    assert_eq!(d[0].meta.outlet.as_deref(), Some("harborwire.example"));
    assert_eq!(
        d[0].meta.title.as_deref(),
        Some("Ferry Landing Stays Open Through The Winter")
    );
    assert_eq!(d[0].meta.published.unwrap().date.to_string(), "2025-03-04");
    assert_eq!(d[1].meta.published.unwrap().date.to_string(), "2025-03-05");
    assert_eq!(d[2].meta.dateline.as_deref(), Some("PORT HALDEN"));
    let kinds = |doc: &Document| -> Vec<BoilerplateKind> {
        doc.boilerplate.iter().map(|b| b.kind).collect()
    };
    assert_eq!(
        kinds(&d[0]),
        [
            BoilerplateKind::Url,
            BoilerplateKind::Headline,
            BoilerplateKind::DateMarker
        ]
    );
    assert_eq!(
        kinds(&d[2]),
        [
            BoilerplateKind::WireMarker,
            BoilerplateKind::WireMarker,
            BoilerplateKind::Headline,
            BoilerplateKind::Url,
            BoilerplateKind::Dateline,
            BoilerplateKind::WireMarker,
        ]
    );
}

#[test]
fn issue13_furniture_is_never_a_summary_sentence_event_or_agreed_fact() {
    let story = Story::build(docs(), &StoryOptions::default());
    let furniture = |s: Span| {
        story.docs[s.doc.index()]
            .doc
            .boilerplate
            .iter()
            .any(|b| b.span.doc == s.doc && b.span.start < s.end && s.start < b.span.end)
    };
    let text = |s: Span| story.docs[s.doc.index()].doc.slice(s).to_string();
    assert!(!story.summary.is_empty());
    for s in &story.summary {
        assert!(!furniture(s.span), "summary: {}", text(s.span));
    }
    assert!(!story.timeline.is_empty());
    for e in &story.timeline {
        assert!(!e.text.contains("http"), "timeline: {}", e.text);
        for s in &e.sources {
            assert!(!furniture(s.span), "timeline source: {}", text(s.span));
        }
    }
    assert!(!story.agreements.is_empty());
    for a in &story.agreements {
        for &s in &a.spans {
            assert!(!furniture(s), "agreed fact: {}", text(s));
        }
    }
    for d in &story.docs {
        for q in &d.quotes {
            assert!(!furniture(q.content), "quote: {}", text(q.content));
        }
    }
}
