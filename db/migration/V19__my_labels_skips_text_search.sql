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

-- The item browser's text search (ilike '%word%'): trigrams find the items holding a rare word
-- without reading every text (docs/labeling-experience.md). pg_trgm ships with PostgreSQL
-- (Debian's postgresql-15 package, the official image) and is a trusted extension: the database
-- owner may create it. On a big existing table build the index first, outside the migration and
-- without blocking uploads:
--   create schema if not exists extensions; create extension if not exists pg_trgm schema extensions;
--   create index concurrently items_text_trgm on items using gin (text extensions.gin_trgm_ops);
-- then this migration finds it and goes on.
-- The extension goes into a schema of its own, so that its functions do not mix with this schema's
-- (db/migration/R__*.sql hold all of those); a database has it once, and where it was there already
-- it stays. The operator class is named with the schema the extension lives in.
create schema if not exists extensions;
create extension if not exists pg_trgm schema extensions;
do $$
declare
    home text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm');
begin
    execute format('create index if not exists items_text_trgm on items using gin (text %I.gin_trgm_ops)', home);
end $$;

-- The dashboard's labels per hour: each annotator's label events in time order.
create index label_events_by_user on label_events (project_id, user_id, at);
