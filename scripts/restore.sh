#!/usr/bin/env bash
# Restores a dump made by scripts/backup.sh into a NEW database (checksum checked first):
#   scripts/restore.sh FILE DBNAME
# with PGHOST/PGPORT/PGUSER/PGPASSWORD pointing at the primary as a superuser. Swapping it in for
# the live database is described in docs/operations.md ("Restore a dump"). To only check a dump
# without touching any server: scripts/backup.sh verify FILE.
set -Eeuo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/backup.sh" restore "$@"
