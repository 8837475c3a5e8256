# A throwaway PostgreSQL cluster, for test.sh and scripts/load-postgres.sh (source this file).
#   ensure_postgres_installed  installs Debian's postgresql when no initdb is found (apt-get; sudo unless root)
#   start_postgres [durable]   a private cluster in a new /tmp directory: trust authentication over a Unix socket in that
#                              directory (no TCP port to collide with), UTF-8 with C.UTF-8 so text sorts by code point as in
#                              SQLite; durability off (fsync, synchronous_commit) unless "durable" is given, because tests
#                              throw it away. Sets PG_CONNECTION ("Host=<dir>;Port=5432;Username=postgres").
#   stop_postgres              stops the cluster and removes its directory (safe to call when none was started)

pg_dir=""
pg_bin=""
as_pg=()

ensure_postgres_installed() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return 0
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "Installing: postgresql"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

start_postgres() {
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${1:-}" = durable ] && durability=""
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  pg_dir="$(mktemp -d /tmp/supervision-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    as_pg=(runuser -u postgres --)   # initdb refuses to run as root
    chown postgres "$pg_dir"
  fi
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; return 1; }
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start -o \
    "-c listen_addresses='' -c unix_socket_directories='$pg_dir' -c port=5432 -c max_connections=300 $durability" \
    >/dev/null || { cat "$pg_dir/server.log"; return 1; }
  PG_CONNECTION="Host=$pg_dir;Port=5432;Username=postgres"
  export PG_CONNECTION
}

stop_postgres() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$pg_dir" ] && rm -rf "$pg_dir"
  pg_dir=""
  return 0
}
