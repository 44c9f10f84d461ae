#!/usr/bin/env bash
# CPU time of one model version as the service trains it (FamilyTrainer, a family pinned) on the throughput
# workloads at 10,000 labels: the first version and the next one (+20 labels, warm-started), per family.
# Usage: bench/training-time.sh [--runs 3] [--sizes 10000] [--workloads TABULAR,TEXT,IMAGE] [--families LINEAR,KERNEL,TREES]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx4g -cp "$CP" io.labelloop.learning.bench.FamilyTrainingTime --data "${DATA:-../shared/data}" "$@"
