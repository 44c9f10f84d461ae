#!/usr/bin/env bash
# The label-efficiency simulation through the HTTP API against the in-process one, same split and
# seeds, default strategy, budget 500, a retrain every 20 labels. Prints a Markdown table row per dataset.
#   bench/label-efficiency-http.sh [seeds=3] [datasets...]
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-3}
shift || true
DATASETS=${*:-../shared/data/tabular/satellite.csv ../shared/data/image/sklearn_digits_8x8.csv}
PORT=${BENCH_PORT:-18083}
DB=labelloop_http_efficiency
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
TOKEN=bench-token
WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
JAVA=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)/bin/java
$PSQL -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LABELLOOP_ADMIN_TOKEN=$TOKEN \
  LABELLOOP_ADMIN_PASSWORD=bench-password SERVER_PORT=$PORT \
  "$JAVA" -Xmx2g -jar target/labelloop.jar --labelloop.training.interval=1s > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 90); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
echo "| dataset | strategy | seeds | AUBC via HTTP | AUBC in-process | final accuracy HTTP | final accuracy in-process |"
echo "|---|---|---|---|---|---|---|"
for f in $DATASETS; do
  "$JAVA" -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" io.labelloop.learning.bench.HttpLabelEfficiency \
    "http://localhost:$PORT" "$TOKEN" "$f" "$SEEDS" 500 20
done
