#!/usr/bin/env bash
# Growth of `triangulate report` with the length of ONE document (issue 13, item 4):
# CPU time (user + sys), wall time and peak memory (max RSS), each the best of 3 runs
# (`/usr/bin/time`), at 25k / 50k / 100k / 400k words for each shape: normal news, no
# punctuation at all, one endless quotation, a list of short lines, random words with "said"
# among them. CPU time is far less disturbed than wall time by other work on the machine.
#
#   bench/growth.sh [WORDS...]       # default 25000 50000 100000 400000
#   RUNS=1 bench/growth.sh 25000     # runs per row (default 3)
#
# The inputs are generated at run time by bench/growth_input.py from
# ../shared/data/multi-news-dev/dev.src.gz (deterministic; nothing of it is stored in the
# repository) into $GROWTH_DIR (default /tmp/triangulate-growth). Prints one row per size and
# shape and then, per shape, the ratio of the CPU (and wall) time at 100k words to that at 25k.
# Targets: every shape within 4.5x from 25k to 100k words; 100k words of any shape < 10 s.
# A second check that does not rest on a clock: bench/growth_count.sh (instructions counted).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=../shared/data/multi-news-dev/dev.src.gz
if [ ! -f "$SRC" ]; then
    echo "skipping: $SRC not found" >&2
    exit 0
fi
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(25000 50000 100000 400000)
RUNS="${RUNS:-3}"
DIR="${GROWTH_DIR:-/tmp/triangulate-growth}"
mkdir -p "$DIR"
cargo build --release --bin triangulate >&2
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"

date -u +"%F %T UTC"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %7s %7s %7s %10s %10s\n' shape words "cpu s" "wall s" "max RSS MB" "cut notes"
declare -A CPU WALL
for shape in news nopunct quote lines said; do
    for n in "${SIZES[@]}"; do
        in="$DIR/$shape-$n.txt"
        [ -s "$in" ] || python3 bench/growth_input.py "$shape" "$n" "$SRC" >"$in"
        best_cpu="" best_wall="" rss=0
        for _ in $(seq "$RUNS"); do
            # %U user, %S sys, %e wall (seconds), %M max RSS (KB); the last line of the file.
            /usr/bin/time -f "%U %S %e %M" "$BIN" report "$in" -o json >"$DIR/out.json" 2>"$DIR/time.txt"
            read -r user sys wall kb < <(tail -n 1 "$DIR/time.txt")
            cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
            if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then best_cpu=$cpu; fi
            if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then best_wall=$wall; fi
            [ "$kb" -gt "$rss" ] && rss=$kb
        done
        # The report's diagnostics about text without sentence ends (cut into pieces).
        notes=$(awk '{ n += gsub(/without sentence ends/, "") } END { print n + 0 }' "$DIR/out.json")
        CPU[$shape-$n]=$best_cpu
        WALL[$shape-$n]=$best_wall
        printf '%-8s %7s %7.2f %7.2f %10.0f %10s\n' "$shape" "$n" "$best_cpu" "$best_wall" "$((rss / 1024))" "$notes"
    done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for shape in news nopunct quote lines said; do
    a=${CPU[$shape-25000]:-}
    b=${CPU[$shape-100000]:-}
    if [ -n "$a" ] && [ -n "$b" ]; then
        awk -v s="$shape" -v a="$a" -v b="$b" -v wa="${WALL[$shape-25000]}" -v wb="${WALL[$shape-100000]}" \
            'BEGIN { printf "%-8s 100k/25k ratio: cpu %.2f, wall %.2f\n", s, b / a, wb / wa }'
    fi
done
