#!/usr/bin/env bash
# Stream throughput: C clients posting text items to POST /stream of a project with a model and a
# fixed auto-label threshold (each item is stored, encoded, scored and decided): items/s, p50/p99.
#   bench/stream-load.sh [clients=8] [items=4000]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-8}
ITEMS=${2:-4000}
PORT=${BENCH_PORT:-18084}
DB=labelloop_stream_bench
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
TOKEN=bench-token
WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
JAVA=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)/bin/java
python3 bench/gen_csv.py 5000 "$WORK/seed.csv" --labeled-every 5
$PSQL -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LABELLOOP_ADMIN_TOKEN=$TOKEN \
  LABELLOOP_ADMIN_PASSWORD=bench-password SERVER_PORT=$PORT \
  "$JAVA" -Xmx1g -jar target/labelloop.jar --labelloop.training.schedule-enabled=false > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 90); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" \
  -d '{"name":"stream","taskType":"TEXT","labels":["positive","negative"],"autoLabelThreshold":0.9,"holdoutFraction":0}' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
  --data-binary @"$WORK/seed.csv" > /dev/null
curl -sf -X POST "localhost:$PORT/api/v1/projects/$pid/training-runs?wait=true" "${H[@]}" > /dev/null
"$JAVA" -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" io.labelloop.bench.StreamLoad \
  "http://localhost:$PORT" "$TOKEN" "$pid" "$CLIENTS" "$ITEMS"
$PSQL -d $DB -Atc "select decision, count(*) from labelloop.stream_decisions group by 1 order by 1"
