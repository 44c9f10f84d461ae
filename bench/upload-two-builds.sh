#!/usr/bin/env bash
# Bulk upload speed of two builds side by side: the same N-row CSV through POST /items of jar A and
# jar B (both at -Xmx512m, training off, against one database) and psql \copy into a table with a
# unique key, the order rotating each round; prints each round, the medians and the API/COPY ratios.
#   bench/upload-two-builds.sh A.jar B.jar [rows=1000000] [rounds=5]
# (a jar of another commit: git worktree add /tmp/x <commit> && (cd /tmp/x && ./mvnw -q package -DskipTests))
set -euo pipefail
JAR_A=$(realpath "$1"); JAR_B=$(realpath "$2"); ROWS=${3:-1000000}; ROUNDS=${4:-5}
cd "$(dirname "$0")/.."
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
JAVA=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)/bin/java
WORK=$(mktemp -d); DB=${BENCH_DB:-labelloop_two_builds}; PA=${BENCH_PORT:-18087}; PB=$((PA + 1))
A=; B=
trap 'kill $A $B 2>/dev/null || true; rm -rf "$WORK"' EXIT
# other test runs may share the server: wait out "too many clients"
pq() { for _ in $(seq 1 40); do $PSQL "$@" 2>"$WORK/pq.err" && return 0
  grep -q "too many clients" "$WORK/pq.err" || { cat "$WORK/pq.err" >&2; return 1; }; sleep 3; done; return 1; }
python3 bench/gen_csv.py "$ROWS" "$WORK/items.csv"
pq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
start() {
  if curl -s -o /dev/null "localhost:$2/"; then echo "port $2 is in use: set BENCH_PORT" >&2; exit 1; fi
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LABELLOOP_ADMIN_TOKEN=bench-token LABELLOOP_ADMIN_PASSWORD=x \
    SERVER_PORT=$2 LABELLOOP_DB_POOL_SIZE=5 "$JAVA" -Xmx512m -jar "$1" --labelloop.upload.max-body-size=2GB \
    --labelloop.training.schedule-enabled=false > "$WORK/app-$2.log" 2>&1 &
  for _ in $(seq 1 120); do curl -sf "localhost:$2/actuator/health/readiness" >/dev/null && return; sleep 1; done
  echo "the service did not start; see $WORK/app-$2.log" >&2; exit 1
}
start "$JAR_A" "$PA"; A=$!
start "$JAR_B" "$PB"; B=$!
pq -d $DB -c "create table copy_target (id bigserial primary key, project_id bigint not null default 1,
  external_id varchar(512) not null, text text, label text, unique (project_id, external_id))"
upload() { # port, name, file -> seconds
  local p s e
  p=$(curl -sf "localhost:$1/api/v1/projects" -H "Authorization: Bearer bench-token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"p-$1-$2\",\"taskType\":\"TEXT\",\"labels\":[\"positive\",\"negative\"]}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  s=$(date +%s.%N)
  curl -sf "localhost:$1/api/v1/projects/$p/items" -H "Authorization: Bearer bench-token" -H 'Content-Type: text/csv' \
    --data-binary @"$3" > "$WORK/resp"
  e=$(date +%s.%N)
  grep -q '"rejectedCount":0' "$WORK/resp" || { echo "unexpected answer: $(head -c 200 "$WORK/resp")" >&2; exit 1; }
  python3 -c "print($e - $s)"
}
copy_in() {
  local s e
  pq -d $DB -c "truncate copy_target" -c "checkpoint"
  s=$(date +%s.%N)
  pq -d $DB -c "\\copy copy_target (external_id, text, label) from '$WORK/items.csv' with (format csv, header true)"
  e=$(date +%s.%N)
  python3 -c "print($e - $s)"
}
head -n 100001 "$WORK/items.csv" > "$WORK/warmup.csv" # JIT warm-up, not timed
upload "$PA" warmup "$WORK/warmup.csv" > /dev/null
upload "$PB" warmup "$WORK/warmup.csv" > /dev/null
for r in $(seq 1 "$ROUNDS"); do
  case $((r % 3)) in 0) order=(a b copy);; 1) order=(b copy a);; 2) order=(copy a b);; esac
  declare -A t=()
  for what in "${order[@]}"; do
    pq -d $DB -c "truncate labelloop.items cascade" -c "checkpoint"
    case $what in a) t[a]=$(upload "$PA" "$r" "$WORK/items.csv");; b) t[b]=$(upload "$PB" "$r" "$WORK/items.csv");;
      copy) t[copy]=$(copy_in);; esac
  done
  printf 'round %d: A %.2f s  B %.2f s  COPY %.2f s  (order %s)\n' "$r" "${t[a]}" "${t[b]}" "${t[copy]}" "${order[*]}"
  echo "${t[a]} ${t[b]} ${t[copy]}" >> "$WORK/times"
done
python3 - "$WORK/times" "$ROWS" <<'PY'
import sys, statistics as st
rounds = [list(map(float, l.split())) for l in open(sys.argv[1])]
n = int(sys.argv[2])
a, b, c = (st.median(x) for x in zip(*rounds))
print(f"median A {a:.2f} s ({n / a:,.0f} rows/s), B {b:.2f} s ({n / b:,.0f} rows/s), COPY {c:.2f} s ({n / c:,.0f} rows/s)")
print(f"ratio API/COPY: A {c / a:.2f}, B {c / b:.2f}; B/A time per round: " + ", ".join(f"{r[1] / r[0]:.2f}" for r in rounds))
PY
grep -ho "Upload to project.*" "$WORK"/app-*.log || true
grep -l OutOfMemory "$WORK"/app-*.log && echo "OUT OF MEMORY" || echo "no OutOfMemoryError at -Xmx512m"
