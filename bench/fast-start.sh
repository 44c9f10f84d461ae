#!/usr/bin/env bash
# Fast start (issue 20): the time from launch to ready, and the labels/s of 32 annotators in the first minute
# after it, for the same build run three ways: `java -jar labelloop.jar` (the image before), the jar extracted as
# Spring Boot lays it out for CDS/AOT (`-Djarmode=tools extract`), and the extracted jar with the JDK AOT cache
# (JEP 483/514/515) written by the training run deploy/Dockerfile does (deploy/aot-training.sh). Starts alternate
# between the ways, so that they share the machine's load; the database is migrated before (a new replica meets a
# migrated database), and each first-minute run labels a fresh project of its own (TEXT, ITEMS items, retrain
# every 500 labels, the scheduled job every 5 s, as bench/annotators.sh).
#   bench/fast-start.sh [load runs per way=3] [start-only runs per way=5]
# ITEMS=n (default 30,000), SECONDS_LOAD=n (default 60), JAVA=a JDK 25+ java.
# Reusing an earlier run's parts: AOT_DIR=dir (its extracted app and labelloop.aot, at the same absolute path:
# the cache names its class path), PROJECTS="ids" with TOKENS=file (seeded projects of labelloop_fast_start).
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_RUNS=${1:-3}
START_RUNS=${2:-5}
SECONDS_LOAD=${SECONDS_LOAD:-60}
JAVA25=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
source bench/lib.sh
JAVA=$JAVA25
CP=$(test_classpath)
PORT=${BENCH_PORT:-18093}
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
APPDIR=${AOT_DIR:-$WORK/app}
EXTRACTED="$APPDIR/labelloop.jar"
if [ -z "${AOT_DIR:-}" ]; then
"$JAVA" -Djarmode=tools -jar target/labelloop.jar extract --destination "$WORK/app" > /dev/null

echo "== training run of the AOT cache ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
$PSQL -d postgres -c "drop database if exists labelloop_fast_start_train with (force)" -c "create database labelloop_fast_start_train"
t0=$(date +%s)
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/labelloop_fast_start_train" JAVA=$JAVA TRAINING_JAVA_OPTS=-Xmx1g \
  deploy/aot-training.sh "$EXTRACTED" "$WORK/app/labelloop.aot"
echo "training run $(( $(date +%s) - t0 )) s, cache $(( $(stat -c %s "$WORK/app/labelloop.aot") / 1048576 )) MB"
fi

launch() {  # way: starts the service on the measurement database; READY_MS: ms from launch to ready
  local way=$1 t0 args
  case $way in
    jar) args=(-jar target/labelloop.jar) ;;
    extracted) args=(-jar "$EXTRACTED") ;;
    aot) args=(-XX:AOTCache="$APPDIR/labelloop.aot" -XX:AOTMode=on -jar "$EXTRACTED") ;;  # on: fail, never run without it
  esac
  t0=$(date +%s%N)
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/labelloop_fast_start" LABELLOOP_ADMIN_TOKEN=$TOKEN \
    LABELLOOP_ADMIN_PASSWORD=bench-password SERVER_PORT=$PORT LABELLOOP_TRAINING_INTERVAL=5s \
    "$JAVA" -Xmx1g "${args[@]}" > "$WORK/app.log" 2>&1 &
  APP=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 $APP 2>/dev/null || { tail -20 "$WORK/app.log" >&2; return 1; }
    sleep 0.05
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill $APP; wait $APP 2>/dev/null || true; APP=; }

# the measurement database: migrated, with a project per first-minute run and 32 annotators
if [ -n "${PROJECTS:-}" ]; then
  read -ra PROJECTS <<< "$PROJECTS"
  cp "$TOKENS" "$WORK/tokens"
else
$PSQL -d postgres -c "drop database if exists labelloop_fast_start with (force)" -c "create database labelloop_fast_start"
python3 bench/gen_csv.py "${ITEMS:-30000}" "$WORK/items.csv" --labeled-every 1000000
launch jar
: > "$WORK/tokens"
for i in $(seq 1 32); do
  curl -sf "localhost:$PORT/api/v1/users" "${H[@]}" -d "{\"username\":\"ann$i\",\"password\":\"password-$i\",\"role\":\"ANNOTATOR\"}" > /dev/null
  curl -sf "localhost:$PORT/api/v1/users/ann$i/tokens" "${H[@]}" -d '{"name":"bench"}' \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])' >> "$WORK/tokens"
