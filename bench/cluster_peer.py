"""The clustering peer of issue 10: TF-IDF with average-linkage agglomerative clustering
(scikit-learn), cosine-distance threshold tuned on the data given. It sees every document
at once; triangulate's clusterer is online.

Also scores an assignments file written by `triangulate eval cluster --assignments`
(name, gold, story per line) with this script's own B-cubed and pairwise code: a second,
independent check of crates/eval/src/cluster.rs.

Usage:
  python cluster_peer.py dir DIR [--thresholds 0.7,0.8]      # DIR/docs/*, DIR/gold.tsv
  python cluster_peer.py multinews SRC [--thresholds ...]    # each line one gold story
  python cluster_peer.py score ASSIGNMENTS.tsv
"""
import argparse
import gzip
import json
import os
from collections import Counter


def bcubed(gold, pred):
    both = Counter(zip(gold, pred))
    gs, ps = Counter(gold), Counter(pred)
    n = len(gold)
    p = sum(both[(g, q)] / ps[q] for g, q in zip(gold, pred)) / n
    r = sum(both[(g, q)] / gs[g] for g, q in zip(gold, pred)) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold, pred):
    pairs = lambda k: k * (k - 1) / 2
    both = Counter(zip(gold, pred))
    hits = sum(pairs(c) for c in both.values())
    pp = sum(pairs(c) for c in Counter(pred).values())
    gp = sum(pairs(c) for c in Counter(gold).values())
    p = hits / pp if pp else 0.0
    r = hits / gp if gp else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def read_dir(d):
    texts, gold = [], []
    with open(os.path.join(d, "gold.tsv"), encoding="utf-8") as f:
        rows = sorted(l.rstrip("\n").split("\t") for l in f if l.strip())
    for name, story in rows:
        with open(os.path.join(d, "docs", name), encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
        gold.append(story)
    return texts, gold


def read_multinews(src):
    opener = gzip.open if src.endswith(".gz") else open
    texts, gold = [], []
    with opener(src, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            for part in line.rstrip("\n").rstrip("\r").split("|||||"):
                if part.strip():
                    texts.append(part)
                    gold.append(i + 1)
    return texts, gold


def peer(texts, gold, thresholds):
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    import numpy as np

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    # Rows are L2-normalized: cosine distance = 1 - dot product (dense n x n, precomputed).
    dist = 1.0 - (x @ x.T).toarray()
    np.clip(dist, 0.0, 2.0, out=dist)
    np.fill_diagonal(dist, 0.0)
    rows = []
    for t in thresholds:
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=t
        )
        pred = model.fit_predict(dist)
        b, pw = bcubed(gold, list(pred)), pairwise(gold, list(pred))
        rows.append({"threshold": t, "stories": len(set(pred)), "bcubed": b, "pairwise": pw})
        print(json.dumps(rows[-1]), flush=True)
    best = max(rows, key=lambda r: r["bcubed"][2])
    print("best", json.dumps(best))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["dir", "multinews", "score"])
    ap.add_argument("path")
    ap.add_argument("--thresholds", default="0.7,0.75,0.8,0.83,0.85,0.88,0.9")
    a = ap.parse_args()
    if a.mode == "score":
        gold, pred = [], []
        with open(a.path, encoding="utf-8") as f:
            for line in f:
                _, g, s = line.rstrip("\n").split("\t")
                gold.append(g)
                pred.append(s)
        print(json.dumps({"documents": len(gold), "bcubed": bcubed(gold, pred), "pairwise": pairwise(gold, pred)}))
        return
    texts, gold = read_dir(a.path) if a.mode == "dir" else read_multinews(a.path)
    print(json.dumps({"documents": len(texts), "gold_stories": len(set(gold))}))
    peer(texts, gold, [float(t) for t in a.thresholds.split(",")])


if __name__ == "__main__":
    main()
