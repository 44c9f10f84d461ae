#!/usr/bin/env bash
# The label-efficiency simulation through the HTTP API against the in-process one, same split and
# seeds, default strategy, budget 500, a retrain every 20 labels. Prints a Markdown table row per dataset.
# HOLDOUT (default 0) is the projects' holdoutFraction; the last column shows it and the realized share
# of human labels drawn for the holdout (mean, min-max over seeds).
#   [HOLDOUT=0.3] bench/label-efficiency-http.sh [seeds=3] [datasets...]
# CLIENT_OPTS: system properties of the client, e.g. -Dbench.textRepresentation=AUTO -Dbench.maxPool=2000
# -Dbench.maxTest=500 -Dbench.skipInProcess=true (see HttpLabelEfficiency).
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-3}
shift || true
DATASETS=${*:-../shared/data/tabular/satellite.csv ../shared/data/image/sklearn_digits_8x8.csv}
source bench/lib.sh
CP=$(test_classpath)
start_app ${BENCH_DB:-labelloop_http_efficiency} "${BENCH_PORT:-18083}" 2g --labelloop.training.interval=1s
echo "| dataset | strategy | seeds | AUBC via HTTP | AUBC in-process | final accuracy HTTP | final accuracy in-process | holdout set: realized |"
echo "|---|---|---|---|---|---|---|---|"
for f in $DATASETS; do
  "$JAVA" ${CLIENT_OPTS:-} -cp "$CP" io.labelloop.learning.bench.HttpLabelEfficiency \
    "http://localhost:$PORT" "$TOKEN" "$f" "$SEEDS" 500 20 "${HOLDOUT:-0}"
done
