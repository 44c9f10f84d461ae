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
trained on the whole pool) and a 'split,<sha1>' line once every seed is done ('partial,<sha1>' before); a dataset
whose stored file has the same split fingerprint is skipped unless --force. Works seed by seed over all datasets
(cheapest first) and caches each (dataset, seed) under --cache, so a run cut short leaves the datasets with the
same first seeds and a second run resumes where it stopped (from the cache, or from the seeds in a stored 'partial'
file made on the same split when the cache is gone). Without the full-pool fit the file says NaN there.

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
import shutil
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


def prepare(split):
    data, labels = load(split["file"], split["task"])
    if len(labels) != split["rows"]:
        raise SystemExit(f"{split['name']}: read {len(labels)} rows, the split has {split['rows']}")
    pool, test = split["pool"], split["test"]
    xp, xt = features(split["task"], data, pool, test)
    position = {int(row): k for k, row in enumerate(pool)}
    return xp, labels[pool], xt, labels[test], position, len(set(labels))


_PREPARED = {}


def run_task(split, seed_index, cache):
    """One seed's three curves (seed_index >= 0) or the full-pool accuracies (seed_index -1), cached on disk."""
    name = split["name"]
    if name not in _PREPARED:
        _PREPARED[name] = prepare(split)
    xp, yp, xt, yt, position, classes = _PREPARED[name]
    start = time.time()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        if seed_index < 0:
            lines = ["classes,%d" % classes] + ["full,%s,%.6f" % (m, np.mean(make_model(m, 0).fit(xp, yp).predict(xt) == yt))
                                                for m in ("SKLEARN_LR", "SKLEARN_RF")]
            key = "full"
        else:
            seed, first = split["first"][seed_index]
            first_positions = [position[i] for i in first]
            lines = ["classes,%d" % classes]
            for m in METHODS:
                c = run_loop(m, seed, first_positions, xp, yp, xt, yt, split["budget"], split["step"])
                lines.append("curve,%s,%d,%s" % (m, seed_index, ",".join("%.5f" % v for v in c)))
            key = str(seed)
    unconverged = sum(1 for w in caught if issubclass(w.category, ConvergenceWarning))
    path = os.path.join(cache, name, split["fingerprint"], key + ".csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    return name, key, unconverged, time.time() - start


def assemble(split, cache, out_dir):
    """Writes the dataset's reference file from the cached seeds done so far; True when every seed is there."""
    name = split["name"]
    folder = os.path.join(cache, name, split["fingerprint"])
    def cached(key):
        path = os.path.join(folder, key + ".csv")
        return open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else None
    full = cached("full")
    seeds = [cached(str(seed)) for seed, _ in split["first"]]
    done = [c for c in seeds if c is not None]
    if not done:
        return False
    full = full or []
    accuracy = {l.split(",")[1]: l.split(",")[2] for l in full if l.startswith("full,")}
    classes = int(next(l for l in done[0] if l.startswith("classes,")).split(",")[1])
    lines = ["meta,%s,%s,%d,%d,%d,%d,%s,%d" % (name, split["task"], split["rows"], len(split["pool"]),
                                                len(split["test"]), classes, accuracy.get("SKLEARN_LR", "NaN"),
                                                split["step"])]
    for m in METHODS:
        lines += [l for c in done for l in c if l.startswith("curve,%s," % m)]
    lines += [l for l in full if l.startswith("full,")]
    complete = len(done) == len(seeds)
    lines.append(("split," if complete else "partial,") + split["fingerprint"])
    lines.append("version,scikit-learn," + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, name + ".csv")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(out + ".tmp", out)
    return complete


def stored(split, out_dir):
    out = os.path.join(out_dir, split["name"] + ".csv")
    if not os.path.exists(out):
        return False
    with open(out, encoding="utf-8") as f:
        return ("split," + split["fingerprint"]) in f.read().splitlines()


def resume_from_stored(split, out_dir, cache):
    """Copies the seeds of a stored 'partial' reference file made on this very split into the cache, so a run cut
    short in an earlier session (whose cache is gone) continues from the committed curves instead of redoing them."""
    out = os.path.join(out_dir, split["name"] + ".csv")
    if not os.path.exists(out):
        return 0
    with open(out, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if ("partial," + split["fingerprint"]) not in lines:
        return 0
    classes = "classes,%s" % next(l for l in lines if l.startswith("meta,")).split(",")[6]
    folder = os.path.join(cache, split["name"], split["fingerprint"])
    os.makedirs(folder, exist_ok=True)
    full = [l for l in lines if l.startswith("full,")]
    if full and not os.path.exists(os.path.join(folder, "full.csv")):
        with open(os.path.join(folder, "full.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join([classes] + full) + "\n")
    resumed = 0
    for index, (seed, _) in enumerate(split["first"]):
        curves = [l for l in lines if l.startswith("curve,") and l.split(",")[2] == str(index)]
        path = os.path.join(folder, "%d.csv" % seed)
        if len(curves) == len(METHODS) and not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join([classes] + curves) + "\n")
            resumed += 1
    return resumed


def _run(args):
    return run_task(*args)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--splits", default="target/label-efficiency-splits")
    p.add_argument("--out", default="docs/label-efficiency-raw/sklearn")
    p.add_argument("--cache", default="target/sklearn-reference-cache")
    p.add_argument("--datasets", default="")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--force", action="store_true")
    p.add_argument("--assemble-only", action="store_true",
                   help="write the reference files from the cached seeds (after a run was stopped), run nothing")
    a = p.parse_args()
    only = [d for d in a.datasets.split(",") if d]
    files = sorted(os.path.join(a.splits, f) for f in os.listdir(a.splits) if f.endswith(".txt")
                   and (not only or any(f.startswith(o) for o in only)))
    splits = []
    for f in files:
        split = read_split(f)
        split["name"] = os.path.basename(f)[:-len(".txt")]
        if a.force:
            shutil.rmtree(os.path.join(a.cache, split["name"], split["fingerprint"]), ignore_errors=True)
        elif stored(split, a.out):
            print(f"{split['name']}: stored reference curves are for this split and these seeds; kept", file=sys.stderr)
            continue
        elif resume_from_stored(split, a.out, a.cache):
            print(f"{split['name']}: resuming from the seeds in the stored partial reference file", file=sys.stderr)
        splits.append(split)
    # seed by seed over all datasets, cheapest first, so a run cut short leaves as many datasets as possible with
    # the same first seeds; the full-pool fits of text only feed the report's diagnosis and come last
    rounds = max((len(s["first"]) for s in splits), default=0)
    cheap_first = sorted(splits, key=lambda s: (s["task"] == "TEXT", len(s["pool"])))
    tasks = [(s, -1, a.cache) for s in cheap_first if s["task"] != "TEXT"]
    tasks += [(s, i, a.cache) for i in range(rounds) for s in cheap_first if i < len(s["first"])]
    tasks += [(s, -1, a.cache) for s in cheap_first if s["task"] == "TEXT"]
    tasks = [t for t in tasks if not os.path.exists(os.path.join(
        a.cache, t[0]["name"], t[0]["fingerprint"], ("full" if t[1] < 0 else str(t[0]["first"][t[1]][0])) + ".csv"))]
    by_name = {s["name"]: s for s in splits}
    if a.assemble_only:
        tasks = []
    with multiprocessing.Pool(max(1, a.jobs)) as workers:
        for name, key, unconverged, seconds in workers.imap_unordered(_run, tasks, chunksize=1):
            complete = assemble(by_name[name], a.cache, a.out)
            print(f"{name} {key}: {seconds:.0f} s, {unconverged} unconverged fits{', complete' if complete else ''}",
                  file=sys.stderr, flush=True)
    for s in splits:
        assemble(s, a.cache, a.out)


if __name__ == "__main__":
    main()
