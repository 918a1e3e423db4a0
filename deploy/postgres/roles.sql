-- The event store's two PostgreSQL roles (least privilege, issue 11). Run once per database
-- as a superuser (or a role with CREATEROLE), with psql variables:
--
--   psql -v ON_ERROR_STOP=1 -d portfolio \
--        -v migrator=portfolio_migrator -v migrator_password='…' \
--        -v app_user=portfolio_app     -v app_password='…' \
--        -v schema=portfolio -f deploy/postgres/roles.sql
--
-- * `migrator` owns the schema; `portfolio db migrate` connects as it to create the tables,
--   the append-only triggers and the key table, then grants `app_user` what it needs.
-- * `app_user` is what the service and the workers connect as: it can read and append
--   events, never update, delete, truncate, alter them or disable their triggers.
-- Neither role is a superuser, may create roles or databases, or bypasses row security.
-- Re-running it is harmless (roles keep their password unless given a new one).

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', :'migrator')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'migrator') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec

ALTER ROLE :"migrator" NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
ALTER ROLE :"app_user" NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
SELECT format('ALTER ROLE %I PASSWORD %L', :'migrator', :'migrator_password')
WHERE :'migrator_password' <> '' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app_user', :'app_password')
WHERE :'app_password' <> '' \gexec

CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"migrator";
ALTER SCHEMA :"schema" OWNER TO :"migrator";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
GRANT USAGE ON SCHEMA :"schema" TO :"app_user";

-- Nothing the application role creates elsewhere either (PostgreSQL 15 already refuses
-- CREATE on `public` to ordinary roles; older servers did not).
SELECT format('REVOKE CREATE ON SCHEMA public FROM %I', :'app_user') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I',
              current_database(), :'migrator', :'app_user') \gexec
