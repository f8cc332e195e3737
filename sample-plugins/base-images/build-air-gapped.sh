#!/usr/bin/env bash
# Builds the sample plugins' base image from Debian packages alone: no container registry is
# contacted. For closed networks, and for CI machines whose Docker engine cannot pull.
#
#   sample-plugins/base-images/build-air-gapped.sh            # builds argo-conformance/python3:bookworm
#   MIRROR=http://mirror.example/debian sample-plugins/base-images/build-air-gapped.sh
#
# Idempotent: an image that already exists is kept (FORCE=1 rebuilds it).
set -euo pipefail

IMAGE="${IMAGE:-argo-conformance/python3:bookworm}"
SUITE="${SUITE:-bookworm}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

if ! docker info >/dev/null 2>&1; then
  echo "build-air-gapped: no Docker engine answers; start one (dockerd) and run this again." >&2
  exit 2
fi
if [ "${FORCE:-0}" != 1 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-air-gapped: $IMAGE already present, kept."
  exit 0
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "build-air-gapped: debootstrap is missing; install it (apt-get install -y debootstrap) and run this again." >&2
  exit 2
fi

rootfs="$(mktemp -d /tmp/argo-conformance-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

# python3 (not python3-minimal): the plugins need the json and http.server modules.
debootstrap --variant=minbase --include=python3 "$SUITE" "$rootfs" "$MIRROR" >/dev/null

# Strip what a plugin never needs: package caches, docs, man pages, locales.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
       "$rootfs"/usr/share/locale/*
# Images built FROM this one call `python`, like the official python images do.
ln -sf python3 "$rootfs/usr/bin/python"

tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PYTHONUNBUFFERED=1' \
  --change 'CMD ["python3"]' \
  - "$IMAGE" >/dev/null
echo "build-air-gapped: built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)."
