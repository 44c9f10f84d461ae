-- Every TEXT item inserted (upload COPY, upload replay, stream, synthesis) is queued for embedding once. A
-- statement-level trigger with a transition table costs one INSERT ... SELECT per statement, not a call per row.
create or replace function embedding_pending_enqueue() returns trigger language plpgsql as $$
begin
    insert into embedding_pending (item_id, project_id)
    select n.id, n.project_id
    from new_items n join projects p on p.id = n.project_id
    where p.task_type = 'TEXT'
    on conflict do nothing;
    return null;
end
$$;

drop trigger if exists items_embedding_pending on items;
create trigger items_embedding_pending
    after insert on items
    referencing new table as new_items
    for each statement execute function embedding_pending_enqueue();
