#!/usr/bin/env bash
# What the item browser's trigram index (items_text_trgm: created by V19, dropped by V28, opt-in) costs an upload: \copy of N generated texts of
# about 150 characters into two items-like tables that differ only in that index (and, for comparison, a GIN
# full-text index), alternating, two rounds; then a concurrent build over N rows and the sizes
# (docs/labeling-experience.md). Record the load average printed beside each time.
#   nice -n 19 bench/text-index-cost.sh [rows=1000000]
# GIN_SETTINGS=1: instead, whether GIN's own settings make the trigram index cheaper: without it, with it
# (defaults: fastupdate on, 4 MB pending list), with a 64 MB pending list, with fastupdate off, each at
# work_mem 4 MB and 64 MB (the pending list's cleanup works within work_mem); no concurrent build.
set -euo pipefail
ROWS=${1:-1000000}
DB=labelloop_text_index_cost
P="psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1"
DATA=$(mktemp)
trap '$P -d postgres -c "drop database if exists $DB with (force)"; rm -f "$DATA"' EXIT
$P -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
$P -d $DB -c "create extension pg_trgm" \
  -c "create table plain (id bigserial primary key, project_id bigint, text text)" \
  -c "create index on plain (project_id, id)" \
  -c "create table trgm (like plain including all)" -c "create index on trgm using gin (text gin_trgm_ops)" \
  -c "create table fts (like plain including all)" -c "create index on fts using gin (to_tsvector('simple'::regconfig, text))" \
  -c "create table trgm_pending (like plain including all)" \
  -c "create index on trgm_pending using gin (text gin_trgm_ops) with (gin_pending_list_limit = 65536)" \
  -c "create table trgm_nofast (like plain including all)" -c "create index on trgm_nofast using gin (text gin_trgm_ops) with (fastupdate = off)"
python3 - "$ROWS" "$DATA" <<'PY'
import random, sys
r = random.Random(7)
w = ['alpha', 'bravo', 'topic', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike',
     'november', 'oscar', 'papa']
with open(sys.argv[2], 'w') as f:
    for i in range(int(sys.argv[1])):
        f.write('1\titem %d about %s and %s, %s\n' % (i, r.choice(w), r.choice(w), ' '.join(r.choice(w) for _ in range(20))))
PY
TABLES="plain trgm fts"; MEMS=4MB
[ -n "${GIN_SETTINGS:-}" ] && TABLES="plain trgm trgm_pending trgm_nofast" && MEMS="4MB 64MB"
for round in 1 2; do
  for t in $TABLES; do
    for wm in $MEMS; do
      [ $t = plain ] && [ $wm != 4MB ] && continue
      $P -d $DB -c "truncate $t"
      s=$(date +%s.%N); $P -d $DB -c "set work_mem = '$wm'" -c "\copy $t (project_id, text) from '$DATA'"; e=$(date +%s.%N)
      echo "$t work_mem $wm round $round: $(echo "$e - $s" | bc) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
done
[ -n "${GIN_SETTINGS:-}" ] && exit 0
s=$(date +%s.%N); $P -d $DB -c "create index concurrently plain_trgm on plain using gin (text gin_trgm_ops)"; e=$(date +%s.%N)
echo "create index concurrently over $ROWS rows: $(echo "$e - $s" | bc) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
$P -d $DB -c "select pg_size_pretty(pg_relation_size('plain')) as heap, pg_size_pretty(pg_relation_size('plain_trgm')) as trgm_index"
