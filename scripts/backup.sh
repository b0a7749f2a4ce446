#!/usr/bin/env bash
# Backups of the hokm database: verified logical dumps, and pgBackRest's physical base backups for
# point-in-time recovery.
#
# Usage: scripts/backup.sh COMMAND
#   run               dump, verify the dump in a scratch cluster, apply retention, record the run;
#                     with BACKUP_BASE=1 then a pgBackRest base backup (see basebackup), taken
#                     whether the dump worked or not. Fails when either part failed
#   dump              only take a dump (prints its path)
#   verify FILE       restore FILE into a throw-away cluster and check it (see below)
#   restore FILE DB   restore FILE into a NEW database DB on the server PG* points at
#   prune             apply the retention policy of the dumps
#   stanza            create pgBackRest's stanza if it is missing (idempotent) and check that WAL
#                     archiving reaches the repository (`pgbackrest check`)
#   basebackup [TYPE] a pgBackRest base backup: full, diff or incr; without TYPE a full one when the
#                     newest full backup is BACKUP_FULL_DAYS (7) days old or there is none, else a
#                     differential one. pgBackRest then expires backups and archived WAL beyond its
#                     retention (repo1-retention-full / -diff in db/pgbackrest.conf). Every
#                     attempt is recorded (see below), a failed one too
#   info              pgBackRest's view of the repository: backups, their times, the WAL range
#   verify-repo       re-read every backup file and archived WAL segment in the repository against
#                     its checksum (`pgbackrest verify`)
#   list              list the dumps, newest first, then pgBackRest's backups
#   schedule          create the stanza (with BACKUP_BASE=1), then run `run` every day at
#                     BACKUP_TIME (UTC), forever (the compose backup service)
# Point-in-time recovery from the pgBackRest repository is scripts/restore.sh --time.
#
# A dump is pg_dump's custom format (compressed), named hokm-YYYYMMDDTHHMMSSZ.dump, with a
# .sha256 and a .manifest (row counts of the main tables just before and just after the dump).
# Verification restores it into a scratch PostgreSQL started for the purpose (unix socket only,
# removed afterwards) and checks:
#   - pg_restore succeeds with --exit-on-error, the Flyway history is there;
#   - for players, game_sessions, game_hands and game_moves (rows are never deleted) the restored
#     count lies between the counts taken before and after the dump;
#   - the latest finished game is replayable: its moves have sequence numbers 1..n without gaps,
#     its four seats (0..3) are there, its hands are numbered 1..h without gaps and all complete,
#     every move refers to a recorded hand, and the winning team's hand points reach the target.
# Retention: BACKUP_KEEP_DAILY newest dumps in daily/ (7), and one dump a week hard-linked into
# weekly/, of which BACKUP_KEEP_WEEKLY are kept (4).
#
# Each dump run and each base backup is a row in ops.backup_runs (db/init/extras.sql): kind (dump
# or base), started_at and finished_at (the duration), ok, verified (dumps restored and checked),
# file (the dump, or the backup's label), size_bytes (the dump file; for a base backup what it
# added to the repository, compressed), detail (what failed, or the backup type and database
# size). postgres-exporter turns them into hokm_backup_* (dumps) and hokm_base_backup_* metrics
# (monitoring/postgres-exporter/queries.yaml), which the backup alerts watch.
#
# pgBackRest runs as the postgres user (through runuser when this runs as root) on the database
# host's view of the primary: its data directory and unix socket (pg1-path, pg1-socket-path of its
# configuration). WAL reaches the repository through the primary's archive_command
# (pgbackrest archive-push).
#
# Environment: PGHOST, PGPORT, PGUSER (a superuser, default postgres), PGPASSWORD, PGDATABASE
# (hokm) - the PRIMARY directly, never pgBouncer; BACKUP_DIR (/backups), BACKUP_KEEP_DAILY,
# BACKUP_KEEP_WEEKLY, BACKUP_TIME (02:30), BACKUP_BASE=1 (pgBackRest base backups in `run`),
# BACKUP_FULL_DAYS (7), BACKUP_STANZA (hokm), PGBACKREST_CONFIG and other PGBACKREST_* options
# (pgBackRest reads them itself; default configuration /etc/pgbackrest/pgbackrest.conf), PGBIN
# (directory of pg_dump/initdb; default: PATH or /usr/lib/postgresql/15/bin).
set -Eeuo pipefail

