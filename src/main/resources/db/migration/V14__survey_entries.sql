-- Entries sent from the field (the offline phone form's outbox, ODK Collect submissions) carry an id
-- made on the device. The first sending keeps it here with the preview row it became, so that a
-- repeat answers that first result and is not a second record.
create table survey_entry (
    account     varchar(50)  not null,
    client_id   varchar(100) not null,
    county_code varchar(6)   not null,
    import_id   bigint       not null,
    row_number  integer      not null,
    received_at timestamptz  not null default now(),
    primary key (county_code, account, client_id),
    foreign key (county_code, import_id) references survey_import (county_code, id) on delete cascade
);
create index survey_entry_import on survey_entry (county_code, import_id);
-- a repeat is looked up by who sent it and its id, whatever county it went to
create index survey_entry_client on survey_entry (account, client_id);
