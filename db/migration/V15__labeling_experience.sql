-- Labeling experience (issue 17; module: project): what annotators read (instructions, and per
-- label a description with examples), and the lead's order and hidden set of tabular feature
-- columns on the labeling page.
alter table projects add column instructions text;
alter table projects add column label_descriptions jsonb;
alter table projects add column feature_columns text[];
alter table projects add column hidden_features text[];

-- Item browser (module: browse). Who labeled what when: every human label written, changed or
-- taken back, recorded by a trigger where the label is written, so no path can skip it. Machine
-- labels are left out (propagation re-decides up to the whole pool after every model). No foreign
-- key: a deleted project's events go with its items (browse.LabelEventsCleanup).
create table label_events (
    id            bigserial primary key,
    project_id    bigint      not null,
    item_id       bigint      not null,
    user_id       bigint,
    label         text,
    action        varchar(8)  not null check (action in ('LABELED', 'CHANGED', 'REMOVED')),
    at            timestamptz not null default now()
);
create index label_events_item on label_events (item_id, id);

create function label_events_record() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op = 'INSERT' then
        insert into label_events (project_id, item_id, user_id, label, action)
        values (new.project_id, new.item_id, new.user_id, new.label, 'LABELED');
    elsif tg_op = 'UPDATE' then
        insert into label_events (project_id, item_id, user_id, label, action)
        values (new.project_id, new.item_id, new.user_id, new.label, 'CHANGED');
    elsif exists (select 1 from items where id = old.item_id) then -- not when the item itself goes
        insert into label_events (project_id, item_id, user_id, label, action)
        values (old.project_id, old.item_id, old.user_id, old.label, 'REMOVED');
    end if;
    return null;
end $$;

create trigger labels_record_human_insert after insert on labels
    for each row when (new.source = 'HUMAN') execute function label_events_record();
create trigger labels_record_human_update after update of label, user_id on labels
    for each row when (new.source = 'HUMAN' and (old.label is distinct from new.label or old.user_id is distinct from new.user_id))
    execute function label_events_record();
create trigger labels_record_human_delete after delete on labels
    for each row when (old.source = 'HUMAN') execute function label_events_record();

-- The browser pages through a project's items by id (keyset), newest or oldest first.
create index items_project_id on items (project_id, id);
-- Filtering by label: a class's labels, and the imported labels of a class (only labeled rows).
create index labels_by_label on labels (project_id, label, item_id);
create index items_imported_label on items (project_id, imported_label, id) where imported_label is not null;
-- Least confident first: machine labels in confidence order.
create index labels_auto_confidence on labels (project_id, confidence, item_id) where source = 'AUTO';

-- Flags (module: browse): an annotator marks an item "unsure" or "problem" with a note; leads see
-- them in the item browser and resolve them.
create table item_flags (
    id          bigserial primary key,
    project_id  bigint      not null,
    item_id     bigint      not null references items (id) on delete cascade,
    user_id     bigint,
    kind        varchar(8)  not null check (kind in ('UNSURE', 'PROBLEM')),
    note        text        check (note is null or length(note) <= 2000),
    created_at  timestamptz not null default now(),
    resolved_at timestamptz,
    resolved_by bigint
);
create index item_flags_open on item_flags (project_id, item_id) where resolved_at is null;
create index item_flags_item on item_flags (item_id, id);
