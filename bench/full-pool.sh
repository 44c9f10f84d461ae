#!/usr/bin/env bash
# Accuracy with every pool label: the linear model before L-BFGS, the model trained now, scikit-learn's
# LogisticRegression (C by 3-fold CV log-loss; /usr/bin/python3 with Debian's python3-sklearn) on its features
# (TF-IDF word 1-2-grams, standardised numbers), and our solver on exactly those features; same splits (test 25%,
# at most 2,000; pool at most --max-pool, default 10,000).
# Usage: [DATA=../shared/data] bench/full-pool.sh [--datasets a,b] [--max-pool 10000]   Writes target/full-pool/full-pool.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
OUT=target/full-pool
DATA="${DATA:-../shared/data}"
"$JAVA" -Xmx4g -cp "$CP" io.labelloop.learning.bench.FullPoolBenchmark --data "$DATA" --out "$OUT" --phase splits "$@"
datasets=()
for ((i = 1; i <= $#; i++)); do [[ "${!i}" == --datasets ]] && j=$((i + 1)) && IFS=, read -ra datasets <<< "${!j}"; done
/usr/bin/python3 bench/full_pool_sklearn.py "$DATA" "$OUT/splits" "$OUT/sklearn" "${datasets[@]}"
"$JAVA" -Xmx4g -cp "$CP" io.labelloop.learning.bench.FullPoolBenchmark --data "$DATA" --out "$OUT" --phase compare "$@"
