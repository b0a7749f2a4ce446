#!/usr/bin/env bash
# First-time setup of a Compose deployment.
#
# Usage: scripts/setup.sh [--prod] [ENV_FILE]
#   Writes ENV_FILE (default .env) from .env.example, filling every empty secret with a random
#   value (openssl rand), mode 600. Never overwrites an existing file. With --prod it also fills
#   PGADMIN_EMAIL and checks that `docker-compose -f docker-compose.yml -f docker-compose.prod.yml
#   config` accepts the result (HOKM_IMAGE, HOKM_TLS_CERT_DIR and HOKM_GATEWAY_ALLOWED_ORIGINS must
#   still be set by hand if empty:
#   the check says so). Prints what is left to do.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prod=0
if [ "${1:-}" = --prod ]; then
  prod=1
  shift
fi
out="${1:-$ROOT/.env}"
[ -e "$out" ] && {
  echo "setup: $out exists; not touching it" >&2
  exit 1
}
secret() { openssl rand -base64 33 | tr -d '/+=\n' | head -c 40; }
umask 077
while IFS= read -r line; do
  case "$line" in
    POSTGRES_PASSWORD= | DATABASE_MIGRATION_PASSWORD= | DATABASE_PASSWORD= | DATABASE_READ_PASSWORD= | \
      REPLICATION_PASSWORD= | EXPORTER_DB_PASSWORD= | REDIS_PASSWORD= | GRAFANA_ADMIN_PASSWORD= | PGADMIN_PASSWORD= | \
      HOKM_OPERATOR_PASSWORD= | BACKUP_REPO_CIPHER_PASS=)
      echo "$line$(secret)"
      ;;
    JWT_SECRET=) echo "JWT_SECRET=$(secret)$(secret)" ;;
    PGADMIN_EMAIL=) echo "PGADMIN_EMAIL=admin@example.com" ;;
    *) echo "$line" ;;
  esac
done <"$ROOT/.env.example" >"$out"
chmod 600 "$out"
echo "setup: wrote $out with fresh secrets (keep a copy in your secret store)"
if [ "$prod" = 1 ]; then
  missing="$(grep -E '^(HOKM_IMAGE|HOKM_TLS_CERT_DIR|HOKM_GATEWAY_ALLOWED_ORIGINS)=$' "$out" | cut -d= -f1 | tr '\n' ' ')"
  if [ -n "$missing" ]; then
    echo "setup: still to set in $out: $missing"
  fi
  if (cd "$ROOT" && docker-compose --env-file "$out" -f docker-compose.yml -f docker-compose.prod.yml config -q); then
    echo "setup: production configuration is complete"
  else
    echo "setup: production configuration is not complete yet (see above)" >&2
    exit 1
  fi
fi
