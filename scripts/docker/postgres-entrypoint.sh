#!/usr/bin/env bash
# Entrypoint of schemagate's LOCAL Postgres test images (scripts/docker/build-images.sh). Those images stand in
# for the official `postgres` images on machines that cannot reach a registry, so this script honours the same
# contract as the official docker-entrypoint.sh, as far as schemagate and testcontainers rely on it:
#   - POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
#     POSTGRES_DB (default: the user name), POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD, PGDATA;
#   - arguments starting with '-' are passed to `postgres`; any other command is run as is;
#   - it runs as root, prepares PGDATA (an empty tmpfs is fine) and drops to the postgres user;
#   - it prints the official lines ("PostgreSQL init process complete; ready for start up.", then the server's
#     "database system is ready to accept connections") so log-based wait strategies work.
# Not supported: /docker-entrypoint-initdb.d scripts (schemagate never uses them).
set -Eeuo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" != 'postgres' ]; then
  exec "$@"
fi

if [ "$(id -u)" = '0' ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_USER:=postgres}"
  : "${POSTGRES_DB:=$POSTGRES_USER}"
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != 'trust' ]; then
    echo 'Error: Database is uninitialized and superuser password is not specified.' >&2
    echo '       Set POSTGRES_PASSWORD, or POSTGRES_HOST_AUTH_METHOD=trust.' >&2
    exit 1
  fi

  # --no-sync: the data directory is throwaway (usually a tmpfs), durability buys nothing here.
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is word-split on purpose, as in the official image.
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync ${POSTGRES_INITDB_ARGS:-} >/dev/null

  {
    echo "listen_addresses = '*'"
    echo "unix_socket_directories = '/var/run/postgresql'"
  } >>"$PGDATA/postgresql.conf"
  echo "host all all all $POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

  if [ "$POSTGRES_DB" != 'postgres' ]; then
    # Single-user mode creates the database without starting (and waiting for) a temporary server.
    printf 'CREATE DATABASE "%s";\n' "${POSTGRES_DB//\"/\"\"}" |
      postgres --single -D "$PGDATA" -c fsync=off postgres >/dev/null
  fi
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
fi

exec "$@"
