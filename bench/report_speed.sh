#!/usr/bin/env bash
# Whole-process speed of `triangulate report` (all sections), release build.
#
#   bench/report_speed.sh [RUNS]        # default 20 runs per input, after 2 warm-up runs
#
# Inputs: the seeds (../shared/data/seeds-jim/*.txt, skipped when absent) and
# examples/harbor-bridge/. Prints min and median wall time in ms (bash loop with
# `date +%s%N`), then hyperfine's summary when hyperfine is installed.
# Target (issue 5): the seeds report with all sections in under 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
cargo build --release --bin triangulate >&2
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"

measure() {
    local name="$1"
    shift
    local times=()
    for _ in 1 2; do "$BIN" report "$@" >/dev/null; done
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        "$BIN" report "$@" >/dev/null
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    local min median
    min=$(echo "$sorted" | head -n1)
    median=$(echo "$sorted" | sed -n "$(((RUNS + 1) / 2))p")
    awk -v n="$name" -v r="$RUNS" -v a="$min" -v m="$median" \
        'BEGIN { printf "%-14s runs %3d  min %7.1f ms  median %7.1f ms\n", n, r, a / 1000, m / 1000 }'
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs "$RUNS" --style basic \
            "$BIN report $*" 2>&1 | sed -n '/Time/,/Range/p' | sed "s/^/  hyperfine: /"
    fi
}

date -u +"%F %T UTC"
if compgen -G "../shared/data/seeds-jim/*.txt" >/dev/null; then
    measure seeds-jim ../shared/data/seeds-jim/*.txt
else
    echo "skipping seeds: ../shared/data not found"
fi
measure harbor-bridge examples/harbor-bridge/
