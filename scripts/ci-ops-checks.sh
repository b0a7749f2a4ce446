#!/usr/bin/env bash
# Checks every piece of the deployment with real tools (called by .ci/run after `mvn verify`, which
# builds the jar and runs the Kubernetes manifest tests in src/test/java/hokm/ops):
#   1. compose files (docker-compose config, with the object-store overlay for pgBackRest too),
#      .env.example covers every variable they use
#   2. Prometheus configuration and rules (promtool check, promtool test rules, a test case for
#      every alert)
#   3. HAProxy configuration (haproxy -c), the Dockerfile's layer extraction with this jar, the
#      Dockerfiles (server, db/) linted (dockerfile-utils and dockerfilelint, from npm)
#   4. the loopback topology (scripts/loopback.sh): PostgreSQL primary + replica and pgBouncer
#      started with db/ and pgbouncer/ configuration, Redis with redis/redis.conf, the server jar
#      through pgBouncer with analytics on the replica, Prometheus with the repository's config
#   5. a game played against it; every metric in dashboards and rules exported (via Prometheus)
#   6. HAProxy in front of the server: TLS, WebSocket upgrade, /actuator hidden
#   7. backup: dump, verify by restoring, retention, a damaged game caught; pgBackRest: stanza,
#      full and differential backups, retention, the repository verified against its checksums
#      and a damaged copy caught, and a recovery drill to a point in time between two batches of
#      rows (timed; the time is printed, never judged)
# Usage: scripts/ci-ops-checks.sh [--no-install]     Runs as root. Everything started is stopped
# by pid on exit, failure included.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# State dir and ports differ per checkout, so that two checkouts can run their checks at the same
# time on one machine without stopping each other's topology (40 ports a slot, 26000-27999).
SLOT="$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
export HOKM_LOOPBACK_DIR="${HOKM_LOOPBACK_DIR:-/tmp/hokm-ci-loopback-$((SLOT % 100000))}"
export HOKM_LOOPBACK_PORT_BASE="${HOKM_LOOPBACK_PORT_BASE:-$((26000 + (SLOT % 50) * 40))}"
# Bots think for 20 ms instead of 800 ms, so a scripted game takes seconds.
export HOKM_SERVER_OPTS="${HOKM_SERVER_OPTS:---hokm.table.bot-move-delay=20ms}"
WORK="$(mktemp -d /tmp/hokm-ci-ops.XXXXXX)"
chmod 755 "$WORK" # the postgres user works in here too
PY=/usr/bin/python3
T0=$SECONDS
CURRENT="setup"
HAPROXY_PID=""

