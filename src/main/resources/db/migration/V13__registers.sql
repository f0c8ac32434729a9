-- The registers of record (市场监管, 民政) held against the registry: each import is a dated snapshot,
-- one row per register line with the category it falls in ("一个不能少").
create table register_import (
    county_code varchar(6)   not null,
    id          bigint       not null,
    source      varchar(8)   not null check (source in ('MARKET', 'CIVIL')),
    as_of       date         not null,
    file_name   varchar(255) not null,
    imported_by varchar(50)  not null,
    imported_at timestamptz  not null default now(),
    summary     jsonb        not null,
    primary key (county_code, id)
);
create sequence register_import_id_seq;

create table register_row (
    county_code     varchar(6)   not null,
    import_id       bigint       not null,
    seq             integer      not null,
    row_number      integer      not null,
    uscc            varchar(40),
    name            varchar(300) not null,
    register_status varchar(60),
    active          boolean      not null,
    address         varchar(500),
    register_type   varchar(100),
    kind            varchar(32),
    township_code   varchar(9),
    category        varchar(20)  not null,
    organization_id bigint,
    -- matched rows whose name or kind differs: [{field, register, registry}]
    mismatches      jsonb        not null default '[]',
    -- what a person did with the line: REGISTERED or CLOSED, the organization it made or closed
    done            varchar(12),
    primary key (county_code, import_id, seq),
    foreign key (county_code, import_id) references register_import (county_code, id) on delete cascade
);
create index register_row_worklist on register_row (county_code, import_id, category, township_code, seq);
