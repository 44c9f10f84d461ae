-- The item counts (V31 item_counts; module: item, ItemCounts): one statement-level trigger per table and event,
-- reading the statement's transition table, so a COPY of a million items adds one row update, not a million.
-- Each adds the statement's rows per project (in project order: no deadlock between statements that touch several)
-- to the stripe of its transaction (txid % 64). One INSERT ... ON CONFLICT each, no function call per project: a
-- one-row insert (a stream item, its vector) pays for little more than that statement.

-- Rows of items; the statement's rows are the transition table "changed" (inserted or deleted).
create or replace function item_counts_items() returns trigger language plpgsql set search_path from current as $$
declare
    sign integer := case when tg_op = 'INSERT' then 1 else -1 end;
begin
    insert into item_counts as c (project_id, stripe, items, imported, synthetic, invalid)
    select project_id, txid_current() % 64, sign * count(*), sign * count(imported_label),
           sign * count(*) filter (where synthetic), sign * count(invalid_at)
    from changed group by project_id order by project_id
    on conflict (project_id, stripe) do update
        set items = c.items + excluded.items, imported = c.imported + excluded.imported,
            synthetic = c.synthetic + excluded.synthetic, invalid = c.invalid + excluded.invalid;
    return null;
end $$;

-- An item's invalid mark is the one count an update changes (a synthetic item marked not a valid example).
create or replace function item_counts_items_update() returns trigger language plpgsql set search_path from current as $$
begin
    insert into item_counts as c (project_id, stripe, invalid)
    select d.project_id, txid_current() % 64, d.invalid
    from (select n.project_id, sum((n.invalid_at is not null)::int - (o.invalid_at is not null)::int) invalid
          from new_rows n join old_rows o on o.id = n.id group by n.project_id) d
    where d.invalid <> 0
    order by d.project_id
    on conflict (project_id, stripe) do update set invalid = c.invalid + excluded.invalid;
    return null;
end $$;

-- Rows of item_vectors (tg_argv[0] = 'vectors') or item_embeddings ('embeddings').
create or replace function item_counts_rows() returns trigger language plpgsql set search_path from current as $$
declare
    sign integer := case when tg_op = 'INSERT' then 1 else -1 end;
    vectors boolean := tg_argv[0] = 'vectors';
begin
    insert into item_counts as c (project_id, stripe, vectors, embeddings)
    select project_id, txid_current() % 64, case when vectors then sign * count(*) else 0 end,
           case when vectors then 0 else sign * count(*) end
    from changed group by project_id order by project_id
    on conflict (project_id, stripe) do update
        set vectors = c.vectors + excluded.vectors, embeddings = c.embeddings + excluded.embeddings;
    return null;
end $$;

-- Creating the triggers and counting what is there happen in one transaction with the three tables locked
-- against writes, so no row is counted twice or missed whatever other instances write meanwhile. This runs
-- whenever this file changes: a full count of the three tables then, and never again.
lock table items, item_vectors, item_embeddings in share row exclusive mode;

drop trigger if exists items_count_insert on items;
create trigger items_count_insert after insert on items
    referencing new table as changed for each statement execute function item_counts_items();
drop trigger if exists items_count_delete on items;
create trigger items_count_delete after delete on items
    referencing old table as changed for each statement execute function item_counts_items();
drop trigger if exists items_count_update on items;
create trigger items_count_update after update on items
    referencing old table as old_rows new table as new_rows for each statement execute function item_counts_items_update();
drop trigger if exists item_vectors_count_insert on item_vectors;
create trigger item_vectors_count_insert after insert on item_vectors
    referencing new table as changed for each statement execute function item_counts_rows('vectors');
drop trigger if exists item_vectors_count_delete on item_vectors;
create trigger item_vectors_count_delete after delete on item_vectors
    referencing old table as changed for each statement execute function item_counts_rows('vectors');
drop trigger if exists item_embeddings_count_insert on item_embeddings;
create trigger item_embeddings_count_insert after insert on item_embeddings
    referencing new table as changed for each statement execute function item_counts_rows('embeddings');
drop trigger if exists item_embeddings_count_delete on item_embeddings;
create trigger item_embeddings_count_delete after delete on item_embeddings
    referencing old table as changed for each statement execute function item_counts_rows('embeddings');

delete from item_counts;
insert into item_counts (project_id, stripe, items, imported, synthetic, invalid, vectors, embeddings)
select project_id, 0, sum(items), sum(imported), sum(synthetic), sum(invalid), sum(vectors), sum(embeddings)
from (select project_id, count(*) items, count(imported_label) imported, count(*) filter (where synthetic) synthetic,
             count(invalid_at) invalid, 0 vectors, 0 embeddings
      from items group by project_id
      union all
      select project_id, 0, 0, 0, 0, count(*), 0 from item_vectors group by project_id
      union all
      select project_id, 0, 0, 0, 0, 0, count(*) from item_embeddings group by project_id) c
group by project_id;
