#!/usr/bin/env python3
"""Writes a reproducible N-row CSV for benchmarks.

  gen_csv.py N OUT [--labeled-every K] [--tabular F]

Text rows are externalId,text,label with a few hundred bytes each; with --tabular F the rows are
externalId,f0..f{F-1},label with numeric features instead. Without --labeled-every every third
row is unlabeled; with it only every K-th row carries a label.
"""
import argparse
import random

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int, nargs="?", default=1_000_000)
ap.add_argument("out", nargs="?", default="/dev/stdout")
ap.add_argument("--labeled-every", type=int, default=0)
ap.add_argument("--tabular", type=int, default=0)
a = ap.parse_args()
rng = random.Random(42)
words = ("label loop active learning model item queue budget annotator review great poor value "
         "price quality fast slow shipping broken works perfect awful service support refund").split()
positive = set("great value quality fast works perfect".split())


def label_for(i, good):
    if a.labeled_every:
        return ("positive" if good else "negative") if i % a.labeled_every == 0 else ""
    return ("positive", "negative", "")[i % 3]


with open(a.out, "w", encoding="utf-8") as f:
    if a.tabular:
        f.write("externalId," + ",".join(f"f{j}" for j in range(a.tabular)) + ",label\n")
    else:
        f.write("externalId,text,label\n")
    for i in range(a.n):
        if a.tabular:
            x = [rng.gauss(0, 1) for _ in range(a.tabular)]
            good = x[0] + 0.5 * x[1] > 0
            f.write(f"row-{i}," + ",".join(f"{v:.4f}" for v in x) + f",{label_for(i, good)}\n")
            continue
        chosen = [rng.choice(words) for _ in range(rng.randint(25, 45))]
        text = " ".join(chosen)
        good = sum(w in positive for w in chosen) * 4 > len(chosen)
        if i % 7 == 0:
            text = '"' + text.replace(" great ", ", great, ") + '"'
        f.write(f"row-{i},{text},{label_for(i, good)}\n")
