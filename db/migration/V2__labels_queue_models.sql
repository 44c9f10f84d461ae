-- A lead can stop labeling (the queue then answers STOPPED).
alter table projects add column stopped boolean not null default false;

-- Human and machine labels (module: annotation). Imported labels stay on items.imported_label.
create table labels (
    id            bigserial primary key,
    project_id    bigint      not null references projects (id) on delete cascade,
    item_id       bigint      not null references items (id) on delete cascade,
    user_id       bigint references users (id) on delete set null,
    label         text        not null,
    source        varchar(8)  not null check (source in ('HUMAN', 'AUTO')),
    holdout       boolean     not null default false,
    confidence    double precision,
    model_version integer,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
-- One human label per item: "no two annotators on the same item" holds even for direct posts.
create unique index labels_one_human_label_per_item on labels (item_id) where source = 'HUMAN';
create unique index labels_one_auto_label_per_item on labels (item_id) where source = 'AUTO';
create index labels_by_project on labels (project_id, source, updated_at);

-- The ranked labeling queue with leases (module: queue).
create table queue_entries (
    item_id          bigint primary key references items (id) on delete cascade,
    project_id       bigint      not null references projects (id) on delete cascade,
    rank             integer     not null,
    score            double precision,
    reason           varchar(16) not null,
    holdout          boolean     not null default false,
    model_version    integer,
    prediction       jsonb,
    skips            integer     not null default 0,
    lease_owner      bigint references users (id) on delete set null,
    lease_expires_at timestamptz,
    created_at       timestamptz not null default now()
);
create index queue_entries_next on queue_entries (project_id, skips, rank);

-- What the learning core reads: each item encoded once (hashed term counts, floats or grey
-- pixels). No foreign key, for COPY speed; rows go with ProjectDeleted.
create table item_vectors (
    project_id bigint not null,
    item_id    bigint not null,
    encoded    bytea  not null,
    primary key (project_id, item_id)
);

-- Model versions (module: training): model bytes, metrics, timings, provenance.
create table model_versions (
    project_id       bigint      not null references projects (id) on delete cascade,
    version          integer     not null,
    trained_at       timestamptz not null default now(),
    label_count      integer     not null,
    human_labels     integer     not null,
    algorithm        text        not null,
    metrics          jsonb       not null,
    provenance       jsonb       not null,
    train_millis     bigint      not null,
    score_millis     bigint      not null,
    items_scored     bigint      not null,
    stop_kappa       double precision,
    stop_recommended boolean     not null default false,
    stop_predictions text[],
    thresholds       jsonb,
    model            bytea       not null,
    primary key (project_id, version)
);

-- A fixed random sample of the pool on which successive models' predictions are compared.
create table stop_set_items (
    project_id bigint not null references projects (id) on delete cascade,
    item_id    bigint not null references items (id) on delete cascade,
    primary key (project_id, item_id)
);

create table training_runs (
    id            bigserial primary key,
    project_id    bigint      not null references projects (id) on delete cascade,
    trigger       varchar(16) not null,
    status        varchar(16) not null,
    requested_at  timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    model_version integer,
    message       text
);
create index training_runs_by_project on training_runs (project_id, id);

-- The pool: items with neither an imported nor a human label. A read model shared by the queue
-- and the training cycle, so that neither reads the other's tables.
create view unlabeled_items as
select i.project_id, i.id as item_id
from items i
where i.imported_label is null
  and not exists (select 1 from labels l where l.item_id = i.id and l.source = 'HUMAN');

-- Every label of every item with its source: the read model behind the export.
create view labeled_items as
select l.project_id, i.id as item_id, i.external_id, l.label, l.source, l.confidence, u.username as annotator,
       l.updated_at as labeled_at, i.synthetic
from labels l
join items i on i.id = l.item_id
left join users u on u.id = l.user_id
union all
select i.project_id, i.id, i.external_id, i.imported_label, 'IMPORTED', null, null, i.created_at, i.synthetic
from items i
where i.imported_label is not null;
