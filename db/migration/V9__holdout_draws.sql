-- Holdout draws (module: queue): queue entries with holdout = true, either uniform random pool items
-- (reason 'HOLDOUT', drawn by claims) or stream items drawn for the holdout (reason 'STREAM'). Claims
-- hand them out at the project's holdoutFraction of the human labels, whatever else they hand out
-- (ranked batch, cold-start seeds, fallbacks); cycles no longer replace them; a label on one takes
-- its holdout flag (trigger labels_admit_human, V7). Claims lease draws through this index.
create index queue_entries_holdout_draws on queue_entries (project_id, skips, rank) where holdout;
