-- The item browser (module: browse) walks each part of a page's driving set in the page's order, so
-- a page reads about a page of index entries whatever the project's size (docs/labeling-experience.md).

-- A class's labels per source in item order: human labels of the class, machine labels of the class.
-- Replaces labels_by_label (project, label, item): a class's human and machine labels were interleaved
-- in it, so a walk for one source read the other's too. Still one entry per label.
drop index labels_by_label;
create index labels_by_label_source on labels (project_id, label, source, item_id);

-- Least confident first among the queue's predictions (items without a machine label), in the order
-- of labels_auto_confidence, so the two walks merge.
create index queue_entries_confidence on queue_entries (project_id, ((prediction ->> 'confidence')::float8), item_id)
    where prediction is not null;
