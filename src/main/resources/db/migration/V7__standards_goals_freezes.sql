-- Year by year: 五个一 standards and 五个好 ratings of party organizations, coverage goals, the annual
-- freeze (年报), and the countermeasures of organizations not yet ripe for a party organization.

-- What a township does about an organization not yet ripe for a party organization (with the
-- reason and the responsible person already kept).
alter table organization add column countermeasures varchar(500);

-- 五个一: an activity room (with its area, about 30 m² expected), a member bulletin board, a sign
-- plate, a party flag and a set of rules. One row per party organization, kept in history like it.
create table party_standard (
    county_code           varchar(6)   not null,
    party_organization_id bigint       not null,
    activity_room         boolean      not null default false,
    room_area             numeric(7,1) check (room_area is null or room_area >= 0),
    bulletin_board        boolean      not null default false,
    sign_plate            boolean      not null default false,
    party_flag            boolean      not null default false,
    rules_set             boolean      not null default false,
    checked_on            date,
    updated_by            varchar(50),
    updated_via           varchar(60),
    updated_at            timestamptz  not null default now(),
    primary key (county_code, party_organization_id),
    foreign key (county_code, party_organization_id) references party_organization (county_code, id) on delete cascade
);

create table party_standard_history (
    county_code           varchar(6)  not null,
    party_organization_id bigint      not null,
    valid                 tstzrange   not null,
    data                  jsonb       not null,
    changed_by            varchar(50),
    changed_via           varchar(60),
    ended_by              varchar(50),
    ended_via             varchar(60),
    baseline              boolean     not null default false,
    tx                    xid8        not null default pg_current_xact_id(),
    constraint party_standard_history_valid check (not isempty(valid))
);
create index party_standard_history_as_of on party_standard_history using gist (county_code, valid);
create unique index party_standard_history_open on party_standard_history (county_code, party_organization_id)
    where upper_inf(valid);
create index party_standard_history_key on party_standard_history (county_code, party_organization_id, lower(valid));

create trigger party_standard_history_insert after insert on party_standard
    referencing new table as new_rows for each statement
    execute function history_capture('party_standard_history', 'county_code,party_organization_id', 'row');
create trigger party_standard_history_update after update on party_standard
    referencing old table as old_rows new table as new_rows for each statement
    execute function history_capture('party_standard_history', 'county_code,party_organization_id', 'row');
create trigger party_standard_history_delete after delete on party_standard
    referencing old table as old_rows for each statement
    execute function history_capture('party_standard_history', 'county_code,party_organization_id', 'row');
create trigger party_standard_history_truncate after truncate on party_standard
    for each statement execute function history_capture('party_standard_history', 'county_code,party_organization_id', 'row');

create function party_standard_as_of(ts timestamptz, counties varchar[] default null)
    returns setof party_standard language sql stable as
$$
    select r.*
    from party_standard_history h
    cross join lateral jsonb_populate_record(null::party_standard, h.data) r
    where h.valid @> ts and (counties is null or h.county_code = any (counties))
$$;

-- 五个好 of a party organization for a year: good leadership, members, working mechanisms,
-- results and standing with the people; 五个好 = all five.
create table party_rating (
    county_code           varchar(6)  not null,
    party_organization_id bigint      not null,
    year                  integer     not null check (year between 2000 and 2100),
    good_leadership       boolean     not null,
    good_members          boolean     not null,
    good_mechanism        boolean     not null,
    good_results          boolean     not null,
    good_standing         boolean     not null,
    rated_by              varchar(50) not null,
    rated_at              timestamptz not null default now(),
    primary key (county_code, party_organization_id, year),
    foreign key (county_code, party_organization_id) references party_organization (county_code, id) on delete cascade
);

-- Coverage goals, set by the county: a target rate of a metric for a year, for the county as a
-- whole or for every township.
create table goal (
    county_code varchar(6)   not null,
    id          bigint       not null,
    year        integer      not null check (year between 2000 and 2100),
    metric      varchar(40)  not null,
    target      numeric(5,4) not null check (target >= 0 and target <= 1),
    scope       varchar(16)  not null check (scope in ('COUNTY', 'TOWNSHIP')),
    created_by  varchar(50)  not null,
    created_at  timestamptz  not null default now(),
    updated_by  varchar(50),
    updated_at  timestamptz  not null default now(),
    primary key (county_code, id),
    unique (county_code, year, metric, scope)
);
create sequence goal_id_seq;

-- The annual freeze (年报): the reports of 31 December as they were when frozen, never changed after.
create table annual_freeze (
    county_code varchar(6)  not null,
    year        integer     not null check (year between 2000 and 2100),
    as_of       timestamptz not null,
    frozen_by   varchar(50) not null,
    frozen_at   timestamptz not null default now(),
    coverage    jsonb       not null,
    blank_spots jsonb       not null,
    goals       jsonb       not null,
    primary key (county_code, year)
);

-- The register of party-building instructors (党建工作指导员). An organization names its instructor
-- in organization.instructor; the register says who they are and how to reach them.
create table instructor (
    county_code   varchar(6)   not null,
    id            bigint       not null,
    name          varchar(50)  not null,
    phone         varchar(30),
    unit          varchar(100),
    township_code varchar(9),
    active        boolean      not null default true,
    created_by    varchar(50)  not null,
    created_at    timestamptz  not null default now(),
    updated_by    varchar(50),
    updated_at    timestamptz  not null default now(),
    primary key (county_code, id),
    unique (county_code, name),
    constraint instructor_township_in_county check (township_code is null or substr(township_code, 1, 6) = county_code)
);
create sequence instructor_id_seq;
