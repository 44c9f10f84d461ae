-- The budget counter (module: annotation, LabelBudget). Human labels and judgments spent per project, kept in label_spend by
-- these triggers, so that the budget check sums a few rows instead of counting every label of the project
-- (under the budget lock, on every claim and label post). The count is split into stripes picked by
-- transaction id (0-63): concurrent label commits of one project mostly update different rows and do not
-- queue behind each other's row lock. A project's spend is the sum of its stripes (a stripe may go negative
-- when an undo lands on another stripe); held_out counts the human labels drawn for the holdout beside it.
-- A final label derived from judgments (from_judgments) costs nothing itself: each judgment costs one unit.
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

drop trigger if exists labels_spend_on_insert on labels;
create trigger labels_spend_on_insert after insert on labels
    for each row when (new.source = 'HUMAN' and not new.from_judgments) execute function label_spend_add();
drop trigger if exists labels_spend_on_delete on labels;
create trigger labels_spend_on_delete after delete on labels
    for each row when (old.source = 'HUMAN' and not old.from_judgments) execute function label_spend_add();
drop trigger if exists judgments_spend_on_insert on judgments;
create trigger judgments_spend_on_insert after insert on judgments
    for each row execute function label_spend_add();
drop trigger if exists judgments_spend_on_delete on judgments;
create trigger judgments_spend_on_delete after delete on judgments
    for each row execute function label_spend_add();
