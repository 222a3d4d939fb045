#!/usr/bin/env bash
# Ensure a throwaway PostgreSQL cluster for Waymark's server tests is running, and print
#   WAYMARK_TEST_DATABASE_URL=postgres://...
# on the last line of stdout.
#
# Idempotent: installs Debian's postgresql only when no initdb is found, creates the cluster once in
# $WAYMARK_PG_DIR (default /tmp/waymark-test-pg), listens on 127.0.0.1 only, on a free port chosen at
# creation time, and reuses a running cluster on later runs. Must run as root (it runs the server as the
# `postgres` OS user). Everything here is test-only: the password is random and lives in the cluster dir.
#
# Stop it with:  runuser -u postgres -- pg_ctl -D "$WAYMARK_PG_DIR/data" stop
set -euo pipefail

PG_DIR="${WAYMARK_PG_DIR:-/tmp/waymark-test-pg}"
DATA="$PG_DIR/data"
DB_NAME="${WAYMARK_PG_DB:-waymark_test}"

log() { echo "ensure-postgres: $*" >&2; }
# shellcheck source=scripts/service-helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/service-helpers.sh"

find_bin_dir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

if ! BIN="$(find_bin_dir)"; then
  apt_install "PostgreSQL" postgresql
  BIN="$(find_bin_dir)" || { log "postgresql installed but no initdb found"; exit 1; }
fi

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then
    "$@"
  else
    runuser -u postgres -- "$@"
  fi
}


mkdir -p "$PG_DIR"
chown postgres:postgres "$PG_DIR"
chmod 700 "$PG_DIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
  PORT="$(free_port)"
  PASSWORD="$(random_password)"
  PWFILE="$PG_DIR/pwfile"
  printf '%s\n' "$PASSWORD" > "$PWFILE"
  chown postgres:postgres "$PWFILE"
  chmod 600 "$PWFILE"
  log "creating cluster in $DATA on port $PORT"
  as_postgres "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$PWFILE" \
    --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PORT"
    echo "unix_socket_directories = '$PG_DIR'"
    echo "fsync = on"
    echo "max_connections = 200"
  } >> "$DATA/postgresql.conf"
  echo "$PORT" > "$PG_DIR/port"
  echo "$PASSWORD" > "$PG_DIR/password"
  chown postgres:postgres "$PG_DIR/port" "$PG_DIR/password"
  chmod 600 "$PG_DIR/password"
fi

PORT="$(cat "$PG_DIR/port")"
PASSWORD="$(cat "$PG_DIR/password")"

if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting cluster on 127.0.0.1:$PORT"
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 start >&2
fi

for _ in $(seq 1 60); do
  if "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then break; fi
  sleep 0.5
done
"$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q || { log "cluster did not become ready; see $PG_DIR/server.log"; exit 1; }

EXISTS="$(as_postgres "$BIN/psql" -h "$PG_DIR" -p "$PORT" -U postgres -d postgres -Atc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")"
if [ "$EXISTS" != "1" ]; then
  log "creating database $DB_NAME"
  as_postgres "$BIN/createdb" -h "$PG_DIR" -p "$PORT" -U postgres "$DB_NAME" >&2
fi

echo "WAYMARK_TEST_DATABASE_URL=postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/${DB_NAME}"
