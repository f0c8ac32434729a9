-- Survey uploads: the preview is kept row by row until it is committed (or abandoned).
create table survey_import (
    county_code  varchar(6)   not null,
    id           bigint       not null,
    file_name    varchar(255) not null,
    format       varchar(20)  not null,
    status       varchar(16)  not null,
    uploaded_by  varchar(50)  not null,
    uploaded_at  timestamptz  not null default now(),
    committed_by varchar(50),
    committed_at timestamptz,
    summary      jsonb        not null,
    unknown_columns jsonb     not null default '[]',
    primary key (county_code, id),
    constraint survey_import_county_code check (county_code ~ '^[0-9]{6}$')
);
create sequence survey_import_id_seq;

create table survey_import_row (
    county_code      varchar(6)  not null,
    import_id        bigint      not null,
    seq              integer     not null,
    row_number       integer     not null,
    sheet            varchar(100) not null,
    status           varchar(16) not null,
    organization_id  bigint,
    -- the id a new row's organization gets when the import is committed
    reserved_id      bigint,
    expected_version integer,
    name             varchar(1000),
    input            jsonb,
    changes          jsonb       not null default '[]',
    errors           jsonb       not null default '[]',
    warnings         jsonb       not null default '[]',
    primary key (county_code, import_id, seq),
    foreign key (county_code, import_id) references survey_import (county_code, id) on delete cascade
);

-- Where the last change of a registry row came from: API, FORM, or IMPORT <id> ROW <n>.
alter table organization add column updated_via varchar(60);
alter table party_organization add column updated_via varchar(60);

-- 摸底 campaigns: a deadline for a set of townships; each township marks itself submitted.
create table survey_campaign (
    county_code varchar(6)    not null,
    id          bigint        not null,
    name        varchar(200)  not null,
    deadline    date          not null,
    townships   varchar(4000) not null,
    created_by  varchar(50)   not null,
    created_at  timestamptz   not null default now(),
    primary key (county_code, id)
);
create sequence survey_campaign_id_seq;

create table survey_submission (
    county_code   varchar(6)  not null,
    campaign_id   bigint      not null,
    township_code varchar(9)  not null,
    submitted_by  varchar(50) not null,
    submitted_at  timestamptz not null default now(),
    primary key (county_code, campaign_id, township_code),
    foreign key (county_code, campaign_id) references survey_campaign (county_code, id) on delete cascade
);

alter table survey_import add column campaign_id bigint;
create index survey_import_campaign_idx on survey_import (county_code, campaign_id) where campaign_id is not null;
