-- The model as one more voter in consensus (issue 18): after each model of a project with several judgments per
-- item, the model's out-of-fold label of each labeled item it checked. Replaced as a whole after each model;
-- Dawid-Skene weighs it like an annotator when its agreement with the consensus beats the annotators' (docs/teams.md).
create table model_votes (
    item_id       bigint  primary key references items (id) on delete cascade,
    project_id    bigint  not null references projects (id) on delete cascade,
    model_version integer not null,
    label         text    not null
);
create index model_votes_by_project on model_votes (project_id);
