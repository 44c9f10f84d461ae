#!/usr/bin/env bash
# Two builds side by side in one sitting: bench/annotators.sh on OLD.jar, then NEW.jar, PAIRS times in turn,
# each on a fresh database, with the load average before and after each run. Not niced: latency is what it measures.
#   bench/annotators-ab.sh OLD.jar NEW.jar [pairs=2] [annotators=32] [labels=6000]
# Settings as for bench/annotators.sh (ITEMS, THINK_MS, RETRAIN_EVERY, ROUNDS, BUDGET, APP_ARGS, JAVA_OPTS;
# BENCH_DB and BENCH_PORT for a database and port of one's own; JAVA_OPTS_OLD, JAVA_OPTS_NEW for JVM options of
# one side, e.g. the same jar twice with JAVA_OPTS_NEW=-XX:+UseZGC). The issue-20 run:
#   THINK_MS=100 RETRAIN_EVERY=500 ITEMS=200000 ROUNDS=3 APP_ARGS=--labelloop.embedding.schedule-enabled=false \
#     bench/annotators-ab.sh /tmp/old.jar target/labelloop.jar 2
# Logs: target/annotators-ab/<pair>-<old|new>.log; a summary (labels/s, claim and label p50/p99 per round) at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1 NEW=$2 PAIRS=${3:-2} N=${4:-32} LABELS=${5:-6000}
OUT=target/annotators-ab
mkdir -p "$OUT"
for pair in $(seq 1 "$PAIRS"); do
  for build in old new; do
    jar=$OLD opts=${JAVA_OPTS_OLD-${JAVA_OPTS:-}}
    [ "$build" = new ] && jar=$NEW opts=${JAVA_OPTS_NEW-${JAVA_OPTS:-}}
    log="$OUT/$pair-$build.log"
    { echo "build $build ($jar${opts:+, $opts}), pair $pair, before: $(uptime)"
      JAVA_OPTS="$opts" SKIP_BUILD=1 JAR="$jar" BENCH_DB=${BENCH_DB:-labelloop_annotators_ab} BENCH_PORT=${BENCH_PORT:-18097} bench/annotators.sh "$N" "$LABELS" 2>&1 || echo "run failed"
      echo "after: $(uptime)"; } > "$log"
  done
done
for log in "$OUT"/*.log; do
  echo "== $log"
  grep -E '^build|labels/s$|labels/s,|^annotators:|claim latency|label latency|^labels by queue reason|^round|^after|cycles that trained|^labelloop_claims' "$log" | grep -v 'by 10-second'
done
