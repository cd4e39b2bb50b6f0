#!/usr/bin/env bash
# Run every fuzz target (or those named) for SECONDS each, one after another, and print
# one line per target: executions, seconds, corpus size, crash/hang. Log in fuzz/logs/.
# Usage: fuzz/run_all.sh SECONDS [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:?seconds per target}; shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cargo +nightly fuzz list)
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    RAYON_NUM_THREADS=1 cargo +nightly fuzz run -s none -a "$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 > "logs/$t.log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$')
    time=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$t.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*')
    status=ok; [ $rc -ne 0 ] && status="FAILED rc=$rc: $(grep -m1 -E 'panicked|ERROR: libFuzzer' "logs/$t.log")"
    echo "$t runs=${runs:-?} secs=${time:-?} corpus=$(ls "corpus/$t" | wc -l) $status"
done
