-- Kept counts of a project's items, item vectors and sentence embeddings (module: item, ItemCounts), so that a
-- cycle's encode check, the embedding progress and the dashboard's item figures sum a few rows instead of counting
-- a pool of millions. Kept by the statement triggers of R__item_counts.sql, which also fill the table for the
-- projects that exist when they are created. As label_spend does, each count is split into stripes picked by
-- transaction id (0-63): concurrent writers of one project (uploads, stream items, embedding workers, a cycle's
-- vectors) mostly add to different rows and do not queue behind each other's row lock; a project's count is the
-- sum of its stripes. No foreign key: items.project_id has none either (COPY speed); the rows go with the
-- project's items (ProjectItemsCleanup).
create table item_counts (
    project_id bigint  not null,
    stripe     integer not null,
    items      bigint  not null default 0,
    imported   bigint  not null default 0,
    synthetic  bigint  not null default 0,
    invalid    bigint  not null default 0,
    vectors    bigint  not null default 0,
    embeddings bigint  not null default 0,
    primary key (project_id, stripe)
);
