#!/usr/bin/env bash
# Prints each package of the reference controller and the suite with the project packages it imports
# (`A -> B, C`), from the sources' import lines: the arrows docs/architecture.md lists. Run it from anywhere
# in a checkout after adding an import across packages, and update the page if a line changed.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

for root in reference-controller/src/main/java src/main/java; do
  echo "== $root"
  find "$root" -name '*.java' | while read -r file; do
    pkg=$(sed -n 's/^package \([a-z0-9.]*\);/\1/p' "$file")
    # imports and fully qualified names of the project's classes, reduced to their package
    { grep -oE 'dev\.argoconformance(\.[a-z][a-z0-9]*)+\.[A-Z]' "$file" || true; } | sed 's/\.[A-Z]$//' | sort -u \
      | while read -r dep; do [ "$dep" = "$pkg" ] || echo "$pkg $dep"; done
    echo "$pkg"
  done | sort -u | awk '
    { sub(/^dev\.argoconformance\./, "", $1); if (NF > 1) sub(/^dev\.argoconformance\./, "", $2) }
    NF == 1 { if (!($1 in deps)) deps[$1] = "" ; next }
    { deps[$1] = deps[$1] (deps[$1] == "" ? "" : ", ") $2 }
    END { for (p in deps) print p " -> " (deps[p] == "" ? "(none)" : deps[p]) }' | sort
done
