-- Admission dates of an organization's probationary members (one row per member): a probationary
-- member becomes formal a year after admission, so the service can forecast when the organization
-- reaches 3, 50 or 100 formal members.
create table probationary_admission (
    county_code     varchar(6) not null,
    organization_id bigint     not null,
    seq             integer    not null,
    admitted_on     date       not null,
    primary key (county_code, organization_id, seq),
    foreign key (county_code, organization_id) references organization (county_code, id) on delete cascade
);
