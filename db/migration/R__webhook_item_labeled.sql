-- ITEM_LABELED webhook events (module: webhook) come from the labels table itself, so that every way a human
-- label is written (one statement on its own, a group commit, a replaced label) writes its outbox row in
-- the same transaction as the label: a rolled-back label never leaves one, a committed one is never lost.
create or replace function webhook_item_labeled() returns trigger language plpgsql set search_path from current as $$
begin
    if new.source <> 'HUMAN' then
        return null;
    end if;
    if tg_op = 'UPDATE' and old.label = new.label then
        return null;
    end if;
    insert into webhook_outbox (webhook_id, event, data)
    select w.id, 'ITEM_LABELED', jsonb_build_object(
               'itemId', new.item_id,
               'externalId', (select i.external_id from items i where i.id = new.item_id),
               'label', new.label,
               'annotator', (select u.username from users u where u.id = new.user_id),
               'holdout', new.holdout,
               'labeledAt', to_char(new.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    from webhooks w
    where w.project_id = new.project_id and 'ITEM_LABELED' = any (w.events);
    return null;
end
$$;

drop trigger if exists labels_webhook_item_labeled on labels;
create trigger labels_webhook_item_labeled after insert or update of label on labels
    for each row execute function webhook_item_labeled();
