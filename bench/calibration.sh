#!/usr/bin/env bash
# Calibration check (ECE before/after temperature scaling, 200 labels per dataset). Writes docs/calibration.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx4g -XX:+UseParallelGC -XX:ParallelGCThreads=2 -cp "$CP" \
  io.labelloop.learning.bench.CalibrationBenchmark --data ../shared/data --out docs "$@"
