-- The coverage table's figures per township, kept so that a prefecture's or province's roll-up
-- reads a row per township instead of counting a million organizations. Every change to what the
-- figures count marks its township stale in the same transaction (row-level triggers: a
-- distributed table can run them); a report recounts the stale townships of its part before it
-- reads, so what it shows is what the registry holds.
create table township_summary (
    county_code           varchar(6)   not null,
    township_code         varchar(9)   not null,
    organizations         bigint       not null,
    economic              bigint       not null,
    social                bigint       not null,
    headcount             bigint       not null,
    formal                bigint       not null,
    probationary          bigint       not null,
    independently         bigint       not null,
    jointly               bigint       not null,
    should_form           bigint       not null,
    few_members           bigint       not null,
    no_members            bigint       not null,
    no_members_instructor bigint       not null,
    parties               bigint       not null,
    branch                bigint       not null,
    general_branch        bigint       not null,
    committee             bigint       not null,
    five_one              bigint       not null,
    -- the thresholds the figures were counted with: other thresholds, other figures
    rules                 varchar(100) not null,
    counted_at            timestamptz  not null default now(),
    primary key (county_code, township_code)
);

create table township_summary_stale (
    county_code   varchar(6) not null,
    township_code varchar(9) not null,
    seq           bigint     not null,
    primary key (county_code, township_code)
);
create sequence township_summary_stale_seq;

-- Marks a township stale, once per transaction (the rest of a 20,000-row import costs a lookup of
-- a transaction-local setting per row). A later mark gets a higher seq, so a report that recounted
-- the township meanwhile does not clear it.
create function summary_mark(county varchar, township varchar) returns void language plpgsql as $$
declare
    key text;
begin
    if county is null or township is null then
        return;
    end if;
    key := 'liangxin.stale_' || county || '_' || township;
    if current_setting(key, true) = '1' then
        return;
    end if;
    perform set_config(key, '1', true);
    insert into township_summary_stale (county_code, township_code, seq)
    values (county, township, nextval('township_summary_stale_seq'))
    on conflict (county_code, township_code) do update set seq = excluded.seq;
end
$$;

create function summary_organization() returns trigger language plpgsql as $$
begin
    if tg_op <> 'DELETE' then
        perform summary_mark(new.county_code, new.township_code);
    end if;
    if tg_op <> 'INSERT' then
        perform summary_mark(old.county_code, old.township_code);
    end if;
    return null;
end
$$;

-- a party organization counts in its own township, and its formation in those of the organizations it covers
create function summary_party_organization() returns trigger language plpgsql as $$
declare
    r record;
begin
    for r in select o.county_code, o.township_code from party_organization_coverage c
             join organization o on o.county_code = c.county_code and o.id = c.organization_id
             where c.county_code = coalesce(new.county_code, old.county_code)
               and c.party_organization_id = coalesce(new.id, old.id) loop
        perform summary_mark(r.county_code, r.township_code);
    end loop;
    if tg_op <> 'DELETE' then
        perform summary_mark(new.county_code, new.township_code);
    end if;
    if tg_op <> 'INSERT' then
        perform summary_mark(old.county_code, old.township_code);
    end if;
    return null;
end
$$;

create function summary_coverage() returns trigger language plpgsql as $$
declare
    r record;
begin
    for r in select o.county_code, o.township_code from organization o
             where (tg_op <> 'DELETE' and o.county_code = new.county_code and o.id = new.organization_id)
                or (tg_op <> 'INSERT' and o.county_code = old.county_code and o.id = old.organization_id) loop
        perform summary_mark(r.county_code, r.township_code);
    end loop;
    return null;
end
$$;

create function summary_standard() returns trigger language plpgsql as $$
declare
    r record;
begin
    for r in select p.county_code, p.township_code from party_organization p
             where (tg_op <> 'DELETE' and p.county_code = new.county_code and p.id = new.party_organization_id)
                or (tg_op <> 'INSERT' and p.county_code = old.county_code and p.id = old.party_organization_id) loop
        perform summary_mark(r.county_code, r.township_code);
    end loop;
    return null;
end
$$;

-- emptied wholesale (tests, a restore): every figure is counted again
create function summary_forget() returns trigger language plpgsql as $$
begin
    delete from township_summary;
    return null;
end
$$;

create trigger organization_summary after insert or update or delete on organization
    for each row execute function summary_organization();
create trigger party_organization_summary after insert or update or delete on party_organization
    for each row execute function summary_party_organization();
create trigger party_organization_coverage_summary after insert or update or delete on party_organization_coverage
    for each row execute function summary_coverage();
create trigger party_standard_summary after insert or update or delete on party_standard
    for each row execute function summary_standard();
create trigger organization_summary_truncate after truncate on organization
    for each statement execute function summary_forget();
create trigger party_organization_summary_truncate after truncate on party_organization
    for each statement execute function summary_forget();
create trigger party_organization_coverage_summary_truncate after truncate on party_organization_coverage
    for each statement execute function summary_forget();
create trigger party_standard_summary_truncate after truncate on party_standard
    for each statement execute function summary_forget();
