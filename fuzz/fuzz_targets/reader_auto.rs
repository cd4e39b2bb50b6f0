//! Format detection and reading through `documents_from_bytes` on arbitrary bytes; the
//! first byte picks the file name (and so the extension detection sees), the rest is the
//! input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_readers::Format;

const NAMES: [&str; 8] = [
    "-",
    "a.txt",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.src",
    "story.TXT",
    "noext",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[first as usize % NAMES.len()];
    triangulate_fuzz::read_and_check(name, rest, Format::Auto);
});
