-- The queue's admission of a human label (module: queue), enforced where the label is written: a label on an
-- item that someone else holds under a live lease is not stored (the row is skipped, no error, so a batch of
-- label posts in one transaction is never aborted by one refusal); otherwise the item leaves the queue and
-- the label takes the entry's holdout draw. A new label is then one INSERT, committed on its own. A final
-- label derived from judgments (from_judgments) is not admitted here: its judgments were.
create or replace function queue_admit_label() returns trigger language plpgsql set search_path from current as $$
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

drop trigger if exists labels_admit_human on labels;
create trigger labels_admit_human before insert on labels
    for each row when (new.source = 'HUMAN' and not new.from_judgments) execute function queue_admit_label();

-- How many judgments an item gets: judgments_per_item, or, with a quality-control share s and one
-- judgment per item, 2 for a fixed pseudo-random share s of the items (golden-ratio hash of the id).
create or replace function judgments_wanted(item bigint, per_item integer, qc_share double precision) returns integer
    language sql immutable as $$
    select case when coalesce(per_item, 1) > 1 then per_item
                when coalesce(qc_share, 0) > 0
                     and (item::float8 * 0.6180339887498949) - floor(item::float8 * 0.6180339887498949) < qc_share then 2
                else 1 end
$$;

-- The queue's admission of a judgment (module: queue), serialized per item by a transaction advisory
-- lock (namespace 0x4C4C0006), so that an item never gets more judgments than it wants, also under
-- concurrent posts on several instances. Refusals skip the row (no error): the annotator judged it
-- already (a repeat), a plain human label exists, the item has all its judgments, or someone else
-- holds it under a live lease. Otherwise the judgment takes the entry's holdout draw; the entry
-- leaves the queue with the last judgment wanted and waits, unleased, for the next annotator before.
create or replace function queue_admit_judgment() returns trigger language plpgsql set search_path from current as $$
declare
    wanted integer;
    have   integer;
    entry  record;
begin
    perform pg_advisory_xact_lock(1280049158, (new.item_id % 2147483647)::integer);
    if exists (select 1 from judgments j where j.item_id = new.item_id and j.user_id = new.user_id)
       or exists (select 1 from labels l where l.item_id = new.item_id and l.source = 'HUMAN' and not l.from_judgments) then
        return null;
    end if;
    select judgments_wanted(new.item_id, p.judgments_per_item, p.quality_control_share) into wanted
    from projects p where p.id = new.project_id;
    select count(*) into have from judgments j where j.item_id = new.item_id;
    if have >= wanted then
        delete from queue_entries q where q.item_id = new.item_id and q.overlap;
        return null;
    end if;
    select q.lease_owner, q.lease_expires_at, q.holdout into entry from queue_entries q where q.item_id = new.item_id for update;
    if found then
        if entry.lease_owner <> new.user_id and entry.lease_expires_at > now() then
            return null;
        end if;
        new.holdout := entry.holdout;
        if have + 1 >= wanted then
            delete from queue_entries q where q.item_id = new.item_id;
        else
            update queue_entries q set overlap = true, lease_owner = null, lease_expires_at = null where q.item_id = new.item_id;
        end if;
    else
        new.holdout := coalesce((select j.holdout from judgments j where j.item_id = new.item_id limit 1), false);
        if have + 1 < wanted then
            insert into queue_entries (item_id, project_id, rank, reason, holdout, overlap)
            values (new.item_id, new.project_id, 0, 'FALLBACK', new.holdout, true) on conflict (item_id) do nothing;
        end if;
    end if;
    return new;
end $$;

drop trigger if exists judgments_admit on judgments;
create trigger judgments_admit before insert on judgments
    for each row execute function queue_admit_judgment();
