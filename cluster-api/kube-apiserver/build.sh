#!/usr/bin/env bash
# Builds bin/kube-apiserver (kube-apiserver + embedded etcd) from this Go module.
#
# Idempotent: does nothing when bin/kube-apiserver was built from the same
# sources (go.mod, go.sum, *.go, this script) with the same Go toolchain.
# Versions come from go.mod only.
#
# Environment:
#   BUILD_PARALLELISM  go build -p (default 2; the machines have 2 cores)
#   FORCE=1            rebuild even when up to date
#
# A cold build (empty Go build and module caches) takes about 10 minutes on
# 2 cores; see README.md for measurements.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

bin="$here/bin/kube-apiserver"
stamp="$here/bin/.kube-apiserver.stamp"

if ! command -v go >/dev/null 2>&1; then
  echo "build.sh: the Go toolchain (go) is not on PATH; go.mod asks for $(awk '/^go /{print $2}' go.mod) or newer" >&2
  exit 1
fi

want="$( { go version; cat build.sh go.mod go.sum; for f in $(ls ./*.go | grep -v '_test\.go$' | sort); do echo "== $f"; cat "$f"; done; } | sha256sum | cut -d' ' -f1)"

if [[ "${FORCE:-0}" != 1 && -x "$bin" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "build.sh: $bin is up to date"
  exit 0
fi

k8s_version="$(go list -m -f '{{.Version}}' k8s.io/kubernetes)"   # e.g. v1.37.2
major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
pkg=k8s.io/component-base/version
ldflags="-s -w"
ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"

mkdir -p "$here/bin"
echo "build.sh: building kube-apiserver $k8s_version into $bin (go build -p ${BUILD_PARALLELISM:-2}) ..."
start=$(date +%s)
CGO_ENABLED=0 go build -p "${BUILD_PARALLELISM:-2}" -trimpath -ldflags "$ldflags" -o "$bin.tmp" .
mv -f "$bin.tmp" "$bin"
echo "$want" > "$stamp"
echo "build.sh: built $bin ($(du -h "$bin" | cut -f1)) in $(( $(date +%s) - start ))s"
