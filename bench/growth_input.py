#!/usr/bin/env python3
"""Write one document of about N words in one shape, deterministically (bench/growth.sh).

    growth_input.py SHAPE WORDS SRC.gz > FILE

SRC.gz is the Multi-News source file (../shared/data/multi-news-dev/dev.src.gz); the text is
built from it at run time and never stored in the repository. Shapes:

  news     the stories' documents one after another, a paragraph each (normal news)
  nopunct  the same words with every punctuation mark removed, one line, no sentence end
  quote    one endless quotation: 'The mayor said: "' and then the news, never closed
  lines    a list of short lines (2-8 words, no final stop): 10,000 lines at 50k words
  said     random words of the news vocabulary with "said" as about every 12th word,
           no punctuation (the case reported in issue 13)
"""
import gzip
import random
import re
import sys

SHAPES = ("news", "nopunct", "quote", "lines", "said")


def news_paragraphs(src):
    """The source documents as paragraphs, in file order."""
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            for doc in line.split("|||||"):
                for para in doc.split("NEWLINE_CHAR"):
                    para = " ".join(para.split())
                    if para:
                        yield para


def news_words(src, n):
    """At least `n` words of news, as paragraphs (cycling through the file if needed)."""
    paras, count = [], 0
    while count < n:
        for p in news_paragraphs(src):
            paras.append(p)
            count += len(p.split())
            if count >= n:
                break
    return paras


def cut(paras, n):
    """The paragraphs cut to exactly `n` words."""
    out, count = [], 0
    for p in paras:
        words = p.split()
        take = words[: n - count]
        out.append(" ".join(take))
        count += len(take)
        if count >= n:
            break
    return out


def main():
    shape, n, src = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if shape not in SHAPES:
        sys.exit(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    rng = random.Random(13)
    paras = news_words(src, n + n // 10)  # spare words for what punctuation removal drops
    if shape == "news":
        text = "\n\n".join(cut(paras, n)) + "\n"
    elif shape == "nopunct":
        words = [w for p in paras for w in re.sub(r"[^\w\s]", " ", p).split()]
        text = " ".join(words[:n]) + "\n"
    elif shape == "quote":
        body = cut([" ".join(p.replace('"', " ").split()) for p in paras], n - 3)
        text = 'The mayor said: "' + "\n\n".join(body) + "\n"
    elif shape == "lines":
        words = [w for p in paras for w in re.sub(r"[^\w\s]", " ", p).split()]
        lines, i = [], 0
        while i < n:
            k = min(rng.randint(2, 8), n - i)
            lines.append(" ".join(words[i : i + k]))
            i += k
        text = "\n".join(lines) + "\n"
    else:  # said
        vocab = sorted({w.lower() for p in paras for w in re.sub(r"[^\w\s]", " ", p).split()})
        words = ["said" if rng.random() < 1 / 12 else rng.choice(vocab) for _ in range(n)]
        text = " ".join(words) + "\n"
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
