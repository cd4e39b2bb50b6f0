#!/usr/bin/env bash
# Reproduce resources/weights/summary.json and resources/weights/summary_trees.tsv from
# ../shared/data/multi-news-train (train.* for the weights, val.* for the tree count and
# lambda/redundancy/coverage; the concept settings are kept as compiled in). Deterministic.
# Usage: bash bench/train_summary.sh [DATA_DIR] [STORIES] [ROUNDS] [DEPTH]
# ROUNDS 0 (the default, the shipped model): no trees, the linear score alone.
# TRAIN_SUMMARY_ORACLE=M (0 by default) mixes the greedy oracle's picks into the label.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/multi-news-train}
STORIES=${2:-20000}
ROUNDS=${3:-0}
DEPTH=${4:-3}
cargo run --release -q -p triangulate-eval --example train_summary -- "$DATA" "$STORIES" \
    resources/weights/summary_trees.tsv.new "$ROUNDS" "$DEPTH" \
    > resources/weights/summary.json.new
mv resources/weights/summary.json.new resources/weights/summary.json
mv resources/weights/summary_trees.tsv.new resources/weights/summary_trees.tsv
echo "wrote resources/weights/summary.json and summary_trees.tsv" >&2
