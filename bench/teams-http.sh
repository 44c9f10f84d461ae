#!/usr/bin/env bash
# Teams through the HTTP API (docs/teams.md, "Benchmark through the API"): simulated annotators of accuracy
# 0.95, 0.85, 0.70 and one answering at random, each a user with its own token, claim and label; the admin
# reviews. Per dataset and seed: Dawid-Skene against majority vote with 3 judgments per item and each annotator's
# estimated accuracy from /agreement; suspected-error flags on 10% flipped labels, test accuracy before and after
# the reviewer fixes them; overlap 1 against 2 at the same budget (BUDGET judgments, default 300) with items from
# the service's queue. Prints three Markdown tables (medians over the seeds, min-max in brackets) and the load.
#   [DATA=../shared/data] [BUDGET=300] bench/teams-http.sh [seeds=3] [datasets...]
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-3}
shift || true
DATA=${DATA:-../shared/data}
DATASETS=${*:-$DATA/image/sklearn_digits_8x8.csv $DATA/tabular/satellite.csv $DATA/tabular/breast_cancer_wdbc.csv}
source bench/lib.sh
source bench/classpath.sh  # a snapshot of the classes: a rebuild during the run cannot change them
start_app labelloop_teams_http "${BENCH_PORT:-18087}" 2g --labelloop.training.interval=1s
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$CP" io.labelloop.learning.bench.TeamsHttpBenchmark "http://localhost:$PORT" "$TOKEN" "$SEEDS" \
  "${BUDGET:-300}" $DATASETS
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