BACKUP_DIR="${BACKUP_DIR:-/backups}"
KEEP_DAILY="${BACKUP_KEEP_DAILY:-7}"
KEEP_WEEKLY="${BACKUP_KEEP_WEEKLY:-4}"
export PGDATABASE="${PGDATABASE:-hokm}" PGUSER="${PGUSER:-postgres}"
if [ -z "${PGBIN:-}" ]; then
  if [ -x /usr/lib/postgresql/15/bin/pg_dump ]; then PGBIN=/usr/lib/postgresql/15/bin; else PGBIN="$(dirname "$(command -v pg_dump)")"; fi
fi
MAIN_TABLES=(players game_sessions game_participants game_hands game_moves websocket_connections refresh_tokens)
GROWING_TABLES=(players game_sessions game_hands game_moves)

log() { echo "backup: $(date -u +%FT%TZ) $*" >&2; }
die() {
  log "ERROR: $*"
  # The reason, for the record of a failed run (BACKUP_FAILURE_NOTE: a file, see cmd_basebackup).
  [ -z "${BACKUP_FAILURE_NOTE:-}" ] || echo "$*" >"$BACKUP_FAILURE_NOTE"
  exit 1
}
psql_src() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -tA "$@"; }

counts() {
  local t sql="" sep=""
  for t in "${MAIN_TABLES[@]}"; do
    sql+="${sep}SELECT '$t', count(*) FROM $t"
    sep=" UNION ALL "
  done
  "$@" -F= -c "$sql"
}

