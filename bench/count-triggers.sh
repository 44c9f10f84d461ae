#!/usr/bin/env bash
# What the kept-count triggers (R__item_counts.sql) cost writers: PostgreSQL CPU-seconds (bench/pg_cpu.py) of a COPY
# of 1,000,000 TEXT rows into items (the upload) and of 1,000 one-row inserts (the stream's), with the kept-count
# trigger on and off in turn; items as in V1 (project_id defaults to 1 here), with the embedding-range trigger of
# R__embedding_ranges.sql on in both (the two share the statement's transition table).
#   bench/count-triggers.sh [rounds=2]   (env: BENCH_DB, CSV = a bench/gen_csv.py text file of 1,000,000 rows)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
DB=${BENCH_DB:-labelloop_count_triggers}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CSV=${CSV:-$T/items.csv}
[ -s "$CSV" ] || python3 bench/gen_csv.py 1000000 "$CSV" --labeled-every 1000
$PSQL -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
$PSQL -d $DB <<'SQL'
create table items (
    id bigserial primary key, project_id bigint not null default 1, external_id varchar(512) not null, text text,
    features bytea, metadata jsonb, imported_label text, has_image boolean not null default false,
    synthetic boolean not null default false, created_at timestamptz not null default now(), invalid_at timestamptz,
    constraint items_external_id_unique unique (project_id, external_id));
create index items_project_id on items (project_id, id);
create table item_vectors (project_id bigint not null, item_id bigint not null, encoded bytea not null, primary key (project_id, item_id));
create table item_embeddings (item_id bigint primary key, project_id bigint not null, vector bytea not null, scale real not null);
create table projects (id bigint primary key, task_type text not null);
insert into projects values (1, 'TEXT'), (2, 'TEXT');
create table embedding_ranges (id bigserial primary key, project_id bigint not null, first_id bigint not null, last_id bigint not null);
SQL
$PSQL -d $DB -f db/migration/R__embedding_ranges.sql
sed -n '/^create table item_counts/,/^);/p' db/migration/V31__item_counts.sql | $PSQL -d $DB
$PSQL -d $DB -1 -f db/migration/R__item_counts.sql
cpu() { python3 bench/pg_cpu.py $DB 2> $T/pg.ready > $T/pg.out & S=$!; until [ -s $T/pg.ready ]; do sleep 0.05; done; }
done_cpu() { kill -TERM $S; wait $S || true; rm -f $T/pg.ready; PG=$(cat $T/pg.out); }
echo "load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"
for r in $(seq 1 "$ROUNDS"); do
  for mode in disable enable; do
    $PSQL -d $DB -c "truncate items, item_counts, embedding_ranges" -c "alter table items $mode trigger items_count_insert"
    cpu; s=$(date +%s.%N)
    $PSQL -d $DB -c "\\copy items (external_id, text, imported_label) from '$CSV' csv header"
    e=$(date +%s.%N); done_cpu
    echo "round $r trigger ${mode}d: COPY 1,000,000 rows: pg CPU $PG s, wall $(python3 -c "print(round($e-$s,2))") s"
    cpu; s=$(date +%s.%N)
    python3 -c "
for i in range(1000): print(f\"insert into items (project_id, external_id, text) values (2, 's-$r-$mode-{i}', 'one streamed text');\")" \
      | $PSQL -d $DB
    e=$(date +%s.%N); done_cpu
    echo "round $r trigger ${mode}d: 1,000 one-row inserts: pg CPU $PG s, wall $(python3 -c "print(round($e-$s,2))") s"
  done
done
$PSQL -d $DB -Atc "select project_id, sum(items) from item_counts group by 1 order by 1"
echo "load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"
$PSQL -d postgres -c "drop database $DB with (force)"
