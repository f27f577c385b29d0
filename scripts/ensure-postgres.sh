#!/usr/bin/env bash
# Makes sure a local PostgreSQL server is running for the store tests and prints its URL on the last line.
# Installs Debian's postgresql package when no server is present (needs root, as in CI).
set -euo pipefail
PASSWORD="${TEST_PG_PASSWORD:-retention-desk-test}"
PORT="${TEST_PG_PORT:-5432}"
log() { echo "[ensure-postgres] $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != "0" ]; then
    log "PostgreSQL is not installed and this is not root: install the 'postgresql' package, or set TEST_DATABASE_URL."
    exit 1
  fi
  log "installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$VERSION main$"; then
  log "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main -p "$PORT" >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $VERSION/main"
  pg_ctlcluster "$VERSION" main start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -p $PORT -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $PORT -qc \"alter user postgres password '$PASSWORD'\"" >&2
echo "postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/postgres"
