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
# BENCH_DB=name, BENCH_PORT=n: another database (created afresh; default labelloop_annotator_bench) and port
# (default 18082), for two benchmarks at once.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-32}
LABELS=${2:-6000}
source bench/lib.sh
CP=$(test_classpath)
python3 bench/gen_csv.py "${ITEMS:-200000}" "$WORK/items.csv" --labeled-every 1000000
start_app "${BENCH_DB:-labelloop_annotator_bench}" "${BENCH_PORT:-18082}" 1g --labelloop.training.interval=5s ${APP_ARGS:-}
annotator_project "$N" "$WORK/items.csv"
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
# claims served, and those that found the ranked queue short and queued fallback items (builds that count them)
curl -sf "localhost:$PORT/actuator/prometheus" | grep -E '^labelloop_claims_(seconds_count|fallback_total)' || true
grep -oE 'model v[0-9]+ on [0-9]+ labels.*' "$WORK/app.log" | tail -3
echo "cycles that trained a model: $(grep -cE 'model v[0-9]+ on' "$WORK/app.log"); failed cycles: $(grep -c 'failed; the previous model' "$WORK/app.log")"
grep -m3 -A3 'failed; the previous model' "$WORK/app.log" || true
