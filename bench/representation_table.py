# Table of bench/text-representations.sh: mean AUBC per dataset and text representation (UNCERTAINTY_DIVERSITY),
# AUTO minus n-grams per seed, accuracy at the budget. Usage: representation_table.py [DIR=target/repr]
import sys, os, glob
base = sys.argv[1] if len(sys.argv) > 1 else 'target/repr'
reps = ['NGRAMS', 'EMBEDDINGS', 'BOTH', 'AUTO']
sets = sorted({os.path.basename(f)[:-4] for f in glob.glob(base + '/*/label-efficiency-raw/*.csv')})
english = []  # (AUTO - n-grams, embeddings - n-grams, both - n-grams) of the English sets
print('| dataset | classes | n-grams | embeddings | both | AUTO | AUTO - n-grams (per seed) | accuracy at 500: n-grams / embeddings / both / AUTO |')
print('|---|---|---|---|---|---|---|---|')
for s in sets:
    row = {}
    last = {}
    classes = ''
    for r in reps:
        f = f'{base}/{r}/label-efficiency-raw/{s}.csv'
        if not os.path.exists(f):
            continue
        per = {}
        for line in open(f):
            p = line.strip().split(',')
            if p[0] == 'meta':
                classes = p[6]
            if p[0] == 'curve':
                v = [float(x) for x in p[3:]]
                per[int(p[2])] = (sum(v) / len(v), v[-1])
        row[r] = per
    def mean(r, k=0):
        if r not in row or not row[r]:
            return None
        return sum(x[k] for x in row[r].values()) / len(row[r])
    def f(x):
        return '–' if x is None else '%.3f' % x
    diff = ''
    if 'AUTO' in row and 'NGRAMS' in row:
        seeds = sorted(set(row['AUTO']) & set(row['NGRAMS']))
        d = [row['AUTO'][k][0] - row['NGRAMS'][k][0] for k in seeds]
        if d:
            diff = '%+.3f (%+.3f .. %+.3f)' % (sum(d) / len(d), min(d), max(d))
    if s != 'ui_message_language' and all(mean(r) is not None for r in reps):
        english.append(tuple(mean(r) - mean('NGRAMS') for r in ['AUTO', 'EMBEDDINGS', 'BOTH']))
    print(f"| {s} | {classes} | {f(mean('NGRAMS'))} | {f(mean('EMBEDDINGS'))} | {f(mean('BOTH'))} | {f(mean('AUTO'))} | {diff} | "
          + ' / '.join(f(mean(r, 1)) for r in reps[:3] + ['AUTO']) + ' |')
if english:
    m = [sum(e[i] for e in english) / len(english) for i in range(3)]
    print(f"\nEnglish sets ({len(english)}): mean AUBC gain over n-grams: AUTO {m[0]:+.3f}, embeddings {m[1]:+.3f}, "
          f"both {m[2]:+.3f}")
