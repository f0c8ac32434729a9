-- The 两新 registry. Every table carries county_code (6 digits) and leads its primary key with it,
-- so the tables can later be distributed by county (Citus) without rewriting keys or joins.

create sequence registry_id_seq start with 1000 increment by 50;

create table organization (
    county_code          varchar(6)      not null,
    id                   bigint       not null,
    township_code        varchar(9)      not null,
    name                 varchar(200) not null,
    uscc                 varchar(18),
    kind                 varchar(32)  not null,
    sector               varchar(16)  not null,
    community            varchar(100),
    address              varchar(300),
    building             varchar(100),
    industry             varchar(1),
    above_scale          boolean      not null default false,
    status               varchar(16)  not null,
    headcount            integer      not null check (headcount >= 0),
    formal_members       integer      not null check (formal_members >= 0),
    probationary_members integer      not null default 0 check (probationary_members >= 0),
    members_elsewhere    integer      not null default 0 check (members_elsewhere >= 0),
    activists            integer      not null default 0 check (activists >= 0),
    owner_is_member      boolean      not null default false,
    owner_attitude       varchar(16),
    secretary_candidate  boolean      not null default false,
    mass_organizations   varchar(64)  not null default '',
    instructor           varchar(50),
    planned_formation_on date,
    not_planned_reason   varchar(500),
    responsible          varchar(50),
    notes                varchar(1000),
    version              integer      not null default 0,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    primary key (county_code, id),
    constraint organization_county_code check (county_code ~ '^[0-9]{6}$'),
    constraint organization_township_in_county check (township_code ~ '^[0-9]{9}$' and substr(township_code, 1, 6) = county_code),
    constraint organization_industry check (industry between 'A' and 'T')
);
create unique index organization_uscc_uq on organization (county_code, uscc) where uscc is not null;
-- USCCs are unique nationwide: the look-up across counties before every write uses this one.
create index organization_uscc_idx on organization (uscc) where uscc is not null;
create index organization_township_idx on organization (county_code, township_code);
create index organization_name_idx on organization (county_code, name);

create table party_organization (
    county_code   varchar(6)      not null,
    id            bigint       not null,
    township_code varchar(9)      not null,
    name          varchar(200) not null,
    level         varchar(16)  not null,
    formation     varchar(16)  not null,
    founded_on    date         not null,
    dissolved_on  date,
    secretary     varchar(50),
    version       integer      not null default 0,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    primary key (county_code, id),
    constraint party_organization_county_code check (county_code ~ '^[0-9]{6}$'),
    constraint party_organization_township_in_county check (township_code ~ '^[0-9]{9}$' and substr(township_code, 1, 6) = county_code),
    constraint party_organization_dates check (dissolved_on is null or dissolved_on >= founded_on)
);
create index party_organization_township_idx on party_organization (county_code, township_code);

-- Which organizations a party organization covers. "active" mirrors the party organization's
-- dissolved_on being empty, so the database itself guarantees that an organization is covered by
-- at most one active party organization.
create table party_organization_coverage (
    county_code           varchar(6) not null,
    party_organization_id bigint  not null,
    organization_id       bigint  not null,
    active                boolean not null default true,
    primary key (county_code, party_organization_id, organization_id),
    foreign key (county_code, party_organization_id) references party_organization (county_code, id) on delete cascade,
    foreign key (county_code, organization_id) references organization (county_code, id) on delete cascade
);
create unique index party_organization_coverage_one_active
    on party_organization_coverage (county_code, organization_id) where active;
