//! The Warc reader on arbitrary bytes (see `triangulate_fuzz::read_and_check`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_readers::Format;

fuzz_target!(|data: &[u8]| {
    triangulate_fuzz::read_and_check("a.warc", data, Format::Warc);
});