cmd_dump() {
  local ts file
  ts="$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/weekly"
  file="$BACKUP_DIR/daily/hokm-$ts.dump"
  counts psql_src | sed 's/^/before./' >"$file.manifest.tmp"
  "$PGBIN/pg_dump" --format=custom --compress=6 --no-password --file="$file.tmp" "$PGDATABASE" ||
    die "pg_dump failed"
  counts psql_src | sed 's/^/after./' >>"$file.manifest.tmp"
  {
    echo "file=$(basename "$file")"
    echo "taken_at=$(date -u +%FT%TZ)"
    echo "server_version=$(psql_src -c 'show server_version')"
    echo "flyway_version=$(psql_src -c 'select max(version::int) from flyway_schema_history where success' 2>/dev/null || echo none)"
  } >>"$file.manifest.tmp"
  mv "$file.tmp" "$file"
  mv "$file.manifest.tmp" "$file.manifest"
  (cd "$(dirname "$file")" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
  log "dump $file ($(stat -c %s "$file") bytes)"
  echo "$file"
}

# ---- verification in a scratch cluster --------------------------------------------------------
SCRATCH=""
scratch_cleanup() {
  [ -n "$SCRATCH" ] || return 0
  if [ -f "$SCRATCH/data/postmaster.pid" ]; then
    as_owner "$PGBIN/pg_ctl" -D "$SCRATCH/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$SCRATCH"
  SCRATCH=""
}
as_owner() {
  # initdb and postgres refuse root: run them as postgres when we are root, from / (the postgres
  # user may not enter the current directory: a checkout readable by root only, say).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

cmd_verify() {
  local file="${1:?verify needs a dump file}" ok=1
  [ -f "$file" ] || die "no such file: $file"
  if [ -f "$file.sha256" ]; then
    (cd "$(dirname "$file")" && sha256sum --quiet -c "$(basename "$file").sha256") || die "checksum mismatch: $file"
  fi
  SCRATCH="$(mktemp -d /tmp/hokm-backup-verify.XXXXXX)"
  trap scratch_cleanup EXIT
  [ "$(id -u)" = 0 ] && chown postgres "$SCRATCH"
  as_owner "$PGBIN/initdb" -D "$SCRATCH/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$SCRATCH/initdb.log" 2>&1 ||
    die "scratch initdb failed: $(tail -5 "$SCRATCH/initdb.log")"
  as_owner "$PGBIN/pg_ctl" -D "$SCRATCH/data" -l "$SCRATCH/postgres.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$SCRATCH' -c fsync=off -c port=5432" start >/dev/null ||
    die "scratch postgres did not start: $(tail -5 "$SCRATCH/postgres.log")"
  local s=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -tA -h "$SCRATCH" -p 5432 -U postgres)
  # The cluster-wide roles the dump refers to (docs/db-init.sql), without logins.
  # (Every step ends in `|| die`: this runs inside `if`, where errexit does not apply.)
  "${s[@]}" -d postgres -c "CREATE ROLE hokm_owner NOLOGIN CREATEROLE; CREATE ROLE hokm_app NOLOGIN;
    CREATE ROLE hokm_readonly NOLOGIN" -c "CREATE DATABASE hokm OWNER hokm_owner" >/dev/null ||
    die "could not prepare the scratch cluster"
  "$PGBIN/pg_restore" -h "$SCRATCH" -p 5432 -U postgres -d hokm --exit-on-error "$file" 2>"$SCRATCH/restore.log" ||
    die "pg_restore failed: $(tail -5 "$SCRATCH/restore.log")"
  local q=("${s[@]}" -d hokm)
  "${q[@]}" -c 'select 1 from flyway_schema_history limit 1' >/dev/null || die "no Flyway history in the restore"

  # Row counts between the counts before and after the dump.
  local t restored before after manifest="$file.manifest"
  declare -A got
  while IFS='=' read -r t restored; do got[$t]=$restored; done < <(counts "${q[@]}")
  for t in "${MAIN_TABLES[@]}"; do
    echo "verify: $t: ${got[$t]} rows"
  done
  if [ -f "$manifest" ]; then
    for t in "${GROWING_TABLES[@]}"; do
      before="$(sed -n "s/^before\.$t=//p" "$manifest")"
      after="$(sed -n "s/^after\.$t=//p" "$manifest")"
      if [ -z "${got[$t]:-}" ] || [ -z "$before" ] || [ -z "$after" ] || ((${got[$t]} < before || ${got[$t]} > after)); then
        log "$t: restored ${got[$t]} rows, outside [$before, $after] counted around the dump"
        ok=0
      fi
    done
  else
    log "no manifest beside $file: row counts not compared"
  fi

  # The latest finished game must be complete and consistent enough to replay.
  local game
  game="$("${q[@]}" -c "select id from game_sessions where status = 'completed' and end_reason = 'finished'
    order by completed_at desc limit 1")" || die "could not query game_sessions"
  if [ -z "$game" ]; then
    echo "verify: no finished game in this backup; game check skipped"
  else
    local problems
    problems="$("${q[@]}" -v game="$game" <<'SQL'
with g as (select * from game_sessions where id = :'game'),
m as (select count(*) n, min(sequence_number) lo, max(sequence_number) hi,
             count(distinct sequence_number) d from game_moves where game_session_id = :'game'),
p as (select count(*) n, count(distinct position) d, min(position) lo, max(position) hi
      from game_participants where game_session_id = :'game'),
h as (select count(*) n, max(hand_number) hi, count(*) filter (where completed_at is null) open,
             coalesce(sum(points) filter (where winner_team = (select winner_team from g)), 0) won
      from game_hands where game_session_id = :'game')
select concat_ws('; ',
  case when m.n = 0 or m.lo <> 1 or m.hi <> m.n or m.d <> m.n
       then format('moves not numbered 1..n without gaps (n=%s, min=%s, max=%s)', m.n, m.lo, m.hi) end,
  case when p.n <> 4 or p.d <> 4 or p.lo <> 0 or p.hi <> 3
       then format('seats missing (%s of 4)', p.n) end,
  case when h.n = 0 or h.hi <> h.n then format('hands not numbered 1..h (%s hands, max %s)', h.n, h.hi) end,
  case when h.open > 0 then format('%s hands not completed', h.open) end,
  case when h.won < (select target_points from g)
       then format('winner has %s points of %s', h.won, (select target_points from g)) end,
  case when exists (select 1 from game_moves mv where mv.game_session_id = :'game' and not exists
         (select 1 from game_hands gh where gh.game_session_id = mv.game_session_id
            and gh.hand_number = mv.hand_number))
       then 'moves refer to unrecorded hands' end)
from m, p, h
SQL
)" || die "game check query failed"
    local summary
    summary="$("${q[@]}" -c "select format('%s moves, %s hands, winner team %s', (select count(*) from game_moves
      where game_session_id = '$game'), (select count(*) from game_hands where game_session_id = '$game'),
      (select winner_team from game_sessions where id = '$game'))")" || die "game summary query failed"
    if [ -n "$problems" ]; then
      log "latest finished game $game: $problems"
      ok=0
    else
      echo "verify: latest finished game $game replayable: $summary"
    fi
  fi
  scratch_cleanup
  trap - EXIT
  [ "$ok" = 1 ] || die "verification of $file FAILED"
  echo "verify: $file OK"
}

