#!/usr/bin/env bash
# duc2006-dev baselines beside triangulate, all scored by `triangulate eval summary --duc`
# (ROUGE-1.5.5 recall, -l WORDS): Lead (NIST's), sumy LexRank / TextRank / LSA, the ICSISumm
# bigram ILP and the Lin & Bilmes submodular objective (bench/duc_baselines.py).
#
# Usage: bash bench/duc_baselines.sh [SKIP LIMIT WORDS]   (default 30 20 250: the held-out
# part D0631-D0650). Needs the venv of bench/duc_baselines.py in /tmp/duc-venv.
# Writes /tmp/duc-out/METHOD.SKIP-LIMIT.WORDS.txt and prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DUC:-../shared/data/duc2006-dev}
SKIP=${1:-30}
LIMIT=${2:-20}
WORDS=${3:-250}
PY=${PY:-/tmp/duc-venv/bin/python}
OUT=/tmp/duc-out
mkdir -p "$OUT"
export NLTK_DATA=${NLTK_DATA:-/tmp/duc-venv/nltk_data}
[ -d "$NLTK_DATA/tokenizers/punkt_tab" ] || "$PY" bench/make_punkt_tab.py "$NLTK_DATA"
cargo build --release -q -p triangulate
TRI=${CARGO_TARGET_DIR:-target}/release/triangulate
score() {
    "$TRI" eval summary --format dir "$D/docs" "$D/models" --duc -l "$WORDS" --skip "$SKIP" \
        --limit "$LIMIT" --json "$@" |
        "$PY" -c "import json,sys; r=json.load(sys.stdin); print(' | '.join(f\"{100*r[k]['r']:.2f}\" for k in ('rouge1','rouge2','rougeSU4')))"
}
echo "| system | R-1 R | R-2 R | SU4 R | wall s |"
echo "|---|---|---|---|---|"
T=$OUT/triangulate.$SKIP-$LIMIT.$WORDS
/usr/bin/time -f "%e" -o "$T.time" "$TRI" eval summary --format dir "$D/docs" "$D/models" --duc \
    -l "$WORDS" --skip "$SKIP" --limit "$LIMIT" --output "$T.txt" > /dev/null
echo "| triangulate | $(score --predictions "$T.txt") | $(cat "$T.time") |"
for m in lead lexrank textrank lsa ilp submod; do
    P=$OUT/$m.$SKIP-$LIMIT.$WORDS
    if [ "${REUSE:-0}" != 1 ] || [ ! -s "$P.txt" ]; then
        /usr/bin/time -f "%e" -o "$P.time" "$PY" bench/duc_baselines.py "$m" "$D" "$SKIP" "$LIMIT" \
            "$WORDS" "$P.txt" 2> "$P.log"
    fi
    echo "| $m | $(score --predictions "$P.txt") | $(cat "$P.time") |"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
