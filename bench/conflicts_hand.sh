#!/usr/bin/env bash
# Issue 12, precision read by hand: the contradictions and discrepancies `triangulate report`
# gives on the first N untouched stories of multi-news val, printed with the sentences of
# each side for a reader to classify (true / false, one-line reason). The printout holds the
# data's text, so it goes to a folder outside the project (default /tmp/conflicts-hand);
# docs/conflicts-hand-precision.md keeps only story numbers, values and the reader's verdicts.
#   bash bench/conflicts_hand.sh [N] [OUT_DIR]
# NO_BUILD=1 uses the release binary as it is (no cargo build first).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
OUT=${2:-/tmp/conflicts-hand}
VAL=../shared/data/multi-news-train/val.src.gz
[ -f "$VAL" ] || { echo "conflicts_hand: $VAL is absent" >&2; exit 1; }
[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p triangulate
BIN="${CARGO_TARGET_DIR:-target}/release/triangulate"
mkdir -p "$OUT"
python3 - "$VAL" "$N" "$OUT" "$BIN" <<'PY'
import gzip, json, subprocess, sys
val, n, out, binary = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with gzip.open(val, "rt", encoding="utf-8") as f:
    lines = [next(f) for _ in range(n)]
report = open(f"{out}/report.txt", "w", encoding="utf-8")
rows = []
for i, line in enumerate(lines):
    path = f"{out}/story{i:03d}.txt"
    with open(path, "w", encoding="utf-8") as g:
        g.write(line)
    r = subprocess.run([binary, "report", "--format", "multinews", path, "-o", "json"],
                       capture_output=True, check=True)
    d = json.loads(r.stdout)
    for k, c in enumerate(c for c in d["conflicts"] if c["kind"] in ("contradiction", "discrepancy")):
        rows.append((i, k, c["kind"], c["attribute"], " | ".join(s.get("value") or "" for s in c["sides"])))
        print(f"== story {i} #{k} {c['kind']} {c['attribute']} topic={c['topic']!r}", file=report)
        for s in c["sides"]:
            print(f"  -- value {s.get('value')!r} documents {s['documents']}", file=report)
            for sp in s["spans"][:3]:
                print(f"     [{sp['document']}] {sp['text']}", file=report)
print(f"{len(rows)} contradictions/discrepancies on {n} stories", file=sys.stderr)
for r in rows:
    print("\t".join(map(str, r)))
PY
