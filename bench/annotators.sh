#!/usr/bin/env bash
# 32 annotators claiming and labeling through HTTP against a TEXT project (200,000 items by default) while
# the scheduled retrain-and-score job runs as in production: claim and label latency p50/p99, labels/s.
#   bench/annotators.sh [annotators=32] [labels=6000]
# ITEMS=n: pool size (default 200,000).
# THINK_MS=n: each annotator reads an item for about n ms before labeling it (default 0: back to back).
# RETRAIN_EVERY=n retrains every n labels (default 500; a large n measures the request path alone).
# BUDGET=n gives the project a budget of n labels (default none), to measure the budgeted write path.
# APP_ARGS="--name=value ..." passes settings to the service.
# JAR=path runs another build of the service (to compare two builds under the same machine load).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-32}
LABELS=${2:-6000}
source bench/lib.sh
CP=$(test_classpath)
python3 bench/gen_csv.py "${ITEMS:-200000}" "$WORK/items.csv" --labeled-every 1000000
start_app labelloop_annotator_bench "${BENCH_PORT:-18082}" 1g --labelloop.training.interval=5s ${APP_ARGS:-}
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" \
  -d "{\"name\":\"load\",\"taskType\":\"TEXT\",\"labels\":[\"positive\",\"negative\"],\"batchSize\":500,\"retrainEvery\":${RETRAIN_EVERY:-500},\"budget\":${BUDGET:-null}}" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
  --data-binary @"$WORK/items.csv" > /dev/null
for i in $(seq 1 "$N"); do
  curl -sf "localhost:$PORT/api/v1/users" "${H[@]}" -d "{\"username\":\"ann$i\",\"password\":\"password-$i\",\"role\":\"ANNOTATOR\"}" > /dev/null
  curl -sf "localhost:$PORT/api/v1/projects/$pid/members" "${H[@]}" -d "{\"username\":\"ann$i\"}" > /dev/null
  curl -sf "localhost:$PORT/api/v1/users/ann$i/tokens" "${H[@]}" -d '{"name":"bench"}' \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])' >> "$WORK/tokens"
done
# let the job seed the queue (cold start) first: on a busy machine that takes longer than a fixed sleep
for _ in $(seq 1 180); do
  curl -sf "localhost:$PORT/api/v1/projects/$pid/stats" -H "Authorization: Bearer $TOKEN" | grep -q '"queued":[1-9]' && break
  sleep 1
done
# CPU seconds the app and the database backends spent, read around each round: on a shared machine
# they say what a label costs better than labels/s. ROUNDS=2 runs the load again on the warm JVM.
# JIT compilation time (jstat): the request path takes thousands of calls per method to be compiled
# fully, so the first rounds pay for compilation; a round with little of it is the steady state.
jit() { "$(dirname "$JAVA")/jstat" -compiler "$APP" | awk 'NR == 2 {print $4}'; }
cpu() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done; echo $t; }
for round in $(seq 1 "${ROUNDS:-1}"); do
  backends=$($PSQL -d postgres -Atc "select pid from pg_stat_activity where datname = '$DB'")
  app0=$(cpu $APP); db0=$(cpu $backends); jit0=$(jit)
  "$JAVA" -cp "$CP" io.labelloop.bench.AnnotatorLoad \
    "http://localhost:$PORT" "$pid" "$WORK/tokens" "$LABELS" "${THINK_MS:-0}"
  echo "round $round: cpu app $(calc "($(cpu $APP) - $app0) / 100") s (JIT compilation $(calc "round($(jit) - $jit0, 2)") s), database backends $(calc "($(cpu $backends) - $db0) / 100") s"
done
curl -sf "localhost:$PORT/api/v1/projects/$pid/stats" -H "Authorization: Bearer $TOKEN"; echo
grep -oE 'model v[0-9]+ on [0-9]+ labels.*' "$WORK/app.log" | tail -3
echo "cycles that trained a model: $(grep -cE 'model v[0-9]+ on' "$WORK/app.log"); failed cycles: $(grep -c 'failed; the previous model' "$WORK/app.log")"
grep -m3 -A3 'failed; the previous model' "$WORK/app.log" || true
