#!/usr/bin/env bash
# Full retrain-and-score cycle on a 1,000,000-item TEXT pool and a 100,000-item TABULAR pool with
# the JVM at -Xmx1g: seconds and heap peak per cycle (the first one also encodes every item once),
# against the floor measured in the same run: psql COPY of the stored item vectors out of their
# table plus COPY of the same number of (item, score) rows into a fresh one.
#   bench/cycle.sh [text_rows=1000000] [tabular_rows=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
TEXT_ROWS=${1:-1000000}
TAB_ROWS=${2:-100000}
source bench/lib.sh
SAMPLER=
trap 'kill $APP $SAMPLER 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 bench/gen_csv.py "$TEXT_ROWS" "$WORK/text.csv" --labeled-every 1000
python3 bench/gen_csv.py "$TAB_ROWS" "$WORK/tab.csv" --labeled-every 100 --tabular 50
start_app labelloop_cycle_bench "${BENCH_PORT:-18081}" 1g --labelloop.upload.max-body-size=2GB \
  --labelloop.training.schedule-enabled=false
H=(-H "Authorization: Bearer $TOKEN")

for kind in ${KINDS:-text tab}; do
  if [ $kind = text ]; then rows=$TEXT_ROWS; type=TEXT; else rows=$TAB_ROWS; type=TABULAR; fi
  pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$kind\",\"taskType\":\"$type\",\"labels\":[\"positive\",\"negative\"],\"batchSize\":50,\"holdoutFraction\":0}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  curl -sf "localhost:$PORT/api/v1/projects/$pid/items" "${H[@]}" -H 'Content-Type: text/csv' --data-binary @"$WORK/$kind.csv" > /dev/null
  echo "== $type pool: $rows items"
  run_cycle "$pid" "first cycle (encodes every item)"
  run_cycle "$pid" "second cycle (vectors stored)"
  run_cycle "$pid" "third cycle"
  f=$(copy_floor "$pid" "$rows")
  printf '%-34s %6.2f s\n' "floor (COPY out + COPY scores in)" "$f"
done
echo "phases of each cycle (ms):"
grep -oE 'model v[0-9]+ on .*' "$WORK/app.log" | sed -E 's/.*(model v[0-9]+).*phases \(ms\) /  \1 /'
grep -E 'OutOfMemory' "$WORK/app.log" && echo "OUT OF MEMORY" || echo "no OutOfMemoryError at -Xmx1g"
