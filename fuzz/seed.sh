#!/usr/bin/env bash
# Build the starting corpora of the fuzz targets in fuzz/corpus/<target>/ from the project's
# own texts: the example story (examples/harbor-bridge) and the fixtures in fuzz/seeds/.
# Never from ../shared. Re-running adds nothing twice (files are named by content).
set -euo pipefail
cd "$(dirname "$0")"
ex=../examples/harbor-bridge
seeds=seeds
put() { # put TARGET FILE...: copy each file into the target's corpus, named by its hash
    local t=$1 f; shift
    mkdir -p "corpus/$t"
    for f in "$@"; do cp "$f" "corpus/$t/$(sha1sum "$f" | cut -c1-16)"; done
}
prefixed() { # prefixed TARGET BYTE FILE: the file behind one leading byte (picks a name or anchor)
    local tmp; tmp=$(mktemp)
    printf "\\x$(printf %02x "$2")" > "$tmp"; cat "$3" >> "$tmp"
    put "$1" "$tmp"; rm "$tmp"
}
texts=("$ex"/*.txt "$seeds"/*.txt)
put reader_text "${texts[@]}"
put reader_html "$ex"/*.html "$seeds"/*.html
put reader_json "$seeds"/*.json
tmp=$(mktemp); head -n1 "$ex"/05-vessia-public-radio.jsonl > "$tmp"; put reader_json "$tmp"; rm "$tmp"
put reader_jsonl "$ex"/*.jsonl
put reader_multinews "$seeds"/*.src
put reader_feed "$seeds"/*.xml
put reader_warc "$seeds"/*.warc
# reader_auto: the first byte picks the name (see fuzz_targets/reader_auto.rs): 1 a.txt,
# 2 a.html, 3 a.json, 4 a.jsonl, 5 a.src, 7 no extension.
for f in "${texts[@]}"; do prefixed reader_auto 1 "$f"; prefixed reader_auto 7 "$f"; done
for f in "$ex"/*.html "$seeds"/*.html; do prefixed reader_auto 2 "$f"; prefixed reader_auto 0 "$f"; done
for f in "$seeds"/*.json; do prefixed reader_auto 3 "$f"; prefixed reader_auto 1 "$f"; done
for f in "$ex"/*.jsonl; do prefixed reader_auto 4 "$f"; prefixed reader_auto 7 "$f"; done
for f in "$seeds"/*.src; do prefixed reader_auto 5 "$f"; done
put sentences "${texts[@]}"
# time: the first byte picks the anchor (see src/lib.rs anchor_of): 1 an ordinary day,
# 0 none, 3 and 4 the ends of the calendar.
for f in "${texts[@]}"; do for b in 0 1 3 4; do prefixed time "$b" "$f"; done; done
# story: the example's texts as one input, documents separated by form feeds.
tmp=$(mktemp)
for f in "$ex"/*.txt; do cat "$f"; printf '\f'; done > "$tmp"; put story "$tmp"
for f in "$seeds"/*.txt; do cat "$f"; printf '\f'; done > "$tmp"; put story "$tmp"
rm "$tmp"
for d in corpus/*/; do echo "$d $(ls "$d" | wc -l) files"; done
