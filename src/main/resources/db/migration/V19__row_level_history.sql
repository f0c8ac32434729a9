-- The history (V5, V7) is recorded by row-level triggers instead of statement-level ones with
-- transition tables, which a distributed database (Citus) does not run on its shards: each row's
-- trigger runs where the row is, and writes its county's history beside it. The versions are the
-- same as before (the same rules, one at a time): a first version for a new row, an update that
-- changes nothing keeps its version, a second change in one transaction replaces the version only
-- that transaction saw, a delete by the transaction that recorded the version removes it, and a row
-- deleted and inserted again unchanged keeps the version this transaction had closed.
--
-- Every key comparison names county_code with a plain value, so that on a cluster each statement
-- goes to the one shard of that county.

create function history_capture_row() returns trigger language plpgsql set jit = off as
$fn$
declare
    hist   text := quote_ident(TG_ARGV[0]);
    r      record;
    d      jsonb;
    county varchar;
    ts     timestamptz := clock_timestamp();
    cols   text;
    vals   text;
    match  text;
    who    varchar;
    via    varchar;
    since  timestamptz;
    until  timestamptz;
    closed_here boolean;
    same   boolean;
    n      bigint;
    k      text;
begin
    if TG_OP = 'UPDATE' and new is not distinct from old then
        return null;
    end if;
    if TG_OP = 'DELETE' then
        r := old;
    else
        r := new;
    end if;
    d := to_jsonb(r);
    county := d->>'county_code';
    -- who and from where, worked out here and passed in as values: a distributed database (Citus)
    -- refuses functions that are not immutable inside COALESCE or CASE of a statement it runs
    if TG_OP = 'DELETE' then
        who := history_actor();
        via := history_via();
    elsif TG_ARGV[2] = 'row' then
        who := coalesce(d->>'updated_by', history_actor());
        via := coalesce(d->>'updated_via', history_via());
    end if;
    if TG_ARGV[2] = 'coverage' then
        who := coalesce(history_actor(), history_coverage_author(county, (d->>'party_organization_id')::bigint,
                                                                 (d->>'organization_id')::bigint, false));
        via := coalesce(history_via(), history_coverage_author(county, (d->>'party_organization_id')::bigint,
                                                               (d->>'organization_id')::bigint, true));
    end if;
    -- $1 the row, $2 its jsonb, $3 the moment, $4 its county, $5 who, $6 from where
    -- a loop of plain expressions, not a query: this runs for every row written
    foreach k in array string_to_array(TG_ARGV[1], ',') loop
        cols := concat_ws(', ', cols, quote_ident(k));
        vals := concat_ws(', ', vals, case when k = 'county_code' then '$4' else format('($1).%I', k) end);
        match := concat_ws(' and ', match, case when k = 'county_code' then 'h.county_code = $4' else format('h.%1$I = ($1).%1$I', k) end);
    end loop;

    if TG_OP <> 'INSERT' then
        -- versions may be closed below: a later insert of the same key in this transaction must look
        perform set_config('liangxin.closed_' || TG_ARGV[0], 'on', true);
    end if;

    if TG_OP = 'INSERT' and current_setting('liangxin.closed_' || TG_ARGV[0], true) is distinct from 'on' then
        -- nothing of this table was closed in this transaction: the row starts its first version
        execute format('insert into %s (%s, valid, data, changed_by, changed_via) values (%s, tstzrange($3, null), $2, $5, $6)',
                       hist, cols, vals) using r, d, ts, county, who, via;
    elsif TG_OP = 'INSERT' then
        -- the key's latest version, if any (a row deleted earlier in this transaction)
        execute format('select lower(h.valid), upper(h.valid), h.xmin = pg_current_xact_id()::xid and not upper_inf(h.valid),'
                       ' h.data = $2 from %s h where %s order by lower(h.valid) desc limit 1', hist, match)
            into since, until, closed_here, same using r, d, ts, county;
        if closed_here and same then
            execute format('update %s h set valid = tstzrange(lower(h.valid), null), ended_by = null, ended_via = null'
                           ' where %s and lower(h.valid) = $7', hist, match) using r, d, ts, county, who, via, since;
        else
            execute format('insert into %s (%s, valid, data, changed_by, changed_via) values (%s, tstzrange($7, null), $2, $5, $6)',
                           hist, cols, vals) using r, d, ts, county, who, via, case when closed_here then until else ts end;
        end if;
    elsif TG_OP = 'UPDATE' then
        -- a version only this transaction saw takes the change; otherwise it ends and a new one begins
        execute format('update %s h set data = $2, changed_by = $5, changed_via = $6'
                       ' where %s and upper_inf(h.valid) and h.tx = pg_current_xact_id()', hist, match)
            using r, d, ts, county, who, via;
        get diagnostics n = row_count;
        if n = 0 then
            execute format('update %s h set valid = tstzrange(lower(h.valid), $3) where %s and upper_inf(h.valid)', hist, match)
                using r, d, ts, county;
            get diagnostics n = row_count;
            if n > 0 then
                execute format('insert into %s (%s, valid, data, changed_by, changed_via) values (%s, tstzrange($3, null), $2, $5, $6)',
                               hist, cols, vals) using r, d, ts, county, who, via;
            end if;
        end if;
    else
        -- deleted by the transaction that recorded the version: it never was
        execute format('delete from %s h where %s and upper_inf(h.valid) and h.tx = pg_current_xact_id()', hist, match)
            using r, d, ts, county;
        get diagnostics n = row_count;
        if n = 0 then
            execute format('update %s h set valid = tstzrange(lower(h.valid), $3), ended_by = $5, ended_via = $6'
                           ' where %s and upper_inf(h.valid)', hist, match) using r, d, ts, county, who, via;
        end if;
    end if;
    return null;
