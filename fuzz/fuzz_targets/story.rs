//! `Story::build` on arbitrary UTF-8 split into documents at form feeds, then every output
//! format rendered. Checks every span of the story.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_render::{render, OutputFormat};
use triangulate_story::{Story, StoryOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let story = Story::build(
        triangulate_fuzz::split_documents(text),
        &StoryOptions::default(),
    );
    triangulate_fuzz::check_story_spans(&story);
    for f in [
        OutputFormat::Markdown,
        OutputFormat::Json,
        OutputFormat::Html,
        OutputFormat::Summary,
    ] {
        render(&story, f, &mut std::io::sink()).expect("rendering into a sink");
    }
});
