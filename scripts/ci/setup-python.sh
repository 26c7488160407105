#!/usr/bin/env bash
# Installs the Python tools that the Alembic and Django tests run under, pyflakes, which lints the
# drivers (npm run lint:py), and pytest, which `npm run bench` needs to run pytest-alembic beside
# schemagate (bench/python-tools.ts), as Debian packages for /usr/bin/python3 (PyPI is not
# reachable from CI). Idempotent: does nothing when all are present.
set -euo pipefail

PY=/usr/bin/python3
PACKAGES=(python3-alembic python3-sqlalchemy python3-django python3-psycopg2 python3-mysqldb python3-pyflakes python3-pytest)

if [ -x "$PY" ] && "$PY" -c 'import alembic, sqlalchemy, django, psycopg2, MySQLdb, pyflakes, pytest' 2>/dev/null; then
  echo "setup-python: alembic, sqlalchemy, django, psycopg2, MySQLdb, pyflakes and pytest already present for $PY"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
"$PY" -c 'import alembic, sqlalchemy, django, psycopg2, MySQLdb, pyflakes, pytest; print("setup-python: ok", alembic.__version__, sqlalchemy.__version__, django.get_version(), "pyflakes", pyflakes.__version__, "pytest", pytest.__version__)'
