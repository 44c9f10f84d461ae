#!/usr/bin/env bash
# Embedding throughput with and without annotator load, and the annotators' latency with and without the
# embedding job, with one jar in one sitting (issue 16). Two fresh services on fresh databases, not niced:
#   1. embedding job on: a TEXT project of EMBED_ITEMS real tweets is uploaded first (the job takes the oldest
#      range, so it works on this project alone while it lasts), then bench/annotators.sh's project (ITEMS
#      generated texts, 32 annotators).
#      (a) SECONDS_EACH s with no annotators, (b) SECONDS_EACH s with the annotators at THINK_MS: the embedding
#      project's `done` read from GET /embeddings every 30 s (items/s per window, and the service's itemsPerSecond).
#   2. embedding job off: (c) the same annotator run, for the latency comparison.
#   bench/embedding-load.sh [annotators=32]
# EMBED_ITEMS (default 70,000: the 8,593 tweets of ../shared/data/text/trump_tweets_device.csv repeated with distinct
# externalIds), ITEMS (default 100,000), THINK_MS (default 100), SECONDS_EACH (default 150), RETRAIN_EVERY (default
# 1,000,000: no retraining, the cycles only refill the queue), APP_ARGS, JAR, SKIP_BUILD, BENCH_DB, BENCH_PORT as for
# bench/annotators.sh; TWEETS=path for the tweets (in a work tree outside /work/main: /work/shared/data/text/...).
# Load average before and after each part; the summary at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-32}
SECS=${SECONDS_EACH:-150}
THINK=${THINK_MS:-100}
export RETRAIN_EVERY=${RETRAIN_EVERY:-1000000}
TWEETS=${TWEETS:-../shared/data/text/trump_tweets_device.csv}
source bench/lib.sh
CP=$(test_classpath)
python3 bench/gen_csv.py "${ITEMS:-100000}" "$WORK/items.csv" --labeled-every 1000000
python3 - "$TWEETS" "${EMBED_ITEMS:-70000}" "$WORK/tweets.csv" <<'EOF'
import csv, sys
rows = [r["text"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
n = int(sys.argv[2])
with open(sys.argv[3], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["externalId", "text", "label"])
    for i in range(n):
        w.writerow([f"t{i}", rows[i % len(rows)], ""])
EOF
SUMMARY=$WORK/summary
: > "$SUMMARY"
note() { echo "$*" | tee -a "$SUMMARY"; }
done_count() { curl -sf "localhost:$PORT/api/v1/projects/$epid/embeddings" -H "Authorization: Bearer $TOKEN"; }
# samples the embedding project every 30 s for SECS s: items/s per window (from done) and the service's itemsPerSecond
sample_rate() {
  local label=$1 prev now d ips
  prev=$(done_count | python3 -c 'import sys,json; print(json.load(sys.stdin)["done"])')
  for w in $(seq 1 $((SECS / 30))); do
    sleep 30
    read -r now ips < <(done_count | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d["done"], d["itemsPerSecond"])')
    d=$(calc "round(($now - $prev) / 30, 1)")
    note "  $label window $w: $d items/s (done $now; service itemsPerSecond $ips)"
    prev=$now
  done
}
annotators() {  # label
  "$JAVA" -cp "$CP" -Dbench.seconds="$SECS" io.labelloop.bench.AnnotatorLoad \
    "http://localhost:$PORT" "$pid" "$WORK/tokens" 100000000 "$THINK" > "$WORK/ann-$1.log" 2>&1
  grep -E '^annotators:|latency' "$WORK/ann-$1.log" | sed "s/^/  $1 /" | tee -a "$SUMMARY"
}
db=${BENCH_DB:-embload_bench}
port=${BENCH_PORT:-18131}

start_app "$db" "$port" 1g --labelloop.training.interval=5s --labelloop.embedding.schedule-enabled=true ${APP_ARGS:-}
loaded_project '{"name":"embed","taskType":"TEXT","labels":["iphone","android"]}' "$WORK/tweets.csv"
epid=$pid
annotator_project "$N" "$WORK/items.csv"
note "(a) embedding job, no annotators, load before: $(cat /proc/loadavg)"
sample_rate a
note "(a) load after: $(cat /proc/loadavg)"
note "(b) embedding job with $N annotators at THINK_MS=$THINK, load before: $(cat /proc/loadavg)"
sample_rate b & SAMPLER=$!
annotators b
wait $SAMPLER
note "(b) load after: $(cat /proc/loadavg)"
note "embedding project at the end: $(done_count)"
kill $APP; wait $APP 2>/dev/null || true

start_app "$db" "$port" 1g --labelloop.training.interval=5s --labelloop.embedding.schedule-enabled=false ${APP_ARGS:-}
annotator_project "$N" "$WORK/items.csv"
note "(c) $N annotators at THINK_MS=$THINK, embedding job off, load before: $(cat /proc/loadavg)"
annotators c
note "(c) load after: $(cat /proc/loadavg)"
echo "== summary"
cat "$SUMMARY"
