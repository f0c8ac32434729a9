-- A clerk's ODK submissions collect into one open preview until she commits or discards it. Each
-- entry keeps the answers it was sent with, so that the preview is read again whole when her next
-- form joins it; a form sent again with the same instanceID replaces its answers, and a later form
-- about the same organization replaces the earlier one (replaced_by names it; its answers are dropped).
alter table survey_entry
    add column answers     jsonb,
    add column replaced_by varchar(100);
