#!/usr/bin/env bash
# Memory soak: the packaged service at -Xmx512m against a fresh database; PROJECTS projects (TEXT and TABULAR
# in turn, from the shared datasets), at least VERSIONS model versions trained through the API
# (training-runs?wait=true, a few labels before each), then MINUTES of annotator load (claims and labels from
# several threads while the scheduled job retrains every 10 labels). Every SAMPLE_SECONDS the heap after a
# full GC is sampled (jcmd GC.run, then the GC log's figure); prints the series, min/median/max per phase, 5xx answers,
# OutOfMemoryError in the log, and PASS or FAIL.
#   bench/soak.sh [projects=100] [versions=2000] [minutes=30]
# DATA=dir: the shared datasets (default ../shared/data, else /work/shared/data).
# POOL=n unlabeled items per project (default 1000); ANNOTATORS=n (default 8); THINK_MS=n (default 200).
# TRAIN_MINUTES=n ends the training phase after n minutes even below VERSIONS (the scheduled retrains of the
# annotator phase add versions; PASS counts every version in the database).
# BENCH_PORT=n (default 18089); HEAP (default 512m); JAR=path runs another build; APP_ARGS="--name=value ...".
# OUT=dir keeps the series, the client's output and the service log (default target/soak).
# PASS: no OutOfMemoryError, no 5xx and no failed connection, at least VERSIONS versions, and the heap after
# GC flat under annotator load: the median of its last third at most 1.25x the first third's + 16 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-100}
VERSIONS=${2:-2000}
MINUTES=${3:-30}
DATA=${DATA:-../shared/data}
[ -d "$DATA" ] || DATA=/work/shared/data
OUT=${OUT:-target/soak}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-30}
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)
  export JAVA_HOME
fi
export START_TIMEOUT=${START_TIMEOUT:-300}
source bench/lib.sh
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
trap 'kill $SAMPLER 2>/dev/null || true; cp "$WORK/app.log" "$OUT/app.log" 2>/dev/null || true; kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
SAMPLER=
CP=$(test_classpath)
python3 bench/soak_prep.py "$DATA" "$WORK/prep" "${POOL:-1000}" 40 \
  text/spamassassin_spam.csv text/trump_tweets_device.csv text/austen_novel.csv text/fortunes_category.csv \
  tabular/satellite.csv tabular/credit_data.csv tabular/hpc_jobs.csv tabular/vehicle.csv tabular/income.csv
started=$(date +%s)
rm -f "$OUT"/gc.log*
JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc.log:utctime,uptime"
start_app labelloop_soak "${BENCH_PORT:-18089}" "${HEAP:-512m}" --labelloop.training.interval=5s ${APP_ARGS:-}
echo "service pid $APP on port $PORT, heap ${HEAP:-512m}, $(date -u +%H:%M:%S) UTC"
JBIN=$(dirname "$JAVA")
PHASE="$OUT/phase"
echo setup > "$PHASE"
SERIES="$OUT/heap-series.tsv"
echo -e "seconds\tphase\theap_after_gc_mb\tversions" > "$SERIES"
# heap after a full GC, as the GC log reports it: the live set, which must not grow with the versions trained.
# (Reading jstat after jcmd GC.run counted what the busy service allocated while jstat attached: up to 100 MB.)
heap_after_gc() {
  "$JBIN/jcmd" "$APP" GC.run > /dev/null 2>&1 || return 1
  grep 'Pause Full' "$OUT/gc.log" | tail -1 | sed -E 's/.*->([0-9]+)M\(.*/\1/'
}
(
  while kill -0 "$APP" 2>/dev/null; do
    mb=$(heap_after_gc) || break
    versions=$($PSQL -d "$DB" -Atc "select count(*) from labelloop.model_versions" 2>/dev/null || echo "?")
    echo -e "$(( $(date +%s) - started ))\t$(cat "$PHASE")\t$mb\t$versions" >> "$SERIES"
    [ "$(cat "$PHASE")" = done ] && break
    sleep "$SAMPLE_SECONDS"
  done
) &
SAMPLER=$!
set +e
"$JAVA" -Xmx256m -cp "$CP" io.labelloop.bench.MemorySoak "http://localhost:$PORT" "$TOKEN" "$WORK/prep" "$PHASE" \
  "$PROJECTS" "$VERSIONS" "$MINUTES" "${ANNOTATORS:-8}" "${THINK_MS:-200}" "${TRAIN_MINUTES:-1440}" 2> "$OUT/client-errors.log" | tee "$OUT/client.log"
client=$?
set -e
echo done > "$PHASE"
wait "$SAMPLER" 2>/dev/null || true
alive=$(kill -0 "$APP" 2>/dev/null && echo yes || echo no)
versions=$($PSQL -d "$DB" -Atc "select count(*) from labelloop.model_versions" 2>/dev/null || echo 0)
oom=$(grep -c OutOfMemoryError "$WORK/app.log" || true)
failed_cycles=$(grep -c 'failed; the previous model' "$WORK/app.log" || true)
server_errors=$(grep -oE '^5xx answers: [0-9]+' "$OUT/client.log" | grep -oE '[0-9]+$' || echo "?")
connections=$(grep -oE '^failed connections: [0-9]+' "$OUT/client.log" | grep -oE '[0-9]+$' || echo "?")
echo
echo "heap after full GC (MB), every ${SAMPLE_SECONDS}s:"
column -t "$SERIES"
python3 - "$SERIES" "$VERSIONS" "$versions" "$oom" "$server_errors" "$connections" "$alive" "$client" "$(( $(date +%s) - started ))" <<'PY'
import statistics, sys
series, want, versions, oom, errors, conns, alive, client, seconds = sys.argv[1:]
rows = [l.rstrip('\n').split('\t') for l in open(series)][1:]
phases = {}
for _, phase, mb, _v in rows:
    phases.setdefault(phase, []).append(float(mb))
print()
for phase in ('setup', 'train', 'annotate', 'done'):
    v = phases.get(phase)
    if v:
        print(f'{phase:9s} samples {len(v):3d}  heap after GC min {min(v):6.1f}  median {statistics.median(v):6.1f}  max {max(v):6.1f} MB')
annotate = phases.get('annotate', [])
third = max(1, len(annotate) // 3)
flat = len(annotate) >= 3 and statistics.median(annotate[-third:]) <= 1.25 * statistics.median(annotate[:third]) + 16
print(f'model versions in the database: {versions} (wanted at least {want}); OutOfMemoryError lines in the log: {oom}; '
      f'5xx answers: {errors}; failed connections: {conns}; service alive at the end: {alive}; duration {int(seconds) // 60} min')
ok = (oom == '0' and errors == '0' and conns == '0' and alive == 'yes' and client == '0'
      and int(versions or 0) >= int(want) and flat)
print(f'heap flat under annotator load: {"yes" if flat else "no"}')
print('PASS' if ok else 'FAIL')
PY
echo "failed cycles in the log: $failed_cycles (first ones below)"
grep -m3 -A2 'failed; the previous model' "$WORK/app.log" || true