end
$fn$;

-- True in a trigger fired on one shard of a distributed table (Citus): a TRUNCATE fires the table's
-- statement triggers on the coordinator and again on every shard, and only the first acts.
create function trigger_on_a_shard(rel oid) returns boolean language plpgsql stable as $$
begin
    if to_regclass('pg_catalog.pg_dist_shard') is null then
        return false;
    end if;
    return exists (select 1 from pg_catalog.pg_dist_shard s
                   where s.logicalrelid::regclass::text || '_' || s.shardid = rel::regclass::text);
end
$$;

-- Emptied wholesale (tests, a restore): every open version ends, attributed as the service said.
create or replace function history_capture() returns trigger language plpgsql as
$fn$
declare
    hist  text := quote_ident(TG_ARGV[0]);
    ts    timestamptz := clock_timestamp();
    who   varchar := history_actor();
    via   varchar := coalesce(history_via(), 'TRUNCATE');
begin
    if trigger_on_a_shard(TG_RELID) then
        return null;
    end if;
    perform set_config('liangxin.closed_' || TG_ARGV[0], 'on', true);
    execute format('delete from %s h where upper_inf(h.valid) and h.tx = pg_current_xact_id()', hist);
    execute format('update %s h set valid = tstzrange(lower(h.valid), $1), ended_by = $2, ended_via = $3 where upper_inf(h.valid)', hist)
        using ts, who, via;
    return null;
end
$fn$;

create or replace function summary_forget() returns trigger language plpgsql as $$
begin
    if not trigger_on_a_shard(TG_RELID) then
        delete from township_summary;
    end if;
    return null;
end
$$;

drop trigger organization_history_insert on organization;
drop trigger organization_history_update on organization;
drop trigger organization_history_delete on organization;
create trigger organization_history after insert or update or delete on organization
    for each row execute function history_capture_row('organization_history', 'county_code,id', 'row');

drop trigger party_organization_history_insert on party_organization;
drop trigger party_organization_history_update on party_organization;
drop trigger party_organization_history_delete on party_organization;
create trigger party_organization_history after insert or update or delete on party_organization
    for each row execute function history_capture_row('party_organization_history', 'county_code,id', 'row');

