-- History of the registry: every version of every organization, party organization and coverage
-- link, with the time range during which it was the current one (transaction time: when the
-- service recorded it, not when it happened in the field).
--
-- A version keeps the whole row as jsonb, so columns added to the registry later are kept without
-- touching this history; *_as_of(ts) turns versions back into rows shaped like the registry table.
-- Statement-level triggers with transition tables write the versions in the same transaction as the
-- change, whatever wrote it (Hibernate, JDBC batches, set-based SQL), one set-based statement per
-- statement changed, never one per row.
--
-- Who and from where: a version of an organization or party organization is attributed to the
-- row's own updated_by / updated_via. A delete, and a coverage link (which has no such columns), are
-- attributed to the transaction settings liangxin.actor / liangxin.via when the service set them,
-- else (coverage) to the organization or party organization the same transaction wrote.

create extension if not exists btree_gist;

create table organization_history (
    county_code varchar(6)  not null,
    id          bigint      not null,
    -- when this version was the current one: [recorded, superseded or deleted)
    valid       tstzrange   not null,
    data        jsonb       not null,
    changed_by  varchar(50),
    changed_via varchar(60),
    -- set when a delete ended the version (an update is told by the next version)
    ended_by    varchar(50),
    ended_via   varchar(60),
    -- the row as found when history began: earlier changes were not recorded
    baseline    boolean     not null default false,
    -- the transaction that recorded the version
    tx          xid8        not null default pg_current_xact_id(),
    constraint organization_history_valid check (not isempty(valid))
);
-- "as of" look-ups per county
create index organization_history_as_of on organization_history using gist (county_code, valid);
-- one open version per organization; the triggers find it by key
create unique index organization_history_open on organization_history (county_code, id) where upper_inf(valid);
-- an organization's timeline
create index organization_history_key on organization_history (county_code, id, lower(valid));

create table party_organization_history (
    county_code varchar(6)  not null,
    id          bigint      not null,
    valid       tstzrange   not null,
    data        jsonb       not null,
    changed_by  varchar(50),
    changed_via varchar(60),
    ended_by    varchar(50),
    ended_via   varchar(60),
    baseline    boolean     not null default false,
    tx          xid8        not null default pg_current_xact_id(),
    constraint party_organization_history_valid check (not isempty(valid))
);
create index party_organization_history_as_of on party_organization_history using gist (county_code, valid);
create unique index party_organization_history_open on party_organization_history (county_code, id) where upper_inf(valid);
create index party_organization_history_key on party_organization_history (county_code, id, lower(valid));

create table party_organization_coverage_history (
    county_code           varchar(6)  not null,
    party_organization_id bigint      not null,
    organization_id       bigint      not null,
    valid                 tstzrange   not null,
    data                  jsonb       not null,
    changed_by            varchar(50),
    changed_via           varchar(60),
    ended_by              varchar(50),
    ended_via             varchar(60),
    baseline              boolean     not null default false,
    tx                    xid8        not null default pg_current_xact_id(),
    constraint party_organization_coverage_history_valid check (not isempty(valid))
);
create index party_organization_coverage_history_as_of on party_organization_coverage_history using gist (county_code, valid);
create unique index party_organization_coverage_history_open
    on party_organization_coverage_history (county_code, organization_id, party_organization_id) where upper_inf(valid);
create index party_organization_coverage_history_key
    on party_organization_coverage_history (county_code, organization_id, party_organization_id, lower(valid));

create function history_actor() returns varchar language sql stable as
$$ select nullif(current_setting('liangxin.actor', true), '') $$;

create function history_via() returns varchar language sql stable as
$$ select nullif(current_setting('liangxin.via', true), '') $$;

-- Who changed a coverage link when the service did not say: the organization or party organization
-- written by the same transaction (a survey import writes the organization, then its coverage).
create function history_coverage_author(county varchar, party bigint, org bigint, want_via boolean)
    returns varchar language sql stable as
$$
    select case when want_via then w.updated_via else w.updated_by end
    from (select o.updated_by, o.updated_via, 1 as rank from organization o
          where o.county_code = county and o.id = org and o.xmin = pg_current_xact_id()::xid
          union all
          select p.updated_by, p.updated_via, 2 from party_organization p
          where p.county_code = county and p.id = party and p.xmin = pg_current_xact_id()::xid) w
    order by w.rank
    limit 1
$$;

