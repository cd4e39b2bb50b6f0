#!/usr/bin/env bash
# Whole-process speed of `triangulate ingest` into a new store, release build.
#
#   bench/ingest_speed.sh dev     # all multi-news-dev documents (7,811), 3 runs
#   bench/ingest_speed.sh train   # multi-news-train (~125,000 documents), 1 run
#
# Each Multi-News document is a separate article (`--format multinews`). Prints the JSON
# counts, wall time and peak memory (GNU time), the store's size, and for `train` the
# documents/s of the first and the last tenth (from TRIANGULATE_INGEST_LOG's per-batch
# lines: documents read so far, seconds since start, and the time spent reading, in
# features, in clustering and in writing).
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
    TRIANGULATE_INGEST_LOG="$TMP/log.tsv" /usr/bin/time -f "wall %e s, peak RSS %M KiB" \
        "$BIN" ingest --db "$TMP/s.db" --format multinews --json "$SRC"
    du -b "$TMP"/s.db* | awk '{s += $1} END {printf "store: %.1f MB\n", s / 1e6}'
done
awk -F'\t' 'NR > 1 {n[NR] = $1; t[NR] = $2; last = NR}
    END {
        total = n[last]; tenth = total / 10
        for (i = 2; i <= last; i++) { if (n[i] >= tenth) { a = i; break } }
        for (i = last; i >= 2; i--) { if (n[i] <= total - tenth) { b = i; break } }
        printf "first tenth: %.0f docs/s (%d docs in %.2f s)\n", n[a] / t[a], n[a], t[a]
        printf "last tenth: %.0f docs/s (%d docs in %.2f s)\n", (total - n[b]) / (t[last] - t[b]), total - n[b], t[last] - t[b]
    }' "$TMP/log.tsv"
tail -1 "$TMP/log.tsv" | awk -F'\t' '{printf "time spent: reading %.2f s, features %.2f s, clustering %.2f s, writing %.2f s (of %.2f s)\n", $3, $4, $5, $6, $2}'
