#!/usr/bin/env bash
# A short smoke of the load generator (a few tables, a few seconds): builds the generator, starts
# the server jar on its embedded defaults (PostgreSQL and Redis, throw-away data) with the
# bench-echo profile, plays whole games over real WebSockets, checks PostgreSQL holds every move
# the clients saw exactly once, drives the echo baseline briefly, and stops the server by its pid.
# Exits non-zero if the generator reports errors, dropped sockets or lost/duplicated moves.
# It never judges speed: the numbers it prints are not checked.
#
# Usage: scripts/loadtest-smoke.sh        (needs target/hokm-server-0.1.0-SNAPSHOT.jar, built if absent)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
JAR="${HOKM_JAR:-$ROOT/target/hokm-server-0.1.0-SNAPSHOT.jar}"
OUT="${HOKM_SMOKE_OUT:-$ROOT/target/loadtest-smoke}"
log() { echo "loadtest-smoke: $*" >&2; }

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

if [ ! -f "$JAR" ]; then
  log "building the server jar"
  mvn -B -q -ntp -DskipTests package
fi
log "building the load generator"
mvn -B -q -ntp -f loadgen/pom.xml package

WORK="$(mktemp -d /tmp/hokm-smoke.XXXXXX)"
HTTP_PORT="$(free_port)"
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The server's abuse limits are per address; every socket comes from 127.0.0.1, so they are
# lifted for the run (the names of limits not yet in this build are ignored by Spring).
LIMITS=(
  --hokm.gateway.rate-burst=1000000
  --hokm.gateway.rate-per-second=1000000
  --hokm.gateway.connections-per-ip-per-minute=1000000
  --hokm.gateway.max-sockets-per-ip=1000000
  --hokm.gateway.tables-per-minute=1000000
  --hokm.security.login.max-failures-per-ip=1000000
  --hokm.security.login.free-failures=1000000
  --hokm.security.login.max-failures-per-account=1000000
  --hokm.security.sign-up.registrations-per-ip-per-hour=1000000
  --hokm.security.sign-up.registrations-per-minute=1000000
  --hokm.security.sign-up.guests-per-ip-per-hour=1000000
  --hokm.security.sign-up.guests-per-minute=1000000
  --server.tomcat.max-connections=30000
)
log "starting the server on port $HTTP_PORT (embedded PostgreSQL $PG_PORT, Redis $REDIS_PORT)"
java -Xmx1g -jar "$JAR" \
  --spring.profiles.active=bench-echo \
  --server.port="$HTTP_PORT" \
  --hokm.embedded.postgres-port="$PG_PORT" \
  --hokm.embedded.redis-port="$REDIS_PORT" \
  --hokm.embedded.data-dir="$WORK/pg" \
  "${LIMITS[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for i in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "the server exited during start-up:"
    tail -50 "$WORK/server.log" >&2
    exit 1
  fi
  [ "$i" = 180 ] && { log "the server did not become ready in 90 s"; tail -50 "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done

GEN=(java -Xmx512m -jar loadgen/target/hokm-loadgen.jar --url="http://127.0.0.1:$HTTP_PORT")
status=0
log "game: 4 tables, think 0, games to 3 points, 10 s"
"${GEN[@]}" --label=smoke-game --tables=4 --ramp=1 --warmup=1 --duration=10 --target-points=3 \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/hokm" --db-user=hokm_owner --db-password= \
  --out="$OUT/game" || status=$?
log "echo baseline: 2 groups, 3 s"
"${GEN[@]}" --label=smoke-echo --mode=echo --tables=2 --ramp=1 --duration=3 \
  --out="$OUT/echo" || status=$?
if [ "$status" != 0 ]; then
  log "FAILED (generator exit $status); server log tail:"
  tail -30 "$WORK/server.log" >&2
  exit "$status"
fi
log "OK (reports in $OUT)"
