-- 一个不能少, continued: unsurveyed register lines a person lists in a 摸底 campaign, so that the
-- survey templates of their township list them for the clerk to fill in.
alter table register_row add column campaign_id bigint;
create index register_row_campaign on register_row (county_code, township_code, campaign_id)
    where campaign_id is not null;
