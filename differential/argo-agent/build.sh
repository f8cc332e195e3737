#!/usr/bin/env bash
# Builds the differential harness, bin/argo-agent, with `go build -o bin/argo-agent .`, or does nothing
# when the binary is newer than every Go source and go.mod/go.sum (an up-to-date build costs no Go
# toolchain time at all). Needs Go (go.mod's version) and the Go module proxy for a cold build
# (~880 MB of modules, about 9 minutes on 2 cores; see README.md, "Build costs").
#
#   differential/argo-agent/build.sh            # build when out of date
#   differential/argo-agent/build.sh --force    # build anyway
set -euo pipefail
cd "$(dirname "$0")"

binary=bin/argo-agent
force=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

if ! $force && [ -x "$binary" ]; then
  newer=$(find . -path ./bin -prune -o \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$binary" -print | head -n 1)
  if [ -z "$newer" ]; then
    echo "argo-agent: $binary is up to date ($("./$binary" --version))"
    exit 0
  fi
  echo "argo-agent: $newer changed since $binary was built"
fi

command -v go >/dev/null 2>&1 || { echo "argo-agent: Go is not installed: install Go $(sed -n 's/^go //p' go.mod) or newer to build the differential harness." >&2; exit 1; }
mkdir -p bin
started=$(date +%s)
# Written beside and then moved, so an interrupted build never leaves a half-written binary that looks up to date.
go build -o "$binary.tmp" .
mv -f "$binary.tmp" "$binary"
echo "argo-agent: built $binary ($("./$binary" --version)) in $(( $(date +%s) - started )) s"
