-- One-time cluster setup for a hokm database, run by a superuser with psql:
--   psql -v owner_password=... -v app_password=... -v analyst_password=... -f docs/db-init.sql
-- Passwords come from your secret store; there are no defaults.
-- The group roles are created here too (the first migration creates them only when missing), so
-- the login users can be made before the server's first start.
CREATE ROLE hokm_owner LOGIN CREATEROLE PASSWORD :'owner_password';
CREATE DATABASE hokm OWNER hokm_owner ENCODING 'UTF8';
CREATE ROLE hokm_app NOLOGIN;
CREATE ROLE hokm_readonly NOLOGIN;
CREATE ROLE hokm_app_user LOGIN PASSWORD :'app_password' IN ROLE hokm_app;
CREATE ROLE hokm_analyst LOGIN PASSWORD :'analyst_password' IN ROLE hokm_readonly;
