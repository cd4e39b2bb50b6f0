"""Where the online clusterer and the peer differ on a docs/ + gold.tsv set: reads the dump of
`CLUSTER_TUNE_DUMP=FILE cluster_tune '' DIR` (name, gold, story, date per line), runs the peer
of cluster_peer.py (TF-IDF, average linkage) at one threshold on the same documents, and
prints B-cubed F1 per topic (the gold story's prefix before `_`: on ECB+ the two events of
one topic) for both, and counts of documents whose B-cubed precision is below 1/2 (put mostly
with another story's documents) in one and not the other. Uses the venv of cluster_peer.py.

    /tmp/cluster-venv/bin/python bench/cluster_vs_peer.py DIR DUMP [THRESHOLD]
"""
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(__file__))
from cluster_peer import bcubed, read_dir  # noqa: E402

d, dump = sys.argv[1], sys.argv[2]
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.83
texts, gold = read_dir(d)
names = sorted(l.split("\t")[0] for l in open(os.path.join(d, "gold.tsv"), encoding="utf-8") if l.strip())
ours_by_name = {}
for line in open(dump, encoding="utf-8"):
    name, g, story, _ = line.rstrip("\n").split("\t")
    ours_by_name[os.path.basename(name)] = story
ours = [ours_by_name[n] for n in names]

from sklearn.cluster import AgglomerativeClustering  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
import numpy as np  # noqa: E402

x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
dist = 1.0 - (x @ x.T).toarray()
np.clip(dist, 0.0, 2.0, out=dist)
np.fill_diagonal(dist, 0.0)
peer = list(AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold).fit_predict(dist))
print("all: ours B3 %.3f / %.3f / %.3f, peer %.3f / %.3f / %.3f" % (bcubed(gold, ours) + bcubed(gold, peer)))


def precision(pred):
    both = Counter(zip(gold, pred))
    size = Counter(pred)
    return [both[(g, q)] / size[q] for g, q in zip(gold, pred)]


po, pp = precision(ours), precision(peer)
print("documents with B3 precision < 0.5: ours %d, peer %d, ours only %d, peer only %d" % (
    sum(p < 0.5 for p in po), sum(p < 0.5 for p in pp),
    sum(a < 0.5 <= b for a, b in zip(po, pp)), sum(b < 0.5 <= a for a, b in zip(po, pp))))
topics = defaultdict(list)
for i, g in enumerate(gold):
    topics[g.split("_")[0]].append(i)
print("topic\tdocs\tours F1\tpeer F1")
for t, idx in sorted(topics.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
    g = [gold[i] for i in idx]
    fo = bcubed(g, [ours[i] for i in idx])[2]
    fp = bcubed(g, [peer[i] for i in idx])[2]
    print(f"{t}\t{len(idx)}\t{fo:.3f}\t{fp:.3f}")
