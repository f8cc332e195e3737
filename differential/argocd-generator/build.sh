#!/usr/bin/env bash
# Builds the Argo CD side of the differential tier, bin/argocd-generator, with
# `go build -o bin/argocd-generator .`, or does nothing when the binary is newer than every Go source
# and go.mod/go.sum (an up-to-date build runs no Go toolchain at all). Needs Go (go.mod's version) and
# the Go module proxy for a cold build (see README.md, "Build costs").
#
#   differential/argocd-generator/build.sh            # build when out of date
#   differential/argocd-generator/build.sh --force    # build anyway
set -euo pipefail
cd "$(dirname "$0")"

binary=bin/argocd-generator
force=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

if ! $force && [ -x "$binary" ]; then
  newer=$(find . -path ./bin -prune -o \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$binary" -print | head -n 1)
  if [ -z "$newer" ]; then
    echo "argocd-generator: $binary is up to date ($("./$binary" --version))"
    exit 0
  fi
  echo "argocd-generator: $newer changed since $binary was built"
fi

command -v go >/dev/null 2>&1 || { echo "argocd-generator: Go is not installed: install Go $(sed -n 's/^go //p' go.mod) or newer to build the differential harness." >&2; exit 1; }
mkdir -p bin
started=$(date +%s)
# Written beside and then moved, so an interrupted build never leaves a half-written binary that looks up to date.
go build -o "$binary.tmp" .
mv -f "$binary.tmp" "$binary"
echo "argocd-generator: built $binary ($("./$binary" --version)) in $(( $(date +%s) - started )) s"
