//! Each word of stdin (one a line) as ROUGE-1.5.5 stems it with `-m`, one a line: for
//! `bench/rouge155_check.py`, which compares them with the Perl script's `MorphStem`.

use std::io::{BufRead, Write};

use triangulate_eval::rouge155::{tokens, Limit};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line?;
        writeln!(out, "{}", tokens(&[line.as_str()], Limit::None).join(" "))?;
    }
    out.flush()
}
