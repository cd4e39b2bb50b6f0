#!/usr/bin/env bash
# Issue 11 (docs/BENCHMARKS.md, "Issue 11: serve"): a bounded load test of `triangulate serve`
# over loopback and the story page's weight and first paint in headless Chromium.
#   bench/serve_load.sh [--db FILE] [-n 10000] [-c 32] [--posts 200]
# The load client (crates/server/examples/load.rs) serves a copy of the store (default: one
# made from examples/) in its own process and exits non-zero when a posted article is lost.
# The paint measurement (examples/paint.rs) needs chromium and chromedriver (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p triangulate-server --example load --example paint
run() { cargo run --release -q -p triangulate-server --example "$@"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
run load -- "$@"
echo "load average after the load test: $(cut -d' ' -f1-3 /proc/loadavg)"
run paint -- 5 || echo "paint: skipped (chromium or chromedriver missing)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
