#!/usr/bin/env bash
# Cycle time and CPU-seconds against pool size at scale (issue 20): one or more builds in turn per size, JVM at
# -Xmx1g, each on a fresh database of its own. Per size and build:
# - a TABULAR project (10 features, LABELS items labeled at every size, so that only the pool grows) uploaded through
#   POST /items as users do; CYCLES forced cycles with the family pinned to LINEAR (the first also encodes every
#   item), then the project switched to AUTO (PATCH) and CYCLES more;
# - at the sizes in TEXT_SIZES a TEXT project (LABELS labeled), CYCLES cycles;
# - at the sizes in FLOOR_SIZES the COPY floor of docs/service-benchmarks.md (psql \copy of the project's vectors
#   out plus \copy of as many (item, score) rows into a fresh table).
# Prints per cycle: wall seconds, the JVM's CPU-seconds, the CPU-seconds of the database's PostgreSQL backends and
# their parallel workers (bench/pg_cpu.py), the items scored, the cycle's phases from the log and the family; per
# build and size: upload seconds, peak RSS (VmHWM), heap peak (largest occupancy before a GC, from -Xlog:gc).
#   nice -n 19 bench/cycle-scale.sh JAR[,JAR2...] [sizes=100000,1000000,5000000] [cycles=3]
# Env: LABELS (1000), TEXT_SIZES (1000000; "" for none), TEXT_BATCH (the TEXT project's batch size, 50), FLOOR_SIZES (1000000), FAMILIES
#   (LINEAR,AUTO), CSV_DIR (where the generated CSVs are kept between runs; default a temporary folder),
#   BENCH_PORT (18091), DB_PREFIX (scale_cyclescale).
set -euo pipefail
cd "$(dirname "$0")/.."
IFS=, read -r -a JARS <<< "$1"
SIZES=${2:-100000,1000000,5000000}
CYCLES=${3:-3}
TEXT_SIZES=${TEXT_SIZES-1000000}
FLOOR_SIZES=${FLOOR_SIZES-1000000}
FAMILIES=${FAMILIES:-LINEAR,AUTO}
LABELS=${LABELS:-1000}
SKIP_BUILD=1
source bench/lib.sh
CSV_DIR=${CSV_DIR:-$WORK}
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
TICK=$(getconf CLK_TCK)
jvm_cpu() { calc "$(awk '{print $14 + $15}' "/proc/$APP/stat") / $TICK"; }
csv() {  # kind rows: the CSV's path, LABELS of its rows labeled (generated once per CSV_DIR)
  local every=$(( $2 / LABELS > 0 ? $2 / LABELS : 1 ))
  local f="$CSV_DIR/$1-$2-$every.csv"
  [ -s "$f" ] || if [ "$1" = tab ]; then python3 bench/gen_csv.py "$2" "$f" --labeled-every "$every" --tabular 10
  else python3 bench/gen_csv.py "$2" "$f" --labeled-every "$every"; fi
  echo "$f"
}
upload() {  # settings-json csv: creates the project and uploads; sets pid and secs
  pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" -H 'Content-Type: application/json' -d "$1" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  local s e
  s=$(date +%s.%N)
  curl -sf "localhost:$PORT/api/v1/projects/$pid/items" "${H[@]}" -H 'Content-Type: text/csv' --data-binary @"$2" > /dev/null
  e=$(date +%s.%N)
  secs=$(calc "round($e - $s, 1)")
}
cycle() {  # build pool kind family c: one forced cycle, one line
  python3 bench/pg_cpu.py "$DB" 2> "$WORK/pg.ready" > "$WORK/pg.out" & local sampler=$!
  until [ -s "$WORK/pg.ready" ]; do sleep 0.05; done
  local j0 s e j1 resp
  j0=$(jvm_cpu); s=$(date +%s.%N)
  resp=$(curl -sf -X POST "localhost:$PORT/api/v1/projects/$pid/training-runs?wait=true" "${H[@]}")
  e=$(date +%s.%N); j1=$(jvm_cpu)
  kill -TERM $sampler; wait $sampler || true
  printf '%-10s %-8s %-5s %-7s %3s %8.2f %8.2f %7.2f %8s  %s\n' "$1" "$2" "$3" "$4" "$5" "$(calc "$e - $s")" \
    "$(calc "$j1 - $j0")" "$(cat "$WORK/pg.out")" \
    "$(echo "$resp" | python3 -c 'import sys,json; print(json.load(sys.stdin)["itemsScored"])')" \
    "$(grep -oE 'model v[0-9]+ on .*' "$WORK/app.log" | tail -1 | sed -E 's/.*phases \(ms\) //') $(grep -oE '"family":"[A-Z_]+"' <<< "$resp" | head -1)"
  rm -f "$WORK/pg.ready"
}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%H:%M) UTC"
printf '%-10s %-8s %-5s %-7s %3s %8s %8s %7s %8s  %s\n' build pool kind family c wall_s jvm_cpu pg_cpu scored phases_ms
for n in ${SIZES//,/ }; do
  for jar in "${JARS[@]}"; do
    build=$(basename "$jar" .jar)
    JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$WORK/gc.log" JAR=$jar START_TIMEOUT=300 \
      start_app "${DB_PREFIX:-scale_cyclescale}_$n" "${BENCH_PORT:-18091}" 1g --labelloop.upload.max-body-size=4GB \
      --labelloop.training.schedule-enabled=false --labelloop.embedding.schedule-enabled=false
    H=(-H "Authorization: Bearer $TOKEN")
    upload '{"name":"tab","taskType":"TABULAR","labels":["positive","negative"],"batchSize":50,"holdoutFraction":0,"modelFamily":"LINEAR"}' \
      "$(csv tab "$n")"
    echo "# $build $n TABULAR upload ${secs} s (load $(cut -d' ' -f1 /proc/loadavg))"
    for fam in ${FAMILIES//,/ }; do
      curl -sf -X PATCH "localhost:$PORT/api/v1/projects/$pid" "${H[@]}" -H 'Content-Type: application/json' \
        -d "{\"modelFamily\":\"$fam\"}" > /dev/null
      for c in $(seq 1 "$CYCLES"); do cycle "$build" "$n" tab "$fam" "$c"; done
    done
    [[ ",$FLOOR_SIZES," == *",$n,"* ]] && echo "# $build $n TABULAR COPY floor $(calc "round($(copy_floor "$pid" "$n"), 2)") s"
    if [[ ",$TEXT_SIZES," == *",$n,"* ]]; then
      upload '{"name":"text","taskType":"TEXT","labels":["positive","negative"],"batchSize":'"${TEXT_BATCH:-50}"',"holdoutFraction":0}' \
        "$(csv text "$n")"
      echo "# $build $n TEXT upload ${secs} s (load $(cut -d' ' -f1 /proc/loadavg))"
      for c in $(seq 1 "$CYCLES"); do cycle "$build" "$n" text AUTO "$c"; done
      [[ ",$FLOOR_SIZES," == *",$n,"* ]] && echo "# $build $n TEXT COPY floor $(calc "round($(copy_floor "$pid" "$n"), 2)") s"
    fi
    echo "# $build $n peak RSS $(awk '/VmHWM/ {printf "%d MB", $2/1024}' "/proc/$APP/status"), heap peak $(grep -oE '[0-9]+M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1) MB, $(grep -c 'Pause' "$WORK/gc.log") GC pauses; $(grep -c OutOfMemory "$WORK/app.log" || true) OutOfMemoryError"
    kill "$APP"; wait "$APP" 2>/dev/null || true
    $PSQL -d postgres -c "drop database if exists ${DB_PREFIX:-scale_cyclescale}_$n with (force)"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%H:%M) UTC"
