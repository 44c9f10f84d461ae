-- The instance that runs (or queued) each training run, so that a run whose instance died can be told
-- from a live one: each instance holds a PostgreSQL session advisory lock on its id while it runs.
alter table training_runs add column instance_id integer;
create index training_runs_unfinished on training_runs (instance_id) where status in ('QUEUED', 'RUNNING');
