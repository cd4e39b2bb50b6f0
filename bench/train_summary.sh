#!/usr/bin/env bash
# Reproduce resources/weights/summary.json and resources/weights/summary_trees.tsv from
# ../shared/data/multi-news-train (train.* for the weights, val.* for the tree count and
# lambda/redundancy/coverage; the concept settings are kept as compiled in). Deterministic.
# Usage: bash bench/train_summary.sh [DATA_DIR] [STORIES] [ROUNDS] [DEPTH]
# The shipped model (the defaults): the compiled-in linear weights kept
# (TRAIN_SUMMARY_KEEP_LINEAR=1; 0 refits them), 400 trees of depth 3 on the label
# 0.85 (P1 + 2 P2) / 3 + 0.15 oracle pick (TRAIN_SUMMARY_ORACLE), chosen on all 5,622
# validation stories (TRAIN_SUMMARY_VAL), the label taken within the story
# (TRAIN_SUMMARY_WITHIN=1, session 13). About 8-12 min wall at load 10-12.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/multi-news-train}
STORIES=${2:-20000}
ROUNDS=${3:-400}
DEPTH=${4:-3}
export TRAIN_SUMMARY_KEEP_LINEAR=${TRAIN_SUMMARY_KEEP_LINEAR:-1}
export TRAIN_SUMMARY_ORACLE=${TRAIN_SUMMARY_ORACLE:-0.15}
export TRAIN_SUMMARY_VAL=${TRAIN_SUMMARY_VAL:-5622}
export TRAIN_SUMMARY_WITHIN=${TRAIN_SUMMARY_WITHIN:-1}
cargo run --release -q -p triangulate-eval --example train_summary -- "$DATA" "$STORIES" \
    resources/weights/summary_trees.tsv.new "$ROUNDS" "$DEPTH" \
    > resources/weights/summary.json.new
mv resources/weights/summary.json.new resources/weights/summary.json
mv resources/weights/summary_trees.tsv.new resources/weights/summary_trees.tsv
echo "wrote resources/weights/summary.json and summary_trees.tsv" >&2
