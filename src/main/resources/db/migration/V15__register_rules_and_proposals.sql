-- 一个不能少, continued.
-- A county's keyword rules give a township to register lines whose address names none
-- ("工业园区" → 罗雄街道); they are kept and applied to the next snapshots too.
create table register_rule (
    county_code   varchar(6)   not null,
    id            bigint       not null,
    keyword       varchar(100) not null,
    township_code varchar(9)   not null,
    created_by    varchar(50)  not null,
    created_at    timestamptz  not null default now(),
    primary key (county_code, id),
    unique (county_code, keyword)
);
create sequence register_rule_id_seq;

-- How a line's township was found (null: its address; RULE <keyword>; HAND <user>), and the registry
-- organization whose name is like the line's, proposed for a person to confirm.
alter table register_row
    add column township_via   varchar(160),
    add column proposed_id    bigint,
    add column proposed_score real;