-- The trigger behind all three histories. Arguments: the history table, its key columns (comma
-- separated; the registry never changes a key), and how a version is attributed: 'row' (the row's
-- updated_by / updated_via) or 'coverage' (see history_coverage_author).
--
-- Versions recorded earlier in the same transaction (column tx) were never visible to anyone else:
-- a second change in the transaction replaces them rather than leaving a version nobody could have
-- seen, and a row deleted and inserted again unchanged (coverage is rewritten that way) keeps the
-- version it had, which this transaction closed (its xmin is this transaction).
create function history_capture() returns trigger language plpgsql set jit = off set work_mem = '64MB' as
$fn$
declare
    hist  text := quote_ident(TG_ARGV[0]);
    keys  text[] := string_to_array(TG_ARGV[1], ',');
    ts    timestamptz := clock_timestamp();
    mine  text := 'h.tx = pg_current_xact_id()';
    closed_here text := '(h.xmin = pg_current_xact_id()::xid and not upper_inf(h.valid))';
    who   text;
    via   text;
    ender text;
    ender_via text;
    cols  text;
    xcols text;
    match text;
    same  text;
begin
    select string_agg(quote_ident(k), ', '),
           string_agg('x.' || quote_ident(k), ', '),
           string_agg(format('h.%1$I = x.%1$I', k), ' and '),
           string_agg(format('o.%1$I = n.%1$I', k), ' and ')
      into cols, xcols, match, same
      from unnest(keys) k;
    if TG_ARGV[2] = 'row' then
        who := 'coalesce(x.d->>''updated_by'', history_actor())';
        via := 'coalesce(x.d->>''updated_via'', history_via())';
        ender := 'history_actor()';
        ender_via := 'history_via()';
    else
        who := 'coalesce(history_actor(), history_coverage_author(x.county_code, x.party_organization_id, x.organization_id, false))';
        via := 'coalesce(history_via(), history_coverage_author(x.county_code, x.party_organization_id, x.organization_id, true))';
        ender := who;
        ender_via := via;
    end if;

    if TG_OP <> 'INSERT' then
        -- versions may be closed below: a later insert of the same key in this transaction must look
        perform set_config('liangxin.closed_' || TG_ARGV[0], 'on', true);
    end if;
    if TG_OP = 'TRUNCATE' then
        execute format('delete from %s h where upper_inf(h.valid) and %s', hist, mine);
        execute format('update %s h set valid = tstzrange(lower(h.valid), $1), ended_by = history_actor(),'
                       ' ended_via = coalesce(history_via(), %L) where upper_inf(h.valid)', hist, 'TRUNCATE') using ts;
    elsif TG_OP = 'INSERT' and current_setting('liangxin.closed_' || TG_ARGV[0], true) is distinct from 'on' then
        -- nothing of this table was closed in this transaction, so no insert can revive a version:
        -- each new row starts its first version (the bulk path of imports and the demo)
        execute format($q$
            insert into %1$s (%2$s, valid, data, changed_by, changed_via)
            select %3$s, tstzrange($1, null), x.d, %4$s, %5$s
            from (select %2$s, to_jsonb(t) as d from new_rows t) x$q$,
            hist, cols, xcols, who, via) using ts;
    elsif TG_OP = 'INSERT' then
        -- p: the key's latest version, if any (a row deleted earlier in this transaction)
        execute format($q$
            with x as materialized (
                select x.*, p.since, p.until, p.closed_here, p.same
                from (select %2$s, to_jsonb(t) as d from new_rows t) x
                left join lateral (
                    select lower(h.valid) as since, upper(h.valid) as until, %5$s as closed_here, h.data = x.d as same
                    from %1$s h where %4$s order by lower(h.valid) desc limit 1) p on true),
            reopened as (
                update %1$s h set valid = tstzrange(lower(h.valid), null), ended_by = null, ended_via = null
                from x where %4$s and lower(h.valid) = x.since and x.closed_here and x.same)
            insert into %1$s (%2$s, valid, data, changed_by, changed_via)
            select %3$s, tstzrange(case when x.closed_here then x.until else $1 end, null), x.d, %6$s, %7$s
            from x where not coalesce(x.closed_here and x.same, false)$q$,
            hist, cols, xcols, match, closed_here, who, via) using ts;
    elsif TG_OP = 'UPDATE' then
        -- an update that changes nothing keeps the version it had
        execute format($q$
            with x as materialized (
                select %10$s, to_jsonb(n) as d from new_rows n join old_rows o on %4$s
                where n is distinct from o),
            merged as (
                update %1$s h set data = x.d, changed_by = %6$s, changed_via = %7$s
                from x where %5$s and upper_inf(h.valid) and %8$s),
            ended as (
                update %1$s h set valid = tstzrange(lower(h.valid), $1)
                from x where %5$s and upper_inf(h.valid) and not %8$s
                returning %9$s)
            insert into %1$s (%2$s, valid, data, changed_by, changed_via)
            select %3$s, tstzrange($1, null), x.d, %6$s, %7$s
            from x join ended h on %5$s$q$,
            hist, cols, xcols, same, match, who, via, mine,
            (select string_agg('h.' || quote_ident(k), ', ') from unnest(keys) k),
            (select string_agg('n.' || quote_ident(k), ', ') from unnest(keys) k)) using ts;
    else
        -- deleted by the transaction that recorded the version: it never was
        execute format($q$
            with x as materialized (select %2$s from old_rows),
            dropped as (delete from %1$s h using x where %3$s and upper_inf(h.valid) and %4$s)
            update %1$s h set valid = tstzrange(lower(h.valid), $1), ended_by = %5$s, ended_via = %6$s
            from x where %3$s and upper_inf(h.valid) and not %4$s$q$,
            hist, cols, match, mine, ender, ender_via) using ts;
    end if;
    return null;
