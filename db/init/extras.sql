-- Run after docs/db-init.sql by db/init/10-hokm-init.sh (psql variables carry the passwords).
-- The replica's WAL stream and pg_basebackup log in as this role (pg_hba.conf: replication only).
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'replication_password';
-- postgres-exporter: pg_monitor reads every pg_stat_* view, including pg_stat_statements.
CREATE ROLE hokm_exporter LOGIN PASSWORD :'exporter_password' IN ROLE pg_monitor;
ALTER ROLE hokm_exporter SET statement_timeout = '10s';
\connect hokm
-- Query statistics (the library is preloaded by db/postgresql.conf).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
-- Backups record their runs here (scripts/backup.sh, as the superuser): the logical dumps (kind
-- 'dump') and pgBackRest's base backups ('base'). postgres-exporter turns the table into the
-- hokm_backup_* and hokm_base_backup_* metrics of the backup alerts. Not part of the game's schema.
CREATE SCHEMA IF NOT EXISTS ops;
CREATE TABLE IF NOT EXISTS ops.backup_runs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL DEFAULT 'dump' CHECK (kind IN ('dump', 'base')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  ok boolean NOT NULL,
  verified boolean NOT NULL DEFAULT false,
  file text,
  size_bytes bigint,
  detail text
);
GRANT USAGE ON SCHEMA ops TO pg_monitor;
GRANT SELECT ON ops.backup_runs TO pg_monitor;
