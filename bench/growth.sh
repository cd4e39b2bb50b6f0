#!/usr/bin/env bash
# Growth of `triangulate report` with the length of ONE document (issue 13, item 4):
# wall time and peak memory (max RSS, `/usr/bin/time -v`) at 25k / 50k / 100k / 400k words
# for each shape: normal news, no punctuation at all, one endless quotation, a list of short
# lines, random words with "said" among them.
#
#   bench/growth.sh [WORDS...]       # default 25000 50000 100000 400000
#
# The inputs are generated at run time by bench/growth_input.py from
# ../shared/data/multi-news-dev/dev.src.gz (deterministic; nothing of it is stored in the
# repository) into $GROWTH_DIR (default /tmp/triangulate-growth). Prints one row per run and
# then, per shape, the ratio of the time at 100k words to the time at 25k words.
# Targets: every shape within 4.5x from 25k to 100k words; 100k words of any shape < 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=../shared/data/multi-news-dev/dev.src.gz
if [ ! -f "$SRC" ]; then
    echo "skipping: $SRC not found" >&2
    exit 0
fi
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(25000 50000 100000 400000)
DIR="${GROWTH_DIR:-/tmp/triangulate-growth}"
mkdir -p "$DIR"
cargo build --release --bin triangulate >&2
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"

date -u +"%F %T UTC"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %7s %9s %10s %10s\n' shape words "wall s" "max RSS MB" "cut notes"
declare -A WALL
for shape in news nopunct quote lines said; do
    for n in "${SIZES[@]}"; do
        in="$DIR/$shape-$n.txt"
        [ -s "$in" ] || python3 bench/growth_input.py "$shape" "$n" "$SRC" >"$in"
        /usr/bin/time -v "$BIN" report "$in" -o json >"$DIR/out.json" 2>"$DIR/time.txt"
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$DIR/time.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$DIR/time.txt")
        # The report's diagnostics about text without sentence ends (cut into pieces).
        notes=$(awk '{ n += gsub(/without sentence ends/, "") } END { print n + 0 }' "$DIR/out.json")
        WALL[$shape-$n]=$wall
        printf '%-8s %7s %9.2f %10s %10s\n' "$shape" "$n" "$wall" "$rss" "$notes"
    done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for shape in news nopunct quote lines said; do
    a=${WALL[$shape-25000]:-}
    b=${WALL[$shape-100000]:-}
    if [ -n "$a" ] && [ -n "$b" ]; then
        awk -v s="$shape" -v a="$a" -v b="$b" 'BEGIN { printf "%-8s 100k/25k time ratio %.2f\n", s, b / a }'
    fi
done
