-- Province scale (a million organizations; figures in docs/performance.md).
--
-- Hibernate finds an organization or party organization by id alone (ids come from one sequence
-- and are unique across counties), and the keys lead with county_code: without these, each look-up
-- by id reads the whole primary-key index. Not unique, so that a table distributed by county_code
-- (Citus) keeps them.
create index organization_id_idx on organization (id);
create index party_organization_id_idx on party_organization (id);

-- The search over names ("name ilike '%q%'"): a trigram index answers it without reading every
-- row of the province. pg_trgm is a trusted extension: the database owner may create it.
create extension if not exists pg_trgm;
create index organization_name_trgm_idx on organization using gin (name gin_trgm_ops);

-- The search over USCCs is a prefix ("uscc like 'q%'"), which a plain index cannot serve unless
-- the collation is C.
create index organization_uscc_prefix_idx on organization (uscc varchar_pattern_ops) where uscc is not null;
