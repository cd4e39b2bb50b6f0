#!/usr/bin/env bash
# Fit the summary's learned concept weights (crates/story/src/summary/concept_weights.rs) on
# duc2006-dev D0601-D0630 and score the coverage program with them and with document
# frequencies (ROUGE-1.5.5 recall, 250 words) on the topics given. Deterministic.
# Usage: bash bench/train_concepts.sh [DUC_DIR] [FIT SKIP:LIMIT] [SCORE SKIP:LIMIT] [MIN_DF] [RIDGE]
# TRAIN_CONCEPTS_EXP=1: a log-linear (Poisson) fit; TRAIN_CONCEPTS_VALUE=V: concept_value;
# TRAIN_CONCEPTS_WRITE=FILE: the compiled-in model with the fitted weights, as summary.json.
# The shipped model has no learned concept weights (docs/BENCHMARKS.md, "Issue 14: session 11").
set -euo pipefail
cd "$(dirname "$0")/.."
DUC=${1:-../shared/data/duc2006-dev}
FIT=${2:-0:30}
SCORE=${3:-0:30}
MIN_DF=${4:-3}
RIDGE=${5:-0.0001}
cargo run --release -q -p triangulate-eval --example train_concepts -- \
    "$DUC" "$FIT" "$SCORE" "$MIN_DF" "$RIDGE"
