#!/usr/bin/env bash
# A stream with auto-labeling at target accuracy 0.95 through the running service, as a new user
# would: per dataset, a project (budget 600, holdout 0.2, audit 0.1, retrain every 20 labels), the
# shuffled dataset posted one item at a time to POST /stream while simulated annotators claim and
# label with the true labels and the scheduled job retrains every 2 s. Prints a Markdown table row
# per dataset on stdout, the details on stderr; APP_LOG=file keeps the service's log.
#   bench/stream-http.sh [datasets...]
#   env: ITEMS=5000 BUDGET=600 RATE=30 (items/s) ANNOTATORS=2 THINK_MS=300 SHARE=none (streamLabelingShare)
set -euo pipefail
cd "$(dirname "$0")/.."
DATASETS=${*:-../shared/data/text/spamassassin_spam.csv ../shared/data/tabular/satellite.csv}
source bench/lib.sh
CP=$(test_classpath)
start_app labelloop_stream_http "${BENCH_PORT:-18085}" 2g --labelloop.training.interval=2s
echo "| dataset | streamed | auto / queued / not queued | coverage | machine-label accuracy [95% Wilson] | 1st / 2nd half | service audit [95%] | verdict | human labels of all | human labels saved (machine-only) | left unlabeled | export |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for f in $DATASETS; do
  "$JAVA" -cp "$CP" io.labelloop.bench.StreamSimulation "http://localhost:$PORT" "$TOKEN" "$f" \
    "${ITEMS:-5000}" "${BUDGET:-600}" "${RATE:-30}" "${ANNOTATORS:-2}" "${THINK_MS:-300}" "${SHARE:-none}"
done
grep -E ' (WARN|ERROR) ' "$WORK/app.log" | grep -v SpringDoc >&2 || true
[ -z "${APP_LOG:-}" ] || cp "$WORK/app.log" "$APP_LOG"
