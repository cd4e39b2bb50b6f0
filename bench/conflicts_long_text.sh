#!/usr/bin/env bash
# False contradictions on long, cased articles: the PolNeAR dev articles (2016 campaign
# coverage, full length), sorted by publication date and reported in groups of N with
# `triangulate report FILES -o json`. The groups are not one story each, so every
# contradiction reported is a likely false one (read them with -v).
#
#   bench/conflicts_long_text.sh [N] [-v]     # default N = 7
#
# Uses ${CARGO_TARGET_DIR:-target}/release/triangulate (build it first).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-7}"
VERBOSE="${2:-}"
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"
DIR=../shared/data/polnear-dev/dev/text
if [ ! -d "$DIR" ]; then
    echo "skipping: ../shared/data not found"
    exit 0
fi
# File names are publisher_YYYY-MM-DD_slug.txt: sort by the date.
mapfile -t files < <(ls "$DIR"/*.txt | awk -F/ '{split($NF, a, "_"); print a[2] "\t" $0}' | sort | cut -f2)
groups=0
with=0
total=0
for ((i = 0; i < ${#files[@]}; i += N)); do
    group=("${files[@]:i:N}")
    [ "${#group[@]}" -lt 2 ] && continue
    json=$("$BIN" report "${group[@]}" -o json 2>/dev/null)
    c=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for c in d["conflicts"] if c["kind"]=="contradiction"))' <<<"$json")
    if [ "$VERBOSE" = "-v" ] && [ "$c" -gt 0 ]; then
        python3 -c '
import json, sys
d = json.load(sys.stdin)
for c in d["conflicts"]:
    if c["kind"] == "contradiction":
        print("topic:", c["topic"])
        for s in c["sides"]:
            print("   ", s["value"], s["documents"], "|", s["spans"][0]["text"][:160].replace("\n", " "))
' <<<"$json"
    fi
    groups=$((groups + 1))
    total=$((total + c))
    [ "$c" -gt 0 ] && with=$((with + 1))
done
echo "groups of $N: $groups, with a contradiction: $with, contradictions: $total"
