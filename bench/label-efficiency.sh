#!/usr/bin/env bash
# Label-efficiency benchmark: oracle simulation on every dataset under ../shared/data, with scikit-learn's
# loops on the same splits and seeds as outside references (bench/sklearn_reference.py).
# Usage: bench/label-efficiency.sh [--family AUTO|LINEAR|KERNEL|TREES|NONE] [--seeds 10] [--first-seed 42] [--budget 500] [--step 20] [--threads 2]
#          [--datasets a,b] [--methods M1,M2] [--merge true] [--max-pool n] [--max-test n]
#          [--references stored|sklearn|none] [--reference-jobs 1]
#   --references stored (default): run the reference loops only for datasets whose stored curves
#     (docs/label-efficiency-raw/sklearn/) were made on another split or other seeds; sklearn: run them all
#     again; none: leave them as they are. They run next to the Java methods (one core each by default).
#   Re-running only our methods for a new learner keeps the stored reference curves, e.g.
#     bench/label-efficiency.sh --methods UNCERTAINTY_DIVERSITY,RANDOM --merge true --max-pool 4000 --max-test 1000
# Writes docs/label-efficiency.md, docs/label-efficiency.svg, docs/label-efficiency-curves.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
REFS=stored
REF_JOBS=1
OUT=docs
DATASETS=
ARGS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --references) REFS=$2; shift 2 ;;
    --reference-jobs) REF_JOBS=$2; shift 2 ;;
    *)
      [[ $1 == --out ]] && OUT=$2
      [[ $1 == --datasets ]] && DATASETS=$2
      ARGS+=("$1" "$2"); shift 2 ;;
  esac
done
case $REFS in stored|sklearn|none) ;; *) echo "--references stored|sklearn|none" >&2; exit 2 ;; esac

source bench/classpath.sh
RUN=("$JAVA" -Xmx6g -XX:+UseParallelGC -XX:ParallelGCThreads=2 -cp "$CP"
  io.labelloop.learning.bench.LabelEfficiencyBenchmark --data ../shared/data --out docs)

PY=
if [[ $REFS != none ]]; then
  if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
    SUDO=$([[ $(id -u) == 0 ]] || echo sudo)
    $SUDO apt-get update -q && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-sklearn
  fi
  SPLITS=target/label-efficiency-splits
  rm -rf "$SPLITS"
  "${RUN[@]}" "${ARGS[@]}" --splits "$SPLITS"
  FORCE=$([[ $REFS == sklearn ]] && echo --force || true)
  /usr/bin/python3 bench/sklearn_reference.py --splits "$SPLITS" --out "$OUT/label-efficiency-raw/sklearn" \
    --datasets "$DATASETS" --jobs "$REF_JOBS" $FORCE &
  PY=$!
fi
"${RUN[@]}" "${ARGS[@]}"
if [[ -n $PY ]]; then
  wait "$PY"
  "${RUN[@]}" "${ARGS[@]}" --report-only true
fi
