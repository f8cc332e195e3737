#!/usr/bin/env bash
# Builds the pod sandbox ("pause") image the cluster tier's k3s runs every pod with, from Debian's
# statically linked catatonit package: no container registry is contacted.
#
#   sample-plugins/base-images/build-pause.sh                 # apt-get download catatonit
#   DEB=/path/to/catatonit_0.1.7-1+b2_amd64.deb sample-plugins/base-images/build-pause.sh
#
# The image holds one file, /catatonit (plus its copyright), and runs `catatonit -P`: pause mode,
# which starts no program, reaps zombies as PID 1 and exits on SIGTERM or SIGINT, which is all a
# sandbox container does. It runs as 65535:65535 unless the pod says otherwise, as the upstream
# pause image does. The name is pinned here and in K3sImage.PAUSE; k3s gets it with --pause-image.
# Idempotent: an existing image is kept (FORCE=1 rebuilds it).
set -euo pipefail

IMAGE="argo-conformance/pause:catatonit"

fail() { echo "build-pause: $*" >&2; exit 2; }

docker info >/dev/null 2>&1 || fail "no Docker engine answers; start one (dockerd) and run this again."
if [ "${FORCE:-0}" != 1 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-pause: $IMAGE already present, kept."
  exit 0
fi
command -v dpkg-deb >/dev/null 2>&1 || fail "dpkg-deb is missing; run this on Debian or Ubuntu, or unpack the .deb there."

work="$(mktemp -d /tmp/argo-conformance-pause.XXXXXX)"
trap 'rm -rf "$work"' EXIT

deb="${DEB:-}"
if [ -z "$deb" ]; then
  command -v apt-get >/dev/null 2>&1 || fail "apt-get is missing; download catatonit's .deb by hand and pass it as DEB=path."
  download() { (cd "$work" && apt-get download catatonit >"$work/apt.log" 2>&1); }
  # A machine whose package lists were never fetched knows no catatonit; as root, fetch them once.
  download || { [ "$(id -u)" = 0 ] && apt-get update -qq >>"$work/apt.log" 2>&1 && download; } \
    || { tail -n 5 "$work/apt.log" >&2; fail "apt-get download catatonit failed (log above); run apt-get update, or pass the .deb as DEB=path."; }
  deb="$(ls "$work"/catatonit_*.deb)"
fi
[ -f "$deb" ] || fail "$deb is not a file; DEB must name catatonit's .deb."

dpkg-deb -x "$deb" "$work/unpacked"
[ -x "$work/unpacked/usr/bin/catatonit" ] || fail "$deb holds no usr/bin/catatonit; is it the catatonit package?"
mkdir -p "$work/rootfs/usr/share/doc/catatonit"
cp "$work/unpacked/usr/bin/catatonit" "$work/rootfs/catatonit"
cp "$work/unpacked/usr/share/doc/catatonit/copyright" "$work/rootfs/usr/share/doc/catatonit/"

tar --numeric-owner --owner=0 --group=0 -C "$work/rootfs" -c . \
  | docker import \
      --change 'ENTRYPOINT ["/catatonit", "-P"]' \
      --change 'USER 65535:65535' \
      --change "LABEL argo-conformance.built-from=\"$(basename "$deb")\"" \
      - "$IMAGE" >/dev/null

# A dynamically linked build would need a loader the image does not have; find out here, not in k3s.
docker run --rm --network none --entrypoint /catatonit "$IMAGE" -V >/dev/null 2>&1 \
  || { docker rmi "$IMAGE" >/dev/null 2>&1 || true; fail "$(basename "$deb") does not run alone in an empty image (is it statically linked?)."; }
echo "build-pause: built $IMAGE from $(basename "$deb") ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)."
