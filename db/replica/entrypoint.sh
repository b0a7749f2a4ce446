#!/usr/bin/env bash
# Entrypoint of the postgres-replica container (runs as the postgres user of the official image):
# on first start clones the primary with pg_basebackup (db/replica/basebackup.sh), then runs
# PostgreSQL as a hot standby with the same configuration files as the primary.
set -euo pipefail
export REPLICA_DATA="${PGDATA:-/var/lib/postgresql/data}"
export PGPASSWORD="${REPLICATION_PASSWORD:?REPLICATION_PASSWORD is required}"
export PRIMARY_HOST="${PRIMARY_HOST:-postgres-primary}" PRIMARY_PORT="${PRIMARY_PORT:-5432}"
bash /opt/hokm/basebackup.sh
exec postgres -c config_file=/etc/postgresql/postgresql.conf -c hba_file=/etc/postgresql/pg_hba.conf \
  -c ident_file=/etc/postgresql/pg_ident.conf -c cluster_name=hokm-replica "$@"
