#!/usr/bin/env bash
# Builds bin/argocd-generator when out of date (--force: anyway); the rules are in ../build-harness.sh.
exec "$(dirname "$0")/../build-harness.sh" argocd-generator "$@"
