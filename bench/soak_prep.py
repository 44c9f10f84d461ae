#!/usr/bin/env python3
"""Splits shared datasets for the memory soak (bench/soak.sh): per dataset a labeled seed upload, an
unlabeled pool upload, the pool's true labels (for the simulated annotators) and the class list.
   soak_prep.py DATA_DIR OUT_DIR POOL_SIZE SEED_SIZE name..."""
import csv
import json
import os
import sys

csv.field_size_limit(1 << 30)
data, out, pool_size, seed_size, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
os.makedirs(out, exist_ok=True)
for name in names:
    path = os.path.join(data, name)
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    label_at = header.index('label')
    labels = sorted({r[label_at] for r in rows})
    # the seed takes the classes in turn, so that every project can train from its first cycle
    by_class = {c: [r for r in rows if r[label_at] == c] for c in labels}
    seed, taken = [], set()
    while len(seed) < seed_size and any(by_class.values()):
        for c in labels:
            if by_class[c] and len(seed) < seed_size:
                r = by_class[c].pop(0)
                seed.append(r)
                taken.add(r[0])
    pool = [r for r in rows if r[0] not in taken][:pool_size]
    base = os.path.join(out, os.path.basename(name).replace('.csv', ''))
    with open(base + '.seed.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(seed)
    with open(base + '.pool.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow([h for i, h in enumerate(header) if i != label_at])
        w.writerows([[v for i, v in enumerate(r) if i != label_at] for r in pool])
    with open(base + '.truth.tsv', 'w', encoding='utf-8') as f:
        f.writelines(f'{r[0]}\t{r[label_at]}\n' for r in pool)
    with open(base + '.labels.json', 'w', encoding='utf-8') as f:
        json.dump({'taskType': 'TEXT' if 'text' in header else 'TABULAR', 'labels': labels}, f)
    print(f'{name}: {len(seed)} seed rows, {len(pool)} pool rows, {len(labels)} classes')
