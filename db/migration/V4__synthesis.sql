-- Membership query synthesis (module: synthesis): synthetic items name the items they came from and
-- how they were made; an annotator may mark one "not a valid example", which takes it out of the
-- pool without costing budget.
alter table items add column derived_from bigint[];
alter table items add column synthesis_method varchar(64);
alter table items add column synthesis_note text;
alter table items add column invalid_at timestamptz;
alter table items add column invalid_by bigint;

alter table projects add column synthesis_max_share double precision not null default 0.25
    check (synthesis_max_share > 0 and synthesis_max_share <= 0.9);
alter table projects add column synthesis_allow_flips boolean not null default false;
-- Label-preserving training copies (TABULAR): one noisy copy of each human-labeled training item.
alter table projects add column training_augmentation boolean not null default false;

-- Items marked not valid leave the pool.
create or replace view unlabeled_items as
select i.project_id, i.id as item_id
from items i
where i.imported_label is null
  and i.invalid_at is null
  and not exists (select 1 from labels l where l.item_id = i.id and l.source = 'HUMAN');
