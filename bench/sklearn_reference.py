#!/usr/bin/python3
"""scikit-learn reference loops for the label-efficiency benchmark (bench/label-efficiency.sh).

Runs, on the split files written by LabelEfficiencyBenchmark --splits (same pool, same test items, same random
first batch of 20 per seed as Labelloop's RANDOM and SIMPLE_LOOP):
  SKLEARN_LR_LC      LogisticRegression (C=1, lbfgs to convergence) + least confidence: the starter loop
  SKLEARN_LR_RANDOM  LogisticRegression + random batches
  SKLEARN_RF_LC      RandomForestClassifier (100 trees, random_state=seed) + least confidence
Features: TEXT = TF-IDF word 1-2-grams fitted on the pool's texts; TABULAR = columns standardised on the pool;
IMAGE = grey levels divided by the pool's largest. Least-confidence ties are broken at random (a forest's votes tie
often). Writes <out>/<dataset>.csv in DatasetResult's CSV shape plus 'full,<model>,<accuracy>' lines (each model
trained on the whole pool) and a 'split,<sha1>' line; a dataset whose stored file has the same split fingerprint
is skipped unless --force.

Usage: /usr/bin/python3 bench/sklearn_reference.py --splits target/label-efficiency-splits \
       --out docs/label-efficiency-raw/sklearn [--datasets a,b] [--jobs 1] [--force]
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import csv
import gzip
import hashlib
import multiprocessing
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

csv.field_size_limit(sys.maxsize)
METHODS = ("SKLEARN_LR_LC", "SKLEARN_LR_RANDOM", "SKLEARN_RF_LC")


def read_split(path):
    split = {"first": []}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for line in text.splitlines():
        key, _, rest = line.partition(" ")
        if key == "first":
            seed, _, items = rest.partition(" ")
            split["first"].append((int(seed), [int(i) for i in items.split()]))
        elif key in ("pool", "test"):
            split[key] = np.array([int(i) for i in rest.split()], dtype=np.int64)
        elif key in ("rows", "step", "budget"):
            split[key] = int(rest)
        else:
            split[key] = rest
    body = "\n".join(l for l in text.splitlines() if not l.startswith("file "))
    split["fingerprint"] = hashlib.sha1(body.encode("utf-8")).hexdigest()
    return split


def load(path, task):
    opener = gzip.open if path.endswith(".gz") else open
    texts, numbers, labels = [], [], []
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for r in reader:
            if task == "TEXT":
                texts.append(r[1])
                labels.append(r[2])
            else:
                labels.append(r[1])
                numbers.append([float(v) for v in r[2:]])
    return (texts if task == "TEXT" else np.array(numbers)), np.array(labels)


def features(task, data, pool, test):
    if task == "TEXT":
        tfidf = TfidfVectorizer(ngram_range=(1, 2)).fit([data[i] for i in pool])
        return tfidf.transform([data[i] for i in pool]), tfidf.transform([data[i] for i in test])
    if task == "IMAGE":
        top = data[pool].max() or 1.0
        return data[pool] / top, data[test] / top
    scaler = StandardScaler().fit(data[pool])
    return scaler.transform(data[pool]), scaler.transform(data[test])


def make_model(method, seed):
    if method.startswith("SKLEARN_RF"):
        return RandomForestClassifier(n_estimators=100, random_state=seed, n_jobs=1)
    return LogisticRegression(C=1.0, max_iter=10000)


def run_loop(method, seed, first, xp, yp, xt, yt, budget, step):
    """Test accuracy after step, 2 step, ..., budget labels."""
    rng = np.random.RandomState(seed)
    labeled = list(first)
    taken = np.zeros(len(yp), dtype=bool)
    taken[labeled] = True
    curve = []
    for rnd in range(budget // step):
        y = yp[labeled]
        model = make_model(method, seed).fit(xp[labeled], y) if len(set(y)) >= 2 else None
        curve.append(float(np.mean(model.predict(xt) == yt)) if model is not None else float(np.mean(yt == y[0])))
        if rnd == budget // step - 1:
            break
        unlabeled = np.flatnonzero(~taken)
        if model is None or method == "SKLEARN_LR_RANDOM":
            pick = rng.choice(unlabeled, min(step, len(unlabeled)), replace=False)
        else:
            confidence = model.predict_proba(xp[unlabeled]).max(axis=1)
            order = np.lexsort((rng.random_sample(len(unlabeled)), confidence))
            pick = unlabeled[order[:step]]
        labeled.extend(int(i) for i in pick)
        taken[pick] = True
    return curve


def run_dataset(split_path, out_dir, force):
    split = read_split(split_path)
    name = os.path.basename(split_path)[:-len(".txt")]
    out = os.path.join(out_dir, name + ".csv")
    if not force and os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            if ("split," + split["fingerprint"]) in f.read().splitlines():
                print(f"{name}: stored reference curves are for this split and these seeds; kept", file=sys.stderr)
                return
    start = time.time()
    data, labels = load(split["file"], split["task"])
    if len(labels) != split["rows"]:
        raise SystemExit(f"{name}: read {len(labels)} rows, the split has {split['rows']}")
    pool, test = split["pool"], split["test"]
    xp, xt = features(split["task"], data, pool, test)
    yp, yt = labels[pool], labels[test]
    position = {int(row): k for k, row in enumerate(pool)}
    curves = {m: [] for m in METHODS}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        for seed, first in split["first"]:
            first_positions = [position[i] for i in first]
            for m in METHODS:
                curves[m].append(run_loop(m, seed, first_positions, xp, yp, xt, yt, split["budget"], split["step"]))
        full = {"SKLEARN_LR": float(np.mean(make_model("SKLEARN_LR", 0).fit(xp, yp).predict(xt) == yt)),
                "SKLEARN_RF": float(np.mean(make_model("SKLEARN_RF", 0).fit(xp, yp).predict(xt) == yt))}
    unconverged = sum(1 for w in caught if issubclass(w.category, ConvergenceWarning))
    lines = ["meta,%s,%s,%d,%d,%d,%d,%.6f,%d" % (name, split["task"], split["rows"], len(pool), len(test),
                                                  len(set(labels)), full["SKLEARN_LR"], split["step"])]
    for m in METHODS:
        for s, c in enumerate(curves[m]):
            lines.append("curve,%s,%d,%s" % (m, s, ",".join("%.5f" % v for v in c)))
    lines += ["full,%s,%.6f" % kv for kv in full.items()]
    lines.append("split," + split["fingerprint"])
    lines.append("version,scikit-learn," + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(out + ".tmp", out)
    aubc = ", ".join("%s %.3f" % (m, np.mean([np.mean(c) for c in curves[m]])) for m in METHODS)
    print(f"{name}: {aubc}; full pool LR {full['SKLEARN_LR']:.3f} RF {full['SKLEARN_RF']:.3f}; "
          f"{unconverged} unconverged fits; {time.time() - start:.0f} s", file=sys.stderr, flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--splits", default="target/label-efficiency-splits")
    p.add_argument("--out", default="docs/label-efficiency-raw/sklearn")
    p.add_argument("--datasets", default="")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--force", action="store_true")
    a = p.parse_args()
    only = [d for d in a.datasets.split(",") if d]
    files = sorted(os.path.join(a.splits, f) for f in os.listdir(a.splits) if f.endswith(".txt")
                   and (not only or any(f.startswith(o) for o in only)))
    # largest split files first, so a parallel run does not end on one long dataset
    files.sort(key=os.path.getsize, reverse=True)
    if a.jobs > 1:
        with multiprocessing.Pool(a.jobs) as workers:
            workers.starmap(run_dataset, [(f, a.out, a.force) for f in files], chunksize=1)
    else:
        for f in files:
            run_dataset(f, a.out, a.force)


if __name__ == "__main__":
    main()
