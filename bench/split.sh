#!/usr/bin/env bash
# The worker tier on two cores (issue 20): 32 annotators over HTTP on a TEXT project (ITEMS items, a retrain due
# every 500 labels, the scheduled job every 5 s) against
#   one:   one instance (LABELLOOP_ROLE=all) on both cores (taskset -c 0,1), as today;
#   split: an API instance (LABELLOOP_ROLE=api) pinned to core 0 and a worker (LABELLOOP_ROLE=worker) pinned to
#          core 1, on the same database.
# PostgreSQL and the load generator are not pinned (they run where the machine puts them), as on a real machine.
# Per way: a warm-up round back to back, a round back to back, a round at a reading pace (THINK_MS, default 100);
# labels/s, claim p99 and each process's CPU seconds. The embedding job is off in both ways (the comparison is
# about the cycles; a TEXT pool would otherwise keep a core embedding for many minutes).
#   bench/split.sh [annotators=32] [labels per round=6000]
# ITEMS=n (default 200,000), WAYS="one split" (the order), JAVA=a JDK 21+ java.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-32}
LABELS=${2:-6000}
source bench/lib.sh
JAVA=${JAVA_BIN:-$JAVA}
CP=$(test_classpath)
WORKER=
trap 'kill $APP $WORKER 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 bench/gen_csv.py "${ITEMS:-200000}" "$WORK/items.csv" --labeled-every 1000000
BASE=${BENCH_PORT:-18094}
DB=labelloop_split_bench
cpu() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done; echo $t; }

instance() {  # cores role port log: starts one instance, echoes its pid via INSTANCE
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LABELLOOP_ADMIN_TOKEN=$TOKEN \
    LABELLOOP_ADMIN_PASSWORD=bench-password SERVER_PORT=$3 LABELLOOP_ROLE=$2 LABELLOOP_TRAINING_INTERVAL=5s \
    LABELLOOP_EMBEDDING_SCHEDULEENABLED=false \
    taskset -c "$1" "$JAVA" -Xmx1g ${JAVA_OPTS:-} -jar target/labelloop.jar > "$4" 2>&1 &
  INSTANCE=$!
  for _ in $(seq 1 "${START_TIMEOUT:-180}"); do curl -sf "localhost:$3/actuator/health/readiness" > /dev/null && return; sleep 1; done
  echo "an instance did not start; see $4" >&2; tail -20 "$4" >&2
  return 1
}

for way in ${WAYS:-one split}; do
  $PSQL -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
  PORT=$BASE
  if [ "$way" = one ]; then
    instance 0,1 all "$PORT" "$WORK/app.log"; APP=$INSTANCE; WORKER=
  else
    instance 0 api "$PORT" "$WORK/app.log"; APP=$INSTANCE
    instance 1 worker $((BASE + 1)) "$WORK/worker.log"; WORKER=$INSTANCE
  fi
  annotator_project "$N" "$WORK/items.csv"
  echo "== $way ($(date -u +%H:%M) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)): taskset $(taskset -pc $APP | awk '{print $NF}')${WORKER:+ / worker $(taskset -pc $WORKER | awk '{print $NF}')}"
  for round in warm-up back-to-back reading-pace; do
    think=0; [ $round = reading-pace ] && think=${THINK_MS:-100}
    backends=$($PSQL -d postgres -Atc "select pid from pg_stat_activity where datname = '$DB'")
    app0=$(cpu $APP); w0=$(cpu $WORKER); db0=$(cpu $backends)
    out=$("$JAVA" -cp "$CP" io.labelloop.bench.AnnotatorLoad "http://localhost:$PORT" "$pid" "$WORK/tokens" "$LABELS" "$think")
    echo "$way $round: $(echo "$out" | grep -oE '[0-9]+ labels/s'), $(echo "$out" | grep 'claim latency' | sed 's/  */ /g'); cpu ${WORKER:+api }$(calc "($(cpu $APP) - $app0) / 100") s${WORKER:+, worker $(calc "($(cpu $WORKER) - $w0) / 100") s}, database $(calc "($(cpu $backends) - $db0) / 100") s; load $(cut -d' ' -f1 /proc/loadavg)"
  done
  logs="$WORK/app.log"; [ -n "$WORKER" ] && logs="$WORK/worker.log"
  echo "$way: cycles that trained a model: $(cat $logs | grep -cE 'model v[0-9]+ on'); failed cycles: $(cat $logs | grep -c 'failed; the previous model')"
  kill $APP $WORKER 2>/dev/null || true; wait $APP $WORKER 2>/dev/null || true; APP=; WORKER=
done
