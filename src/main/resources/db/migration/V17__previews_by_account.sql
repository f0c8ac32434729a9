-- A survey preview, and an entry sent from the field, belong to the account that sent it, by its
-- id: a name a renamed account gave up and a new account took carries nothing of the old one's.
-- The names stay, as the account was called then.
alter table survey_import add column uploaded_by_id bigint references app_user (id);
update survey_import i set uploaded_by_id = u.id from app_user u where u.username = i.uploaded_by;

alter table survey_entry add column account_id bigint references app_user (id);
update survey_entry e set account_id = u.id from app_user u where u.username = e.account;
-- an entry whose name no account bears any more can be sent again by nobody: nothing to remember
delete from survey_entry where account_id is null;
alter table survey_entry alter column account_id set not null;
alter table survey_entry drop constraint survey_entry_pkey;
alter table survey_entry add primary key (county_code, account_id, client_id);
-- a repeat is looked up by the account that sent it and its id, whatever county it went to
drop index survey_entry_client;
create index survey_entry_client on survey_entry (account_id, client_id);
