#!/usr/bin/env bash
# The production topology on loopback, from Debian packages (no containers): a PostgreSQL 15
# primary archiving its WAL with pgBackRest (db/pgbackrest.conf, repository in the state dir), a
# streaming replica made with pg_basebackup, pgBouncer (transaction pooling), Redis with a password
# and AOF, the server jar, Prometheus and, when installed, postgres/redis exporters.
#
# Usage: scripts/loopback.sh COMMAND [ARGS]
#   up                       start everything afresh (wipes the state dir), wait until all are ready
#   down                     stop everything (by pid), keep the state dir (logs) for inspection
#   status                   one line per component: name, state, pid, port; exit 1 if any is down
#   stop COMPONENT [SIGNAL]  stop one component; SIGNAL is TERM (default: graceful) or KILL (crash)
#   start COMPONENT          start a stopped component again on its old data and port; waits ready
#   restart COMPONENT [SIG]  stop then start
#   wait COMPONENT [SECS]    wait until the component is ready (default 60 s)
#   env                      print the shell variables (ports, URLs, passwords, PGBACKREST_CONFIG)
#                            for eval
#   pid COMPONENT            print the pid of a running component
#   logs COMPONENT           print the path of the component's log file
# Components: primary replica pgbouncer redis server prometheus postgres-exporter redis-exporter
#
# For postgres (primary, replica) TERM is a fast shutdown (pg_ctl -m fast: sessions are ended,
# clean checkpoint) and KILL is a crash (SIGKILL to the postmaster and its children; the next start
# runs crash recovery). For the server, TERM lets Spring shut down gracefully.
#
# Environment (all optional):
#   HOKM_LOOPBACK_DIR        state dir (default /tmp/hokm-loopback): data, logs, pids, env file
#   HOKM_LOOPBACK_PORT_BASE  first of 9 consecutive ports (default 25430):
#                            +0 primary, +1 replica, +2 pgbouncer, +3 redis, +4 server,
#                            +5 prometheus, +6 postgres-exporter, +7 redis-exporter,
#                            +8 the server's management port (actuator)
#   HOKM_JAR                 the server jar (default target/hokm-server-0.1.0-SNAPSHOT.jar)
#   HOKM_SERVER_OPTS         extra arguments for the server (e.g. --hokm.table.bot-move-delay=20ms);
#                            those given to `up` are reused by later `start server` calls
#   HOKM_LOOPBACK_SERVER=0   do not start the server in `up`
#   HOKM_LOOPBACK_REDIS_MEMORY_MB  the memory Redis is allowed (default 128); maxmemory is 3/4 of it
# Must run as root (PostgreSQL and pgBouncer are run as the postgres user through runuser).
# The checkout may be readable by root only (a clone under /root or in a mode 700 directory): what
# the components read is copied into the state dir first (stage), and the postgres user's commands
# run from /, so no component reads the checkout after `up` has rendered its configuration.
# Commands that change a state dir wait for each other (flock on $HOKM_LOOPBACK_DIR.lock). A failed
# `up` stops what it started; every stop goes by the pid the component recorded, never by name.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${HOKM_LOOPBACK_DIR:-/tmp/hokm-loopback}"
BASE="${HOKM_LOOPBACK_PORT_BASE:-25430}"
JAR="${HOKM_JAR:-$ROOT/target/hokm-server-0.1.0-SNAPSHOT.jar}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
# Absolute paths: the postgres user's commands run from /.
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
case "$JAR" in /*) ;; *) JAR="$PWD/$JAR" ;; esac
COMPONENTS=(primary replica pgbouncer redis server prometheus postgres-exporter redis-exporter)

P_PRIMARY=$((BASE + 0))
P_REPLICA=$((BASE + 1))
P_PGBOUNCER=$((BASE + 2))
P_REDIS=$((BASE + 3))
P_SERVER=$((BASE + 4))
P_PROMETHEUS=$((BASE + 5))
P_PGEXPORTER=$((BASE + 6))
P_REDISEXPORTER=$((BASE + 7))
P_MANAGEMENT=$((BASE + 8))

log() { echo "loopback: $*" >&2; }
die() {
  echo "loopback: ERROR: $*" >&2
  exit 1
}
# From /: the postgres user may not enter the current directory (the checkout, say).
as_pg() { (cd / && runuser -u postgres -- "$@"); }

port_of() {
  case "$1" in
    primary) echo "$P_PRIMARY" ;;
    replica) echo "$P_REPLICA" ;;
    pgbouncer) echo "$P_PGBOUNCER" ;;
    redis) echo "$P_REDIS" ;;
    server) echo "$P_SERVER" ;;
    prometheus) echo "$P_PROMETHEUS" ;;
    postgres-exporter) echo "$P_PGEXPORTER" ;;
    redis-exporter) echo "$P_REDISEXPORTER" ;;
    *) die "unknown component '$1' (one of: ${COMPONENTS[*]})" ;;
  esac
}

logfile() { echo "$STATE/log/$1.log"; }

# ---- the checkout's files the components read, copied into the state dir ------------------------
# stage FILE...: copies each FILE (a path in the checkout) to $STATE/files/FILE, readable by every
# user (none holds a secret). staged FILE: the copy's path.
stage() {
  local f
  for f in "$@"; do
    install -D -m 644 "$ROOT/$f" "$STATE/files/$f" || die "cannot copy $f into $STATE/files"
  done
}
staged() { echo "$STATE/files/$1"; }

# ---- secrets: made once per `up`, kept in the state dir -------------------------------------------
load_secrets() {
  # shellcheck disable=SC1091
  [ -f "$STATE/secrets" ] && . "$STATE/secrets"
  return 0
}

make_secrets() {
  local f="$STATE/secrets" r
  r() { head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20; }
  umask 077
  cat >"$f" <<EOF
POSTGRES_PASSWORD=$(r)
DATABASE_MIGRATION_PASSWORD=$(r)
DATABASE_PASSWORD=$(r)
DATABASE_READ_PASSWORD=$(r)
REPLICATION_PASSWORD=$(r)
EXPORTER_DB_PASSWORD=$(r)
REDIS_PASSWORD=$(r)
JWT_SECRET=$(r)$(r)
EOF
  umask 022
  chmod 600 "$f"
}

print_env() {
  load_secrets
  cat <<EOF
export HOKM_LOOPBACK_DIR='$STATE'
export LOOPBACK_PRIMARY_PORT=$P_PRIMARY
export LOOPBACK_REPLICA_PORT=$P_REPLICA
export LOOPBACK_PGBOUNCER_PORT=$P_PGBOUNCER
export LOOPBACK_REDIS_PORT=$P_REDIS
export LOOPBACK_SERVER_PORT=$P_SERVER
export LOOPBACK_MANAGEMENT_PORT=$P_MANAGEMENT
export LOOPBACK_PROMETHEUS_PORT=$P_PROMETHEUS
export LOOPBACK_POSTGRES_EXPORTER_PORT=$P_PGEXPORTER
export LOOPBACK_REDIS_EXPORTER_PORT=$P_REDISEXPORTER
export LOOPBACK_SERVER_URL='http://127.0.0.1:$P_SERVER'
export LOOPBACK_MANAGEMENT_URL='http://127.0.0.1:$P_MANAGEMENT'
export LOOPBACK_PROMETHEUS_URL='http://127.0.0.1:$P_PROMETHEUS'
export LOOPBACK_SOCKET_DIR='$STATE/run'
export PGBACKREST_CONFIG='$STATE/pgbackrest/pgbackrest.conf'
export LOOPBACK_PGBACKREST_REPO='$STATE/pgbackrest/repo'
export POSTGRES_PASSWORD='${POSTGRES_PASSWORD:-}'
export DATABASE_URL='jdbc:postgresql://127.0.0.1:$P_PGBOUNCER/hokm?prepareThreshold=0'
export DATABASE_USERNAME='hokm_app_user'
export DATABASE_PASSWORD='${DATABASE_PASSWORD:-}'
export DATABASE_MIGRATION_URL='jdbc:postgresql://127.0.0.1:$P_PRIMARY/hokm'
export DATABASE_MIGRATION_USERNAME='hokm_owner'
export DATABASE_MIGRATION_PASSWORD='${DATABASE_MIGRATION_PASSWORD:-}'
export DATABASE_READ_URL='jdbc:postgresql://127.0.0.1:$P_REPLICA/hokm'
export DATABASE_READ_USERNAME='hokm_analyst'
export DATABASE_READ_PASSWORD='${DATABASE_READ_PASSWORD:-}'
export REPLICATION_PASSWORD='${REPLICATION_PASSWORD:-}'
export EXPORTER_DB_PASSWORD='${EXPORTER_DB_PASSWORD:-}'
export REDIS_PASSWORD='${REDIS_PASSWORD:-}'
export REDIS_URL='redis://:${REDIS_PASSWORD:-}@127.0.0.1:$P_REDIS'
export JWT_SECRET='${JWT_SECRET:-}'
EOF
}

# ---- pids --------------------------------------------------------------------------------------
pid_of() {
  local c="$1" f pid=""
  case "$c" in
    primary | replica) f="$STATE/$c/data/postmaster.pid" ;;
    *) f="$STATE/run/$c.pid" ;;
  esac
  [ -f "$f" ] && pid="$(head -1 "$f" 2>/dev/null | tr -dc 0-9)"
  # A zombie (killed, not yet reaped) is not running.
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != Z ]; then
    echo "$pid"
    return 0
  fi
  return 1
}

is_running() { pid_of "$1" >/dev/null; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- readiness ---------------------------------------------------------------------------------
ready() {
  local c="$1"
  is_running "$c" || return 1
  load_secrets
  case "$c" in
    primary | replica) "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$(port_of "$c")" -d postgres ;;
    pgbouncer)
      # The admin console answers without a server connection: ready even while the primary is down.
      PGCONNECT_TIMEOUT=3 PGPASSWORD="$DATABASE_MIGRATION_PASSWORD" psql -X -q -h 127.0.0.1 -p "$P_PGBOUNCER" \
        -U hokm_owner -d pgbouncer -tAc 'show version' >/dev/null 2>&1
      ;;
    redis) [ "$(redis-cli -h 127.0.0.1 -p "$P_REDIS" --no-auth-warning -a "$REDIS_PASSWORD" ping 2>/dev/null)" = PONG ] ;;
    server) curl -fsS -m 2 "http://127.0.0.1:$P_MANAGEMENT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' ;;
    prometheus) curl -fsS -m 2 "http://127.0.0.1:$P_PROMETHEUS/-/ready" >/dev/null 2>&1 ;;
    postgres-exporter | redis-exporter) curl -fsS -m 2 "http://127.0.0.1:$(port_of "$c")/metrics" >/dev/null 2>&1 ;;
  esac
}

wait_ready() {
  local c="$1" secs="${2:-60}" i
  for ((i = 0; i < secs * 5; i++)); do
    ready "$c" && return 0
    if ((i > 15)) && ! is_running "$c"; then
      log "$c is not running; last lines of $(logfile "$c"):"
      tail -n 30 "$(logfile "$c")" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
  log "$c not ready after ${secs}s; last lines of $(logfile "$c"):"
  tail -n 30 "$(logfile "$c")" >&2 2>/dev/null || true
  return 1
}

wait_gone() {
  local pid="$1" secs="${2:-30}" i
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    # A zombie (dead, not yet reaped by its parent) counts as gone once all its threads are gone.
    if [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ] &&
      [ "$(find "/proc/$pid/task" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" -le 1 ]; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# ---- PostgreSQL --------------------------------------------------------------------------------
pg_conf_common() {
  # The repository's tuned configuration, with loopback overrides appended (later lines win).
  local c="$1" port="$2"
  cat "$ROOT/db/postgresql.conf"
  cat <<EOF

# ---- loopback overrides (scripts/loopback.sh) ----
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$STATE/run'
hba_file = '$STATE/$c/pg_hba.conf'
ident_file = '$STATE/$c/pg_ident.conf'
shared_buffers = 128MB
effective_cache_size = 512MB
work_mem = 8MB
maintenance_work_mem = 64MB
max_wal_size = 256MB
fsync = on
cluster_name = 'hokm-$c'
logging_collector = off
EOF
}

init_primary() {
  local d="$STATE/primary"
  mkdir -p "$d"
  chown postgres:postgres "$d"
  local pwf="$d/pwfile"
  echo "$POSTGRES_PASSWORD" >"$pwf"
  chown postgres "$pwf"
  as_pg "$PGBIN/initdb" -D "$d/data" -U postgres --pwfile="$pwf" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 --data-checksums >"$(logfile primary).initdb" 2>&1 ||
    die "initdb failed: $(tail -5 "$(logfile primary).initdb")"
  rm -f "$pwf"
  cp "$ROOT/db/pg_hba.conf" "$ROOT/db/pg_ident.conf" "$d/"
  render_pgbackrest_conf
  {
    pg_conf_common primary "$P_PRIMARY"
    # WAL archiving as in production (docker-compose.prod.yml): pgBackRest, into its repository.
    echo "archive_mode = on"
    echo "archive_command = 'pgbackrest --config=$STATE/pgbackrest/pgbackrest.conf --stanza=hokm archive-push %p'"
  } >"$d/data/postgresql.conf"
  chown postgres:postgres "$d"/*.conf "$d/data/postgresql.conf"
}

render_pgbackrest_conf() {
  # The repository's pgBackRest configuration with the loopback's paths and port, in the state dir
  # (the postgres user reads it there, never in the checkout).
  local d="$STATE/pgbackrest" f
  mkdir -p "$d/repo" "$d/lock" "$STATE/log/pgbackrest"
  f="$d/pgbackrest.conf"
  sed -e "s|^repo1-path=.*|repo1-path=$d/repo|" \
    -e "s|^log-path=.*|log-path=$STATE/log/pgbackrest|" \
    -e "s|^lock-path=.*|lock-path=$d/lock|" \
    -e "s|^pg1-path=.*|pg1-path=$STATE/primary/data|" \
    -e "s|^pg1-port=.*|pg1-port=$P_PRIMARY|" \
    -e "s|^pg1-socket-path=.*|pg1-socket-path=$STATE/run|" \
    "$ROOT/db/pgbackrest.conf" >"$f"
  local want
  for want in "repo1-path=$d/repo" "pg1-path=$STATE/primary/data" "pg1-port=$P_PRIMARY" "pg1-socket-path=$STATE/run" \
    "lock-path=$d/lock" "log-path=$STATE/log/pgbackrest"; do
    grep -qxF "$want" "$f" || die "db/pgbackrest.conf: could not set $want"
  done
  chown -R postgres:postgres "$d" "$STATE/log/pgbackrest"
  chmod 750 "$d" "$d/repo"
}

create_stanza() {
  # Before the first WAL segment completes, so that archive-push never fails for a missing stanza.
  (cd / && as_pg pgbackrest --config="$STATE/pgbackrest/pgbackrest.conf" --stanza=hokm --log-level-console=info \
    stanza-create) >"$(logfile primary).stanza" 2>&1 || die "pgbackrest stanza-create failed: $(tail -5 "$(logfile primary).stanza")"
}

start_pg() {
  local c="$1"
  as_pg "$PGBIN/pg_ctl" -D "$STATE/$c/data" -l "$(logfile "$c")" -w -t 60 start >>"$(logfile "$c").ctl" 2>&1 ||
    {
      tail -n 30 "$(logfile "$c")" >&2
      die "$c did not start"
    }
}

bootstrap_primary() {
  # The init scripts an operator's container runs, over the local socket as the superuser.
  (
    export PGHOST="$STATE/run" PGPORT="$P_PRIMARY"
    stage docs/db-init.sql db/init/extras.sql db/init/10-hokm-init.sh
    export HOKM_DB_INIT_SQL="$(staged docs/db-init.sql)" HOKM_DB_EXTRAS_SQL="$(staged db/init/extras.sql)"
    export DATABASE_MIGRATION_PASSWORD DATABASE_PASSWORD DATABASE_READ_PASSWORD REPLICATION_PASSWORD EXPORTER_DB_PASSWORD
    as_pg env PGHOST="$PGHOST" PGPORT="$PGPORT" HOKM_DB_INIT_SQL="$HOKM_DB_INIT_SQL" \
      HOKM_DB_EXTRAS_SQL="$HOKM_DB_EXTRAS_SQL" DATABASE_MIGRATION_PASSWORD="$DATABASE_MIGRATION_PASSWORD" \
      DATABASE_PASSWORD="$DATABASE_PASSWORD" DATABASE_READ_PASSWORD="$DATABASE_READ_PASSWORD" \
      REPLICATION_PASSWORD="$REPLICATION_PASSWORD" EXPORTER_DB_PASSWORD="$EXPORTER_DB_PASSWORD" \
      bash "$(staged db/init/10-hokm-init.sh)"
  ) >"$(logfile primary).init" 2>&1 || die "cluster init failed: $(cat "$(logfile primary).init")"
}

init_replica() {
  local d="$STATE/replica"
  mkdir -p "$d"
  chown postgres:postgres "$d"
  stage db/replica/basebackup.sh
  (
    export PGPASSWORD="$REPLICATION_PASSWORD"
    as_pg env PGPASSWORD="$PGPASSWORD" PGBIN="$PGBIN" PRIMARY_HOST=127.0.0.1 PRIMARY_PORT="$P_PRIMARY" \
      REPLICA_DATA="$d/data" REPLICATION_SLOT=hokm_replica_1 bash "$(staged db/replica/basebackup.sh)"
  ) >"$(logfile replica).basebackup" 2>&1 || die "pg_basebackup failed: $(tail -20 "$(logfile replica).basebackup")"
  cp "$ROOT/db/pg_hba.conf" "$ROOT/db/pg_ident.conf" "$d/"
  # pg_basebackup copied the primary's postgresql.conf; write the replica's own.
  pg_conf_common replica "$P_REPLICA" >"$d/data/postgresql.conf"
  chown postgres:postgres "$d"/*.conf "$d/data/postgresql.conf"
}

# ---- the others --------------------------------------------------------------------------------
start_pgbouncer() {
  local d="$STATE/pgbouncer"
  mkdir -p "$d"
  # The repository's pgbouncer.ini with the loopback addresses and paths substituted.
  sed -e "s|^hokm = host=postgres-primary port=5432|hokm = host=127.0.0.1 port=$P_PRIMARY|" \
    -e "s|^listen_addr = .*|listen_addr = 127.0.0.1|" \
    -e "s|^listen_port = .*|listen_port = $P_PGBOUNCER|" \
    -e "s|^auth_file = .*|auth_file = $d/userlist.txt|" \
    "$ROOT/pgbouncer/pgbouncer.ini" >"$d/pgbouncer.ini"
  grep -q "port=$P_PRIMARY" "$d/pgbouncer.ini" || die "pgbouncer.ini: [databases] hokm line not found"
  {
    echo "logfile = $(logfile pgbouncer)"
    echo "pidfile = $STATE/run/pgbouncer.pid"
  } >>"$d/pgbouncer.ini"
  env DATABASE_USERNAME=hokm_app_user DATABASE_PASSWORD="$DATABASE_PASSWORD" \
    DATABASE_MIGRATION_USERNAME=hokm_owner DATABASE_MIGRATION_PASSWORD="$DATABASE_MIGRATION_PASSWORD" \
    EXPORTER_DB_PASSWORD="$EXPORTER_DB_PASSWORD" PGBOUNCER_USERLIST="$d/userlist.txt" \
    PGBOUNCER_RENDER_ONLY=1 sh "$ROOT/pgbouncer/entrypoint.sh"
  chown -R postgres:postgres "$d"
  touch "$(logfile pgbouncer)"
  chown postgres "$(logfile pgbouncer)"
  as_pg pgbouncer -d -q "$d/pgbouncer.ini" >>"$(logfile pgbouncer).out" 2>&1 ||
    {
      tail -n 20 "$(logfile pgbouncer)" "$(logfile pgbouncer).out" >&2
      die "pgbouncer did not start"
    }
}

start_redis() {
  local d="$STATE/redis"
  mkdir -p "$d"
  stage redis/redis.conf
  cat >"$d/redis.conf" <<EOF
include $(staged redis/redis.conf)
bind 127.0.0.1
port $P_REDIS
dir $d
daemonize yes
pidfile $STATE/run/redis.pid
logfile $(logfile redis)
requirepass $REDIS_PASSWORD
maxmemory $((${HOKM_LOOPBACK_REDIS_MEMORY_MB:-128} * 3 / 4))mb
EOF
  chmod 600 "$d/redis.conf"
  redis-server "$d/redis.conf" >/dev/null || die "redis did not start: $(tail -5 "$(logfile redis)")"
}

start_server() {
  [ -f "$JAR" ] || die "no server jar at $JAR (mvn -B -q -DskipTests package)"
  local opts=() saved=""
  # The options given at `up` are kept for later `start server` calls (unless set again).
  [ -f "$STATE/server-opts" ] && saved="$(cat "$STATE/server-opts")"
  # shellcheck disable=SC2206
  [ -n "${HOKM_SERVER_OPTS:-$saved}" ] && opts=(${HOKM_SERVER_OPTS:-$saved})
  (
    eval "$(print_env)"
    export SPRING_PROFILES_ACTIVE=prod PORT="$P_SERVER" MANAGEMENT_PORT="$P_MANAGEMENT"
    # The proxy (HAProxy in the ops checks) and the load generator run on loopback: they are the
    # only trusted proxies here, and the sites are this machine's own.
    export HOKM_GATEWAY_ALLOWED_ORIGINS="${HOKM_GATEWAY_ALLOWED_ORIGINS:-https://127.0.0.1:[*],http://127.0.0.1:[*],https://localhost:[*],http://localhost:[*]}"
    export SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES="${SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES:-127\.0\.0\.1|0:0:0:0:0:0:0:1}"
    cd "$STATE"
    exec setsid java -Xmx512m -jar "$JAR" "${opts[@]}" >>"$(logfile server)" 2>&1 </dev/null
  ) &
  echo $! >"$STATE/run/server.pid"
}

start_prometheus() {
  local d="$STATE/prometheus" f
  mkdir -p "$d/data" "$d/rules"
  rm -f "$d"/rules/*.yml
  for f in "$ROOT"/monitoring/prometheus/rules/*.yml; do cp "$f" "$d/rules/"; done
  # The repository's configuration with loopback targets: same jobs, rules and labels.
  sed -e "s|dns_sd_configs:|static_configs:|" \
    -e "s|- names: \\[server\\]|- targets: ['127.0.0.1:$P_MANAGEMENT']|" \
    -e '/^        type: A$/d' -e '/^        port: 8081$/d' -e '/^        refresh_interval: 15s$/d' \
    -e "s|postgres-exporter:9187|127.0.0.1:$P_PGEXPORTER|g" \
    -e "s|redis-exporter:9121|127.0.0.1:$P_REDISEXPORTER|g" \
    -e "s|prometheus:9090|127.0.0.1:$P_PROMETHEUS|g" \
    -e "s|/etc/prometheus/rules/|$d/rules/|g" \
    -e "s|scrape_interval: 15s|scrape_interval: 2s|" \
    -e "s|evaluation_interval: 15s|evaluation_interval: 2s|" \
    "$ROOT/monitoring/prometheus/prometheus.yml" >"$d/prometheus.yml"
  (
    cd "$d"
    exec setsid prometheus --config.file="$d/prometheus.yml" --storage.tsdb.path="$d/data" \
      --web.listen-address="127.0.0.1:$P_PROMETHEUS" --web.enable-lifecycle \
      >>"$(logfile prometheus)" 2>&1 </dev/null
  ) &
  echo $! >"$STATE/run/prometheus.pid"
}

start_postgres_exporter() {
  command -v prometheus-postgres-exporter >/dev/null || return 2
  stage monitoring/postgres-exporter/queries.yaml
  (
    export DATA_SOURCE_NAME="postgresql://hokm_exporter:$EXPORTER_DB_PASSWORD@127.0.0.1:$P_PRIMARY/hokm?sslmode=disable"
    exec setsid prometheus-postgres-exporter --web.listen-address="127.0.0.1:$P_PGEXPORTER" \
      --extend.query-path="$(staged monitoring/postgres-exporter/queries.yaml)" --auto-discover-databases \
      >>"$(logfile postgres-exporter)" 2>&1 </dev/null
  ) &
  echo $! >"$STATE/run/postgres-exporter.pid"
}

start_redis_exporter() {
  command -v prometheus-redis-exporter >/dev/null || return 2
  (
    export REDIS_PASSWORD
    exec setsid prometheus-redis-exporter -web.listen-address="127.0.0.1:$P_REDISEXPORTER" \
      -redis.addr="redis://127.0.0.1:$P_REDIS" >>"$(logfile redis-exporter)" 2>&1 </dev/null
  ) &
  echo $! >"$STATE/run/redis-exporter.pid"
}

start_one() {
  local c="$1" rc=0
  port_of "$c" >/dev/null
  load_secrets
  [ -f "$STATE/secrets" ] || die "no state in $STATE: run 'up' first"
  if is_running "$c"; then
    log "$c already running (pid $(pid_of "$c"))"
    return 0
  fi
  local i
  for ((i = 0; i < 50; i++)); do port_free "$(port_of "$c")" && break || sleep 0.2; done
  port_free "$(port_of "$c")" || die "port $(port_of "$c") for $c is taken by another process"
  case "$c" in
    primary | replica) start_pg "$c" ;;
    pgbouncer) start_pgbouncer ;;
    redis) start_redis ;;
    server) start_server ;;
    prometheus) start_prometheus ;;
    postgres-exporter) start_postgres_exporter || rc=$? ;;
    redis-exporter) start_redis_exporter || rc=$? ;;
  esac
  if [ "$rc" = 2 ]; then
    log "$c: not installed, skipped"
    return 0
  fi
  local secs=30
  [ "$c" = server ] && secs=120
  wait_ready "$c" "$secs" || die "$c did not become ready"
  log "$c ready (pid $(pid_of "$c"), port $(port_of "$c"))"
}

stop_one() {
  local c="$1" sig="${2:-TERM}" pid
  port_of "$c" >/dev/null
  sig="${sig#SIG}"
  case "$sig" in TERM | KILL) ;; *) die "signal must be TERM or KILL, not '$sig'" ;; esac
  if ! pid="$(pid_of "$c")"; then
    log "$c not running"
    return 0
  fi
  case "$c:$sig" in
    primary:TERM | replica:TERM)
      as_pg "$PGBIN/pg_ctl" -D "$STATE/$c/data" -m fast -w -t 60 stop >/dev/null || die "$c did not stop"
      ;;
    primary:KILL | replica:KILL)
      # A crash: the postmaster and every backend die at once (children listed by parent pid).
      local kids
      kids="$(ps -o pid= --ppid "$pid" 2>/dev/null | tr '\n' ' ')"
      kill -KILL "$pid" 2>/dev/null || true
      # shellcheck disable=SC2086
      [ -n "$kids" ] && kill -KILL $kids 2>/dev/null || true
      wait_gone "$pid" 10 || die "$c (pid $pid) survived SIGKILL"
      # PostgreSQL refuses to start while the old pid exists, even as an unreaped zombie: wait for
      # the reaper, then drop the stale lock file of the dead postmaster.
      local i
      for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && rm -f "$STATE/$c/data/postmaster.pid"
      ;;
    *)
      kill "-$sig" "$pid" 2>/dev/null || true
      if ! wait_gone "$pid" 45; then
        log "$c (pid $pid) still running 45 s after SIG$sig; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || die "$c (pid $pid) survived SIGKILL"
      fi
      rm -f "$STATE/run/$c.pid"
      ;;
  esac
  log "$c stopped (SIG$sig, was pid $pid)"
}

cmd_down() {
  local c i
  [ -d "$STATE" ] || return 0
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c="${COMPONENTS[$i]}"
    is_running "$c" && { stop_one "$c" TERM || stop_one "$c" KILL || true; }
  done
  return 0
}

cmd_up() {
  local t0=$SECONDS c
  command -v pgbouncer >/dev/null || die "pgbouncer is not installed"
  command -v redis-server >/dev/null || die "redis-server is not installed"
  command -v prometheus >/dev/null || die "prometheus is not installed"
  command -v pgbackrest >/dev/null || die "pgbackrest is not installed"
  [ -x "$PGBIN/postgres" ] || die "PostgreSQL 15 is not installed in $PGBIN"
  [ "$(id -u)" = 0 ] || die "must run as root"
  cmd_down
  # A failed `up` leaves nothing running.
  trap 'log "up failed; stopping what was started"; cmd_down' EXIT
  for c in "${COMPONENTS[@]}"; do
    port_free "$(port_of "$c")" || die "port $(port_of "$c") for $c is taken by another process (set HOKM_LOOPBACK_PORT_BASE)"
  done
  [ "$STATE" != / ] && rm -rf "$STATE"
  mkdir -p "$STATE/log" "$STATE/run"
  chmod 755 "$STATE" "$STATE/log"
  chown postgres:postgres "$STATE/log"
  chown postgres:postgres "$STATE/run"
  make_secrets
  load_secrets
  printf '%s' "${HOKM_SERVER_OPTS:-}" >"$STATE/server-opts"
  init_primary
  start_pg primary
  create_stanza
  bootstrap_primary
  log "primary ready (port $P_PRIMARY)"
  init_replica
  start_one replica
  start_one pgbouncer
  start_one redis
  if [ "${HOKM_LOOPBACK_SERVER:-1}" != 0 ]; then start_one server; fi
  start_one postgres-exporter
  start_one redis-exporter
  start_one prometheus
  print_env >"$STATE/env"
  trap - EXIT
  log "up in $((SECONDS - t0)) s; state in $STATE; eval \"\$(scripts/loopback.sh env)\" for the variables"
}

cmd_status() {
  local c bad=0 pid
  for c in "${COMPONENTS[@]}"; do
    if pid="$(pid_of "$c")"; then
      if ready "$c"; then
        printf '%-18s ready    pid %-8s port %s\n' "$c" "$pid" "$(port_of "$c")"
      else
        printf '%-18s running  pid %-8s port %s (not ready)\n' "$c" "$pid" "$(port_of "$c")"
        bad=1
      fi
    else
      printf '%-18s stopped  %-12s port %s\n' "$c" "" "$(port_of "$c")"
      bad=1
    fi
  done
  return $bad
}

lock() {
  # One loopback.sh at a time changes a state dir; others wait (up to 10 minutes).
  exec 9>"$STATE.lock"
  flock -w 600 9 || die "another scripts/loopback.sh holds $STATE.lock"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in up | down | stop | start | restart) lock ;; esac
  case "$cmd" in
    # `9>&-`: the servers started here must not inherit the lock's descriptor (they would hold
    # the lock for as long as they run).
    up) cmd_up 9>&- ;;
    down) cmd_down 9>&- ;;
    status) cmd_status ;;
    stop) stop_one "${1:?component}" "${2:-TERM}" 9>&- ;;
    start) start_one "${1:?component}" 9>&- ;;
    restart)
      stop_one "${1:?component}" "${2:-TERM}" 9>&-
      start_one "$1" 9>&-
      ;;
    wait)
      port_of "${1:?component}" >/dev/null
      load_secrets
      wait_ready "$1" "${2:-60}"
      ;;
    env) print_env ;;
    pid) pid_of "${1:?component}" ;;
    logs) logfile "${1:?component}" ;;
    *)
      sed -n '2,/^set -Eeuo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = -h ] || exit 2
      ;;
  esac
}

main "$@"
