#!/usr/bin/env bash
# Slow uploads against normal reads: C connections announce a 100 MB CSV upload and then send one
# short row a second each, while a prober GETs the project every 250 ms (10 s timeout) for S seconds.
# Prints the GETs' latencies and timeouts and how the trickling uploads were answered.
#   bench/slow-uploads.sh [connections=200] [seconds=30]     (JAR=... to run another build)
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-200}
SECONDS_=${2:-30}
source bench/lib.sh
CP=$(test_classpath)
start_app "${BENCH_DB:-labelloop_slow_bench}" "${BENCH_PORT:-18086}" 512m
pid=$(curl -sf "localhost:$PORT/api/v1/projects" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"slow","taskType":"TEXT","labels":["positive","negative"]}' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
"$JAVA" -cp "$CP" io.labelloop.bench.SlowUploads "http://localhost:$PORT" "$TOKEN" "$pid" "$CONNECTIONS" "$SECONDS_"
echo "ERROR lines in the service log: $(grep -cE ' ERROR ' "$WORK/app.log" || true)"
