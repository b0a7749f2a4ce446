#!/usr/bin/env bash
# Restores the hokm database, from a dump or from pgBackRest's repository.
#
# Usage:
#   scripts/restore.sh FILE DBNAME
#       a dump made by scripts/backup.sh into a NEW database (checksum checked first), with
#       PGHOST/PGPORT/PGUSER/PGPASSWORD pointing at the primary as a superuser. Swapping it in for
#       the live database: docs/operations.md ("Restore a dump"). To only check a dump without
#       touching any server: scripts/backup.sh verify FILE.
#   scripts/restore.sh --time TIME DATADIR [--copy | --delta]
#   scripts/restore.sh --latest DATADIR [--copy | --delta]
#       point-in-time recovery with pgBackRest: the newest base backup that ended before TIME (e.g.
#       '2026-01-01 12:00:00+00'; --latest: all archived WAL) is restored into DATADIR, with
#       recovery settings that fetch the archived WAL (restore_command = pgbackrest archive-get),
#       replay it up to TIME and then promote. Nothing is started:
#       start PostgreSQL on DATADIR and it recovers by itself (docs/operations.md,
#       "Point-in-time recovery"). DATADIR must be empty or absent, unless
#         --delta  DATADIR is the stopped primary's own data directory, which is overwritten where it
#                  differs from the backup (pgBackRest compares checksums; the rest is kept);
#         --copy   the restored server is a copy beside production (a drill, or to fetch rows from
#                  the past): its archive_mode is off, so it never writes its own timeline into the
#                  repository production archives to.
# pgBackRest runs as the postgres user (through runuser when this runs as root) with its own
# configuration (PGBACKREST_CONFIG, default /etc/pgbackrest/pgbackrest.conf) and BACKUP_STANZA
# (hokm). Prints the time the restore took.
set -Eeuo pipefail

case "${1:-}" in
  --time | --latest) ;;
  -h | --help | "")
    sed -n '2,/^set -Eeuo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
    ;;
  *) exec bash "$(dirname "${BASH_SOURCE[0]}")/backup.sh" restore "$@" ;;
esac

log() { echo "restore: $(date -u +%FT%TZ) $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

target=()
if [ "$1" = --time ]; then
  [ -n "${2:-}" ] || die "--time needs a time, e.g. '2026-01-01 12:00:00+00'"
  target=(--type=time "--target=$2" --target-action=promote)
  shift 2
else
  target=(--type=default)
  shift
fi
datadir="${1:?a data directory (absolute path) is required}"
shift
mode=new
case "${1:-}" in
  --copy) mode=copy ;;
  --delta) mode=delta ;;
  "") ;;
  *) die "unknown option '$1' (--copy or --delta)" ;;
esac
case "$datadir" in /*) ;; *) die "DATADIR must be an absolute path: $datadir" ;; esac
command -v pgbackrest >/dev/null || die "pgbackrest is not installed"

opts=(--stanza="${BACKUP_STANZA:-hokm}" --pg1-path="$datadir" --log-level-console=info)
if [ "$mode" = delta ]; then
  [ -f "$datadir/PG_VERSION" ] || die "--delta: $datadir holds no cluster"
  [ ! -f "$datadir/postmaster.pid" ] || die "$datadir/postmaster.pid exists: stop that PostgreSQL first"
  opts+=(--delta)
else
  [ ! -e "$datadir" ] || [ -z "$(ls -A "$datadir")" ] || die "$datadir is not empty (--delta restores over a stopped cluster)"
  if [ "$(id -u)" = 0 ]; then
    install -d -o postgres -g postgres -m 700 "$datadir"
  else
    install -d -m 700 "$datadir"
  fi
fi
[ "$mode" = copy ] && opts+=(--archive-mode=off)

started=$SECONDS
# From a directory the postgres user can enter (the checkout may be readable by root only).
(cd / && as_owner pgbackrest "${opts[@]}" "${target[@]}" restore) || die "pgbackrest restore failed"
log "restored into $datadir in $((SECONDS - started)) s; start PostgreSQL on it to recover$([ "${#target[@]}" -gt 1 ] && echo " to ${target[1]#--target=}") and promote"
