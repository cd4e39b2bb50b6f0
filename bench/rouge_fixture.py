"""Compute the rouge-score values of crates/eval/tests/fixtures/rouge/pairs.json (texts
written for this project) and write expected.json beside it.

Usage: bench/.venv/bin/python bench/rouge_fixture.py
"""

import json
import os

import rouge_score
from rouge_score import rouge_scorer

HERE = os.path.join(os.path.dirname(__file__), "..", "crates", "eval", "tests", "fixtures", "rouge")
pairs = json.load(open(os.path.join(HERE, "pairs.json"), encoding="utf-8"))
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
out = []
for p in pairs:
    s = scorer.score(p["target"], p["prediction"])
    out.append({k: {"p": v.precision, "r": v.recall, "f": v.fmeasure} for k, v in s.items()})
meta = {"rouge_score": getattr(rouge_score, "__version__", "0.1.2"), "use_stemmer": True, "scores": out}
with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(meta, f, indent=1)
    f.write("\n")
