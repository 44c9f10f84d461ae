#!/usr/bin/env bash
# Throughput benchmark (scoring items/s on 1 and 2 threads, training time on 1k and 10k labels).
# Usage: bench/throughput.sh [--seconds 5]   Writes docs/throughput.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx4g -XX:+UseParallelGC -XX:ParallelGCThreads=2 -cp "$CP" \
  io.labelloop.learning.bench.ThroughputBenchmark --data ../shared/data --out docs "$@"
