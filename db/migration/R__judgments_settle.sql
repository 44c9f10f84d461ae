-- The item's final label follows its judgments (module: annotation): the most frequent label (ties:
-- the earliest judgment), with its share as the confidence, unless a reviewer set it. Without any
-- judgment left the derived label goes; an item that still has some but lost one waits in the
-- queue for the judgment it lacks.
create or replace function judgments_settle() returns trigger language plpgsql set search_path from current as $$
declare
    item      bigint;
    project   bigint;
    top_label text;
    top_count integer;
    total     integer;
    first_by  bigint;
    held      boolean;
begin
    if tg_op = 'DELETE' then
        item := old.item_id;
        project := old.project_id;
    else
        item := new.item_id;
        project := new.project_id;
    end if;
    select g.label, g.n, g.total, g.first_by, g.held into top_label, top_count, total, first_by, held
    from (select j.label, count(*) as n, sum(count(*)) over () as total, min(j.created_at) as first_at,
                 (array_agg(j.user_id order by j.created_at))[1] as first_by, bool_or(j.holdout) as held
          from judgments j where j.item_id = item group by j.label) g
    order by g.n desc, g.first_at
    limit 1;
    if top_label is null then
        delete from labels l where l.item_id = item and l.source = 'HUMAN' and l.from_judgments;
        return null;
    end if;
    update labels l set label = top_label, confidence = top_count::float8 / total,
                        consensus_method = case when total > 1 then 'MAJORITY' else 'SINGLE' end, updated_at = now()
    where l.item_id = item and l.source = 'HUMAN' and l.from_judgments and l.reviewed_at is null
      and (l.label <> top_label or l.confidence is distinct from top_count::float8 / total
           or l.consensus_method is distinct from case when total > 1 then 'MAJORITY' else 'SINGLE' end);
    if not found and not exists (select 1 from labels l where l.item_id = item and l.source = 'HUMAN') then
        insert into labels (project_id, item_id, user_id, label, source, holdout, confidence, from_judgments, consensus_method)
        values (project, item, first_by, top_label, 'HUMAN', held, top_count::float8 / total, true,
                case when total > 1 then 'MAJORITY' else 'SINGLE' end);
    end if;
    if tg_op = 'DELETE' and exists (select 1 from items i where i.id = item) then
        insert into queue_entries (item_id, project_id, rank, reason, holdout, overlap)
        values (item, project, 0, 'FALLBACK', held, true) on conflict (item_id) do nothing;
    end if;
    return null;
end $$;

drop trigger if exists judgments_settle_on_change on judgments;
create trigger judgments_settle_on_change after insert or update of label or delete on judgments
    for each row execute function judgments_settle();
