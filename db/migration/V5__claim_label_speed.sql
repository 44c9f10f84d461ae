-- Human labels spent per project, kept by triggers so that the budget check sums a few rows
-- instead of counting every label of the project (under the budget lock, on every claim and label
-- post). The count is split into stripes picked by transaction id: concurrent label commits of one
-- project mostly update different rows and do not queue behind each other's row lock. A project's
-- spend is the sum of its stripes (a stripe may go negative when an undo lands on another stripe).
-- No foreign key: labels deleted by a project's cascade still decrement it, in whatever order.
create table label_spend (
    project_id bigint   not null,
    stripe     smallint not null,
    spent      integer  not null,
    primary key (project_id, stripe)
);

insert into label_spend (project_id, stripe, spent)
select project_id, 0, count(*) from labels where source = 'HUMAN' group by project_id;

create function label_spend_add() returns trigger language plpgsql set search_path from current as $$
declare
    project bigint;
    delta   integer;
begin
    if tg_op = 'INSERT' then
        project := new.project_id;
        delta := 1;
    else
        project := old.project_id;
        delta := -1;
    end if;
    insert into label_spend (project_id, stripe, spent) values (project, txid_current() % 64, delta)
    on conflict (project_id, stripe) do update set spent = label_spend.spent + excluded.spent;
    return null;
end $$;

create trigger labels_spend_on_insert after insert on labels
    for each row when (new.source = 'HUMAN') execute function label_spend_add();
create trigger labels_spend_on_delete after delete on labels
    for each row when (old.source = 'HUMAN') execute function label_spend_add();
