-- Model family per project (issue 14): AUTO (chosen per project by cross-validation) or a family the service
-- offers (GET /api/v1/model-families). Kept as text so that a new family needs no migration.
alter table projects add column model_family varchar(32) not null default 'AUTO';
