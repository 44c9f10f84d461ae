#!/usr/bin/python3
"""Label efficiency of text representations with scikit-learn on the same random splits: TF-IDF n-grams
(the service's kind of features), all-MiniLM-L6-v2 sentence embeddings (written by EmbedCsv), both side by
side, and AUTO = the one with the lowest 3-fold CV log-loss on the labels so far (from 30 labels; n-grams
before), as issue 16's textRepresentation AUTO would choose. Labels are drawn at random (no query strategy):
this isolates the representation. AUBC = mean test accuracy at the budgets 20, 50, 100, 150, 200, 300, 400, 500.

Usage: bench/text_representations.py DATA_DIR EMB_DIR [SEEDS] [NAME,...] (DATA_DIR/NAME.csv, EMB_DIR/NAME.f32)
"""
import sys, time
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.metrics import log_loss
from sklearn.pipeline import FeatureUnion
import csv
from collections import Counter

csv.field_size_limit(1 << 30)

DATASETS = ["trump_tweets_device", "austen_novel", "fortunes_category", "spamassassin_spam", "ui_message_language"]
BUDGETS = [20, 50, 100, 150, 200, 300, 400, 500]
MAX_POOL, MAX_TEST = 4000, 1000


def features(texts_fit, texts, emb, rep, vec):
    if rep == "NGRAMS":
        return vec.transform(texts)
    if rep == "EMBEDDINGS":
        return sparse.csr_matrix(emb)
    return sparse.hstack([vec.transform(texts), sparse.csr_matrix(emb)]).tocsr()


def model():
    return LogisticRegression(C=10.0, max_iter=2000)


def cv_logloss(X, y):
    counts = np.unique(y, return_counts=True)[1]
    k = min(3, counts.min())
    if k < 2:
        return np.inf
    p = cross_val_predict(model(), X, y, cv=StratifiedKFold(k, shuffle=True, random_state=0), method="predict_proba")
    return log_loss(y, p, labels=np.unique(y))


def run(name, data_dir, emb_dir, seeds):
    emb = np.fromfile(f"{emb_dir}/{name}.f32", dtype="<f4").reshape(-1, 384)
    with open(f"{data_dir}/{name}.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[: len(emb)]
    texts = np.array([r["text"] or "" for r in rows], dtype=object)
    labels = np.array([r["label"] for r in rows])
    aubc = {r: [] for r in ["NGRAMS", "EMBEDDINGS", "BOTH", "AUTO"]}
    full = {r: [] for r in ["NGRAMS", "EMBEDDINGS", "BOTH"]}
    chosen = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(texts))
        test, pool = order[:MAX_TEST], order[MAX_TEST:MAX_TEST + MAX_POOL]
        vec = FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
                            ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2))])
        vec.fit(texts[pool])
        X = {r: features(None, texts[pool], emb[pool], r, vec) for r in full}
        Xt = {r: features(None, texts[test], emb[test], r, vec) for r in full}
        curves = {r: [] for r in aubc}
        for b in BUDGETS:
            idx = np.arange(min(b, len(pool)))
            y = labels[pool][idx]
            if len(np.unique(y)) < 2:
                for r in aubc:
                    curves[r].append(np.mean(labels[test] == Counter(y).most_common(1)[0][0]))
                continue
            acc = {}
            for r in full:
                m = model().fit(X[r][idx], y)
                acc[r] = np.mean(m.predict(Xt[r]) == labels[test])
                curves[r].append(acc[r])
            if b >= 30:
                losses = {r: cv_logloss(X[r][idx], y) for r in full}
                pick = min(losses, key=losses.get)
            else:
                pick = "NGRAMS"
            curves["AUTO"].append(acc[pick])
            if b == BUDGETS[-1]:
                chosen.append(pick)
        for r in aubc:
            aubc[r].append(np.mean(curves[r]))
        for r in full:
            m = model().fit(X[r], labels[pool])
            full[r].append(np.mean(m.predict(Xt[r]) == labels[test]))
    return aubc, full, chosen


def main():
    data_dir, emb_dir = sys.argv[1], sys.argv[2]
    seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    names = sys.argv[4].split(",") if len(sys.argv) > 4 else DATASETS
    print(f"| dataset | AUBC n-grams | AUBC embeddings | AUBC both | AUBC AUTO | AUTO at 500 labels | "
          f"all {MAX_POOL} pool labels: n-grams / embeddings / both |")
    print("|---|---|---|---|---|---|---|")
    for name in names:
        t = time.time()
        try:
            aubc, full, chosen = run(name, data_dir, emb_dir, seeds)
        except FileNotFoundError as e:
            print(f"| {name} | not embedded ({e.filename}) |")
            continue
        f = lambda xs: f"{np.mean(xs):.3f}"
        print(f"| {name} | {f(aubc['NGRAMS'])} | {f(aubc['EMBEDDINGS'])} | {f(aubc['BOTH'])} | {f(aubc['AUTO'])} | "
              f"{', '.join(chosen)} | {f(full['NGRAMS'])} / {f(full['EMBEDDINGS'])} / {f(full['BOTH'])} |", flush=True)
        print(f"<!-- {name}: {seeds} seeds in {time.time() - t:.0f} s -->", file=sys.stderr)


if __name__ == "__main__":
    main()
