#!/usr/bin/env python3
"""Writes an N-row text CSV (externalId,text,label) of a few hundred bytes a row, reproducibly."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
out = sys.argv[2] if len(sys.argv) > 2 else "/dev/stdout"
rng = random.Random(42)
words = ("label loop active learning model item queue budget annotator review great poor value "
         "price quality fast slow shipping broken works perfect awful service support refund").split()
with open(out, "w", encoding="utf-8") as f:
    f.write("externalId,text,label\n")
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(25, 45)))
        if i % 7 == 0:
            text = '"' + text.replace(" great ", ", great, ") + '"'
        label = ("positive", "negative", "")[i % 3]
        f.write(f"row-{i},{text},{label}\n")
