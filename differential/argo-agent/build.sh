#!/usr/bin/env bash
# Builds bin/argo-agent when out of date (--force: anyway); the rules are in ../build-harness.sh.
exec "$(dirname "$0")/../build-harness.sh" argo-agent "$@"
