#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers on loopback, for tests and benchmarks.
#   ensure_services.sh start DIR    install Debian's postgresql / redis-server when missing
#                                   (apt-get; needs root), start both with their data in DIR,
#                                   and print  POSTGRES_URL=...  and  REDIS_URL=...
#   ensure_services.sh stop DIR     stop both and delete DIR
# Ports: POSTGRES_PORT / REDIS_PORT, else free ones. Nothing is written outside DIR; Redis keeps
# nothing on disk (--save "", no append-only file). Never for production data.
set -euo pipefail
cmd=${1:?usage: ensure_services.sh start|stop DIR}
dir=${2:?usage: ensure_services.sh start|stop DIR}

free_port() { python3 "$(dirname "$0")/../harness/ports.py"; }

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_postgres() {  # run a command as the postgres user (initdb and the server refuse root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_missing() {
  local wanted=()
  pg_bindir >/dev/null || wanted+=(postgresql)
  command -v redis-server >/dev/null || wanted+=(redis-server)
  [ ${#wanted[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "ensure_services: ${wanted[*]} missing; install them (apt-get install ${wanted[*]}) as root." >&2
    exit 1
  fi
  echo "ensure_services: installing ${wanted[*]} from Debian's packages..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >&2
}

start() {
  install_missing
  mkdir -p "$dir"
  local bindir pg_port redis_port
  bindir=$(pg_bindir)
  pg_port=${POSTGRES_PORT:-$(free_port)}
  redis_port=${REDIS_PORT:-$(free_port)}
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  chmod 700 "$dir"
  as_postgres "$bindir/initdb" -D "$dir/pg" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_postgres "$bindir/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/pg/server.log" >&2; exit 1; }
  echo "$pg_port" >"$dir/pg.port"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$redis_port" ping >/dev/null || { cat "$dir/redis.log" >&2; exit 1; }
  echo "$redis_port" >"$dir/redis.port"
  echo "POSTGRES_URL=postgresql://postgres@127.0.0.1:${pg_port}/postgres"
  echo "REDIS_URL=redis://127.0.0.1:${redis_port}/0"
}

stop() {
  local bindir
  bindir=$(pg_bindir || true)
  if [ -n "$bindir" ] && [ -f "$dir/pg/postmaster.pid" ]; then
    as_postgres "$bindir/pg_ctl" -D "$dir/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/redis.port" ]; then
    redis-cli -p "$(cat "$dir/redis.port")" shutdown nosave >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: ensure_services.sh start|stop DIR" >&2; exit 2 ;;
esac
