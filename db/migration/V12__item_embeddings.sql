-- Sentence embeddings of TEXT items (issue 16). One row per embedded item: the unit vector quantised to
-- int8 (one byte per dimension, 384 for all-MiniLM-L6-v2) with the scale that turns a byte back into a float.
create table item_embeddings (
    item_id    bigint primary key references items (id) on delete cascade,
    project_id bigint not null references projects (id) on delete cascade,
    vector     bytea  not null,
    scale      real   not null
);
create index item_embeddings_project on item_embeddings (project_id, item_id);

-- Items still to embed, as ranges of item ids of one project (at most 256 ids wide), filled by the statement
-- trigger on items (R__embedding_ranges.sql): a 1,000,000-row upload adds about 4,000 rows here, not a
-- million. A worker locks a range with FOR UPDATE SKIP LOCKED, embeds its next items and moves first_id past
-- them (or deletes the range) in the transaction that stores the vectors, so a crashed worker's batch is
-- pending again when its transaction rolls back, and two workers never take the same range.
create table embedding_ranges (
    id         bigserial primary key,
    project_id bigint not null references projects (id) on delete cascade,
    first_id   bigint not null,
    last_id    bigint not null
);
create index embedding_ranges_project on embedding_ranges (project_id, id);

insert into embedding_ranges (project_id, first_id, last_id)
select i.project_id, min(i.id), max(i.id)
from items i join projects p on p.id = i.project_id
where p.task_type = 'TEXT'
group by i.project_id, i.id / 256;

-- The job's rate and failure per project, written by the workers after each batch.
create table embedding_progress (
    project_id       bigint primary key references projects (id) on delete cascade,
    items_per_second double precision not null default 0,
    last_batch_at    timestamptz,
    error            text
);