cmd_prune() {
  local f
  mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/weekly"
  # One dump a week: link the newest daily into weekly/ when the newest weekly is 7 days old.
  local newest_daily newest_weekly
  newest_daily="$(ls -1t "$BACKUP_DIR"/daily/hokm-*.dump 2>/dev/null | head -1 || true)"
  newest_weekly="$(ls -1t "$BACKUP_DIR"/weekly/hokm-*.dump 2>/dev/null | head -1 || true)"
  if [ -n "$newest_daily" ] && { [ -z "$newest_weekly" ] || [ -n "$(find "$newest_weekly" -mmin +$((7 * 24 * 60 - 60)))" ]; }; then
    for f in "$newest_daily" "$newest_daily.sha256" "$newest_daily.manifest"; do
      [ -f "$f" ] && ln -f "$f" "$BACKUP_DIR/weekly/$(basename "$f")"
    done
    log "weekly: kept $(basename "$newest_daily")"
  fi
  local dir keep
  for dir in daily weekly; do
    keep=$KEEP_DAILY
    [ "$dir" = weekly ] && keep=$KEEP_WEEKLY
    ls -1t "$BACKUP_DIR/$dir"/hokm-*.dump 2>/dev/null | tail -n +$((keep + 1)) | while read -r f; do
      rm -f "$f" "$f.sha256" "$f.manifest"
      log "retention: removed $dir/$(basename "$f")"
    done
  done
}

# ---- pgBackRest -------------------------------------------------------------------------------
STANZA="${BACKUP_STANZA:-hokm}"
pgbr() {
  # From a directory the postgres user can enter (the checkout may be readable by root only).
  (cd / && as_owner pgbackrest --stanza="$STANZA" "$@")
}

cmd_stanza() {
  command -v pgbackrest >/dev/null || die "pgbackrest is not installed"
  pgbr --log-level-console=info stanza-create >&2 || die "pgbackrest stanza-create failed"
  pgbr --log-level-console=info check >&2 || die "pgbackrest check failed: is archive_command archive-push?"
  log "pgBackRest stanza $STANZA ready, WAL archiving checked"
}

# Seconds since the end of the newest full backup; empty when there is none.
full_backup_age() {
  local stop
  stop="$(pgbr --output=json info | awk -v RS='"label":"' 'NR > 1 && /^[0-9]+-[0-9]+F"/ {
      if (match($0, /"timestamp":\{"start":[0-9]+,"stop":[0-9]+/)) {
        t = substr($0, RSTART, RLENGTH); sub(/.*"stop":/, "", t); last = t
      }
    } END { print last }')"
  [ -n "$stop" ] && echo $(($(date +%s) - stop))
  return 0
}

# The newest backup's label, then what it added to the repository and the database's size (bytes).
newest_backup() {
  local label
  label="$(pgbr --output=json info | grep -o '"label":"[^"]*"' | tail -1 | cut -d'"' -f4)"
  [ -n "$label" ] || return 1
  echo "$label"
  # One record per backup, from its "backrest" key on: info (sizes), then its label.
  pgbr --output=json info | awk -v RS='"backrest":' -v want="\"label\":\"$label\"" 'index($0, want) {
      repo = 0; db = 0
      if (match($0, /"repository":\{"delta":[0-9]+/)) { repo = substr($0, RSTART, RLENGTH); sub(/.*:/, "", repo) }
      if (match($0, /"size":[0-9]+\},"label":/)) { db = substr($0, RSTART, RLENGTH); sub(/^"size":/, "", db); sub(/\}.*/, "", db) }
      print repo; print db
    }'
}