step() {
  CURRENT="$*"
  echo "== ops: $* ($((SECONDS - T0)) s)"
}
fail() {
  echo "ops: FAILED in '$CURRENT': $*" >&2
  exit 1
}
cleanup() {
  local rc=$?
  if [ -n "$HAPROXY_PID" ] && kill -0 "$HAPROXY_PID" 2>/dev/null; then kill "$HAPROXY_PID" || true; fi
  if [ "$rc" != 0 ] && [ -d "$HOKM_LOOPBACK_DIR/log" ]; then
    echo "ops: logs of the loopback components (last lines):" >&2
    for f in "$HOKM_LOOPBACK_DIR"/log/*.log; do
      echo "---- $f" >&2
      tail -n 15 "$f" >&2 || true
    done
  fi
  bash "$ROOT/scripts/loopback.sh" down >/dev/null 2>&1 || true
  rm -rf "$WORK"
  [ "$rc" = 0 ] || echo "ops: FAILED in '$CURRENT' after $((SECONDS - T0)) s" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'fail "command failed (line $LINENO): $BASH_COMMAND"' ERR

# ---- 0. tools ------------------------------------------------------------------------------------
step "installing tools"
PKGS=(postgresql-15 postgresql-client-15 pgbackrest pgbouncer redis-server redis-tools prometheus
  prometheus-postgres-exporter prometheus-redis-exporter haproxy docker-compose
  python3-yaml curl jq openssl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && [ "${1:-}" != --no-install ]; then
  echo "ops: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; fail "apt-get update"; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1 ||
    {
      tail -30 "$WORK/apt.log"
      fail "apt-get install ${missing[*]}"
    }
fi
# Package post-install scripts may start system services of their own on some machines; ours
# run on their own ports, so those do not matter.

# ---- 1. compose ----------------------------------------------------------------------------------
# Which services build an image (the database ones always do: db/Dockerfile adds pgBackRest).
builds() { $PY -c 'import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
print(" ".join(n for n, s in sorted(services.items()) if "build" in s))' "$1"; }
step "docker-compose config (development)"
docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml is not valid"
docker-compose -f docker-compose.yml config >"$WORK/dev.yml"
for s in postgres-primary postgres-replica pgbouncer redis server prometheus grafana postgres-exporter \
  redis-exporter pgadmin backup; do
  grep -q "^  $s:" "$WORK/dev.yml" || fail "service $s missing from docker-compose.yml"
done
for port in 8080 3000 9090 5050 6432; do
  grep -Eq "127.0.0.1:$port(-[0-9]+)?:[0-9]+" "$WORK/dev.yml" || fail "port $port not published on 127.0.0.1"
done
grep -q "condition: service_healthy" "$WORK/dev.yml" || fail "no depends_on health conditions"
# docs/operations.md promises every long-running service shows "healthy" in `docker-compose ps`.
unchecked="$($PY -c 'import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
print(" ".join(n for n, s in sorted(services.items()) if "healthcheck" not in s and n != "volumes-init"))' "$WORK/dev.yml")"
[ -z "$unchecked" ] || fail "services without a health check: $unchecked"
grep -q -- '--maxmemory "$$((REDIS_MEMORY_LIMIT_MB \* 3 / 4))mb"' "$WORK/dev.yml" ||
  fail "Redis's maxmemory is not derived from REDIS_MEMORY_LIMIT_MB"
# The server's management port (actuator) is for the back network only.
if grep -Eq ":8081(/tcp)?$" "$WORK/dev.yml"; then fail "the management port 8081 is published"; fi

step "docker-compose config (production overrides)"
if env -i PATH="$PATH" docker-compose -f docker-compose.yml -f docker-compose.prod.yml config -q >"$WORK/prod-nosecrets.log" 2>&1; then
  fail "docker-compose.prod.yml accepted missing secrets"
fi
grep -q "is required" "$WORK/prod-nosecrets.log" || fail "no helpful message for a missing secret: $(cat "$WORK/prod-nosecrets.log")"
required_vars="$(grep -ho '\${[A-Z_]*:?' docker-compose.prod.yml | tr -d '${:?' | sort -u)"
prod_env=(PATH="$PATH")
for v in $required_vars; do prod_env+=("$v=ci-$v"); done
prod_env+=(HOKM_TLS_CERT_DIR=/etc/ssl/hokm)
env -i "${prod_env[@]}" docker-compose -f docker-compose.yml -f docker-compose.prod.yml config >"$WORK/prod.yml" ||
  fail "docker-compose.prod.yml invalid with every required variable set"
grep -q "replicas: [2-9]" "$WORK/prod.yml" || fail "no server replicas in production"
if [[ " $(builds "$WORK/prod.yml") " == *" server "* ]]; then fail "production builds the server instead of running HOKM_IMAGE"; fi
for s in postgres-primary postgres-replica backup; do
  [[ " $(builds "$WORK/prod.yml") " == *" $s "* ]] || fail "$s does not run the image with pgBackRest (db/Dockerfile)"
done
docker-compose config >"$WORK/dev-default.yml" 2>&1 || fail "docker-compose.yml with its override is not valid"
[[ " $(builds "$WORK/dev-default.yml") " == *" server "* ]] || fail "docker-compose up (development) does not build the server"
grep -q "restart: unless-stopped" "$WORK/prod.yml" || fail "no restart policies"
[ "$(grep -c "^      resources:" "$WORK/prod.yml")" -ge 10 ] || fail "deploy.resources missing on services"
grep -q "archive_mode=on" "$WORK/prod.yml" || fail "no WAL archiving"
grep -q "archive_command=pgbackrest --stanza=hokm archive-push %p" "$WORK/prod.yml" || fail "WAL is not archived by pgBackRest"
grep -q "dev-.*password" "$WORK/prod.yml" && fail "a development default password survives in production: $(grep -n 'dev-.*password' "$WORK/prod.yml" | head -3)"
step "docker-compose config (pgBackRest repository in an object store)"
s3_required="$(grep -ho '\${[A-Z0-9_]*:?' docker-compose.backup-s3.yml | tr -d '${:?' | sort -u)"
s3_files=(-f docker-compose.yml -f docker-compose.prod.yml -f docker-compose.backup-s3.yml)
if env -i "${prod_env[@]}" docker-compose "${s3_files[@]}" config -q >"$WORK/s3-nosecrets.log" 2>&1; then
  fail "docker-compose.backup-s3.yml accepted a missing bucket and keys"
fi
grep -q "BACKUP_BUCKET.* is required" "$WORK/s3-nosecrets.log" || fail "no helpful message for a missing bucket: $(cat "$WORK/s3-nosecrets.log")"
s3_env=("${prod_env[@]}")
for v in $s3_required; do s3_env+=("$v=ci-$v"); done
env -i "${s3_env[@]}" docker-compose "${s3_files[@]}" config >"$WORK/s3.yml" ||
  fail "docker-compose.backup-s3.yml invalid with every required variable set"
$PY -c 'import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
for name in ("postgres-primary", "backup"):
    env = services[name]["environment"]
    assert env["PGBACKREST_REPO1_TYPE"] == "s3", name
    assert env["PGBACKREST_REPO1_S3_BUCKET"] == "ci-BACKUP_BUCKET", name
    assert env["PGBACKREST_REPO1_CIPHER_TYPE"] == "aes-256-cbc", name' "$WORK/s3.yml" ||
  fail "the object-store settings do not reach both users of the repository"
for v in $(grep -ho '\${[A-Z0-9_]*' docker-compose.yml docker-compose.prod.yml docker-compose.backup-s3.yml | tr -d '${' | sort -u); do
  grep -q "^$v=" .env.example || fail ".env.example does not document $v"
done
step "scripts/setup.sh writes a production .env"
if bash scripts/setup.sh --prod "$WORK/env" >"$WORK/setup.log" 2>&1; then
  fail "setup.sh called the configuration complete without HOKM_IMAGE, HOKM_TLS_CERT_DIR and HOKM_GATEWAY_ALLOWED_ORIGINS"
fi
grep -q "HOKM_GATEWAY_ALLOWED_ORIGINS HOKM_IMAGE HOKM_TLS_CERT_DIR" "$WORK/setup.log" || fail "setup.sh did not say what is left: $(cat "$WORK/setup.log")"
sed -i -e 's|^HOKM_IMAGE=$|HOKM_IMAGE=registry.example.com/hokm-server:0.1.0|' -e 's|^HOKM_TLS_CERT_DIR=$|HOKM_TLS_CERT_DIR=/etc/ssl/hokm|' \
  -e 's|^HOKM_GATEWAY_ALLOWED_ORIGINS=$|HOKM_GATEWAY_ALLOWED_ORIGINS=https://hokm.example.com|' "$WORK/env"
env -i PATH="$PATH" docker-compose --env-file "$WORK/env" -f docker-compose.yml -f docker-compose.prod.yml config -q ||
  fail "the .env made by setup.sh is not enough for production"
[ "$(stat -c %a "$WORK/env")" = 600 ] || fail "setup.sh left the .env readable by others"
echo "ops: compose OK ($(echo "$required_vars" | wc -w) required production variables)"

# ---- 2. Prometheus -------------------------------------------------------------------------------
step "promtool check config / rules / test rules"
sed "s|/etc/prometheus/rules/|$ROOT/monitoring/prometheus/rules/|" monitoring/prometheus/prometheus.yml >"$WORK/prometheus.yml"
promtool check config "$WORK/prometheus.yml"
promtool check rules monitoring/prometheus/rules/*.yml
promtool test rules monitoring/prometheus/tests/*.yml
# Every alert has at least one case in the tests.
untested="$($PY -c 'import glob, yaml
alerts = {r["alert"] for f in glob.glob("monitoring/prometheus/rules/*.yml")
          for g in yaml.safe_load(open(f))["groups"] for r in g["rules"] if "alert" in r}
tested = {c["alertname"] for f in glob.glob("monitoring/prometheus/tests/*.yml")
          for t in yaml.safe_load(open(f))["tests"] for c in t.get("alert_rule_test", [])}
print(" ".join(sorted(alerts - tested)))')"
[ -z "$untested" ] || fail "alerts without a promtool test case: $untested"
for f in monitoring/grafana/dashboards/*.json; do
  jq -e '.uid and .title and (.panels | length > 0)' "$f" >/dev/null || fail "$f is not a dashboard"
  bad="$(jq -r '[.. | objects | select(has("datasource")) | .datasource | objects | .uid] | map(select(. != "prometheus")) | length' "$f")"
  [ "$bad" = 0 ] || fail "$f uses a datasource other than the provisioned uid 'prometheus'"
done

# ---- 3. HAProxy; Dockerfile layers and lint ------------------------------------------
step "haproxy -c"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
  -subj /CN=localhost >/dev/null 2>&1
cat "$WORK/cert.pem" "$WORK/key.pem" >"$WORK/hokm.pem"
sed "s|/usr/local/etc/haproxy/certs/hokm.pem|$WORK/hokm.pem|" haproxy/haproxy.cfg >"$WORK/haproxy.cfg"
haproxy -c -q -f "$WORK/haproxy.cfg" || fail "haproxy/haproxy.cfg is invalid"

step "Dockerfile layers from the jar"
JAR="$ROOT/target/hokm-server-0.1.0-SNAPSHOT.jar"
[ -f "$JAR" ] || fail "no jar at $JAR (mvn verify builds it)"
layers="$(java -Djarmode=tools -jar "$JAR" list-layers | tr '\n' ' ')"
for l in $layers; do grep -q "/layers/$l/" Dockerfile || fail "Dockerfile does not copy layer $l"; done
java -Djarmode=tools -jar "$JAR" extract --layers --launcher --destination "$WORK/layers" >/dev/null
launcher="$(grep -o 'org.springframework.boot.loader.launch.[A-Za-z]*' Dockerfile | head -1)"
[ -f "$WORK/layers/spring-boot-loader/${launcher//.//}.class" ] || fail "Dockerfile entrypoint $launcher not in the loader layer"
grep -q '^USER [1-9]' Dockerfile || fail "Dockerfile does not switch to a non-root user"
grep -q '^HEALTHCHECK' Dockerfile || fail "Dockerfile has no HEALTHCHECK"

step "Dockerfile lint (dockerfile-utils, dockerfilelint): Dockerfile, db/Dockerfile"
# Two linters from npm, pinned: dockerfile-utils (the validator of the Dockerfile language server)
# checks every instruction's flags and arguments; dockerfilelint checks practices (apt-get flags and
# cleanup, base image tags, sudo, ports). .dockerfilelintrc says which dockerfilelint rules are off
# and why. Warnings fail too. Each is first shown a bad Dockerfile, so a linter that reports nothing
# at all cannot pass.
command -v npm >/dev/null || fail "npm is needed for the Dockerfile linters"
npm install --prefix "$WORK/npm" --no-audit --no-fund --loglevel=error \
  dockerfile-utils@0.16.3 dockerfilelint@1.8.0 >"$WORK/npm.log" 2>&1 ||
  {
    tail -20 "$WORK/npm.log"
    fail "npm install of the Dockerfile linters"
  }
printf 'FROM debian\nRUN apt-get update && apt-get install curl\nHEALTHCHECK --intervall=1s CMD true\n' >"$WORK/Dockerfile.bad"
if "$WORK/npm/node_modules/.bin/dockerfilelint" "$WORK/Dockerfile.bad" >/dev/null 2>&1; then
  fail "dockerfilelint passed a bad Dockerfile"
fi
[ -n "$("$WORK/npm/node_modules/.bin/dockerfile-utils" lint "$WORK/Dockerfile.bad" 2>&1 || true)" ] ||
  fail "dockerfile-utils passed a bad Dockerfile"
for f in Dockerfile db/Dockerfile; do
  if ! out="$("$WORK/npm/node_modules/.bin/dockerfile-utils" lint "$f" 2>&1)" || [ -n "$out" ]; then
    echo "$out"
    fail "dockerfile-utils reports problems in $f"
  fi
  "$WORK/npm/node_modules/.bin/dockerfilelint" "$f" || fail "dockerfilelint reports problems in $f"
done

# ---- 4. loopback topology ------------------------------------------------------------------------
step "loopback topology up"
t=$SECONDS
bash scripts/loopback.sh up || fail "scripts/loopback.sh up"
echo "ops: topology up in $((SECONDS - t)) s"
eval "$(bash scripts/loopback.sh env)"
# The checkout may be readable by root only: no component's configuration or command line names a
# file in it (loopback.sh copies what they read into its state dir). The server's jar is the one
# exception; java runs as root.
grep -rlF --exclude-dir=log --include='*.conf' --include='*.ini' --include='*.yml' --include='*.yaml' \
  -e "$ROOT/" "$HOKM_LOOPBACK_DIR" >"$WORK/names-checkout" || true
[ ! -s "$WORK/names-checkout" ] || fail "configuration in the state dir names the checkout: $(cat "$WORK/names-checkout")"
for c in primary replica pgbouncer redis prometheus postgres-exporter redis-exporter; do
  pid="$(bash scripts/loopback.sh pid "$c")" || continue
  tr '\0' ' ' <"/proc/$pid/cmdline" >"$WORK/cmdline"
  if grep -qF -e "$ROOT/" "$WORK/cmdline"; then fail "$c runs with a file in the checkout: $(cat "$WORK/cmdline")"; fi
done
export PGCONNECT_TIMEOUT=5
# The postgres user's commands run from / (it may not enter the checkout).
as_pg() { (cd / && runuser -u postgres -- "$@"); }
primary_sql() { as_pg psql -X -qtA -h "$LOOPBACK_SOCKET_DIR" -p "$LOOPBACK_PRIMARY_PORT" -d hokm -c "$1"; }
replica_sql() { as_pg psql -X -qtA -h "$LOOPBACK_SOCKET_DIR" -p "$LOOPBACK_REPLICA_PORT" -d hokm -c "$1"; }
metric() { curl -fsS "$LOOPBACK_MANAGEMENT_URL/actuator/prometheus" | awk -v m="$1" '$1 == m { print $2 }'; }

step "replication, pgBouncer, Redis"
[ "$(primary_sql "select count(*) from pg_stat_replication where state = 'streaming'")" = 1 ] ||
  fail "the replica does not stream from the primary"
[ "$(replica_sql 'select pg_is_in_recovery()')" = t ] || fail "the replica is not in recovery"
primary_sql "select count(*) from pg_extension where extname = 'pg_stat_statements'" | grep -qx 1 ||
  fail "pg_stat_statements is missing"
PGPASSWORD="$DATABASE_MIGRATION_PASSWORD" psql -X -qtA -h 127.0.0.1 -p "$LOOPBACK_PGBOUNCER_PORT" -U hokm_owner \
  -d pgbouncer -c 'show config' >"$WORK/pgb-config"
grep -q '^pool_mode|transaction' "$WORK/pgb-config" || fail "pgBouncer is not in transaction mode"
[ "$(redis-cli -h 127.0.0.1 -p "$LOOPBACK_REDIS_PORT" --no-auth-warning ping 2>&1 | head -1)" != PONG ] ||
  fail "Redis answers without a password"
redis-cli -h 127.0.0.1 -p "$LOOPBACK_REDIS_PORT" --no-auth-warning -a "$REDIS_PASSWORD" info persistence |
  grep -q '^aof_enabled:1' || fail "Redis AOF is off"
# maxmemory is three quarters of the memory Redis is given (128 MB on loopback).
[ "$(redis-cli -h 127.0.0.1 -p "$LOOPBACK_REDIS_PORT" --no-auth-warning -a "$REDIS_PASSWORD" config get maxmemory | sed -n 2p)" = $((96 * 1024 * 1024)) ] ||
  fail "Redis maxmemory is not 3/4 of its 128 MB"

step "server through pgBouncer, analytics on the replica"
curl -fsS "$LOOPBACK_MANAGEMENT_URL/actuator/health" | jq -e '.status == "UP" and .components.db.status == "UP" and .components.redis.status == "UP"' >/dev/null ||
  fail "server health: $(curl -sS "$LOOPBACK_MANAGEMENT_URL/actuator/health")"
# The players' port serves no actuator, only the bare probes.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$LOOPBACK_SERVER_URL/actuator/prometheus")" = 404 ] ||
  fail "/actuator/prometheus answers on the players' port"
curl -fsS "$LOOPBACK_SERVER_URL/readyz" | jq -e '.status == "UP" and (has("components") | not)' >/dev/null ||
  fail "/readyz on the players' port: $(curl -sS "$LOOPBACK_SERVER_URL/readyz")"
# The server's pool logs in as hokm_app_user; on the primary, those sessions come from pgBouncer.
PGPASSWORD="$DATABASE_MIGRATION_PASSWORD" psql -X -qtA -h 127.0.0.1 -p "$LOOPBACK_PGBOUNCER_PORT" -U hokm_owner \
  -d pgbouncer -c 'show clients' >"$WORK/pgb-clients"
grep -q 'hokm_app_user' "$WORK/pgb-clients" || fail "no server connection through pgBouncer: $(cat "$WORK/pgb-clients")"
curl -fsS "$LOOPBACK_SERVER_URL/api/leaderboard" | jq -e '.players' >/dev/null || fail "GET /api/leaderboard"
curl -fsS "$LOOPBACK_SERVER_URL/api/stats/daily" >/dev/null || fail "GET /api/stats/daily"
[ "$(metric hokm_analytics_replica_up)" = 1.0 ] || fail "hokm_analytics_replica_up is $(metric hokm_analytics_replica_up)"
[ "$(metric hokm_analytics_replica_fallback_total)" = 0.0 ] || fail "analytics fell back to the primary"
[ "$(replica_sql "select count(*) > 0 from pg_stat_activity where usename = 'hokm_analyst'")" = t ] ||
  fail "no analytics session on the replica"

# ---- 5. a game, then metrics ---------------------------------------------------------------------
step "a game played to the end"
GAME_TABLE="$(timeout 120 java "$ROOT/scripts/lib/BotGame.java" "$LOOPBACK_SERVER_URL" 90)" || fail "scripted game"
echo "ops: finished table $GAME_TABLE"
for i in $(seq 1 50); do
  [ "$(primary_sql "select count(*) from game_sessions where status = 'completed' and end_reason = 'finished'")" -ge 1 ] && break
  sleep 0.2
done
[ "$(replica_sql "select count(*) from game_sessions where status = 'completed'")" -ge 1 ] 2>/dev/null ||
  sleep 2 # replica catches up; the check below reads the replica through the server

step "the finished game replays through the server (GET /api/games/{id}/replay)"
token="$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{}' "$LOOPBACK_SERVER_URL/api/auth/guest" | jq -r .accessToken)"
finished="$(primary_sql "select id from game_sessions where status = 'completed' and end_reason = 'finished' order by completed_at desc limit 1")"
[ -n "$finished" ] || fail "no finished game in the database"
curl -fsS -H "Authorization: Bearer $token" "$LOOPBACK_SERVER_URL/api/games/$finished/replay" >"$WORK/replay.json" ||
  fail "GET /api/games/$finished/replay"
jq -e '.verified == true' "$WORK/replay.json" >/dev/null || fail "the server's replay of $finished is not verified: $(head -c 300 "$WORK/replay.json")"

step "every metric in dashboards and rules is exported"
sleep 5 # two scrapes at the loopback's 2 s interval
$PY scripts/lib/check_metrics.py "$LOOPBACK_PROMETHEUS_URL" monitoring/grafana/dashboards \
  monitoring/prometheus/rules monitoring/metrics-expected-later.txt >"$WORK/metrics.txt" || {
  cat "$WORK/metrics.txt"
  fail "metrics named in dashboards or rules are not exported"
}
grep -v '^  exported' "$WORK/metrics.txt"
curl -fsS "$LOOPBACK_PROMETHEUS_URL/api/v1/targets" | jq -r '.data.activeTargets[] | "\(.labels.job) \(.health)"' >"$WORK/targets"
grep -q '^hokm-server up' "$WORK/targets" || fail "Prometheus does not scrape the server: $(cat "$WORK/targets")"

# ---- 6. HAProxy in front of the server -----------------------------------------------------------
step "HAProxy: TLS, WebSocket, affinity backend"
HAPORT=$((HOKM_LOOPBACK_PORT_BASE + 20))
sed -e "s|bind :8443 |bind 127.0.0.1:$HAPORT |" -e "s|bind :8080|bind 127.0.0.1:$((HAPORT + 1))|" \
  -e "s|server-template srv 1-10 server:8080|server srv1 127.0.0.1:$LOOPBACK_SERVER_PORT|" \
  -e "s| resolvers docker init-addr none||" -e "s|    log stdout format raw local0 info||" \
  -e "s|maxconn 20000|maxconn 1000|" \
  "$WORK/haproxy.cfg" >"$WORK/haproxy-loopback.cfg"
haproxy -D -p "$WORK/haproxy.pid" -f "$WORK/haproxy-loopback.cfg"
HAPROXY_PID="$(cat "$WORK/haproxy.pid")"
for i in $(seq 1 50); do
  curl -ksf "https://127.0.0.1:$HAPORT/api/leaderboard?table=t1" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -ksf "https://127.0.0.1:$HAPORT/api/leaderboard?table=t1" | jq -e .players >/dev/null || fail "HTTPS through HAProxy"
[ "$(curl -ks -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HAPORT/actuator/prometheus")" = 404 ] ||
  fail "/actuator is reachable through the proxy"
for hidden in /%61ctuator/prometheus /Actuator/prometheus /%41CTUATOR/health; do
  [ "$(curl -ks -o /dev/null -w '%{http_code}' --path-as-is "https://127.0.0.1:$HAPORT$hidden")" = 404 ] ||
    fail "$hidden is reachable through the proxy"
done
head -c 70000 /dev/zero | tr '\0' a >"$WORK/big-body"
[ "$(curl -ks -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$WORK/big-body" \
  "https://127.0.0.1:$HAPORT/api/auth/guest")" = 413 ] || fail "the proxy passes request bodies over 64 KiB"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((HAPORT + 1))/")" = 301 ] || fail "no redirect to HTTPS"
code="$(curl -ks -o /dev/null -w '%{http_code}' --max-time 3 --http1.1 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
  -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
  "https://127.0.0.1:$HAPORT/ws?table=t1" || true)"
[ "$code" = 101 ] || fail "WebSocket upgrade through HAProxy answered $code"
kill "$HAPROXY_PID"
HAPROXY_PID=""

# ---- 7. backups ----------------------------------------------------------------------------------
step "backup: dump, verify, retention"
export PGHOST=127.0.0.1 PGPORT="$LOOPBACK_PRIMARY_PORT" PGUSER=postgres PGPASSWORD="$POSTGRES_PASSWORD"
export BACKUP_DIR="$WORK/backups" BACKUP_KEEP_DAILY=2
bash scripts/backup.sh run 2>&1 | tee "$WORK/backup.log"
grep -q "latest finished game .* replayable" "$WORK/backup.log" || fail "the backup's latest finished game was not checked"
ls "$BACKUP_DIR"/daily/hokm-*.dump >/dev/null || fail "no dump in $BACKUP_DIR/daily"
ls "$BACKUP_DIR"/weekly/hokm-*.dump >/dev/null || fail "no weekly dump"
for i in 1 2; do
  sleep 1
  bash scripts/backup.sh run >"$WORK/backup-$i.log" 2>&1 || fail "backup run $((i + 1)): $(tail -5 "$WORK/backup-$i.log")"
done
[ "$(ls "$BACKUP_DIR"/daily/hokm-*.dump | wc -l)" = 2 ] || fail "retention kept $(ls "$BACKUP_DIR"/daily/*.dump | wc -l) daily dumps, not 2"
exported="$(curl -fsS "http://127.0.0.1:$LOOPBACK_POSTGRES_EXPORTER_PORT/metrics")"
grep -q '^hokm_backup_last_verified_timestamp_seconds{.*} 1\.' <<<"$exported" ||
  fail "the backup run is not visible to the exporter: $(grep '^hokm_backup' <<<"$exported")"

step "backup: restore into a new database, then a damaged game is caught"
bash scripts/backup.sh restore "$(ls -t "$BACKUP_DIR"/daily/hokm-*.dump | head -1)" hokm_restored
[ "$(primary_sql "select count(*) from game_moves")" = \
  "$(as_pg psql -X -qtA -h "$LOOPBACK_SOCKET_DIR" -p "$LOOPBACK_PRIMARY_PORT" -d hokm_restored -c 'select count(*) from game_moves')" ] ||
  fail "restored game_moves differ"
game="$(primary_sql "select id from game_sessions where status = 'completed' and end_reason = 'finished' order by completed_at desc limit 1")"
primary_sql "delete from game_moves where game_session_id = '$game' and sequence_number = 3" >/dev/null
damaged="$(bash scripts/backup.sh dump 2>/dev/null)"
if bash scripts/backup.sh verify "$damaged" >"$WORK/damaged.log" 2>&1; then
  fail "verification accepted a game with a missing move"
fi
grep -q "moves not numbered" "$WORK/damaged.log" || fail "unexpected verification failure: $(tail -3 "$WORK/damaged.log")"
rm -f "$damaged"*

# pgBackRest runs as postgres with the configuration loopback.sh rendered into its state dir
# (PGBACKREST_CONFIG, from `loopback.sh env`).
pgbr() { as_pg pgbackrest --stanza=hokm "$@"; }
labels() { pgbr --output=json info | grep -o '"label":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' '; }

step "pgBackRest: stanza, full and differential backups, retention"
bash scripts/backup.sh stanza >"$WORK/stanza.log" 2>&1 || fail "backup.sh stanza: $(tail -5 "$WORK/stanza.log")"
[ "$(primary_sql "select failed_count from pg_stat_archiver")" = 0 ] ||
  fail "archive-push failed: $(primary_sql "select last_failed_wal, last_failed_time from pg_stat_archiver")"
bash scripts/backup.sh basebackup >"$WORK/full.label" 2>"$WORK/full.log" || fail "first base backup: $(tail -5 "$WORK/full.log")"
grep -Eqx '[0-9]{8}-[0-9]{6}F' "$WORK/full.label" || fail "the first base backup is not a full one: $(cat "$WORK/full.label")"
bash scripts/backup.sh basebackup >"$WORK/diff.label" 2>"$WORK/diff.log" || fail "second base backup: $(tail -5 "$WORK/diff.log")"
grep -Eqx "$(cat "$WORK/full.label")_[0-9]{8}-[0-9]{6}D" "$WORK/diff.label" ||
  fail "the base backup after a fresh full one is not a differential one: $(cat "$WORK/diff.label")"
# Every base backup is a row in ops.backup_runs, a failed one too, and the exporter tells that the
# last one failed (BaseBackupFailed) until the next one succeeds. This one fails: pgBackRest is
# pointed at a port where no PostgreSQL listens.
if PGBACKREST_PG1_PORT=1 bash scripts/backup.sh basebackup >"$WORK/failed.label" 2>"$WORK/failed.log"; then
  fail "a base backup of an unreachable database succeeded: $(cat "$WORK/failed.label")"
fi
grep -q "recorded in ops.backup_runs" "$WORK/failed.log" || fail "the failed base backup says nothing of its record: $(tail -3 "$WORK/failed.log")"
base_runs() {
  primary_sql "select string_agg(concat_ws(':', ok, size_bytes > 0, file), ' ' order by id) from ops.backup_runs where kind = 'base'"
}
want="t:t:$(cat "$WORK/full.label") t:t:$(cat "$WORK/diff.label") f:f:"
[ "$(base_runs)" = "$want" ] || fail "ops.backup_runs holds '$(base_runs)' for the base backups, not '$want'"
[ "$(primary_sql "select detail from ops.backup_runs where kind = 'base' and not ok")" = "pgbackrest stanza-create failed" ] ||
  fail "the failed base backup's detail: $(primary_sql "select detail from ops.backup_runs where kind = 'base' and not ok")"
exported="$(curl -fsS "http://127.0.0.1:$LOOPBACK_POSTGRES_EXPORTER_PORT/metrics")"
for m in 'hokm_base_backup_last_failed{.*} 1$' 'hokm_base_backup_runs_total{.*} 3$' 'hokm_base_backup_failures_total{.*} 1$' \
  'hokm_base_backup_last_success_timestamp_seconds{.*} 1\.' 'hokm_base_backup_last_size_bytes{.*} [1-9]'; do
  grep -q "^$m" <<<"$exported" || fail "the exporter does not show $m: $(grep '^hokm_base_backup' <<<"$exported")"
done
# Retention of one full backup: the next full one expires the older full backup, its differential
# one and the archived WAL only they needed.
PGBACKREST_REPO1_RETENTION_FULL=1 bash scripts/backup.sh basebackup full >"$WORK/full2.label" 2>"$WORK/full2.log" ||
  fail "third base backup: $(tail -5 "$WORK/full2.log")"
[ "$(labels)" = "$(cat "$WORK/full2.label") " ] || fail "retention kept $(labels)instead of $(cat "$WORK/full2.label") alone"
grep -q "expire command end: completed successfully" "$WORK/full2.log" || fail "no expire after the backup"
exported="$(curl -fsS "http://127.0.0.1:$LOOPBACK_POSTGRES_EXPORTER_PORT/metrics")"
grep -q '^hokm_base_backup_last_failed{.*} 0$' <<<"$exported" ||
  fail "a successful base backup did not clear the last failure: $(grep '^hokm_base_backup' <<<"$exported")"
grep -q '^hokm_backup_failures_total{.*} 0$' <<<"$exported" || fail "base backups count in the dumps' metrics"

step "pgBackRest: the repository verified against its checksums, a damaged copy caught"
bash scripts/backup.sh verify-repo >"$WORK/verify-repo.log" 2>&1 || fail "verify-repo: $(tail -8 "$WORK/verify-repo.log")"
grep -q "backup: $(cat "$WORK/full2.label"), status: valid" "$WORK/verify-repo.log" ||
  fail "verify did not check the backup: $(tail -8 "$WORK/verify-repo.log")"
# A copy of the repository in which the newest archived segment holds another segment's (valid,
# compressed) content: a wrong file under the right name. After the full backup and its expire the
# repository may hold one segment only (the backup's): `check` switches to a new segment (writing
# a restore point first when the current one is empty) and waits until archive-push has it there.
pgbr check >"$WORK/check-segment.log" 2>&1 || fail "pgbackrest check: $(tail -5 "$WORK/check-segment.log")"
cp -a "$LOOPBACK_PGBACKREST_REPO" "$WORK/repo-copy"
find "$WORK/repo-copy/archive" -name '0000*.zst' | sort >"$WORK/segments"
[ "$(wc -l <"$WORK/segments")" -ge 2 ] || fail "fewer than two archived segments: $(cat "$WORK/segments")"
damaged="$(tail -1 "$WORK/segments")"
cp "$(head -1 "$WORK/segments")" "$damaged"
if PGBACKREST_REPO1_PATH="$WORK/repo-copy" bash scripts/backup.sh verify-repo >"$WORK/verify-damaged.log" 2>&1; then
  fail "verify-repo accepted a damaged WAL segment"
fi
grep -q "invalid checksum '.*$(basename "$damaged")'" "$WORK/verify-damaged.log" ||
  fail "unexpected verify failure: $(tail -5 "$WORK/verify-damaged.log")"
rm -rf "$WORK/repo-copy"

step "pgBackRest: recovery drill to a point in time"
# Rows that must come back, the server's own time just after their commit, rows that must not.
primary_sql "create table public.pitr_drill (id int primary key, batch text not null)" >/dev/null
primary_sql "insert into pitr_drill select g, 'kept' from generate_series(1, 500) g" >/dev/null
target="$(primary_sql "select clock_timestamp()")"
primary_sql "insert into pitr_drill select g, 'later' from generate_series(501, 600) g" >/dev/null
# `check` switches to a new WAL segment and waits until archive-push has it in the repository, so
# the commit of the later rows (past the target) is there for recovery to stop at.
pgbr check >"$WORK/check.log" 2>&1 || fail "pgbackrest check: $(tail -5 "$WORK/check.log")"
DRILL="$WORK/drill"
mkdir -p "$DRILL"
cp db/pg_hba.conf db/pg_ident.conf "$DRILL/"
chown -R postgres:postgres "$DRILL"
t_restore=$(date +%s%N)
bash scripts/restore.sh --time "$target" "$DRILL/data" --copy >"$WORK/restore.log" 2>&1 ||
  fail "restore.sh --time: $(tail -8 "$WORK/restore.log")"
grep -q "^recovery_target_time = '$target'" "$DRILL/data/postgresql.auto.conf" || fail "no recovery target written"
grep -q "^archive_mode = 'off'" "$DRILL/data/postgresql.auto.conf" || fail "the restored copy would archive into the repository"
as_pg /usr/lib/postgresql/15/bin/pg_ctl -D "$DRILL/data" -l "$DRILL/log" -w -t 300 \
  -o "-c listen_addresses='' -c port=5432 -c unix_socket_directories='$DRILL' -c hba_file='$DRILL/pg_hba.conf' -c ident_file='$DRILL/pg_ident.conf'" start >/dev/null ||
  fail "the restored server did not start: $(tail -5 "$DRILL/log")"
drill_sql() { as_pg psql -X -qtA -h "$DRILL" -p 5432 -d hokm -c "$1"; }
for i in $(seq 1 600); do
  [ "$(drill_sql 'select pg_is_in_recovery()' 2>/dev/null)" = f ] && break
  sleep 0.1
done
t_answer=$(date +%s%N)
[ "$(drill_sql 'select pg_is_in_recovery()')" = f ] || fail "the restored server did not promote: $(tail -5 "$DRILL/log")"
drill_seconds="$(awk -v a="$t_restore" -v b="$t_answer" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
got="$(drill_sql "select batch || '=' || count(*) || ':' || min(id) || '-' || max(id) from pitr_drill group by batch order by batch" | tr '\n' ' ')"
grep -q "recovery stopping before commit of transaction" "$DRILL/log" || fail "recovery did not stop at the target: $(tail -5 "$DRILL/log")"
[ "$(drill_sql "select count(*) from game_sessions where status = 'completed'")" -ge 1 ] || fail "the game played earlier is not in the restore"
as_pg /usr/lib/postgresql/15/bin/pg_ctl -D "$DRILL/data" -m fast -w stop >/dev/null || true
[ "$got" = "kept=500:1-500 " ] || fail "restored to $target, pitr_drill holds '$got' instead of the 500 kept rows alone"
echo "ops: point-in-time recovery to $target: 500 rows kept, the 100 later ones absent; $drill_seconds s from the start of the restore to the promoted server answering"
primary_sql "drop table public.pitr_drill" >/dev/null

step "loopback topology down"
bash scripts/loopback.sh down
echo "== ops: all checks passed in $((SECONDS - T0)) s"
