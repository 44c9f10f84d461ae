-- Teams (issue 18): several judgments per item, consensus, review.
--
-- Settings (TeamSettings): how many different annotators judge each item, and the share of items
-- that get a second judgment for quality control while the others get one.
alter table projects add column judgments_per_item integer;
alter table projects add column quality_control_share double precision;
alter table projects add column gold_rate double precision;

-- One judgment per (item, annotator), written for projects with overlap (judgments_per_item > 1 or
-- a quality-control share). Each judgment costs one unit of budget (label_spend, the same trigger
-- function as labels). Projects without overlap keep writing one human label per item straight
-- into labels, as before; that label is its own judgment.
create table judgments (
    item_id    bigint      not null references items (id) on delete cascade,
    user_id    bigint      not null,
    project_id bigint      not null,
    label      text        not null,
    holdout    boolean     not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (item_id, user_id)
);
create index judgments_by_project on judgments (project_id, item_id);
create index judgments_by_user on judgments (user_id, item_id);

-- The item's final label stays the one human row of labels. For items judged through judgments it
-- is derived (from_judgments): the majority so far, rewritten by Dawid-Skene consensus, or set by
-- a reviewer (reviewed_by/reviewed_at), which wins over both. Such rows cost no budget themselves.
alter table labels add column from_judgments boolean not null default false;
alter table labels add column consensus_method varchar(12);
alter table labels add column reviewed_by bigint;
alter table labels add column reviewed_at timestamptz;

-- An entry that waits for further judgments of an item that already has some: cycles keep it, a
-- claim never hands it to someone who judged the item.
alter table queue_entries add column overlap boolean not null default false;

-- How many judgments an item gets: judgments_per_item, or, with a quality-control share s and one
-- judgment per item, 2 for a fixed pseudo-random share s of the items (golden-ratio hash of the id).
create function judgments_wanted(item bigint, per_item integer, qc_share double precision) returns integer
    language sql immutable as $$
    select case when coalesce(per_item, 1) > 1 then per_item
                when coalesce(qc_share, 0) > 0
                     and (item::float8 * 0.6180339887498949) - floor(item::float8 * 0.6180339887498949) < qc_share then 2
                else 1 end
$$;

-- Derived final labels leave budget and queue to the judgments' triggers.
drop trigger labels_spend_on_insert on labels;
drop trigger labels_spend_on_delete on labels;
drop trigger labels_admit_human on labels;
create trigger labels_spend_on_insert after insert on labels
    for each row when (new.source = 'HUMAN' and not new.from_judgments) execute function label_spend_add();
create trigger labels_spend_on_delete after delete on labels
    for each row when (old.source = 'HUMAN' and not old.from_judgments) execute function label_spend_add();
create trigger labels_admit_human before insert on labels
    for each row when (new.source = 'HUMAN' and not new.from_judgments) execute function queue_admit_label();

-- The queue's admission of a judgment (module: queue), serialized per item by a transaction advisory
-- lock (namespace 0x4C4C0006), so that an item never gets more judgments than it wants, also under
-- concurrent posts on several instances. Refusals skip the row (no error): the annotator judged it
-- already (a repeat), a plain human label exists, the item has all its judgments, or someone else
-- holds it under a live lease. Otherwise the judgment takes the entry's holdout draw; the entry
-- leaves the queue with the last judgment wanted and waits, unleased, for the next annotator before.
create function queue_admit_judgment() returns trigger language plpgsql set search_path from current as $$
declare
    wanted integer;
    have   integer;
    entry  record;
