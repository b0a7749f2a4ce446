#!/usr/bin/env bash
# Makes a streaming replica's data directory from the primary, once: pg_basebackup with the WAL
# streamed alongside (-X stream), a physical replication slot so the primary keeps the WAL the
# replica still needs (bounded by max_slot_wal_keep_size), and -R, which writes standby.signal and
# primary_conninfo. Does nothing when the data directory already holds a cluster.
# Environment: PRIMARY_HOST, PRIMARY_PORT (5432), PGPASSWORD (of REPLICATION_USER, default
# replicator), REPLICA_DATA (the data directory), REPLICATION_SLOT (hokm_replica_1), PGBIN.
set -euo pipefail
data="${REPLICA_DATA:?REPLICA_DATA is required}"
bin="${PGBIN:-}"
[ -n "$bin" ] && bin="$bin/"
if [ -s "$data/PG_VERSION" ]; then
  echo "replica: $data already holds a cluster; starting it as it is"
  exit 0
fi
: "${PRIMARY_HOST:?PRIMARY_HOST is required}"
: "${PGPASSWORD:?PGPASSWORD (the replication password) is required}"
export PGPASSWORD
for i in $(seq 1 60); do
  "${bin}pg_isready" -q -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" && break
  echo "replica: waiting for the primary ($i)"
  sleep 1
done
mkdir -p "$data"
chmod 700 "$data"
# A replica rebuilt from scratch finds its old slot still there: drop it if no one streams from it
# (an active slot belongs to another replica, and then --create-slot fails on purpose).
"${bin}psql" -X -q -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U "${REPLICATION_USER:-replicator}" -d postgres \
  -v slot="${REPLICATION_SLOT:-hokm_replica_1}" <<'SQL'
select pg_drop_replication_slot(slot_name) from pg_replication_slots
where slot_name = :'slot' and not active;
SQL
"${bin}pg_basebackup" -h "$PRIMARY_HOST" -p "${PRIMARY_PORT:-5432}" -U "${REPLICATION_USER:-replicator}" \
  -D "$data" -X stream -R --checkpoint=fast --progress --verbose \
  --create-slot --slot="${REPLICATION_SLOT:-hokm_replica_1}" --no-password
echo "replica: base backup done; standby.signal written"
