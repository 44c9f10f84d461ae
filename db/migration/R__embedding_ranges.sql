-- Every TEXT item inserted (upload COPY, upload replay, stream, synthesis) is queued for embedding once, as
-- ranges of the statement's new ids (at most 256 wide, so that several workers can share one upload). A
-- statement-level trigger with a transition table costs one small INSERT ... SELECT per statement.
create or replace function embedding_ranges_enqueue() returns trigger language plpgsql as $$
begin
    insert into embedding_ranges (project_id, first_id, last_id)
    select n.project_id, min(n.id), max(n.id)
    from new_items n join projects p on p.id = n.project_id
    where p.task_type = 'TEXT'
    group by n.project_id, n.id / 256;
    return null;
end
$$;

drop trigger if exists items_embedding_ranges on items;
create trigger items_embedding_ranges
    after insert on items
    referencing new table as new_items
    for each statement execute function embedding_ranges_enqueue();
