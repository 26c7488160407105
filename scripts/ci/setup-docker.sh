#!/usr/bin/env bash
# Makes a Docker engine answer on this machine and builds the local test images, for CI boxes like the
# project's own (Debian bookworm, root, no systemd, no image registry). Safe to run any number of times: each
# step is skipped when its result is already there.
#
#   1. installs docker.io and debootstrap from apt when they are missing;
#   2. starts dockerd in the background when `docker info` does not answer (log: $SCHEMAGATE_DOCKERD_LOG,
#      default /var/log/schemagate-dockerd.log) and waits until it does;
#   3. builds the local test images that are missing (scripts/docker/build-images.sh; cached in
#      $SCHEMAGATE_IMAGE_CACHE, default /var/cache/schemagate-images).
#
# Progress goes to stderr. stdout gets only the variables the test suite reads, as `export` lines, so a caller
# can do:   eval "$(bash scripts/ci/setup-docker.sh)"
# They are also written to $SCHEMAGATE_IMAGE_CACHE/test-images.env (and appended to $GITHUB_ENV when set):
#   SCHEMAGATE_TEST_IMAGE_POSTGRES      a Postgres image (here: schemagate-local/postgres:15, Debian's package)
#   SCHEMAGATE_TEST_IMAGE_POSTGRES_ALT  a Postgres image of another major (here: schemagate-local/postgres:17)
#   SCHEMAGATE_TEST_IMAGE_MARIADB       a MariaDB image (here: schemagate-local/mariadb:10.11)
#   SCHEMAGATE_TEST_IMAGE_MYSQL         a MySQL image; HERE IT IS MariaDB 10.11 under the name
#                                       schemagate-local/mysql-standin-mariadb:10.11, because MySQL 8 is not
#                                       packaged for Debian. GitHub's workflow sets mysql:8.4.
#   SCHEMAGATE_TEST_IMAGE_NEVER_READY   an image that never starts a server (start-up timeout tests)
#   TESTCONTAINERS_RYUK_DISABLED=true   schemagate cleans up itself; the reaper image cannot be pulled here
# The project's GitHub workflow does not run this script: it sets the same variables to official images
# (postgres:16-alpine, mariadb:11.4, mysql:8.4) and builds only never-ready:
#   bash scripts/docker/build-images.sh never-ready
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DOCKERD_LOG=${SCHEMAGATE_DOCKERD_LOG:-/var/log/schemagate-dockerd.log}
CACHE=${SCHEMAGATE_IMAGE_CACHE:-/var/cache/schemagate-images}
export SCHEMAGATE_IMAGE_CACHE=$CACHE

log() { echo "setup-docker: $*" >&2; }
die() {
  echo "setup-docker: error: $*" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || die "run as root: it installs packages and starts dockerd"

# 1. Packages. dockerd comes from Debian's docker.io; a docker CLI alone (some images ship one) is not enough.
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  # With docker.io's recommends (cgroupfs-mount among them), the set this recipe was tested with.
  apt-get install -y -qq "${missing[@]}" procps util-linux >&2 || die "apt-get install ${missing[*]} failed"
fi

# 2. The engine. No systemd here, so dockerd runs as a plain background process that outlives this script.
if docker info >/dev/null 2>&1; then
  log "Docker already answers"
else
  if [ -S /var/run/docker.sock ] && ! pgrep -x dockerd >/dev/null; then
    rm -f /var/run/docker.sock # left by a dockerd that died; a new one cannot bind while it is there
  fi
  if ! pgrep -x dockerd >/dev/null; then
    log "starting dockerd (log: $DOCKERD_LOG)"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    # setsid: its own session, so whatever kills this script's process group does not take dockerd down.
    setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || die "dockerd did not answer within 60 s; see $DOCKERD_LOG"
  log "Docker answers"
fi

# 3. Images (the build script skips what is already built from the same recipe).
env_lines=$(bash "$REPO/scripts/docker/build-images.sh" all)
env_lines+=$'\nexport TESTCONTAINERS_RYUK_DISABLED=true'
echo "$env_lines" >"$CACHE/test-images.env"

if [ -n "${GITHUB_ENV:-}" ]; then
  sed -e 's/^export //' <<<"$env_lines" >>"$GITHUB_ENV"
fi
log "images ready:"
sed -e 's/^export /  /' <<<"$env_lines" >&2
echo "$env_lines"
