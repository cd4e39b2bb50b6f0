#!/usr/bin/env bash
# The growth check of bench/growth.sh without a clock: instructions executed by
# `triangulate report` on one document of each shape at two sizes, counted by valgrind
# (callgrind, the total "Collected" count; deterministic up to thread scheduling, and not
# disturbed by other work on the machine), and their ratio. About 40x slower than a plain run.
#
#   bench/growth_count.sh [SMALL LARGE]     # default 25000 100000
#
# Inputs as in bench/growth.sh (bench/growth_input.py, into $GROWTH_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=../shared/data/multi-news-dev/dev.src.gz
if [ ! -f "$SRC" ]; then
    echo "skipping: $SRC not found" >&2
    exit 0
fi
command -v valgrind >/dev/null || { echo "skipping: valgrind not installed" >&2; exit 0; }
SMALL="${1:-25000}"
LARGE="${2:-100000}"
DIR="${GROWTH_DIR:-/tmp/triangulate-growth}"
mkdir -p "$DIR"
cargo build --release --bin triangulate >&2
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"

count() {
    valgrind --tool=callgrind --callgrind-out-file="$DIR/callgrind.out" \
        "$BIN" report "$1" -o json >/dev/null 2>"$DIR/valgrind.txt"
    rm -f "$DIR/callgrind.out"
    awk '/Collected :/ { print $NF }' "$DIR/valgrind.txt"
}

date -u +"%F %T UTC"
printf '%-8s %16s %16s %7s\n' shape "instr. $SMALL" "instr. $LARGE" ratio
for shape in news nopunct quote lines said; do
    for n in "$SMALL" "$LARGE"; do
        in="$DIR/$shape-$n.txt"
        [ -s "$in" ] || python3 bench/growth_input.py "$shape" "$n" "$SRC" >"$in"
    done
    a=$(count "$DIR/$shape-$SMALL.txt")
    b=$(count "$DIR/$shape-$LARGE.txt")
    awk -v s="$shape" -v a="$a" -v b="$b" 'BEGIN { printf "%-8s %16s %16s %7.2f\n", s, a, b, b / a }'
done