done
PROJECTS=()
for r in $(seq 1 $((2 * LOAD_RUNS))); do
  pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" \
    -d "{\"name\":\"first-minute-$r\",\"taskType\":\"TEXT\",\"labels\":[\"positive\",\"negative\"],\"batchSize\":500,\"retrainEvery\":500}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/items.csv" > /dev/null
  for i in $(seq 1 32); do curl -sf "localhost:$PORT/api/v1/projects/$pid/members" "${H[@]}" -d "{\"username\":\"ann$i\"}" > /dev/null; done
  PROJECTS+=("$pid")
done
for pid in "${PROJECTS[@]}"; do
  for _ in $(seq 1 300); do
    curl -sf "localhost:$PORT/api/v1/projects/$pid/stats" -H "Authorization: Bearer $TOKEN" | grep -q '"queued":[1-9]' && break
    sleep 1
  done
done
stop
fi

echo "== first minute after a start ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
: > "$WORK/results"
k=0
for r in $(seq 1 "$LOAD_RUNS"); do
  ways=(jar aot); [ $((r % 2)) -eq 0 ] && ways=(aot jar)
  for way in "${ways[@]}"; do
    launch "$way"; ms=$READY_MS
    out=$("$JAVA" -Dbench.seconds="$SECONDS_LOAD" -cp "$CP" io.labelloop.bench.AnnotatorLoad \
      "http://localhost:$PORT" "${PROJECTS[$k]}" "$WORK/tokens" 1000000 0)
    k=$((k + 1))
    started=$(grep -oE 'Started LabelloopApplication in [0-9.]+' "$WORK/app.log" | grep -oE '[0-9.]+$')
    stop
    lps=$(echo "$out" | grep -oE '= [0-9]+ labels/s' | grep -oE '[0-9]+')
    windows=$(echo "$out" | sed -n 's/^labels\/s by 10-second window: //p')
    p99=$(echo "$out" | sed -n 's/^claim latency  p50 .* p99 \([0-9.]*\) ms/\1/p')
    echo "load $way ready_ms=$ms spring_s=$started labels_per_s=$lps claim_p99_ms=$p99 windows=[$windows] load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/results"
  done
done

echo "== start-up only ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
for r in $(seq 1 "$START_RUNS"); do
  for way in jar extracted aot; do
    launch "$way"; ms=$READY_MS
    started=$(grep -oE 'Started LabelloopApplication in [0-9.]+' "$WORK/app.log" | grep -oE '[0-9.]+$')
    stop
    echo "start $way ready_ms=$ms spring_s=$started load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/results"
  done
done

echo "== summary (median [min-max]; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$WORK/results" <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r'(\w+)=(\[[^\]]*\]|\S+)', line), kind=line.split()[0], way=line.split()[1]) for line in open(sys.argv[1])]
def fmt(vals, unit=''):
    return f"{statistics.median(vals):.1f}{unit} [{min(vals):.1f}-{max(vals):.1f}]" if vals else '-'
for way in ('jar', 'extracted', 'aot'):
    ready = [float(r['ready_ms']) / 1000 for r in rows if r['way'] == way]
    spring = [float(r['spring_s']) for r in rows if r['way'] == way and r.get('spring_s')]
    load = [r for r in rows if r['way'] == way and r['kind'] == 'load']
    line = f"{way:9} ready {fmt(ready, ' s')} (Spring's own figure {fmt(spring, ' s')}, {len(ready)} starts)"
    if load:
        lps = [float(r['labels_per_s']) for r in load]
        first = [float(r['windows'].strip('[]').split()[0]) for r in load]
        p99 = [float(r['claim_p99_ms']) for r in load]
        line += f"; first minute {fmt(lps, ' labels/s')}, first 10 s {fmt(first, ' labels/s')}, claim p99 {fmt(p99, ' ms')}"
    print(line)
PY
