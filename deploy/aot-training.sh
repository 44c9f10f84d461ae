#!/usr/bin/env bash
# The training run of the JDK AOT cache (JEP 483/514/515): starts the extracted application with
# -XX:AOTCacheOutput, drives a short annotator workload through HTTP (a TEXT and a TABULAR project: upload,
# cold start, claims and labels by 4 annotators, retrains, stats, the dashboard and labeling pages, an export),
# then stops it; the JVM writes the cache as it exits. The cache then holds the classes loaded and linked and the
# method profiles of the request path, so a replica started with -XX:AOTCache= starts faster and compiles its
# hot methods sooner. Needs only bash, curl and awk (it runs inside the image build, deploy/Dockerfile) and a
# PostgreSQL that the usual SPRING_DATASOURCE_* variables point at.
#   deploy/aot-training.sh APP_JAR CACHE_FILE [labels=1500]
# JAVA=path (default java on the PATH), PORT (default 18399).
set -euo pipefail
JAR=$1
CACHE=$2
LABELS=${3:-1500}
JAVA=${JAVA:-java}
PORT=${PORT:-18399}
TOKEN=aot-training-token
WORK=$(mktemp -d)
APP=
trap '[ -n "$APP" ] && kill "$APP" 2>/dev/null; rm -rf "$WORK"' EXIT
LABELLOOP_ADMIN_TOKEN=$TOKEN LABELLOOP_ADMIN_PASSWORD=aot-training-password SERVER_PORT=$PORT \
  LABELLOOP_TRAINING_INTERVAL=1s \
  "$JAVA" -XX:AOTCacheOutput="$CACHE" -Xlog:aot=error ${TRAINING_JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 300); do curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null || { tail -50 "$WORK/app.log"; exit 1; }
B="localhost:$PORT/api/v1"
A=(-H "Authorization: Bearer $TOKEN")
J=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
id() { sed -E 's/^\{"id":([0-9]+).*/\1/'; }
words="label loop active learning model item queue budget annotator review great poor value price quality fast slow shipping broken works perfect awful"
awk -v w="$words" 'BEGIN { n = split(w, a, " "); srand(7); print "externalId,text";
  for (i = 0; i < 4000; i++) { s = ""; for (j = 0; j < 12; j++) s = s " " a[int(rand() * n) + 1]; print "t-" i "," s } }' > "$WORK/text.csv"
awk 'BEGIN { srand(7); print "externalId,f0,f1,f2,f3,f4,f5";
  for (i = 0; i < 4000; i++) { printf "r-%d", i; for (j = 0; j < 6; j++) printf ",%.4f", rand() * 4 - 2; print "" } }' > "$WORK/tab.csv"
text=$(curl -sf "$B/projects" "${J[@]}" -d '{"name":"aot-text","taskType":"TEXT","labels":["positive","negative"],"retrainEvery":200,"budget":100000}' | id)
tab=$(curl -sf "$B/projects" "${J[@]}" -d '{"name":"aot-tab","taskType":"TABULAR","labels":["a","b","c"],"retrainEvery":200}' | id)
curl -sf "$B/projects/$text/items" "${A[@]}" -H 'Content-Type: text/csv' --data-binary @"$WORK/text.csv" > /dev/null
curl -sf "$B/projects/$tab/items" "${A[@]}" -H 'Content-Type: text/csv' --data-binary @"$WORK/tab.csv" > /dev/null
for p in "$text" "$tab"; do
  for _ in $(seq 1 120); do curl -sf "$B/projects/$p/stats" "${A[@]}" | grep -q '"queued":[1-9]' && break; sleep 1; done
done
annotator() {  # project, labels, label choices...
  local p=$1 n=$2 i=0 item
  shift 2
  while [ "$i" -lt "$n" ]; do
    item=$(curl -sf "$B/projects/$p/queue/claims" "${J[@]}" -d '{"count":1}' | grep -oE '"itemId":[0-9]+' | head -1 | cut -d: -f2) || true
    [ -z "$item" ] && { sleep 0.5; i=$((i + 1)); continue; }
    local choices=("$@")
    curl -sf "$B/projects/$p/items/$item/labels" "${J[@]}" -d "{\"label\":\"${choices[$((item % ${#choices[@]}))]}\"}" > /dev/null || true
    i=$((i + 1))
  done
}
per=$((LABELS / 4))
annotator "$text" "$per" positive negative & a1=$!
annotator "$text" "$per" positive negative & a2=$!
annotator "$tab" "$per" a b c & a3=$!
annotator "$tab" "$per" a b c & a4=$!
wait $a1 $a2 $a3 $a4
for p in "$text" "$tab"; do
  curl -sf -X POST "$B/projects/$p/training-runs?wait=true" "${J[@]}" > /dev/null || true
  curl -sf "$B/projects/$p/stats" "${A[@]}" > /dev/null
  curl -sf "$B/projects/$p/models" "${A[@]}" > /dev/null
  curl -sf "$B/projects/$p/export?format=csv" "${A[@]}" > /dev/null
  curl -sf "$B/projects/$p/items/browse?limit=50" "${A[@]}" > /dev/null || true
  curl -sf "localhost:$PORT/projects/$p" "${A[@]}" > /dev/null || true
  curl -sf "localhost:$PORT/projects/$p/label" "${A[@]}" > /dev/null || true
done
curl -sf "localhost:$PORT/actuator/prometheus" > /dev/null
kill -TERM "$APP"
wait "$APP" || true
APP=
grep -q "AOTCache creation is complete" "$WORK/app.log" || { tail -30 "$WORK/app.log"; echo "no AOT cache written" >&2; exit 1; }
grep "AOTCache creation is complete" "$WORK/app.log"
