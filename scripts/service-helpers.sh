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
