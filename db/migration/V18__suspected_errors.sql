-- Label-error detection (issue 18): labeled items the latest model, by confident learning on out-of-fold
-- probabilities, believes are mislabeled. Replaced as a whole after each model; a review clears an item's row.
create table suspected_errors (
    item_id         bigint           primary key references items (id) on delete cascade,
    project_id      bigint           not null references projects (id) on delete cascade,
    model_version   integer          not null,
    label           text             not null,
    suggested_label text             not null,
    score           double precision not null,
    created_at      timestamptz      not null default now()
);
create index suspected_errors_by_project on suspected_errors (project_id, score desc);