base_backup() {
  local type="${1:-}" age
  command -v pgbackrest >/dev/null || die "pgbackrest is not installed"
  pgbr stanza-create >/dev/null || die "pgbackrest stanza-create failed"
  if [ -z "$type" ]; then
    age="$(full_backup_age)"
    if [ -z "$age" ] || ((age >= ${BACKUP_FULL_DAYS:-7} * 86400 - 3600)); then type=full; else type=diff; fi
  fi
  log "pgBackRest $type backup of stanza $STANZA"
  pgbr --log-level-console=info --type="$type" backup >&2 || die "pgbackrest $type backup failed"
  pgbr info >&2 || die "pgbackrest info failed after the $type backup"
  echo "$type"
}

cmd_basebackup() {
  local asked="${1:-}" type started note reason out label repo_bytes db_bytes
  case "$asked" in "" | full | diff | incr) ;; *) die "backup type must be full, diff or incr, not '$asked'" ;; esac
  started="$(date -u +%FT%TZ)"
  note="$(mktemp -t hokm-basebackup.XXXXXX)"
  if ! type="$(BACKUP_FAILURE_NOTE="$note" base_backup "$asked")"; then
    reason="$(cat "$note" 2>/dev/null || true)"
    record base "$started" false "" 0 "${reason:-pgBackRest base backup failed}"
    rm -f "$note"
    die "base backup failed (recorded in ops.backup_runs)"
  fi
  rm -f "$note"
  if ! out="$(newest_backup)"; then
    record base "$started" false "" 0 "the $type backup is not in pgbackrest info"
    die "the $type backup is not in pgbackrest info"
  fi
  { read -r label && read -r repo_bytes && read -r db_bytes; } <<<"$out" || true
  record base "$started" true "$label" "${repo_bytes:-0}" "$type backup, database ${db_bytes:-?} bytes"
  echo "$label"
}

cmd_verify_repo() {
  # pgBackRest 2.45's verify exits 0 even when it finds damage: its report is what counts.
  local out
  out="$(pgbr --log-level-console=info verify --verbose 2>&1)" || {
    echo "$out" >&2
    die "pgbackrest verify failed"
  }
  echo "$out"
  if grep -q 'status: error' <<<"$out" || ! grep -q 'status: ok' <<<"$out"; then
    die "the pgBackRest repository failed verification (see above)"
  fi
  log "pgBackRest repository verified: every backup file and archived WAL segment matches its checksum"
}

ensure_runs_kind() {
  # ops.backup_runs made before base backups were recorded has no kind column (all its rows are
  # dumps): add it. Needs the table's owner or a superuser; anyone else records dumps as before.
  psql_src >/dev/null 2>&1 <<'SQL' || true
DO $$ BEGIN
  IF to_regclass('ops.backup_runs') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM information_schema.columns
      WHERE table_schema = 'ops' AND table_name = 'backup_runs' AND column_name = 'kind') THEN
    ALTER TABLE ops.backup_runs ADD COLUMN kind text NOT NULL DEFAULT 'dump' CHECK (kind IN ('dump', 'base'));
  END IF;
END $$;
SQL
}

record() {
  # record KIND STARTED OK FILE SIZE DETAIL: one row in ops.backup_runs, which feeds the backup
  # alerts (postgres-exporter). A dump is verified when it is recorded as ok. Missing table: the
  # run goes on, with a line in the log.
  local kind="$1" started="$2" ok="$3" file="$4" size="$5" detail="$6" verified=false
  [ "$kind" = dump ] && verified="$ok"
  ensure_runs_kind
  # A dump's row names no kind (the column's default), so that a table of before still takes it.
  local columns="" values=""
  [ "$kind" = dump ] || { columns="kind, " values=":'kind', "; }
  psql_src -v kind="$kind" -v started="$started" -v ok="$ok" -v verified="$verified" -v file="$file" \
    -v size="$size" -v detail="$detail" >/dev/null 2>&1 <<SQL || log "could not record the $kind run in ops.backup_runs"
insert into ops.backup_runs (${columns}started_at, ok, verified, file, size_bytes, detail)
values (${values}:'started', :'ok', :'verified', :'file', :'size', :'detail')
SQL
}

