#!/usr/bin/env bash
# The benchmark scenarios of docs/benchmarks.md, one command each. Starts the server jar (embedded
# PostgreSQL and Redis, or the loopback topology), runs the load generator, writes
# target/loadtest/<run>/report.{json,html}, and stops what it started (by pid).
#
#   scripts/loadtest.sh throughput [TABLES]     think 0, TABLES tables (default 150), 60 s
#   scripts/loadtest.sh capacity TABLES         human pace (think "human"), TABLES tables, 120 s
#   scripts/loadtest.sh persistence [TABLES]    throughput with the journal on, then off
#   scripts/loadtest.sh echo [TABLES]           the transport baseline on /bench/echo, think 0
#   scripts/loadtest.sh faults [TABLES]         throughput with the PostgreSQL primary stopped
#                                               for 20 s mid-run (needs the loopback topology)
#
# Environment:
#   HOKM_LOADTEST_TOPOLOGY=embedded|loopback   embedded (default): the jar with no DATABASE_URL;
#       loopback: scripts/loopback.sh (primary, replica, pgBouncer, Redis, server) must exist
#   HOKM_LOADTEST_DURATION=S   measured seconds (overrides the scenario's)
#   HOKM_SERVER_HEAP=2g        the server's -Xmx (and -Xms)
#   HOKM_SERVER_JVM_OPTS="..." extra JVM options for the server (e.g. -XX:+UseZGC)
#   HOKM_LOADTEST_ARGS="..."   extra generator options (see java -jar loadgen/target/hokm-loadgen.jar --help)
#   HOKM_SERVER_EXTRA="..."    extra server arguments
#   HOKM_LOADTEST_PORT=P       the server's port (default 18080); management P+1, PostgreSQL P+352,
#       Redis P+353 (embedded topology)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SCENARIO="${1:?usage: scripts/loadtest.sh throughput|capacity|persistence|echo|faults [TABLES]}"
TABLES="${2:-}"
TOPOLOGY="${HOKM_LOADTEST_TOPOLOGY:-embedded}"
HEAP="${HOKM_SERVER_HEAP:-2g}"
JAR="$ROOT/target/hokm-server-0.1.0-SNAPSHOT.jar"
OUT="$ROOT/target/loadtest"
STATE="${HOKM_LOADTEST_DIR:-/tmp/hokm-loadtest}"
log() { echo "loadtest: $*" >&2; }

# 20,000 sockets need more than the usual 1,024 descriptors, in the server and in the generator.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
log "open files limit: $(ulimit -n)"

