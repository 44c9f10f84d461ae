# Sourced by the benchmark scripts that drive a running service: builds the jar, finds a JDK 21+,
# and starts the service against a fresh database; the app and the work folder go away on exit.
#   source bench/lib.sh; start_app DB PORT HEAP [--spring.arg=value ...]
# START_TIMEOUT=s: how long the service may take to become ready (default 90; longer on a busy machine).
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
TOKEN=bench-token
WORK=$(mktemp -d)
APP=
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
calc() { python3 -c "print($1)"; }
JAVA=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)/bin/java
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B package -DskipTests  # SKIP_BUILD=1: target/labelloop.jar is already built

# The test classes and their classpath, for the Java benchmark clients.
test_classpath() {
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
  echo "target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
}

start_app() {
  local db=$1 port=$2 heap=$3
  shift 3
  DB=$db
  PORT=$port
  if curl -s -o /dev/null "localhost:$PORT/"; then
    echo "port $PORT is in use, perhaps by another benchmark: set BENCH_PORT" >&2
    return 1
  fi
  $PSQL -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LABELLOOP_ADMIN_TOKEN=$TOKEN \
    LABELLOOP_ADMIN_PASSWORD=bench-password SERVER_PORT=$PORT \
    "$JAVA" "-Xmx$heap" ${JAVA_OPTS:-} -jar "${JAR:-target/labelloop.jar}" "$@" > "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 "${START_TIMEOUT:-90}"); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && return; sleep 1; done
  echo "the service did not start; see $WORK/app.log" >&2
  return 1
}

# The floor of a retrain-and-score cycle (cycle.sh, cycle-scale.sh): psql COPY of the project's stored vectors out
# plus COPY of as many (item, score) rows into a fresh table; prints the seconds.
copy_floor() {  # project rows
  python3 -c "
import random
r = random.Random(1)
with open('$WORK/scores.tsv', 'w') as f:
    for i in range($2): f.write(f'{i}\t{r.random()}\n')"
  local start end
  start=$(date +%s.%N)
  $PSQL -d "$DB" -c "\\copy (select item_id, encoded from labelloop.item_vectors where project_id = $1) to '/dev/null'"
  $PSQL -d "$DB" -c "create table scores_floor_$1 (item_id bigint, score float8)" \
        -c "\\copy scores_floor_$1 from '$WORK/scores.tsv'"
  end=$(date +%s.%N)
  calc "$end - $start"
}

# The retrain-and-score benchmarks (cycle.sh, cycle-embeddings.sh): heap peak and one timed cycle.
heap_sampler() {  # max heap used (MB) seen while it runs, written to $WORK/heap
  local max=0 v
  while true; do
    v=$(curl -sf "localhost:$PORT/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s+=$NF} END {printf "%d", s/1048576}')
    [ "${v:-0}" -gt "$max" ] && max=$v && echo "$max" > "$WORK/heap"
    sleep 0.2
  done
}

run_cycle() {  # project, label: prints seconds, heap peak, the model's timings
  echo 0 > "$WORK/heap"
  heap_sampler & SAMPLER=$!
  local start end resp
  start=$(date +%s.%N)
  resp=$(curl -sf -X POST "localhost:$PORT/api/v1/projects/$1/training-runs?wait=true" "${H[@]}")
  end=$(date +%s.%N)
  kill $SAMPLER; wait $SAMPLER 2>/dev/null || true
  printf '%-34s %6.2f s  heap peak %4s MB  (%s)\n' "$2" "$(calc "$end - $start")" "$(cat "$WORK/heap")" \
    "$(echo "$resp" | python3 -c 'import sys,json; d=json.load(sys.stdin); print("v%d%s, %d labels, train %d ms, score %d ms, %d scored" % (d["version"], (" " + d["textRepresentation"]) if d.get("textRepresentation") else "", d["labelCount"], d["trainMillis"], d["scoreMillis"], d["itemsScored"]))')"
}

# The annotator benchmarks' project (bench/annotators.sh, bench/split.sh): a TEXT project on the running service
# with the CSV's items, N annotators (tokens in $WORK/tokens), the queue seeded; sets pid and H.
# RETRAIN_EVERY (default 500), BUDGET (default none).
annotator_project() {
  local n=$1 csv=$2
  H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
  pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" \
    -d "{\"name\":\"load\",\"taskType\":\"TEXT\",\"labels\":[\"positive\",\"negative\"],\"batchSize\":500,\"retrainEvery\":${RETRAIN_EVERY:-500},\"budget\":${BUDGET:-null}}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$csv" > /dev/null
  : > "$WORK/tokens"
  for i in $(seq 1 "$n"); do
    curl -sf "localhost:$PORT/api/v1/users" "${H[@]}" -d "{\"username\":\"ann$i\",\"password\":\"password-$i\",\"role\":\"ANNOTATOR\"}" > /dev/null
    curl -sf "localhost:$PORT/api/v1/projects/$pid/members" "${H[@]}" -d "{\"username\":\"ann$i\"}" > /dev/null
    curl -sf "localhost:$PORT/api/v1/users/ann$i/tokens" "${H[@]}" -d '{"name":"bench"}' \
      | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])' >> "$WORK/tokens"
  done
  # let the job seed the queue (cold start) first: on a busy machine that takes longer than a fixed sleep
  for _ in $(seq 1 300); do
    curl -sf "localhost:$PORT/api/v1/projects/$pid/stats" -H "Authorization: Bearer $TOKEN" | grep -q '"queued":[1-9]' && break
    sleep 1
  done
}

# A project with the given settings (JSON) on the running service and the CSV's items; sets pid.
loaded_project() {
  pid=$(curl -sf "localhost:$PORT/api/v1/projects" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "$1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$2" > /dev/null
}