file_size() { if [ -n "$1" ] && [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi; }

dump_run() {
  local started file
  started="$(date -u +%FT%TZ)"
  if ! file="$(cmd_dump)"; then
    record dump "$started" false "" 0 "dump failed"
    die "dump failed"
  fi
  if ! (cmd_verify "$file"); then
    record dump "$started" false "$file" "$(file_size "$file")" "verification failed"
    mv "$file" "$file.failed"
    die "verification failed; kept as $file.failed"
  fi
  cmd_prune
  record dump "$started" true "$file" "$(file_size "$file")" "ok"
  log "dump run complete: $file"
}

cmd_run() {
  local failed=""
  (dump_run) || failed="the dump"
  if [ "${BACKUP_BASE:-0}" = 1 ]; then
    (cmd_basebackup >/dev/null) || failed="${failed:+$failed and }the pgBackRest base backup"
  fi
  [ -z "$failed" ] || die "run failed: $failed (see above; recorded in ops.backup_runs)"
  log "run complete"
}

cmd_restore() {
  local file="${1:?restore needs a dump file}" db="${2:?restore needs a NEW database name}"
  [ -f "$file" ] || die "no such file: $file"
  if [ -f "$file.sha256" ]; then
    (cd "$(dirname "$file")" && sha256sum --quiet -c "$(basename "$file").sha256") || die "checksum mismatch: $file"
  fi
  [ -z "$(psql_src -d postgres -c "select 1 from pg_database where datname = '$db'")" ] ||
    die "database $db exists; restore goes into a new database (see docs/operations.md)"
  psql_src -d postgres -c "create database \"$db\" owner hokm_owner" >/dev/null
  "$PGBIN/pg_restore" -d "$db" --exit-on-error --no-password "$file" || die "pg_restore into $db failed"
  log "restored $file into database $db"
}

cmd_schedule() {
  local at="${BACKUP_TIME:-02:30}" now next
  log "daily backups at $at UTC into $BACKUP_DIR (keep $KEEP_DAILY daily, $KEEP_WEEKLY weekly)"
  # The exporter's queries need ops.backup_runs.kind before the first run.
  ensure_runs_kind
  if [ "${BACKUP_BASE:-0}" = 1 ]; then
    # A stanza for a cluster made before db/init/20-pgbackrest-stanza.sh, or a new repository; an
    # error here is logged and the schedule goes on (the next run tries again).
    (cmd_stanza) || log "pgBackRest stanza not ready yet; WAL archiving fails until it is (PostgresWalArchivingFailing)"
  fi
  while true; do
    now="$(date -u +%s)"
    next="$(date -u -d "today $at" +%s)"
    ((next > now)) || next="$(date -u -d "tomorrow $at" +%s)"
    log "next backup at $(date -u -d "@$next" +%FT%TZ)"
    sleep $((next - now))
    (cmd_run) || log "backup run failed (alerts: BackupTooOld, BackupNotVerified, BaseBackupFailed, BaseBackupTooOld)"
  done
}

case "${1:-}" in
  run) cmd_run ;;
  dump) cmd_dump ;;
  verify) cmd_verify "${2:-}" ;;
  restore) cmd_restore "${2:-}" "${3:-}" ;;
  prune) cmd_prune ;;
  stanza) cmd_stanza ;;
  basebackup) cmd_basebackup "${2:-}" ;;
  info) pgbr info ;;
  verify-repo) cmd_verify_repo ;;
  list)
    ls -lt "$BACKUP_DIR"/daily/*.dump "$BACKUP_DIR"/weekly/*.dump 2>/dev/null || true
    if command -v pgbackrest >/dev/null; then pgbr info || true; fi
    ;;
  schedule) cmd_schedule ;;
  *)
    sed -n '2,/^set -Eeuo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
