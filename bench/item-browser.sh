#!/usr/bin/env bash
# The item browser's page queries at 1,000,000 items: a throwaway database migrated by Flyway, items
# loaded by COPY, labels of every source; median of 5 runs per query and EXPLAIN (ANALYZE, BUFFERS)
# of each in target/item-browser-explain.txt (docs/labeling-experience.md).
#   bench/item-browser.sh [items=1000000]
#   TRIGRAM_INDEX=1 bench/item-browser.sh ...   with the opt-in trigram index on items.text
#   BENCH_DB=name bench/item-browser.sh ...     another throwaway database (two runs side by side)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-1000000}
DB=${BENCH_DB:-labelloop_browse_bench}
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
source bench/classpath.sh
trap '$PSQL -d postgres -c "drop database if exists $DB with (force)"; rm -rf "$SNAP"' EXIT
$PSQL -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
"$JAVA" -DtrigramIndex="${TRIGRAM_INDEX:+true}" -cp "$CP" io.labelloop.browse.ItemBrowserBenchmark "jdbc:postgresql://127.0.0.1:5432/$DB" "$ITEMS" \
  target/item-browser-explain.txt
