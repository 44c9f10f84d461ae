-- The item browser's trigram index on items.text (created by V19) is opt-in: it finds a rare word
-- without reading every text (10 ms instead of 1 s at 1,000,000 items), but it makes every text upload
-- about 12 times slower (bench/text-index-cost.sh, docs/labeling-experience.md). An operator who
-- searches more than uploads builds it again, without blocking uploads:
--   create index concurrently items_text_trgm on items using gin (text extensions.gin_trgm_ops);
-- and drops it to get upload speed back. The search uses it when it is there. The pg_trgm extension
-- V19 created stays.
drop index if exists items_text_trgm;
