#!/usr/bin/env bash
# Builds one differential harness, differential/NAME/bin/NAME, with `go build`, or does nothing when the
# binary is newer than every Go source and go.mod/go.sum of its module (an up-to-date build runs no Go
# toolchain at all). Needs Go (go.mod's version) and the Go module proxy for a cold build (see each
# harness's README.md, "Build costs"). Each harness's build.sh calls this with its own name.
#
#   differential/build-harness.sh argo-agent [--force]
set -euo pipefail

name="${1:-}"
[ -n "$name" ] && [ -f "$(dirname "$0")/$name/go.mod" ] || { echo "usage: $0 argo-agent|argocd-generator [--force]" >&2; exit 2; }
cd "$(dirname "$0")/$name"

binary="bin/$name"
force=false
case "${2:-}" in
  "") ;;
  --force) force=true ;;
  *) echo "usage: $name/build.sh [--force]" >&2; exit 2 ;;
esac

if ! $force && [ -x "$binary" ]; then
  newer=$(find . -path ./bin -prune -o \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$binary" -print | head -n 1)
  if [ -z "$newer" ]; then
    echo "$name: $binary is up to date ($("./$binary" --version))"
    exit 0
  fi
  echo "$name: $newer changed since $binary was built"
fi

command -v go >/dev/null 2>&1 || { echo "$name: Go is not installed: install Go $(sed -n 's/^go //p' go.mod) or newer to build the differential harness." >&2; exit 1; }
mkdir -p bin
started=$(date +%s)
# Written beside and then moved, so an interrupted build never leaves a half-written binary that looks up to date.
go build -o "$binary.tmp" .
mv -f "$binary.tmp" "$binary"
echo "$name: built $binary ($("./$binary" --version)) in $(( $(date +%s) - started )) s"
