#!/usr/bin/env python3
"""B-cubed agreement of two stores' story listings (`triangulate stories --json --members`).

    python3 bench/compare_listings.py A.json B.json [NAME_A NAME_B]

Each input (`path` or `path#N`) is a document; a listing's stories are its clusters. Prints
B-cubed precision, recall and F1 of B against A and the number of stories in each. Used by
bench/scale_pg.sh and bench/scale_queue.sh.
"""
import json
import sys
from collections import Counter


def story_of(path):
    return {i: s["id"] for s in json.load(open(path))["stories"] for i in s["inputs"]}


name_a, name_b = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else ("A", "B")
a, b = story_of(sys.argv[1]), story_of(sys.argv[2])
assert a.keys() == b.keys(), "different inputs"
pairs = Counter((a[i], b[i]) for i in a)
size_a, size_b = Counter(a.values()), Counter(b.values())
p = sum(n * n / size_b[sb] for (sa, sb), n in pairs.items()) / len(a)
r = sum(n * n / size_a[sa] for (sa, sb), n in pairs.items()) / len(a)
print(
    f"B-cubed of {name_b} against {name_a} over {len(a)} inputs: P {p:.4f} R {r:.4f} "
    f"F1 {2 * p * r / (p + r):.4f}; stories {len(size_a)} ({name_a}) vs {len(size_b)} ({name_b})"
)
