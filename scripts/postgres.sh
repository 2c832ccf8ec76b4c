#!/usr/bin/env bash
# Starts the local PostgreSQL cluster and makes the role and test database Styr uses. Idempotent.
# Prints the connection URL on stdout.
set -euo pipefail
# Everything but the final URL goes to stderr, so callers can capture the URL alone.
exec 3>&1 1>&2
if ! command -v pg_lsclusters >/dev/null; then
  echo "postgres.sh: PostgreSQL mangler; kjør scripts/setup.sh" >&2
  exit 1
fi
read -r ver name <<<"$(pg_lsclusters --no-header | awk 'NR==1 {print $1, $2}')"
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$ver" main 3>&-
  name=main
fi
if ! pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" "$name" start 3>&-
fi
port=$(pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $3}')
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='styr'\"" | grep -q 1 \
  || su postgres -c "psql -p $port -qc \"CREATE ROLE styr LOGIN PASSWORD 'styr' CREATEDB\""
for db in styr_test styr; do
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc \"CREATE DATABASE $db OWNER styr\""
done
echo "postgres://styr:styr@127.0.0.1:$port/styr_test" >&3
