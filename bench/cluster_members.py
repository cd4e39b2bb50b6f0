"""How well pair features separate a document's gold story from its other candidates: reads
the trace of `CLUSTER_TUNE_TRACE=all cluster_tune '' DATA > TRACE` (see cluster_recall.py)
and prints, for every candidate pair and for those whose centroid cosine is in [LO, HI]
(default 0.1-0.25, where the join is decided), the AUC of each feature (c: centroid cosine,
n: names, dc / sc: coverage, mx / mm / mn: max / mean / min cosine over the story's latest members)
with the pairs' counts and medians. A candidate is gold when its story's first document is
of the document's gold story.

    python3 bench/cluster_members.py TRACE [LO HI]
"""
import re
import sys

lo, hi = (float(sys.argv[2]), float(sys.argv[3])) if len(sys.argv) > 3 else (0.1, 0.25)
FEATS = ['c', 'n', 'dc', 'sc', 'mx', 'mm', 'mn']
pairs = []
for line in open(sys.argv[1]):
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 3 or not parts[2].startswith('->'):
        continue
    gold = parts[0]
    for c in parts[3:]:
        head, *rest = c.split(' ')
        sgold = head.split(':', 1)[1]
        vals = {}
        for r in rest:
            m = re.match(r'([a-z]+)(-?[\d.]+)$', r)
            if m:
                vals[m.group(1)] = float(m.group(2))
        pairs.append((sgold == gold, vals))


def auc(pos, neg):
    # Mann-Whitney U with ties counted half.
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        r = (i + j + 1) / 2
        rank_sum += r * sum(1 for k in range(i, j) if allv[k][1])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0) if n1 and n0 else float('nan')


def med(v):
    v = sorted(v)
    return v[len(v) // 2] if v else float('nan')


for label, sel in [('all pairs', pairs), (f'centroid cosine {lo}-{hi}', [p for p in pairs if lo <= p[1].get('c', 0) <= hi])]:
    pos = [p[1] for p in sel if p[0]]
    neg = [p[1] for p in sel if not p[0]]
    print(f'{label}: {len(pos)} gold, {len(neg)} other pairs')
    for f in FEATS:
        a = auc([p.get(f, 0) for p in pos], [p.get(f, 0) for p in neg])
        print(f'  {f:3} AUC {a:.3f}  median gold {med([p.get(f, 0) for p in pos]):.3f} other {med([p.get(f, 0) for p in neg]):.3f}')
