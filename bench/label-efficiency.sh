#!/usr/bin/env bash
# Label-efficiency benchmark: oracle simulation on every dataset under ../shared/data.
# Usage: bench/label-efficiency.sh [--family AUTO|LINEAR|KERNEL|NONE] [--out docs] [--seeds 10] [--first-seed 42] [--budget 500] [--step 20] [--threads 2] [--datasets a,b] [--methods M1,M2]
# Writes docs/label-efficiency.md, docs/label-efficiency.svg, docs/label-efficiency-curves.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx6g -XX:+UseParallelGC -XX:ParallelGCThreads=2 -cp "$CP" \
  io.labelloop.learning.bench.LabelEfficiencyBenchmark --data ../shared/data --out docs "$@"
