-- Near-duplicates (issue 16): items whose sentence embedding is at least labelloop.embedding.near-duplicate-similarity
-- (cosine) from an item of the same project embedded before them, one row per such item with the nearest one found.
-- Written by the embedding job in the transaction that stores the item's vector.
create table near_duplicates (
    item_id      bigint primary key references items (id) on delete cascade,
    project_id   bigint not null references projects (id) on delete cascade,
    duplicate_of bigint not null references items (id) on delete cascade,
    similarity   real   not null
);
create index near_duplicates_project on near_duplicates (project_id, item_id);
create index near_duplicates_of on near_duplicates (duplicate_of);

-- The report of each bulk upload, kept so that GET .../uploads/{id} can add what the background work found
-- later (near-duplicates once the upload's items are embedded). The items an upload created are the project's
-- items with ids from first_item_id to last_item_id (null when it created none).
create table uploads (
    id             bigserial primary key,
    project_id     bigint      not null references projects (id) on delete cascade,
    uploaded_at    timestamptz not null default now(),
    received       bigint      not null,
    created        bigint      not null,
    duplicates     bigint      not null,
    rejected_count bigint      not null,
    first_item_id  bigint,
    last_item_id   bigint
);
create index uploads_project on uploads (project_id, id);

-- QueueSettings.skipNearDuplicates: cycles do not queue a near-duplicate of an item labeled or queued.
alter table projects add column skip_near_duplicates boolean;
