#!/usr/bin/env bash
# Stream throughput: C clients posting text items to POST /stream of a project with a model and a
# fixed auto-label threshold (each item is stored, encoded, scored and decided): items/s, p50/p99.
#   bench/stream-load.sh [clients=8] [items=4000]   (env: BENCH_DB, BENCH_PORT, JAR with SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-8}
ITEMS=${2:-4000}
source bench/lib.sh
CP=$(test_classpath)
python3 bench/gen_csv.py 5000 "$WORK/seed.csv" --labeled-every 5
start_app "${BENCH_DB:-labelloop_stream_bench}" "${BENCH_PORT:-18084}" 1g --labelloop.training.schedule-enabled=false
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" \
  -d '{"name":"stream","taskType":"TEXT","labels":["positive","negative"],"autoLabelThreshold":0.9,"holdoutFraction":0}' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
  --data-binary @"$WORK/seed.csv" > /dev/null
curl -sf -X POST "localhost:$PORT/api/v1/projects/$pid/training-runs?wait=true" "${H[@]}" > /dev/null
"$JAVA" -cp "$CP" io.labelloop.bench.StreamLoad \
  "http://localhost:$PORT" "$TOKEN" "$pid" "$CLIENTS" "$ITEMS"
$PSQL -d $DB -Atc "select decision, count(*) from labelloop.stream_decisions group by 1 order by 1"
