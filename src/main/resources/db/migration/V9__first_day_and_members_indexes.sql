-- The first day a county recorded anything (the start of its charts and of "as of" reports) is
-- read on every township page: with these, the earliest version of each county is one index probe
-- instead of a scan of its whole history.
create index organization_history_since on organization_history (county_code, lower(valid));
create index party_organization_history_since on party_organization_history (county_code, lower(valid));

-- The gap filters of the organization list ("应建未建" and the others select by formal members):
-- across a province, the organizations with 3 or more formal members are about 5 % of them. This
-- index finds them, with the columns the list sorts by, without reading the table.
create index organization_members_idx on organization (formal_members, county_code, id) include (township_code, name)
    where status <> 'CLOSED';