end
$fn$;

-- organization
create trigger organization_history_insert after insert on organization
    referencing new table as new_rows for each statement
    execute function history_capture('organization_history', 'county_code,id', 'row');
create trigger organization_history_update after update on organization
    referencing old table as old_rows new table as new_rows for each statement
    execute function history_capture('organization_history', 'county_code,id', 'row');
create trigger organization_history_delete after delete on organization
    referencing old table as old_rows for each statement
    execute function history_capture('organization_history', 'county_code,id', 'row');
create trigger organization_history_truncate after truncate on organization
    for each statement execute function history_capture('organization_history', 'county_code,id', 'row');

-- party_organization
create trigger party_organization_history_insert after insert on party_organization
    referencing new table as new_rows for each statement
    execute function history_capture('party_organization_history', 'county_code,id', 'row');
create trigger party_organization_history_update after update on party_organization
    referencing old table as old_rows new table as new_rows for each statement
    execute function history_capture('party_organization_history', 'county_code,id', 'row');
create trigger party_organization_history_delete after delete on party_organization
    referencing old table as old_rows for each statement
    execute function history_capture('party_organization_history', 'county_code,id', 'row');
create trigger party_organization_history_truncate after truncate on party_organization
    for each statement execute function history_capture('party_organization_history', 'county_code,id', 'row');

-- party_organization_coverage
create trigger party_organization_coverage_history_insert after insert on party_organization_coverage
    referencing new table as new_rows for each statement
    execute function history_capture('party_organization_coverage_history',
        'county_code,organization_id,party_organization_id', 'coverage');
create trigger party_organization_coverage_history_update after update on party_organization_coverage
    referencing old table as old_rows new table as new_rows for each statement
    execute function history_capture('party_organization_coverage_history',
        'county_code,organization_id,party_organization_id', 'coverage');
create trigger party_organization_coverage_history_delete after delete on party_organization_coverage
    referencing old table as old_rows for each statement
    execute function history_capture('party_organization_coverage_history',
        'county_code,organization_id,party_organization_id', 'coverage');
create trigger party_organization_coverage_history_truncate after truncate on party_organization_coverage
    for each statement execute function history_capture('party_organization_coverage_history',
        'county_code,organization_id,party_organization_id', 'coverage');

-- What is already registered starts its history now, as it stands, valid since it was created.
insert into organization_history (county_code, id, valid, data, changed_by, changed_via, baseline)
select o.county_code, o.id, tstzrange(least(o.created_at, now()), null), to_jsonb(o),
       coalesce(o.updated_by, o.created_by), o.updated_via, true
from organization o;

insert into party_organization_history (county_code, id, valid, data, changed_by, changed_via, baseline)
select p.county_code, p.id, tstzrange(least(p.created_at, now()), null), to_jsonb(p),
       coalesce(p.updated_by, p.created_by), p.updated_via, true
from party_organization p;

insert into party_organization_coverage_history (county_code, party_organization_id, organization_id, valid, data,
                                                 changed_by, changed_via, baseline)
select c.county_code, c.party_organization_id, c.organization_id,
       tstzrange(least(greatest(p.created_at, o.created_at), now()), null), to_jsonb(c),
       p.updated_by, p.updated_via, true
from party_organization_coverage c
join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id
join organization o on o.county_code = c.county_code and o.id = c.organization_id;

-- The registry as it stood at an instant: rows shaped like the tables, for set-based reports.
-- counties: the county codes to read (null: all).
create function organization_as_of(ts timestamptz, counties varchar[] default null)
    returns setof organization language sql stable as
$$
    select r.*
    from organization_history h
    cross join lateral jsonb_populate_record(null::organization, h.data) r
    where h.valid @> ts and (counties is null or h.county_code = any (counties))
$$;

create function party_organization_as_of(ts timestamptz, counties varchar[] default null)
    returns setof party_organization language sql stable as
$$
    select r.*
    from party_organization_history h
    cross join lateral jsonb_populate_record(null::party_organization, h.data) r
    where h.valid @> ts and (counties is null or h.county_code = any (counties))
$$;

create function party_organization_coverage_as_of(ts timestamptz, counties varchar[] default null)
    returns setof party_organization_coverage language sql stable as
$$
    select r.*
    from party_organization_coverage_history h
    cross join lateral jsonb_populate_record(null::party_organization_coverage, h.data) r
    where h.valid @> ts and (counties is null or h.county_code = any (counties))
$$;