drop trigger party_organization_coverage_history_insert on party_organization_coverage;
drop trigger party_organization_coverage_history_update on party_organization_coverage;
drop trigger party_organization_coverage_history_delete on party_organization_coverage;
create trigger party_organization_coverage_history after insert or update or delete on party_organization_coverage
    for each row execute function history_capture_row('party_organization_coverage_history',
        'county_code,organization_id,party_organization_id', 'coverage');

drop trigger party_standard_history_insert on party_standard;
drop trigger party_standard_history_update on party_standard;
drop trigger party_standard_history_delete on party_standard;
create trigger party_standard_history after insert or update or delete on party_standard
    for each row execute function history_capture_row('party_standard_history', 'county_code,party_organization_id', 'row');

-- A township's stale mark is ordered by the moment it was made (microseconds), strictly rising per
-- township, instead of a sequence that a shard's trigger could not reach on its worker.
create or replace function summary_mark(county varchar, township varchar) returns void language plpgsql as $$
declare
    key  text;
    mark bigint := (extract(epoch from clock_timestamp()) * 1000000)::bigint;
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
    values (county, township, mark)
    on conflict (county_code, township_code) do update set seq = greatest(township_summary_stale.seq + 1, excluded.seq);
end
$$;
drop sequence township_summary_stale_seq;

-- The registry as it stood at an instant, as before, but in PL/pgSQL: a distributed database (Citus)
-- does not plan a SQL function over distributed tables. Not inlined any more, so callers name the
-- counties they read (null still reads them all).
create or replace function organization_as_of(ts timestamptz, counties varchar[] default null)
    returns setof organization language plpgsql stable as
$$
begin
    return query select r.* from organization_history h
                 cross join lateral jsonb_populate_record(null::organization, h.data) r
                 where h.valid @> ts and (counties is null or h.county_code = any (counties));
end
$$;

create or replace function party_organization_as_of(ts timestamptz, counties varchar[] default null)
    returns setof party_organization language plpgsql stable as
$$
begin
    return query select r.* from party_organization_history h
                 cross join lateral jsonb_populate_record(null::party_organization, h.data) r
                 where h.valid @> ts and (counties is null or h.county_code = any (counties));
end
$$;

create or replace function party_organization_coverage_as_of(ts timestamptz, counties varchar[] default null)
    returns setof party_organization_coverage language plpgsql stable as
$$
begin
    return query select r.* from party_organization_coverage_history h
                 cross join lateral jsonb_populate_record(null::party_organization_coverage, h.data) r
                 where h.valid @> ts and (counties is null or h.county_code = any (counties));
end
$$;

create or replace function party_standard_as_of(ts timestamptz, counties varchar[] default null)
    returns setof party_standard language plpgsql stable as
$$
begin
    return query select r.* from party_standard_history h
                 cross join lateral jsonb_populate_record(null::party_standard, h.data) r
                 where h.valid @> ts and (counties is null or h.county_code = any (counties));
end
$$;

-- who wrote a coverage link, likewise in PL/pgSQL (it runs in the history trigger, on the shard)
create or replace function history_coverage_author(county varchar, party bigint, org bigint, want_via boolean)
    returns varchar language plpgsql stable as
$$
declare
    who varchar;
    via varchar;
begin
    select o.updated_by, o.updated_via into who, via from organization o
     where o.county_code = county and o.id = org and o.xmin = pg_current_xact_id()::xid;
    if not found then
        select p.updated_by, p.updated_via into who, via from party_organization p
         where p.county_code = county and p.id = party and p.xmin = pg_current_xact_id()::xid;
    end if;
    return case when want_via then via else who end;
end
$$;

-- A year's 五个好 ratings of some counties, to read beside the history as of an instant: a query made
-- of functions alone is planned on the coordinator, where those functions read the shards; one that
-- joined a distributed table to them would be sent to a worker, where they cannot.
create function party_rating_of(rated_year integer, counties varchar[])
    returns setof party_rating language plpgsql stable as
$$
begin
    return query select * from party_rating r where r.year = rated_year and r.county_code = any (counties);
end
$$;
