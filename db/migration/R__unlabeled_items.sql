-- The pool (modules: queue, training): items with neither an imported nor a human label, and not marked
-- "not a valid example". A read model shared by the queue and the training cycle, so that neither reads the
-- other's tables.
create or replace view unlabeled_items as
select i.project_id, i.id as item_id
from items i
where i.imported_label is null
  and i.invalid_at is null
  and not exists (select 1 from labels l where l.item_id = i.id and l.source = 'HUMAN');
