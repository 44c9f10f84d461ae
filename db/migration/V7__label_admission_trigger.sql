-- The queue's admission of a human label (module: queue), enforced where the label is written: a
-- label on an item that someone else holds under a live lease is not stored (the row is skipped,
-- no error, so a batch of label posts in one transaction is never aborted by one refusal);
-- otherwise the item leaves the queue and the label takes the entry's holdout draw. A new label is
-- then one INSERT, committed on its own, instead of a read, this delete, the insert and a COMMIT.
create function queue_admit_label() returns trigger language plpgsql set search_path from current as $$
declare
    drawn boolean;
begin
    delete from queue_entries q
    where q.item_id = new.item_id
      and (q.lease_owner is null or q.lease_owner = new.user_id or q.lease_expires_at is null or q.lease_expires_at <= now())
    returning q.holdout into drawn;
    if found then
        new.holdout := drawn;
        return new;
    end if;
    if exists (select 1 from queue_entries q
               where q.item_id = new.item_id and q.lease_owner <> new.user_id and q.lease_expires_at > now()) then
        return null;
    end if;
    return new;
end $$;

create trigger labels_admit_human before insert on labels
    for each row when (new.source = 'HUMAN') execute function queue_admit_label();
