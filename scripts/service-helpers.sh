# Shared by scripts/ensure-postgres.sh and scripts/ensure-redis.sh (sourced; needs a `log` function).

# Prints a TCP port on 127.0.0.1 that nothing listens on (35000–54999), or fails.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 35000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

# Prints a random hex password for a throwaway test service.
random_password() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# Installs Debian packages for a test service (must run as root). The packaged service is not started
# (policy-rc.d): the ensure-*.sh scripts run their own throwaway instance. $1 names the service in messages.
apt_install() {
  local what="$1"
  shift
  if [ "$(id -u)" -ne 0 ]; then
    log "$what is not installed and this script is not running as root; install $* first."
    exit 1
  fi
  log "installing Debian's $* (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  local policy=/usr/sbin/policy-rc.d created=0 status=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    created=1
  fi
  apt-get install -y --no-install-recommends "$@" >&2 || status=$?
  if [ "$created" = 1 ]; then rm -f "$policy"; fi
  if [ "$status" -ne 0 ]; then exit "$status"; fi
}
