#!/usr/bin/env bash
# Reproduce resources/weights/summary.json from ../shared/data/multi-news-train
# (train.* for the weights, val.* for lambda/redundancy/coverage). Deterministic.
# Usage: bash bench/train_summary.sh [DATA_DIR] [STORIES]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/multi-news-train}
STORIES=${2:-20000}
cargo run --release -q -p triangulate-eval --example train_summary -- "$DATA" "$STORIES" \
    > resources/weights/summary.json.new
mv resources/weights/summary.json.new resources/weights/summary.json
echo "wrote resources/weights/summary.json" >&2
