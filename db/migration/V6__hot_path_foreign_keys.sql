-- Foreign keys that every label post and every claim paid for without protecting anything the
-- item key does not already protect. Each checked row is locked FOR KEY SHARE by the writing
-- transaction; on the project row, which every concurrent label post of a project locks at once,
-- that lock is shared by many transactions and becomes a new MultiXact each time.
--  * labels.project_id and queue_entries.project_id: the item_id key already ties each row to an
--    item of the project and removes it with the item (items go with their project); the writers
--    take project_id from the item's project.
--  * queue_entries.lease_owner and labels.user_id: users are disabled, never deleted, and these ids
--    come from the authenticated caller; a lease is a short-lived reservation.
alter table labels drop constraint labels_project_id_fkey;
alter table labels drop constraint labels_user_id_fkey;
alter table queue_entries drop constraint queue_entries_project_id_fkey;
alter table queue_entries drop constraint queue_entries_lease_owner_fkey;

-- Human labels drawn for the holdout, counted beside the spend, so that a scheduler tick tells
-- "no cycle due" from a sum over a few rows instead of counting every label of the project.
-- Stripe 64 (outside the triggers' 0-63) holds what existed before this migration.
alter table label_spend add column held_out integer not null default 0;
insert into label_spend (project_id, stripe, spent, held_out)
select project_id, 64, 0, count(*) from labels where source = 'HUMAN' and holdout group by project_id;

create or replace function label_spend_add() returns trigger language plpgsql set search_path from current as $$
declare
    project bigint;
    delta   integer;
    held    integer;
begin
    if tg_op = 'INSERT' then
        project := new.project_id;
        delta := 1;
        held := case when new.holdout then 1 else 0 end;
    else
        project := old.project_id;
        delta := -1;
        held := case when old.holdout then -1 else 0 end;
    end if;
    insert into label_spend (project_id, stripe, spent, held_out) values (project, txid_current() % 64, delta, held)
    on conflict (project_id, stripe) do update
        set spent = label_spend.spent + excluded.spent, held_out = label_spend.held_out + excluded.held_out;
    return null;
end $$;
