#!/usr/bin/env bash
# Builds the sample plugins' base images from Debian packages alone: no container registry is
# contacted. For closed networks, and for CI machines whose Docker engine cannot pull.
#
#   sample-plugins/base-images/build-air-gapped.sh              # every runtime below
#   sample-plugins/base-images/build-air-gapped.sh node go      # only those
#   MIRROR=http://mirror.example/debian sample-plugins/base-images/build-air-gapped.sh
#
# One debootstrap (minbase) is made and each runtime's packages are installed into a copy of it with
# apt-get in a chroot, then imported with `docker import`. Idempotent: an image that already exists is
# kept and a run with nothing to build does not debootstrap (FORCE=1 rebuilds them).
#
# A sample names its runtime in sample.yaml (`runtime: node`); SampleImages maps it to the image
# named in images.properties beside this script (`<runtime>.air-gapped`, read by both) and passes it
# as the Dockerfile's BASE_IMAGE.
set -euo pipefail

IMAGES="$(dirname "$0")/images.properties"
# runtime -> its air-gapped image, from images.properties.
image_of() {
  local image
  image="$(sed -n "s/^$1\.air-gapped=//p" "$IMAGES")"
  [ -n "$image" ] && echo "$image"
}
[ -r "$IMAGES" ] || { echo "build-air-gapped: $IMAGES is missing; run this from a checkout of the repository." >&2; exit 2; }
# The Debian release: the tag the images carry (bookworm), unless SUITE says otherwise.
SUITE="${SUITE:-$(image_of python | sed 's/.*://')}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

# runtime -> the Debian packages it adds to minbase.
packages_of() {
  case "$1" in
    python) echo "python3" ;;                  # not python3-minimal: the plugins need json and http.server
    node)   echo "nodejs node-express" ;;      # Express from Debian: npm in a docker build cannot be relied on
    go)     echo "golang-go ca-certificates" ;; # a build image: the samples copy a static binary into scratch
    java)   echo "openjdk-17-jdk-headless" ;;  # javac and jar to build, java to run
  esac
}
env_of() {
  case "$1" in
    python) echo "PYTHONUNBUFFERED=1" ;;
    go)     echo "CGO_ENABLED=0 GOFLAGS=-trimpath GOPROXY=off GOTOOLCHAIN=local" ;;
    java)   echo "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64" ;;
  esac
}
cmd_of() {
  case "$1" in
    python) echo '["python3"]' ;;
    node)   echo '["node"]' ;;
    go)     echo '["go", "version"]' ;;
    java)   echo '["jshell"]' ;;
  esac
}
ALL="python node go java"

fail() { echo "build-air-gapped: $*" >&2; exit 2; }

runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || read -r -a runtimes <<<"$ALL"
for r in "${runtimes[@]}"; do
  image_of "$r" >/dev/null || fail "unknown runtime '$r'; the runtimes are: $ALL."
done

if ! docker info >/dev/null 2>&1; then
  fail "no Docker engine answers; start one (dockerd) and run this again."
fi
todo=()
for r in "${runtimes[@]}"; do
  if [ "${FORCE:-0}" != 1 ] && docker image inspect "$(image_of "$r")" >/dev/null 2>&1; then
    echo "build-air-gapped: $(image_of "$r") already present, kept."
  else
    todo+=("$r")
  fi
done
[ ${#todo[@]} -gt 0 ] || exit 0
if ! command -v debootstrap >/dev/null 2>&1; then
  fail "debootstrap is missing; install it (apt-get install -y debootstrap) and run this again."
fi
[ "$(id -u)" = 0 ] || fail "debootstrap and chroot need root; run this as root (sudo)."

work="$(mktemp -d /tmp/argo-conformance-rootfs.XXXXXX)"
mounted=""
cleanup() {
  [ -z "$mounted" ] || umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

seconds() { date +%s; }

# 1. One minbase for every runtime, with the package lists fetched once.
start="$(seconds)"
debootstrap --variant=minbase "$SUITE" "$work/base" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap of $SUITE from $MIRROR failed (log above); check the mirror and run this again."; }
cp /etc/resolv.conf "$work/base/etc/resolv.conf" 2>/dev/null || true
chroot "$work/base" apt-get update -qq >"$work/apt.log" 2>&1 \
  || { tail -n 20 "$work/apt.log" >&2; fail "apt-get update in the $SUITE chroot failed (log above); check the mirror and run this again."; }
echo "build-air-gapped: debootstrap $SUITE (minbase) in $(( $(seconds) - start )) s."

# 2. Each runtime: a copy of minbase, its packages, stripped, imported.
for r in "${todo[@]}"; do
  start="$(seconds)"
  image="$(image_of "$r")"
  rootfs="$work/$r"
  cp -a "$work/base" "$rootfs"
  mount -t proc proc "$rootfs/proc" && mounted="$rootfs/proc"  # Java's postinst runs java, which reads /proc
  # shellcheck disable=SC2046
  # --force-unsafe-io: no fsync per file (a throw-away tree, imported whole); it halves the install time.
  chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-unsafe-io $(packages_of "$r") >"$work/apt.log" 2>&1 \
    || { tail -n 20 "$work/apt.log" >&2; fail "apt-get install $(packages_of "$r") failed for $image (log above)."; }
  umount "$rootfs/proc" && mounted=""

  # Strip what a plugin never needs: package caches and lists, docs, man pages, locales.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
         "$rootfs"/usr/share/locale/* "$rootfs"/etc/resolv.conf
  # Images built FROM the Python one call `python`, like the official python images do.
  [ "$r" != python ] || ln -sf python3 "$rootfs/usr/bin/python"

  changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change "CMD $(cmd_of "$r")")
  for e in $(env_of "$r"); do changes+=(--change "ENV $e"); done
  tar -C "$rootfs" -c . | docker import "${changes[@]}" - "$image" >/dev/null \
    || fail "docker import of $image failed; check that the Docker engine has room and run this again."
  rm -rf "$rootfs"
  echo "build-air-gapped: built $image in $(( $(seconds) - start )) s ($(docker image inspect -f '{{.Size}}' "$image") bytes)."
done
