#!/usr/bin/env bash
# Synthesis benchmark: the default strategy with membership query synthesis off / on / as training copies, on the
# tabular and image datasets under ../shared/data (oracle simulation, see docs/synthesis.md).
# Usage: nice bench/synthesis.sh [--seeds 10] [--budget 500] [--step 20] [--threads 2] [--datasets a,b]
#        [--modes OFF,QUERY,AUGMENT] [--max-pool 4000] [--max-test 1000] [--report-only true]
# Writes docs/synthesis.md and docs/synthesis-raw/.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx4g -XX:+UseParallelGC -XX:ParallelGCThreads=2 -cp "$CP" \
  io.labelloop.learning.bench.SynthesisBenchmark --data ../shared/data --out docs "$@"
