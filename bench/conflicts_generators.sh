#!/usr/bin/env bash
# Both injection generators (issue 12) on multi-news-dev, the validation split and the
# held-out train stories 30,001-35,000 (never used to fit the same-attribute model, which is
# fitted on the first 20,000): found (right document, and span) and false alarms (all
# untouched stories, and those with 5 or more numbers), one line each, with the load.
# Usage: bash bench/conflicts_generators.sh [SEED]   (after cargo build --release -p triangulate;
# BIN=path to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BIN:-target/release/triangulate}
D=${DATA:-../shared/data}
SEED=${1:-1}
run() {
    local name=$1; shift
    for g in original restated; do
        "$B" eval conflicts --format multinews "$@" --generator "$g" --seed "$SEED" --json 2>/dev/null |
            python3 -c "import json,sys; s=json.load(sys.stdin); print('$name', '$g', s['injected'], '%.1f%%' % s['found_document_pct'], '%.1f%%' % s['found_span_pct'], '%d (%.1f%%)' % (s['false_alarm_stories'], s['false_alarm_pct']), '%d of %d (%.1f%%)' % (s['rich_false_alarm_stories'], s['rich_stories'], s['rich_false_alarm_pct']), '%.0f s' % s['seconds'], sep=' | ')"
    done
    echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "data | generator | injected | found, right document | with span | untouched stories with a contradiction | of those with 5+ numbers | time"
run multi-news-dev "$D/multi-news-dev/dev.src.gz"
run val "$D/multi-news-train/val.src.gz"
run "train 30,001-35,000" "$D/multi-news-train/train.src.gz" --skip 30000 --limit 5000
