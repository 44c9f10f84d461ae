-- Labeling experience (issue 17; module: project): what annotators read (instructions, and per
-- label a description with examples), and the lead's order and hidden set of tabular feature
-- columns on the labeling page.
alter table projects add column instructions text;
alter table projects add column label_descriptions jsonb;
alter table projects add column feature_columns text[];
alter table projects add column hidden_features text[];
