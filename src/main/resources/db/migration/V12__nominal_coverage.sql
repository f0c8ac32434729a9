-- Nominal coverage: an organization covered by a party organization whose member base (the formal
-- members of the active organizations it covers) is below what its level needs. The kept township
-- figures gain its count; they are all counted again on the next read.
alter table township_summary add column nominal bigint not null default 0;
delete from township_summary;

-- An organization's members or status move the base of the party organization covering it, and so
-- the figures of every township that party organization reaches (a branch formed by reliance may
-- cover several townships).
create or replace function summary_organization() returns trigger language plpgsql as $$
declare
    r record;
begin
    if tg_op <> 'DELETE' then
        perform summary_mark(new.county_code, new.township_code);
    end if;
    if tg_op <> 'INSERT' then
        perform summary_mark(old.county_code, old.township_code);
    end if;
    if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (new.formal_members is distinct from old.formal_members
                                                  or new.status is distinct from old.status)) then
        for r in select distinct o.county_code, o.township_code
                 from party_organization_coverage mine
                 join party_organization_coverage c
                   on c.county_code = mine.county_code and c.party_organization_id = mine.party_organization_id
                 join organization o on o.county_code = c.county_code and o.id = c.organization_id
                 where mine.county_code = old.county_code and mine.organization_id = old.id and mine.active loop
            perform summary_mark(r.county_code, r.township_code);
        end loop;
    end if;
    return null;
end
$$;

-- A change of what a party organization covers moves its base: every township it reaches.
create or replace function summary_coverage() returns trigger language plpgsql as $$
declare
    r record;
begin
    for r in select distinct o.county_code, o.township_code
             from party_organization_coverage c
             join organization o on o.county_code = c.county_code and o.id = c.organization_id
             where (tg_op <> 'DELETE' and c.county_code = new.county_code and c.party_organization_id = new.party_organization_id)
                or (tg_op <> 'INSERT' and c.county_code = old.county_code and c.party_organization_id = old.party_organization_id)
             union
             select o.county_code, o.township_code from organization o
             where (tg_op <> 'DELETE' and o.county_code = new.county_code and o.id = new.organization_id)
                or (tg_op <> 'INSERT' and o.county_code = old.county_code and o.id = old.organization_id) loop
        perform summary_mark(r.county_code, r.township_code);
    end loop;
    return null;
end
$$;
