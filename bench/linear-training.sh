#!/usr/bin/env bash
# CPU time of one linear fit (fixed penalty) on the throughput workloads: SGD, L-BFGS from zero, L-BFGS from the
# model on 20 fewer labels, with training accuracy. Usage: bench/linear-training.sh [--runs 3] [--sizes 1000,10000]
# [--workloads TABULAR,TEXT,IMAGE] [--l2 1]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx4g -cp "$CP" io.labelloop.learning.bench.LinearTrainingTime --data "${DATA:-../shared/data}" "$@"
