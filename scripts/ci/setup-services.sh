#!/usr/bin/env bash
# Makes sure the machine's own PostgreSQL (127.0.0.1:5432, trust) and MariaDB (127.0.0.1:3306, root
# without password) answer: the url-provider tests and the helpers' throwaway databases use them.
# Starts whichever is down, with the same commands the machine image uses.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
maria_up() { mysqladmin -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }

if ! pg_up; then
  echo "setup-services: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
fi
if ! maria_up; then
  echo "setup-services: starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
for _ in $(seq 1 60); do
  if pg_up && maria_up; then
    echo "setup-services: PostgreSQL and MariaDB are up"
    exit 0
  fi
  sleep 1
done
pg_up || echo "setup-services: PostgreSQL did not come up" >&2
maria_up || echo "setup-services: MariaDB did not come up" >&2
exit 1
