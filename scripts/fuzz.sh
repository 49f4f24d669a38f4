#!/usr/bin/env bash
# Runs every native Go fuzz target of the project for FUZZTIME each
# (default 30s), one after another: go test -fuzz takes one target of one
# package at a time. New inputs that fail land in each package's
# testdata/fuzz/, where `go test` replays them from then on.
#   scripts/fuzz.sh [FUZZTIME]
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-30s}}
grep -rl --include='*_test.go' '^func Fuzz' bench cmd | sort | while read -r file; do
  pkg=./$(dirname "$file")
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //' | while read -r target; do
    echo "fuzz: $pkg $target for $fuzztime" >&2
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done
