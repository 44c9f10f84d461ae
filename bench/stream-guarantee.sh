#!/usr/bin/env bash
# Simulated streams with auto-labeling at a target accuracy over every dataset in ../shared/data.
#   bench/stream-guarantee.sh [runs per dataset=10] [target accuracy=0.95]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
exec "$JAVA" -Xmx4g -cp "$CP" io.labelloop.learning.bench.StreamGuaranteeBenchmark ../shared/data "${1:-10}" "${2:-0.95}"
