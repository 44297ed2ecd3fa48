#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests: `start` (idempotent; prints the URL), `stop`, `url`.
# Installs Debian's postgresql when missing (as root). The cluster lives in a temp folder, listens on 127.0.0.1
# only, and trusts local connections: it is for tests, never for data.
set -euo pipefail

PORT="${AISPM_PG_TEST_PORT:-54329}"
BASE="${AISPM_PG_TEST_DIR:-${TMPDIR:-/tmp}/aispm-pg-test-${PORT}}"
DATA="$BASE/data"
SOCKETS="$BASE/sockets"
DB_NAME="aispm_test"
URL="postgres://postgres@127.0.0.1:${PORT}/${DB_NAME}"

die() { echo "pg-test-server: $*" >&2; exit 1; }

find_bin() {
  local name="$1" candidate
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/$name" ]; then echo "$candidate/$name"; return 0; fi
  done
  return 1
}

ensure_installed() {
  if find_bin initdb >/dev/null && find_bin pg_ctl >/dev/null; then return 0; fi
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  echo "pg-test-server: installing PostgreSQL from the Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2 && apt-get install -y postgresql >&2
  find_bin initdb >/dev/null || die "initdb not found after installing postgresql"
}

# initdb and the server refuse to run as root: run them as the postgres user then
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

is_running() {
  [ -f "$DATA/PG_VERSION" ] && as_owner "$(find_bin pg_ctl)" -D "$DATA" status >/dev/null 2>&1
}

psql_admin() {
  as_owner "$(find_bin psql)" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

start() {
  ensure_installed
  mkdir -p "$BASE"
  # one starter at a time: test files start the server from parallel processes (the server must not inherit fd 9)
  exec 9>"$BASE.lock"
  flock 9
  if is_running; then echo "$URL"; return 0; fi
  mkdir -p "$DATA" "$SOCKETS"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$BASE"; fi
  chmod 700 "$DATA"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$(find_bin initdb)" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
  fi
  as_owner "$(find_bin pg_ctl)" -D "$DATA" -l "$BASE/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKETS -c fsync=off -c max_connections=200" start >&2 9>&- \
    || { tail -n 20 "$BASE/server.log" >&2; die "the server did not start (log: $BASE/server.log)"; }
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]; then
    psql_admin -c "create database $DB_NAME" >/dev/null
  fi
  echo "$URL"
}

stop() {
  exec 9>"$BASE.lock"
  flock 9
  if [ -f "$DATA/PG_VERSION" ]; then
    as_owner "$(find_bin pg_ctl)" -D "$DATA" -m fast -w stop >&2 || true
  fi
  rm -rf "$BASE" "$BASE.lock"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) is_running || die "not running (start it with: $0 start)"; echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
