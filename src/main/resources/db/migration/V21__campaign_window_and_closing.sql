-- A 摸底 campaign's window: from the day it starts to its deadline, cut short when the county's
-- 党工委 closes it. What is committed for its townships' organizations within the window counts
-- toward it, whichever way it came in. A campaign started before this had no start day: the day it
-- was set, in the counties' time (or its deadline, when that came first).
alter table survey_campaign add column starts_on date;
update survey_campaign set starts_on = least((created_at at time zone 'Asia/Shanghai')::date, deadline);
alter table survey_campaign alter column starts_on set not null;
alter table survey_campaign add column closed_at timestamptz;
alter table survey_campaign add column closed_by varchar(50);

-- a campaign's counts read the county's commits of its window
create index survey_import_committed on survey_import (county_code, committed_at) where status = 'COMMITTED';
