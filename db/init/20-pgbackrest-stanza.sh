#!/usr/bin/env bash
# Creates pgBackRest's stanza "hokm" for a new cluster (db/pgbackrest.conf), while the official
# image's entrypoint still runs its temporary server on the unix socket only: archive-push then
# finds its stanza from the first completed WAL segment on, instead of failing until the backup
# service starts. Idempotent; the backup service runs the same (`scripts/backup.sh stanza`) at each
# start for clusters made before this script existed or a repository that was replaced. A failure
# (an object store out of reach) does not stop the cluster's initialisation: the backup service
# tries again, and PostgreSQL keeps the WAL it could not archive until then.
set -uo pipefail
if ! command -v pgbackrest >/dev/null; then
  echo "hokm: pgbackrest is not installed in this image; no stanza created (see db/Dockerfile)" >&2
  exit 0
fi
pgbackrest --stanza="${BACKUP_STANZA:-hokm}" --log-level-console=info stanza-create ||
  echo "hokm: pgbackrest stanza-create failed; the backup service will create the stanza" >&2
exit 0
