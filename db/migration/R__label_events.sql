-- Who labeled what when (module: browse): every human label written, changed or taken back, recorded in
-- label_events where the label is written, so no path can skip it. Machine labels are left out
-- (propagation re-decides up to the whole pool after every model). A label that goes with its item is not
-- recorded as taken back.
create or replace function label_events_record() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op = 'INSERT' then
        insert into label_events (project_id, item_id, user_id, label, action)
        values (new.project_id, new.item_id, new.user_id, new.label, 'LABELED');
    elsif tg_op = 'UPDATE' then
        insert into label_events (project_id, item_id, user_id, label, action)
        values (new.project_id, new.item_id, new.user_id, new.label, 'CHANGED');
    elsif exists (select 1 from items where id = old.item_id) then -- not when the item itself goes
        insert into label_events (project_id, item_id, user_id, label, action)
        values (old.project_id, old.item_id, old.user_id, old.label, 'REMOVED');
    end if;
    return null;
end $$;

drop trigger if exists labels_record_human_insert on labels;
create trigger labels_record_human_insert after insert on labels
    for each row when (new.source = 'HUMAN') execute function label_events_record();
drop trigger if exists labels_record_human_update on labels;
create trigger labels_record_human_update after update of label, user_id on labels
    for each row when (new.source = 'HUMAN' and (old.label is distinct from new.label or old.user_id is distinct from new.user_id))
    execute function label_events_record();
drop trigger if exists labels_record_human_delete on labels;
create trigger labels_record_human_delete after delete on labels
    for each row when (old.source = 'HUMAN') execute function label_events_record();
