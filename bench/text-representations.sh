#!/usr/bin/env bash
# Label efficiency of the default strategy on the text sets with each textRepresentation (NGRAMS = the learner
# without embeddings, EMBEDDINGS, BOTH, AUTO), in-process through LabelEfficiencyBenchmark; the texts of each split
# are embedded once with all-MiniLM-L6-v2 (cached in target/embedding-cache). Prints the table of docs/embeddings.md.
#   bench/text-representations.sh [--datasets "a b"] [--reps "NGRAMS AUTO BOTH EMBEDDINGS"] [--seeds 3] [--out target/repr]
#                                 [--data ../shared/data] [--max-pool 2000] [--max-test 1000]
set -uo pipefail
cd "$(dirname "$0")/.."
DATASETS="ui_message_language trump_tweets_device fortunes_category austen_novel spamassassin_spam"
REPS="NGRAMS AUTO BOTH EMBEDDINGS"
SEEDS=3 OUT=target/repr DATA=../shared/data MAX_POOL=2000 MAX_TEST=1000
while [[ $# -gt 0 ]]; do
  case $1 in
    --datasets) DATASETS=$2 ;; --reps) REPS=$2 ;; --seeds) SEEDS=$2 ;; --out) OUT=$2 ;; --data) DATA=$2 ;;
    --max-pool) MAX_POOL=$2 ;; --max-test) MAX_TEST=$2 ;; *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
source bench/classpath.sh
for ds in $DATASETS; do
  for rep in $REPS; do
    echo "=== $ds $rep $(date -u +%H:%M:%S)" >&2
    "$JAVA" -Xmx3g -XX:+UseParallelGC -XX:ParallelGCThreads=2 -cp "$CP" \
      io.labelloop.learning.bench.LabelEfficiencyBenchmark --data "$DATA" --out "$OUT/$rep" --datasets "$ds" \
      --seeds "$SEEDS" --methods UNCERTAINTY_DIVERSITY --max-pool "$MAX_POOL" --max-test "$MAX_TEST" --threads 2 \
      --text-representation "$rep" 2>&1 | grep -E "done after|embedded" >&2
  done
done
python3 bench/representation_table.py "$OUT"