[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
[ -f loadgen/target/hokm-loadgen.jar ] || mvn -B -q -ntp -f loadgen/pom.xml package
mkdir -p "$STATE" "$OUT"

# Every socket comes from 127.0.0.1: the per-address and per-socket abuse limits are lifted for
# the benchmark (names a build does not know yet are ignored). Tokens outlive the run.
# shellcheck source=lib/bench-limits.sh
source "$ROOT/scripts/lib/bench-limits.sh"
PORT="${HOKM_LOADTEST_PORT:-18080}"
MGMT_PORT=$((PORT + 1))
PG_PORT=$((PORT + 352))
REDIS_PORT=$((PORT + 353))
SERVER_PID=""
DB_ARGS=()

stop_server() {
  if [ "$TOPOLOGY" = loopback ]; then
    bash scripts/loopback.sh down || true
  elif [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

start_server() { # extra server args...
  if [ "$TOPOLOGY" = loopback ]; then
    [ -f scripts/loopback.sh ] || { log "scripts/loopback.sh is not in this checkout"; exit 2; }
    HOKM_SERVER_OPTS="--spring.profiles.active=prod,bench-echo ${LIMITS[*]} $* ${HOKM_SERVER_EXTRA:-}" \
      bash scripts/loopback.sh up
    eval "$(bash scripts/loopback.sh env)"
    PORT="$LOOPBACK_SERVER_PORT"
    MGMT_PORT="$LOOPBACK_MANAGEMENT_PORT"
    DB_ARGS=(--db-url="$DATABASE_MIGRATION_URL" --db-user="$DATABASE_MIGRATION_USERNAME"
      --db-password="$DATABASE_MIGRATION_PASSWORD")
    return
  fi
  # A fresh database, except for capacity runs, which keep theirs (and the guests' tokens, signed
  # with a secret kept beside it) because signing up 20,000 guests takes minutes.
  local data="$STATE/pg"
  if [ "${KEEP_DATA:-0}" = 1 ]; then
    data="$STATE/pg-keep"
    [ -f "$STATE/jwt.secret" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STATE/jwt.secret"
    JWT_SECRET="$(cat "$STATE/jwt.secret")"
    export JWT_SECRET
    # A new instance name each start: tables an earlier (interrupted) run left are not restored,
    # so the reused guests are free to sit again.
    set -- --hokm.instance-id="bench-$(date +%s)" "$@"
  else
    rm -rf "$data"
  fi
  # shellcheck disable=SC2086
  java -Xms"$HEAP" -Xmx"$HEAP" ${HOKM_SERVER_JVM_OPTS:-} -jar "$JAR" --spring.profiles.active=bench-echo \
    --server.port=$PORT --management.server.port=$MGMT_PORT --hokm.embedded.postgres-port=$PG_PORT --hokm.embedded.redis-port=$REDIS_PORT \
    --hokm.embedded.data-dir="$data" "${LIMITS[@]}" "$@" ${HOKM_SERVER_EXTRA:-} \
    >"$STATE/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { log "server exited:"; tail -40 "$STATE/server.log"; exit 1; }
    sleep 0.5
  done
  DB_ARGS=(--db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/hokm" --db-user=hokm_owner --db-password=)
}

gen() { # name, generator args...
  local name="$1"
  shift
  # shellcheck disable=SC2086
  java -Xms1g -Xmx1g -jar loadgen/target/hokm-loadgen.jar --url="http://127.0.0.1:$PORT" \
    --metrics-url="http://127.0.0.1:$MGMT_PORT" \
    --label="$name" --out="$OUT/$name" "$@" ${HOKM_LOADTEST_ARGS:-}
}

status=0
case "$SCENARIO" in
  throughput)
    start_server
    gen "throughput-${TABLES:-150}t" --tables="${TABLES:-150}" --think=0 --ramp=10 --warmup=10 \
      --duration="${HOKM_LOADTEST_DURATION:-60}" "${DB_ARGS[@]}" || status=$?
    ;;
  capacity)
    KEEP_DATA=1
    start_server
    T="${TABLES:?capacity needs TABLES}"
    gen "capacity-${T}t" --tables="$T" --think=human --ramp=$((T / 40 + 10)) --warmup=20 \
      --duration="${HOKM_LOADTEST_DURATION:-120}" --source-ips=16 --io-threads=2 \
      --guest-concurrency=32 --progress=10 --tokens-file="$STATE/pg-keep.tokens" \
      "${DB_ARGS[@]}" || status=$?
    ;;
  persistence)
    start_server
    gen "persistence-journal-on-${TABLES:-150}t" --tables="${TABLES:-150}" --ramp=10 --warmup=10 \
      --duration="${HOKM_LOADTEST_DURATION:-60}" "${DB_ARGS[@]}" || status=$?
    stop_server
    start_server --hokm.journal.enabled=false
    gen "persistence-journal-off-${TABLES:-150}t" --tables="${TABLES:-150}" --ramp=10 --warmup=10 \
      --duration="${HOKM_LOADTEST_DURATION:-60}" --db-check=false || status=$?
    ;;
  echo)
    start_server
    gen "echo-${TABLES:-150}t" --mode=echo --tables="${TABLES:-150}" --ramp=10 --warmup=10 \
      --duration="${HOKM_LOADTEST_DURATION:-60}" || status=$?
    ;;
  faults)
    [ "$TOPOLOGY" = loopback ] || { log "faults needs HOKM_LOADTEST_TOPOLOGY=loopback"; exit 2; }
    start_server
    gen "faults-${TABLES:-150}t" --tables="${TABLES:-150}" --ramp=10 --warmup=10 \
      --duration="${HOKM_LOADTEST_DURATION:-60}" --fault-at=15 --fault-seconds=20 \
      --fault-cmd="bash scripts/loopback.sh stop primary TERM" \
      --recover-cmd="bash scripts/loopback.sh start primary" --drain-timeout=300 \
      "${DB_ARGS[@]}" || status=$?
    ;;
  *)
    log "unknown scenario $SCENARIO"
    exit 2
    ;;
esac
exit "$status"
