#!/usr/bin/env bash
# Upload rows/s of an N-row CSV through POST /items (JVM at -Xmx512m) against psql \copy of the
# same file into a table with a unique key on (project, externalId). Runs alternate, R rounds;
# prints each run, the medians and the ratio.
#   bench/upload-vs-copy.sh [rows=1000000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
ROUNDS=${2:-3}
source bench/lib.sh
python3 bench/gen_csv.py "$ROWS" "$WORK/items.csv"
echo "file: $ROWS rows, $(du -h "$WORK/items.csv" | cut -f1)"
start_app "${BENCH_DB:-labelloop_bench}" "${BENCH_PORT:-18080}" 512m --labelloop.upload.max-body-size=2GB
$PSQL -d $DB -c "create table copy_target (id bigserial primary key, project_id bigint not null default 1,
  external_id varchar(512) not null, text text, label text, unique (project_id, external_id))"

new_project() {
  curl -sf "localhost:$PORT/api/v1/projects" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-$1\",\"taskType\":\"TEXT\",\"labels\":[\"positive\",\"negative\"]}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])'
}
# warm-up (not timed): JIT-compile the upload path
head -n 100001 "$WORK/items.csv" > "$WORK/warmup.csv"
curl -sf "localhost:$PORT/api/v1/projects/$(new_project warmup)/items" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: text/csv' --data-binary @"$WORK/warmup.csv" > /dev/null

api=()
copy=()
for r in $(seq 1 "$ROUNDS"); do
  # both targets start empty in every round, so index sizes match
  $PSQL -d $DB -c "truncate labelloop.items cascade" -c "checkpoint"
  pid=$(new_project "$r")
  start=$(date +%s.%N)
  resp=$(curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: text/csv' --data-binary @"$WORK/items.csv")
  end=$(date +%s.%N)
  t_api=$(calc "$end - $start")
  created=$(echo "$resp" | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["received"], d["created"], d["rejectedCount"])')

  $PSQL -d $DB -c "truncate copy_target" -c "checkpoint"
  start=$(date +%s.%N)
  $PSQL -d $DB -c "\\copy copy_target (external_id, text, label) from '$WORK/items.csv' with (format csv, header true)"
  end=$(date +%s.%N)
  t_copy=$(calc "$end - $start")
  printf 'round %d: API %.2f s (received/created/rejected %s)  COPY %.2f s\n' "$r" "$t_api" "$created" "$t_copy"
  api+=("$t_api")
  copy+=("$t_copy")
done
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ma=$(med "${api[@]}")
mc=$(med "${copy[@]}")
printf 'median API upload: %.2f s = %.0f rows/s\n' "$ma" "$(calc "$ROWS / $ma")"
printf 'median psql \\copy: %.2f s = %.0f rows/s\n' "$mc" "$(calc "$ROWS / $mc")"
printf 'ratio API/COPY throughput: %.2f\n' "$(calc "$mc / $ma")"
# the idempotent path: the same file again into the last project (every row a duplicate)
start=$(date +%s.%N)
resp=$(curl -sf "localhost:$PORT/api/v1/projects/$pid/items" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: text/csv' --data-binary @"$WORK/items.csv")
end=$(date +%s.%N)
printf 're-upload of the same file (all duplicates): %.2f s, %s\n' "$(calc "$end - $start")" "$(echo "$resp" | head -c 120)"
grep -o "Upload to project.*" "$WORK/app.log"
grep -E 'OutOfMemory' "$WORK/app.log" && echo "OUT OF MEMORY" || echo "no OutOfMemoryError at -Xmx512m"
