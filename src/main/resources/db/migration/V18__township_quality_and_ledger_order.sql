-- The data-quality figures kept beside the coverage figures, per township, so that a prefecture's or
-- province's overview reads a row per township instead of counting a million organizations for the
-- quality score. They are marked stale by the same marks as the coverage figures (V11): every
-- figure but the register's is counted from organizations and their coverage, whose triggers
-- already mark the township; the register's lines mark theirs below (row-level triggers, as V11's).
alter table township_summary
    add column blank          bigint not null default 0,
    add column complete       bigint not null default 0,
    add column fresh          bigint not null default 0,
    add column warned         bigint not null default 0,
    add column register_lines bigint not null default 0,
    add column register_in    bigint not null default 0,
    -- freshness changes with time alone: the figures hold until the first organization counted as
    -- fresh stops being fresh (milliseconds since the epoch; 0: none is fresh, nothing expires)
    add column fresh_until_ms bigint not null default 0;

-- what was kept has no quality figures yet: everything is counted again on the next read
delete from township_summary;

-- a register line counts in its township once its import is the latest finished one of its source
create function summary_register_row() returns trigger language plpgsql as $$
begin
    perform summary_mark(new.county_code, new.township_code);
    perform summary_mark(old.county_code, old.township_code);
    return null;
end
$$;

-- an import finished (or counted again): every township of the county may count other lines now
create function summary_register_import() returns trigger language plpgsql as $$
declare
    r record;
begin
    for r in select s.township_code from township_summary s where s.county_code = new.county_code
             union
             select distinct l.township_code from register_row l
              where l.county_code = new.county_code and l.import_id = new.id and l.township_code is not null loop
        perform summary_mark(new.county_code, r.township_code);
    end loop;
    return null;
end
$$;

-- lines are written with their import, before it counts; afterwards only what a person does to a line
-- (placing, matching, registering it) changes what it counts for
create trigger register_row_summary after update on register_row
    for each row when (old.category is distinct from new.category or old.township_code is distinct from new.township_code
                       or old.active is distinct from new.active or old.done is distinct from new.done)
    execute function summary_register_row();
create trigger register_import_summary after update on register_import
    for each row when (old.summary is distinct from new.summary)
    execute function summary_register_import();
create trigger register_row_summary_truncate after truncate on register_row
    for each statement execute function summary_forget();
create trigger register_import_summary_truncate after truncate on register_import
    for each statement execute function summary_forget();

-- the blank spots of a county in the ledger's order (formal members, which is their categories' order,
-- then headcount, township, name): a page of the ledger reads from here up to itself, not the county
create index organization_ledger_order_idx on organization (county_code, formal_members desc, headcount desc,
    township_code, name, id) where status <> 'CLOSED';
