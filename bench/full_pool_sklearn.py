#!/usr/bin/python3
"""scikit-learn's LogisticRegression with every pool label, on the pool/test splits FullPoolBenchmark wrote.

Features as in the issue's reference loop: TF-IDF word 1-2-grams for text, standardised numbers otherwise (image
pixels too), fitted on the pool. C by 3-fold stratified CV log-loss over the same grid as ours (10^-3 .. 10^3, nine
points), refitted on the whole pool. Writes <name>.json (accuracy, C, CPU seconds) and the features as svmlight
files (<name>.train.svm, <name>.test.svm) so that our solver can be run on exactly these rows.
Usage: full_pool_sklearn.py DATA_DIR SPLIT_DIR OUT_DIR [name ...]
"""
import csv, gzip, json, os, sys, time
import numpy as np
from sklearn.datasets import dump_svmlight_file
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

csv.field_size_limit(1 << 30)


def rows(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8', newline='') as f:
        reader = csv.reader(f)
        next(reader)
        return list(reader)


def load(path, text):
    ids, xs, ys = [], [], []
    for r in rows(path):
        ids.append(r[0])
        if text:
            xs.append(r[1]); ys.append(r[2])
        else:
            ys.append(r[1]); xs.append([float(v) for v in r[2:]])
    return ids, xs, ys


def main():
    data, splits, out = sys.argv[1:4]
    only = sys.argv[4:]
    os.makedirs(out, exist_ok=True)
    for folder in ('image', 'tabular', 'text'):
        for file in sorted(os.listdir(os.path.join(data, folder))):
            name = file.split('.csv')[0]
            split_file = os.path.join(splits, name + '.csv')
            if not os.path.exists(split_file) or (only and not any(name.startswith(o) for o in only)):
                continue
            part = {r[0]: r[1] for r in rows(split_file)}
            ids, xs, ys = load(os.path.join(data, folder, file), folder == 'text')
            pool = [i for i, id_ in enumerate(ids) if part.get(id_) == 'pool']
            test = [i for i, id_ in enumerate(ids) if part.get(id_) == 'test']
            classes = sorted(set(ys[i] for i in pool))
            y = np.array([classes.index(ys[i]) for i in pool])
            yt = np.array([classes.index(ys[i]) if ys[i] in classes else -1 for i in test])
            if folder == 'text':
                vec = TfidfVectorizer(ngram_range=(1, 2))
                X = vec.fit_transform([xs[i] for i in pool]); Xt = vec.transform([xs[i] for i in test])
            else:
                sc = StandardScaler()
                X = sc.fit_transform(np.array([xs[i] for i in pool])); Xt = sc.transform(np.array([xs[i] for i in test]))
            start = time.process_time()
            model = LogisticRegressionCV(Cs=np.logspace(-3, 3, 9), cv=StratifiedKFold(3, shuffle=True, random_state=42),
                                         scoring='neg_log_loss', max_iter=1000, n_jobs=1).fit(X, y)
            seconds = time.process_time() - start
            accuracy = float(np.mean(model.predict(Xt) == yt))
            result = {'accuracy': accuracy, 'C': float(model.C_[0]), 'cpuSeconds': seconds,
                      'features': int(X.shape[1])}
            print(name, result, flush=True)
            with open(os.path.join(out, name + '.json'), 'w') as f:
                json.dump(result, f)
            dump_svmlight_file(X, y, os.path.join(out, name + '.train.svm'))
            dump_svmlight_file(Xt, np.maximum(yt, 0), os.path.join(out, name + '.test.svm'))


if __name__ == '__main__':
    main()
