#!/usr/bin/env bash
# Whole-process speed of `triangulate ingest` into a new store, release build.
#
#   bench/ingest_speed.sh dev     # all multi-news-dev documents (7,811), 3 runs
#   bench/ingest_speed.sh train   # multi-news-train (~125,000 documents), 1 run
#
# Each Multi-News document is a separate article (`--format multinews`). Prints the load
# average before each run (other work on the machine inflates wall time, not CPU time), the
# JSON counts, wall and CPU time and peak memory (GNU time), the store's size, the
# documents/s of the first and the last tenth, and where the time went (from
# TRIANGULATE_INGEST_LOG's per-batch lines: documents read so far, seconds since start, and
# the wall time of each stage so far: decompressing, readers, features, clustering, SQLite
# writes, FTS5 indexing). The first three run on the reading thread, the last three on the
# writing thread, so they overlap: their sum exceeds the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT="${1:-dev}"
DATA=../shared/data
cargo build --release --bin triangulate >&2
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
case "$WHAT" in
dev) SRC="$DATA/multi-news-dev/dev.src.gz"; RUNS=3 ;;
train) SRC="$DATA/multi-news-train/train.src.gz"; RUNS=1 ;;
*) echo "usage: $0 dev|train" >&2; exit 2 ;;
esac
for run in $(seq "$RUNS"); do
    rm -f "$TMP"/s.db*
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    TRIANGULATE_INGEST_LOG="$TMP/log.tsv" /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
        "$BIN" ingest --db "$TMP/s.db" --format multinews --json "$SRC"
    du -b "$TMP"/s.db* | awk '{s += $1} END {printf "store: %.1f MB\n", s / 1e6}'
    echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
done
awk -F'\t' 'NR > 1 {n[NR] = $1; t[NR] = $2; last = NR}
    END {
        total = n[last]; tenth = total / 10
        for (i = 2; i <= last; i++) { if (n[i] >= tenth) { a = i; break } }
        for (i = last; i >= 2; i--) { if (n[i] <= total - tenth) { b = i; break } }
        printf "first tenth: %.0f docs/s (%d docs in %.2f s)\n", n[a] / t[a], n[a], t[a]
        printf "last tenth: %.0f docs/s (%d docs in %.2f s)\n", (total - n[b]) / (t[last] - t[b]), total - n[b], t[last] - t[b]
    }' "$TMP/log.tsv"
tail -1 "$TMP/log.tsv" | awk -F'\t' '{printf "stages (wall, overlapping): reading thread: decompressing %.2f s, readers %.2f s, features %.2f s; writing thread: clustering %.2f s, SQLite writes %.2f s, FTS5 indexing %.2f s (of %.2f s)\n", $3, $4, $5, $6, $7, $8, $2}'
