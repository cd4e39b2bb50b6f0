"""Peer summarizers for the Multi-News benchmark: Lead, sumy's LexRank, TextRank and LSA.

Usage: python bench/summary_peers.py METHOD SRC OUT_PREFIX WORDS [WORDS ...]

Reads SRC (Multi-News lines, gzipped or plain: one story a line, documents joined by
`|||||`) and writes OUT_PREFIX.WORDS.txt for each budget: one summary a line, its
sentences separated by tabs. Sentences are taken best first (Lead: in text order) and the
summary is cut to WORDS whitespace-separated words, the last sentence cut, exactly as
`triangulate eval summary` cuts its own summaries. Needs NLTK_DATA with punkt_tab
(bench/make_punkt_tab.py).
"""

import gzip
import sys

from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

LANG = "english"


def ranked(summarizer_cls):
    """A sumy summarizer that returns every sentence, best rated first."""

    class Ranked(summarizer_cls):
        @staticmethod
        def _get_best_sentences(sentences, count, rating, *args, **kwargs):
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else rating
            infos = [(rate(s, *args, **kwargs), o, s) for o, s in enumerate(sentences)]
            # Best first; ties in text order (Python's sort is stable).
            infos.sort(key=lambda x: -x[0])
            return tuple(s for _, _, s in infos)

    s = Ranked(Stemmer(LANG))
    s.stop_words = get_stop_words(LANG)
    return s


def cut(sentences, words):
    out, n = [], 0
    for s in sentences:
        w = " ".join(str(s).split()).split(" ")
        w = [x for x in w if x]
        if not w:
            continue
        if n + len(w) >= words:
            out.append(" ".join(w[: words - n]))
            break
        out.append(" ".join(w))
        n += len(w)
    return "\t".join(out)


def main():
    method, src, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    budgets = [int(x) for x in sys.argv[4:]]
    opener = gzip.open if src.endswith(".gz") else open
    tokenizer = Tokenizer(LANG)
    summ = None
    if method == "lexrank":
        summ = ranked(LexRankSummarizer)
    elif method == "textrank":
        summ = ranked(TextRankSummarizer)
    elif method == "lsa":
        summ = ranked(LsaSummarizer)
    elif method != "lead":
        sys.exit(f"unknown method {method}")
    outs = {b: open(f"{prefix}.{b}.txt", "w", encoding="utf-8") for b in budgets}
    with opener(src, "rt", encoding="utf-8") as f:
        for line in f:
            docs = [d.strip() for d in line.rstrip("\n").split("|||||")]
            text = "\n\n".join(d for d in docs if d)
            parsed = PlaintextParser.from_string(text, tokenizer).document
            if summ is None:
                sents = parsed.sentences
            else:
                sents = summ(parsed, len(parsed.sentences))
            for b in budgets:
                outs[b].write(cut(sents, b) + "\n")
    for o in outs.values():
        o.close()


if __name__ == "__main__":
    main()
