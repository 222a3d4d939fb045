#!/usr/bin/env bash
# Ensure a throwaway Redis for Waymark's multi-instance tests is running, and print
#   WAYMARK_TEST_REDIS_URL=redis://…
# on the last line of stdout.
#
# Idempotent: installs Debian's redis-server only when no redis-server binary is found (apt-get; must
# run as root then), creates $WAYMARK_REDIS_DIR (default /tmp/waymark-test-redis) once with a random
# password and a free port chosen at creation time, listens on 127.0.0.1 only, keeps nothing on disk
# (no RDB snapshots, no AOF), and reuses a running instance on later runs. Test-only: the password is
# random and lives in the instance dir.
#
# Stop it with:  redis-cli -p "$(cat $WAYMARK_REDIS_DIR/port)" -a "$(cat $WAYMARK_REDIS_DIR/password)" shutdown nosave
set -euo pipefail

REDIS_DIR="${WAYMARK_REDIS_DIR:-/tmp/waymark-test-redis}"

log() { echo "ensure-redis: $*" >&2; }
# shellcheck source=scripts/service-helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/service-helpers.sh"

if ! command -v redis-server >/dev/null 2>&1; then
  apt_install "Redis" redis-server redis-tools
  command -v redis-server >/dev/null 2>&1 || { log "redis-server installed but not found on PATH"; exit 1; }
fi

mkdir -p "$REDIS_DIR"
chmod 700 "$REDIS_DIR"

if [ ! -f "$REDIS_DIR/redis.conf" ]; then
  PORT="$(free_port)"
  PASSWORD="$(random_password)"
  echo "$PORT" > "$REDIS_DIR/port"
  echo "$PASSWORD" > "$REDIS_DIR/password"
  chmod 600 "$REDIS_DIR/password"
  {
    echo "bind 127.0.0.1"
    echo "protected-mode yes"
    echo "port $PORT"
    echo "requirepass $PASSWORD"
    echo "daemonize yes"
    echo "pidfile $REDIS_DIR/redis.pid"
    echo "logfile $REDIS_DIR/redis.log"
    echo "dir $REDIS_DIR"
    echo "save \"\""
    echo "appendonly no"
  } > "$REDIS_DIR/redis.conf"
  chmod 600 "$REDIS_DIR/redis.conf"
  log "created a Redis instance in $REDIS_DIR on port $PORT"
fi

PORT="$(cat "$REDIS_DIR/port")"
PASSWORD="$(cat "$REDIS_DIR/password")"

ping() {
  REDISCLI_AUTH="$PASSWORD" redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG
}

if ! ping; then
  log "starting Redis on 127.0.0.1:$PORT"
  redis-server "$REDIS_DIR/redis.conf" >&2
  for _ in $(seq 1 60); do
    if ping; then break; fi
    sleep 0.25
  done
  ping || { log "Redis did not answer; see $REDIS_DIR/redis.log"; exit 1; }
fi

echo "WAYMARK_TEST_REDIS_URL=redis://:${PASSWORD}@127.0.0.1:${PORT}"
