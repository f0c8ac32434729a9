-- 一个不能少, continued: unsurveyed register lines a person lists in a 摸底 campaign, so that the
-- survey templates of their township list them for the clerk to fill in.
alter table register_row add column campaign_id bigint;
create index register_row_campaign on register_row (county_code, township_code, campaign_id)
    where campaign_id is not null;

-- A register's lines are written only with their import, by one COPY in its transaction, and an
-- import is never deleted: the foreign key's check on every line and the worklist index (an
-- import's lines are read through the primary key's county_code, import_id prefix, at most some
-- tens of thousands a county) cost more than half of writing a register (docs/performance.md).
alter table register_row drop constraint register_row_county_code_import_id_fkey;
drop index register_row_worklist;
