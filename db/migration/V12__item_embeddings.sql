-- Sentence embeddings of TEXT items (issue 16). One row per embedded item: the unit vector quantised to
-- int8 (one byte per dimension, 384 for all-MiniLM-L6-v2) with the scale that turns a byte back into a float.
create table item_embeddings (
    item_id    bigint primary key references items (id) on delete cascade,
    project_id bigint not null references projects (id) on delete cascade,
    vector     bytea  not null,
    scale      real   not null
);
create index item_embeddings_project on item_embeddings (project_id, item_id);

-- Items still to embed. Filled by the statement trigger on items (R__embedding_pending.sql); workers claim
-- batches with FOR UPDATE SKIP LOCKED and delete them in the transaction that stores the vectors, so a
-- crashed worker's batch is pending again when its transaction rolls back. No foreign keys: a 1,000,000-row
-- COPY would check each row; a claim simply finds no item for an id whose item is gone.
create table embedding_pending (
    item_id    bigint primary key,
    project_id bigint not null
);
create index embedding_pending_project on embedding_pending (project_id, item_id);

insert into embedding_pending (item_id, project_id)
select i.id, i.project_id from items i join projects p on p.id = i.project_id where p.task_type = 'TEXT';

-- The job's rate and failure per project, written by the workers after each batch.
create table embedding_progress (
    project_id       bigint primary key references projects (id) on delete cascade,
    items_per_second double precision not null default 0,
    last_batch_at    timestamptz,
    error            text
);
