-- Issue 19: webhooks with a durable outbox, and export jobs.

create table webhooks (
    id         bigserial primary key,
    project_id bigint      not null references projects (id) on delete cascade,
    url        text        not null,
    events     text[]      not null,
    secret     text        not null,
    created_by bigint references users (id) on delete set null,
    created_at timestamptz not null default now()
);
create index webhooks_by_project on webhooks (project_id);

-- One row per event and hook, written in the transaction of the change it announces (so a rolled-back change
-- never leaves one, and a committed one is never lost); the delivery worker leases due rows with
-- FOR UPDATE SKIP LOCKED, posts them, and records the outcome here (the delivery log).
create table webhook_outbox (
    id              bigserial primary key,
    webhook_id      bigint      not null references webhooks (id) on delete cascade,
    event           varchar(32) not null,
    data            jsonb       not null,
    created_at      timestamptz not null default now(),
    state           varchar(16) not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz
);
create index webhook_outbox_due on webhook_outbox (next_attempt_at) where state = 'PENDING';
create index webhook_outbox_by_hook on webhook_outbox (webhook_id, id);

-- ITEM_LABELED rows come from the labels table itself, so that every way a human label is written (one
-- statement on its own, a group commit, a replaced label) writes its outbox row in the same transaction.
create function webhook_item_labeled() returns trigger language plpgsql set search_path from current as $$
begin
    if new.source <> 'HUMAN' then
        return null;
    end if;
    if tg_op = 'UPDATE' and old.label = new.label then
        return null;
    end if;
    insert into webhook_outbox (webhook_id, event, data)
    select w.id, 'ITEM_LABELED', jsonb_build_object(
               'itemId', new.item_id,
               'externalId', (select i.external_id from items i where i.id = new.item_id),
               'label', new.label,
               'annotator', (select u.username from users u where u.id = new.user_id),
               'holdout', new.holdout,
               'labeledAt', to_char(new.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    from webhooks w
    where w.project_id = new.project_id and 'ITEM_LABELED' = any (w.events);
    return null;
end
$$;

create trigger labels_webhook_item_labeled after insert or update of label on labels
    for each row execute function webhook_item_labeled();

-- Large exports run as jobs that write a file and report progress.
create table export_jobs (
    id           bigserial primary key,
    project_id   bigint      not null references projects (id) on delete cascade,
    format       varchar(16) not null,
    state        varchar(16) not null default 'RUNNING' check (state in ('RUNNING', 'READY', 'FAILED')),
    rows_done    bigint      not null default 0,
    rows_total   bigint      not null default 0,
    file_path    text,
    bytes        bigint,
    error        text,
    created_by   bigint references users (id) on delete set null,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);
create index export_jobs_by_project on export_jobs (project_id, id);
