#!/usr/bin/env bash
# Installs the Python tools that the Alembic and Django tests run under (Debian packages for
# /usr/bin/python3; PyPI is not reachable from CI). Idempotent: does nothing when all are present.
set -euo pipefail

PY=/usr/bin/python3
PACKAGES=(python3-alembic python3-sqlalchemy python3-django python3-psycopg2 python3-mysqldb)

if [ -x "$PY" ] && "$PY" -c 'import alembic, sqlalchemy, django, psycopg2, MySQLdb' 2>/dev/null; then
  echo "setup-python: alembic, sqlalchemy, django, psycopg2 and MySQLdb already present for $PY"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
"$PY" -c 'import alembic, sqlalchemy, django, psycopg2, MySQLdb; print("setup-python: ok", alembic.__version__, sqlalchemy.__version__, django.get_version())'