begin
    perform pg_advisory_xact_lock(1280049158, (new.item_id % 2147483647)::integer);
    if exists (select 1 from judgments j where j.item_id = new.item_id and j.user_id = new.user_id)
       or exists (select 1 from labels l where l.item_id = new.item_id and l.source = 'HUMAN' and not l.from_judgments) then
        return null;
    end if;
    select judgments_wanted(new.item_id, p.judgments_per_item, p.quality_control_share) into wanted
    from projects p where p.id = new.project_id;
    select count(*) into have from judgments j where j.item_id = new.item_id;
    if have >= wanted then
        delete from queue_entries q where q.item_id = new.item_id and q.overlap;
        return null;
    end if;
    select q.lease_owner, q.lease_expires_at, q.holdout into entry from queue_entries q where q.item_id = new.item_id for update;
    if found then
        if entry.lease_owner <> new.user_id and entry.lease_expires_at > now() then
            return null;
        end if;
        new.holdout := entry.holdout;
        if have + 1 >= wanted then
            delete from queue_entries q where q.item_id = new.item_id;
        else
            update queue_entries q set overlap = true, lease_owner = null, lease_expires_at = null where q.item_id = new.item_id;
        end if;
    else
        new.holdout := coalesce((select j.holdout from judgments j where j.item_id = new.item_id limit 1), false);
        if have + 1 < wanted then
            insert into queue_entries (item_id, project_id, rank, reason, holdout, overlap)
            values (new.item_id, new.project_id, 0, 'FALLBACK', new.holdout, true) on conflict (item_id) do nothing;
        end if;
    end if;
    return new;
end $$;

create trigger judgments_admit before insert on judgments
    for each row execute function queue_admit_judgment();
create trigger judgments_spend_on_insert after insert on judgments
    for each row execute function label_spend_add();
create trigger judgments_spend_on_delete after delete on judgments
    for each row execute function label_spend_add();

-- The item's final label follows its judgments (module: annotation): the most frequent label (ties:
-- the earliest judgment), with its share as the confidence, unless a reviewer set it. Without any
-- judgment left the derived label goes; an item that still has some but lost one waits in the
-- queue for the judgment it lacks.
create function judgments_settle() returns trigger language plpgsql set search_path from current as $$
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

create trigger judgments_settle_on_change after insert or update of label or delete on judgments
    for each row execute function judgments_settle();

-- Gold items (module: annotation): items with a known label (an imported label, or a reviewed one) that a
-- lead marked; claims mix them into each annotator's items at the project's gold_rate. An answer is kept
-- per (item, annotator) beside the labels: it costs no budget and never becomes a label. A row without
-- an answer yet records that the item was handed out (each annotator gets a gold item once).
create table gold_items (
    item_id    bigint      primary key references items (id) on delete cascade,
    project_id bigint      not null,
    label      text        not null,
    created_at timestamptz not null default now()
);
create index gold_items_by_project on gold_items (project_id);

create table gold_answers (
    item_id     bigint      not null references items (id) on delete cascade,
    user_id     bigint      not null,
    project_id  bigint      not null,
    label       text,
    correct     boolean,
    served_at   timestamptz not null default now(),
    answered_at timestamptz,
    primary key (item_id, user_id)
);
create index gold_answers_by_project on gold_answers (project_id, user_id);

-- The export's read model: a human label's source says where the final label came from (HUMAN: one
-- person's label; CONSENSUS: from several judgments; REVIEWED: set by a reviewer, who is then the
-- annotator), and each human-labeled item carries its judgments (annotator and label, oldest first).
drop view labeled_items;
create view labeled_items as
select l.project_id, i.id as item_id, i.external_id, l.label,
       case when l.source <> 'HUMAN' then l.source::text
            when l.reviewed_at is not null then 'REVIEWED'
            when l.from_judgments and coalesce(l.consensus_method, 'SINGLE') <> 'SINGLE' then 'CONSENSUS'
            else 'HUMAN' end as source,
       l.confidence, coalesce(r.username, u.username) as annotator, l.updated_at as labeled_at, i.synthetic,
       case when l.source <> 'HUMAN' then null
            when l.from_judgments then (select json_agg(json_build_object('annotator', coalesce(ju.username, '#' || j.user_id),
                                                                           'label', j.label) order by j.created_at)
                                        from judgments j left join users ju on ju.id = j.user_id where j.item_id = l.item_id)
            else json_build_array(json_build_object('annotator', coalesce(u.username, '#' || l.user_id), 'label', l.label)) end
           as judgments
from labels l
join items i on i.id = l.item_id
left join users u on u.id = l.user_id
left join users r on r.id = l.reviewed_by
union all
select i.project_id, i.id, i.external_id, i.imported_label, 'IMPORTED', null, null, i.created_at, i.synthetic, null
from items i
where i.imported_label is not null;
