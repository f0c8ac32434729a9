-- An account is bound to division nodes: 9-digit townships (TOWNSHIP_STAFF), 6-digit counties
-- (COUNTY), 4-digit prefectures or 2-digit provinces (REGION); an administrator to any of them.
-- A clerk's townships become her divisions; county-wide accounts, which had none, are given the
-- deployment's counties at the next start (the database does not know them).
alter table app_user add column divisions varchar(4000) not null default '';
update app_user set divisions = townships;
alter table app_user drop column townships;

-- Signed-in sessions, kept on the server so that logout, a new password, a disabled account or a
-- change of roles or divisions ends them at once. The cookie holds a random token; only its
-- SHA-256 is stored.
create table app_session (
    token_hash  varchar(64)  primary key,
    user_id     bigint       not null references app_user (id) on delete cascade,
    created_at  timestamptz  not null default now(),
    last_seen   timestamptz  not null default now(),
    expires_at  timestamptz  not null
);
create index app_session_user_idx on app_session (user_id);
create index app_session_expires_idx on app_session (expires_at);
