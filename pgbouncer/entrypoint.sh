#!/bin/sh
# Renders /etc/pgbouncer/userlist.txt from the environment (no password is ever written to the
# repository) and runs pgBouncer in the foreground with pgbouncer/pgbouncer.ini.
set -eu
: "${DATABASE_USERNAME:?DATABASE_USERNAME is required}"
: "${DATABASE_PASSWORD:?DATABASE_PASSWORD is required}"
: "${DATABASE_MIGRATION_USERNAME:?DATABASE_MIGRATION_USERNAME is required}"
: "${DATABASE_MIGRATION_PASSWORD:?DATABASE_MIGRATION_PASSWORD is required}"
userlist="${PGBOUNCER_USERLIST:-/etc/pgbouncer/userlist.txt}"
umask 077
{
  printf '"%s" "%s"\n' "$DATABASE_USERNAME" "$DATABASE_PASSWORD"
  printf '"%s" "%s"\n' "$DATABASE_MIGRATION_USERNAME" "$DATABASE_MIGRATION_PASSWORD"
  if [ -n "${EXPORTER_DB_PASSWORD:-}" ]; then
    printf '"%s" "%s"\n' hokm_exporter "$EXPORTER_DB_PASSWORD"
  fi
} > "$userlist"
# PGBOUNCER_RENDER_ONLY=1: write the userlist and stop (used by scripts/loopback.sh).
[ "${PGBOUNCER_RENDER_ONLY:-0}" = 1 ] && exit 0
exec pgbouncer "${PGBOUNCER_INI:-/etc/pgbouncer/pgbouncer.ini}"
