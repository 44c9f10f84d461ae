#!/usr/bin/env bash
# Retrain-and-score cycle of a large TEXT pool on n-grams, then on n-grams + sentence embeddings (BOTH), in one run
# with the JVM at -Xmx1g: seconds and heap peak per cycle. Encoding 1,000,000 texts takes about an hour, so the
# embeddings here are stand-ins written by SQL (384 bytes from the item id's md5, scale 0.0007: about unit length) with the embedding
# worker off: what is measured is reading them with the pool (a join of item_embeddings) and scoring 384 more
# dense columns, not their quality.
#   bench/cycle-embeddings.sh [text_rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
source bench/lib.sh
SAMPLER=
trap 'kill $APP $SAMPLER 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 bench/gen_csv.py "$ROWS" "$WORK/text.csv" --labeled-every 1000
start_app labelloop_cycle_emb_bench "${BENCH_PORT:-18083}" 1g --labelloop.upload.max-body-size=2GB \
  --labelloop.training.schedule-enabled=false --labelloop.embedding.schedule-enabled=false
H=(-H "Authorization: Bearer $TOKEN")

pid=$(curl -sf "localhost:$PORT/api/v1/projects" "${H[@]}" -H 'Content-Type: application/json' \
  -d '{"name":"text","taskType":"TEXT","labels":["positive","negative"],"batchSize":50,"holdoutFraction":0,"textRepresentation":"NGRAMS"}' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
curl -sf "localhost:$PORT/api/v1/projects/$pid/items" "${H[@]}" -H 'Content-Type: text/csv' --data-binary @"$WORK/text.csv" > /dev/null
echo "== TEXT pool: $ROWS items"
run_cycle "$pid" "n-grams: first cycle (encodes)"
run_cycle "$pid" "n-grams: second cycle"
run_cycle "$pid" "n-grams: third cycle"
start=$(date +%s.%N)
$PSQL -d $DB -c "insert into labelloop.item_embeddings (item_id, project_id, vector, scale)
  select id, project_id, decode(repeat(md5(id::text), 24), 'hex'), 0.0007 from labelloop.items where project_id = $pid" \
  -c "delete from labelloop.embedding_ranges where project_id = $pid"
printf '%-34s %6.2f s\n' "stand-in embeddings written" "$(calc "$(date +%s.%N) - $start")"
curl -sf -X PATCH "localhost:$PORT/api/v1/projects/$pid" "${H[@]}" -H 'Content-Type: application/json' \
  -d '{"textRepresentation":"BOTH"}' > /dev/null
run_cycle "$pid" "BOTH: first cycle"
run_cycle "$pid" "BOTH: second cycle"
run_cycle "$pid" "BOTH: third cycle"
echo "phases of each cycle (ms):"
grep -oE 'model v[0-9]+ on .*' "$WORK/app.log" | sed -E 's/.*(model v[0-9]+).*phases \(ms\) /  \1 /'
grep -E 'OutOfMemory' "$WORK/app.log" && echo "OUT OF MEMORY" || echo "no OutOfMemoryError at -Xmx1g"
