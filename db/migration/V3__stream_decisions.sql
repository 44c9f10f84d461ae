-- What the stream decided for each item that arrived on it (module: stream); a repost returns it.
create table stream_decisions (
    item_id       bigint primary key references items (id) on delete cascade,
    project_id    bigint           not null references projects (id) on delete cascade,
    decision      varchar(16)      not null check (decision in ('AUTO_LABELED', 'QUEUED', 'NOT_QUEUED')),
    label         text,
    confidence    double precision,
    model_version integer,
    decided_at    timestamptz      not null default now()
);
create index stream_decisions_by_project on stream_decisions (project_id, decision);

-- A random share of auto-labeled items also goes to a human, to measure the realized accuracy.
alter table stream_decisions add column audit boolean not null default false;
alter table projects add column audit_fraction double precision not null default 0.05
    check (audit_fraction >= 0 and audit_fraction <= 1);

-- Label propagation (module: stream): once a lead propagates, machine labels are re-decided after
-- every new model.
create table propagations (
    project_id    bigint primary key references projects (id) on delete cascade,
    enabled       boolean     not null default true,
    model_version integer,
    scanned       bigint      not null default 0,
    auto_labeled  bigint      not null default 0,
    removed       bigint      not null default 0,
    ran_at        timestamptz
);

-- Budget pacing for streams (Zliobaite et al. 2014, variable uncertainty): the share of stream
-- items a human may be asked about, and the rule's running state.
alter table projects add column stream_labeling_share double precision
    check (stream_labeling_share is null or (stream_labeling_share > 0 and stream_labeling_share <= 1));
create table stream_pacing (
    project_id bigint primary key references projects (id) on delete cascade,
    theta      double precision not null default 1.0,
    seen       bigint           not null default 0,
    asked      bigint           not null default 0
);
