-- Users, roles and API tokens (module: security)
create table users (
    id            bigserial primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(255) not null,
    role          varchar(16)  not null check (role in ('ADMIN', 'LEAD', 'ANNOTATOR')),
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now()
);

create table api_tokens (
    id           bigserial primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   varchar(64) not null unique,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Labeling projects and their members (module: project)
create table projects (
    id                         bigserial primary key,
    name                       varchar(200)     not null,
    task_type                  varchar(16)      not null check (task_type in ('TEXT', 'TABULAR', 'IMAGE')),
    labels                     text[]           not null,
    budget                     integer check (budget is null or budget >= 0),
    strategy                   varchar(40)      not null,
    batch_size                 integer          not null check (batch_size > 0),
    retrain_every              integer          not null check (retrain_every > 0),
    auto_label_threshold       double precision,
    auto_label_target_accuracy double precision,
    holdout_fraction           double precision not null check (holdout_fraction >= 0 and holdout_fraction < 1),
    synthesis_enabled          boolean          not null default false,
    created_by                 bigint references users (id) on delete set null,
    created_at                 timestamptz      not null default now(),
    updated_at                 timestamptz      not null default now(),
    version                    bigint           not null default 0
);

create table project_members (
    project_id bigint      not null references projects (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    added_at   timestamptz not null default now(),
    primary key (project_id, user_id)
);
create index project_members_user on project_members (user_id);

-- Items to label (module: item). Features are packed float32 little-endian in the order of the
-- project's feature schema (NaN = missing), so that scoring can stream them back cheaply.
-- items.project_id has no foreign key on purpose: bulk COPY would run a referential-integrity
-- trigger per row (about 15% of upload time); the item module deletes a project's items when it
-- hears ProjectDeleted, in the same transaction.
create table item_feature_schemas (
    project_id    bigint primary key references projects (id) on delete cascade,
    feature_names text[] not null
);

create table items (
    id             bigserial primary key,
    project_id     bigint       not null,
    external_id    varchar(512) not null,
    text           text,
    features       bytea,
    metadata       jsonb,
    imported_label text,
    has_image      boolean      not null default false,
    synthetic      boolean      not null default false,
    created_at     timestamptz  not null default now(),
    constraint items_external_id_unique unique (project_id, external_id)
);

create table item_images (
    item_id      bigint primary key references items (id) on delete cascade,
    content_type varchar(32) not null,
    data         bytea       not null
);
