"""Where the online clusterer loses recall: reads the trace of
`CLUSTER_TUNE_TRACE=all cluster_tune '' DATA > TRACE` (one line a document in arrival order:
gold story, date, `-> story (gold story of its first document)`, then every candidate story
as `id:gold cCOSINE ...`) and counts, for each document whose gold story already had a story
(one opened by a document of that gold story), whether it joined it, opened a new story or
joined another one, and whether its gold story was among the candidates from the index
(retrieved) and at which rank by cosine (0 = the most similar candidate).

    python3 bench/cluster_recall.py TRACE
"""
import collections
import re
import sys

gold_has_story = set()
stories = set()
stats = collections.Counter()
cos_ret = []
for line in open(sys.argv[1]):
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 3 or not parts[2].startswith('->'): continue
    gold = parts[0]
    m = re.match(r'-> (\d+) \((.*?)\)( dup)?$', parts[2])
    story, sgold, dup = m.group(1), m.group(2), m.group(3)
    cands = []
    for c in parts[3:]:
        mm = re.match(r'(\d+):(\S+) c([\d.]+)', c)
        if mm: cands.append((mm.group(2), float(mm.group(3))))
    new = story not in stories
    existed = gold in gold_has_story
    if story == '0':
        stats['no_story'] += 1
    elif not existed:
        stats['first_of_gold: ' + ('new' if new else 'joined other')] += 1
    elif sgold == gold and not new:
        stats['existed: joined right' + (' (dup)' if dup else '')] += 1
    else:
        kind = 'new story' if new else 'joined other'
        ret = [c for c in cands if c[0] == gold]
        stats[f'existed: {kind}, gold {"retrieved" if ret else "not retrieved"}'] += 1
        if ret:
            r = sorted([c[1] for c in cands], reverse=True).index(ret[0][1])
            stats[f'existed: {kind}, gold rank {min(r,3)}'] += 1
            cos_ret.append(ret[0][1])
    stories.add(story)
    if sgold == gold and story != '0': gold_has_story.add(gold)
for k, v in sorted(stats.items()): print(f'{v}\t{k}')
if cos_ret:
    cos_ret.sort(); n=len(cos_ret)
    print('cosine of the gold candidate when missed, deciles 10/25/50/75/90:', [round(cos_ret[int(n*q)],3) for q in (0.1,0.25,0.5,0.75,0.9)])
