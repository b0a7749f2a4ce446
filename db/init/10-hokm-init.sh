#!/usr/bin/env bash
# Initialises a new hokm cluster, once, as the superuser over the local socket:
#   - docs/db-init.sql: the owner, the database, the group roles hokm_app / hokm_readonly and the
#     login users hokm_app_user (server, via pgBouncer) and hokm_analyst (analytics, on the replica);
#   - db/init/extras.sql: the replication role, the metrics exporter's role, pg_stat_statements.
# The official postgres image runs it from /docker-entrypoint-initdb.d; scripts/loopback.sh runs it
# the same way. Passwords come from the environment only: there are no defaults.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
init_sql="${HOKM_DB_INIT_SQL:-/opt/hokm/db-init.sql}"
extras_sql="${HOKM_DB_EXTRAS_SQL:-$here/extras.sql}"
[ -f "$extras_sql" ] || extras_sql=/opt/hokm/extras.sql
psql=(psql -X -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres)
"${psql[@]}" \
  -v owner_password="${DATABASE_MIGRATION_PASSWORD:?DATABASE_MIGRATION_PASSWORD (hokm_owner) is required}" \
  -v app_password="${DATABASE_PASSWORD:?DATABASE_PASSWORD (hokm_app_user) is required}" \
  -v analyst_password="${DATABASE_READ_PASSWORD:?DATABASE_READ_PASSWORD (hokm_analyst) is required}" \
  -f "$init_sql"
"${psql[@]}" \
  -v replication_password="${REPLICATION_PASSWORD:?REPLICATION_PASSWORD is required}" \
  -v exporter_password="${EXPORTER_DB_PASSWORD:?EXPORTER_DB_PASSWORD is required}" \
  -f "$extras_sql"
echo "hokm: cluster initialised (roles, database hokm, pg_stat_statements)"
