#!/usr/bin/env bash
# Retrain-and-score cycle time and CPU-seconds against pool size, two builds side by side in one run: a TABULAR
# pool (10 features, one item in 100 labeled) per size, uploaded to each build's own database, then CYCLES forced
# cycles each (the first also encodes every item). Prints wall seconds, the JVM's CPU-seconds and the CPU-seconds
# of the build's PostgreSQL backends per cycle, and the items scored.
#   bench/cycle-pool.sh OLD.jar NEW.jar [sizes=100000,1000000] [cycles=3]
# Build the old jar from a commit with e.g. `git archive main | tar -x -C DIR && (cd DIR && ./mvnw -q package -DskipTests)`.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1
NEW=$2
SIZES=${3:-100000,1000000}
CYCLES=${4:-3}
source bench/lib.sh
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
TICK=$(getconf CLK_TCK)
cpu_of() {  # CPU-seconds of the given pids
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  calc "$t / $TICK"
}
backends() { $PSQL -d postgres -At -c "select pid from pg_stat_activity where datname = '$DB'"; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-9s %5s %8s %8s %8s %9s\n' build pool cycle wall_s jvm_cpu pg_cpu scored
for n in ${SIZES//,/ }; do
  python3 bench/gen_csv.py "$n" "$WORK/tab.csv" --labeled-every 100 --tabular 10
  for build in old new; do
    jar=$OLD; [ $build = new ] && jar=$NEW
    JAR=$jar start_app "labelloop_cyclepool_$build" "${BENCH_PORT:-18083}" 1g --labelloop.upload.max-body-size=2GB \
      --labelloop.training.schedule-enabled=false --labelloop.embedding.schedule-enabled=false
    H=(-H "Authorization: Bearer $TOKEN")
    loaded_project '{"name":"pool","taskType":"TABULAR","labels":["positive","negative"],"batchSize":50,"holdoutFraction":0,"modelFamily":"LINEAR"}' \
      "$WORK/tab.csv"
    for c in $(seq 1 "$CYCLES"); do
      mapfile -t pg < <(backends)
      j0=$(cpu_of "$APP"); p0=$(cpu_of "${pg[@]}"); s=$(date +%s.%N)
      resp=$(curl -sf -X POST "localhost:$PORT/api/v1/projects/$pid/training-runs?wait=true" "${H[@]}")
      e=$(date +%s.%N); j1=$(cpu_of "$APP"); p1=$(cpu_of "${pg[@]}")
      printf '%-8s %-9s %5s %8.2f %8.2f %8.2f %9s\n' $build "$n" "$c" "$(calc "$e - $s")" "$(calc "$j1 - $j0")" \
        "$(calc "$p1 - $p0")" "$(echo "$resp" | python3 -c 'import sys,json; print(json.load(sys.stdin)["itemsScored"])')"
    done
    kill "$APP"; wait "$APP" 2>/dev/null || true
    $PSQL -d postgres -c "drop database if exists labelloop_cyclepool_$build with (force)"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
