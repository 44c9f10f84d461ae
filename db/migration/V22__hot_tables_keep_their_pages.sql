-- The tables every claim and label rewrites (queue_entries, label_spend) are vacuumed every few seconds
-- (HotTableVacuum) and by autovacuum. A vacuum that finds empty pages at a table's end truncates them, and
-- truncation takes an ACCESS EXCLUSIVE lock: every claim and label waits behind it (up to the 20 ms between the
-- vacuum's checks for waiters, longer when the vacuum is short of CPU). The pages are refilled within seconds
-- anyway, so these tables keep them.
alter table queue_entries set (vacuum_truncate = false);
alter table label_spend set (vacuum_truncate = false);
