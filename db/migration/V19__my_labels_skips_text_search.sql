-- Issue 17, the rest (modules: queue, annotation, browse).

-- Who skipped what when: the dashboard's per-annotator skips. The queue entry only counts skips
-- (its rank order), and goes when the item is labeled. No project foreign key, as item_flags: a
-- deleted project's skips go with its items.
create table label_skips (
    id          bigserial primary key,
    project_id  bigint      not null,
    item_id     bigint      not null references items (id) on delete cascade,
    user_id     bigint      not null references users (id) on delete cascade,
    skipped_at  timestamptz not null default now()
);
create index label_skips_by_user on label_skips (project_id, user_id, skipped_at);
create index label_skips_item on label_skips (item_id);

-- "My labels": an annotator's human labels, most recent first.
create index labels_by_user on labels (project_id, user_id, updated_at desc, item_id) where source = 'HUMAN';

-- The item browser's text search (ilike '%word%'). A trigram index finds the items holding a rare
-- word without reading every text (10 ms instead of 1 s at 1,000,000 items), but it makes every text
-- upload about 12 times slower (bench/text-index-cost.sh, docs/labeling-experience.md), so it is not
-- created here: an operator who searches more than uploads builds it, without blocking uploads:
--   create index concurrently items_text_trgm on items using gin (text extensions.gin_trgm_ops);
-- and drops it to get upload speed back. The search uses it when it is there.
-- pg_trgm ships with PostgreSQL (Debian's postgresql-15 package, the official image) and is a
-- trusted extension: the database owner may create it. It goes into a schema of its own, so that
-- its functions do not mix with this schema's (db/migration/R__*.sql hold all of those).
create schema if not exists extensions;
create extension if not exists pg_trgm schema extensions;

-- The dashboard's labels per hour: each annotator's label events in time order.
create index label_events_by_user on label_events (project_id, user_id, at);
