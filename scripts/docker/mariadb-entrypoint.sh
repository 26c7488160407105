#!/usr/bin/env bash
# Entrypoint of schemagate's LOCAL MariaDB test image (scripts/docker/build-images.sh), which stands in for the
# official `mariadb` image AND, tagged under a name that says so, for the official `mysql` image: MySQL 8
# cannot be installed from Debian here. It honours the official images' variables, with the MARIADB_* name
# winning over the MYSQL_* one as in the official mariadb image:
#   MARIADB_ROOT_PASSWORD | MYSQL_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD | MYSQL_ALLOW_EMPTY_PASSWORD,
#   MARIADB_RANDOM_ROOT_PASSWORD | MYSQL_RANDOM_ROOT_PASSWORD, MARIADB_ROOT_HOST | MYSQL_ROOT_HOST (default %),
#   MARIADB_DATABASE | MYSQL_DATABASE, MARIADB_USER | MYSQL_USER, MARIADB_PASSWORD | MYSQL_PASSWORD.
# Arguments starting with '-' are passed to mariadbd; any other command is run as is.
# Difference from the official image: the users and the database are created through --init-file by the real
# server (no temporary --skip-networking server), which makes start-up a few seconds faster. The port is open a
# few milliseconds before the init file has run; clients that connect then simply wait for the greeting.
# Not supported: /docker-entrypoint-initdb.d scripts (schemagate never uses them).
set -Eeuo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- mariadbd "$@"
fi
if [ "$1" != 'mariadbd' ] && [ "$1" != 'mysqld' ]; then
  exec "$@"
fi

DATADIR=/var/lib/mysql

env_of() { # env_of MARIADB_X MYSQL_X: the first one that is set, else empty.
  local name
  for name in "$@"; do
    if [ -n "${!name:-}" ]; then
      printf '%s' "${!name}"
      return
    fi
  done
}
sql_string() { # Quotes a value as an SQL string literal.
  local v=${1//\\/\\\\}
  printf "'%s'" "${v//\'/\'\'}"
}
sql_name() { # Quotes a value as an SQL identifier.
  printf '`%s`' "${1//\`/\`\`}"
}

ROOT_PASSWORD=$(env_of MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD)
ALLOW_EMPTY=$(env_of MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MYSQL_ALLOW_EMPTY_PASSWORD)
RANDOM_ROOT=$(env_of MARIADB_RANDOM_ROOT_PASSWORD MYSQL_RANDOM_ROOT_PASSWORD)
ROOT_HOST=$(env_of MARIADB_ROOT_HOST MYSQL_ROOT_HOST)
ROOT_HOST=${ROOT_HOST:-%}
DATABASE=$(env_of MARIADB_DATABASE MYSQL_DATABASE)
USER_NAME=$(env_of MARIADB_USER MYSQL_USER)
USER_PASSWORD=$(env_of MARIADB_PASSWORD MYSQL_PASSWORD)

mkdir -p "$DATADIR" /run/mysqld
chown mysql:mysql "$DATADIR" /run/mysqld

if [ ! -d "$DATADIR/mysql" ]; then
  if [ -z "$ROOT_PASSWORD" ] && [ -z "$ALLOW_EMPTY" ] && [ -z "$RANDOM_ROOT" ]; then
    echo 'error: database is uninitialized and password option is not specified' >&2
    echo '  You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD' >&2
    exit 1
  fi
  if [ -n "$RANDOM_ROOT" ]; then
    ROOT_PASSWORD=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
    echo "GENERATED ROOT PASSWORD: $ROOT_PASSWORD"
  fi

  echo 'Initializing database files'
  mariadb-install-db --user=mysql --datadir="$DATADIR" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve --skip-log-bin --default-time-zone=SYSTEM >/dev/null
  echo 'Database files initialized'

  INIT_FILE=/run/mysqld/schemagate-init.sql
  {
    # Only root@localhost and the users below remain, as in the official image.
    echo "DROP USER IF EXISTS root@'127.0.0.1', root@'::1';"
    echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');"
    echo "DELETE FROM mysql.global_priv WHERE User = '';"
    echo "ALTER USER root@localhost IDENTIFIED BY $(sql_string "$ROOT_PASSWORD");"
    if [ "$ROOT_HOST" != 'localhost' ]; then
      echo "CREATE USER root@$(sql_string "$ROOT_HOST") IDENTIFIED BY $(sql_string "$ROOT_PASSWORD");"
      echo "GRANT ALL ON *.* TO root@$(sql_string "$ROOT_HOST") WITH GRANT OPTION;"
    fi
    if [ -n "$DATABASE" ]; then
      echo "CREATE DATABASE IF NOT EXISTS $(sql_name "$DATABASE");"
    fi
    if [ -n "$USER_NAME" ] && [ -n "$USER_PASSWORD" ]; then
      echo "CREATE USER $(sql_string "$USER_NAME")@'%' IDENTIFIED BY $(sql_string "$USER_PASSWORD");"
      if [ -n "$DATABASE" ]; then
        echo "GRANT ALL ON $(sql_name "${DATABASE//_/\\_}").* TO $(sql_string "$USER_NAME")@'%';"
      fi
    fi
    echo 'FLUSH PRIVILEGES;'
  } >"$INIT_FILE"
  chown mysql:mysql "$INIT_FILE"
  chmod 600 "$INIT_FILE"
  set -- "$@" --init-file="$INIT_FILE"
  echo 'MariaDB init process done. Ready for start up.'
fi

exec "$@" --user=mysql
