-- A survey preview keeps, for each accepted row, the registry values it will write (already merged
-- with what the registry held at preview time), typed like the organization table. Committing is
-- then one INSERT … SELECT for the new rows and one UPDATE … FROM for the changed ones, guarded by
-- the versions seen at preview.
alter table survey_import_row
    add column uscc                 varchar(18),
    add column township_code        varchar(9),
    add column org_name             varchar(200),
    add column kind                 varchar(32),
    add column sector               varchar(16),
    add column community            varchar(100),
    add column address              varchar(300),
    add column building             varchar(100),
    add column industry             varchar(1),
    add column above_scale          boolean,
    add column org_status           varchar(16),
    add column headcount            integer,
    add column formal_members       integer,
    add column probationary_members integer,
    add column members_elsewhere    integer,
    add column activists            integer,
    add column owner_is_member      boolean,
    add column owner_attitude       varchar(16),
    add column secretary_candidate  boolean,
    add column mass_organizations   varchar(64),
    add column instructor           varchar(50),
    add column planned_formation_on date,
    add column not_planned_reason   varchar(500),
    add column responsible          varchar(50),
    add column notes                varchar(1000),
    -- column 19/20: the party organization the row creates or joins
    add column party_status         varchar(32),
    add column party_name           varchar(200);

-- the typed values replace the JSON copy of the row's input
alter table survey_import_row drop column input;

-- Every preview row takes a registry id as it goes in (the COPY of a 100,000-row file then needs no
-- second pass); only a NEW row's is ever used, by the commit. Values of the shared sequence, one per
-- row, as the bulk writers take them.
alter table survey_import_row alter column reserved_id set default nextval('registry_id_seq');
