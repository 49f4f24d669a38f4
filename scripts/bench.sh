#!/usr/bin/env bash
# The main job behind `make bench`: prepares a backup of a generated
# JENKINS_HOME in a local S3-speaking endpoint (the restored-snapshot
# volumes restore from it, as a recovering controller restores from its
# bucket), then runs every scenario in scenarios/ into OUT.
#   scripts/bench.sh OUT
# Ctrl-C stops jsbench gracefully (it keeps every finished run), then this
# script stops the endpoint and removes its files. The scenario files or
# directories to run are the arguments after OUT, else SCENARIOS, else
# scenarios/.
set -euo pipefail
out=${1:?usage: scripts/bench.sh OUT [SCENARIO.yaml|DIR]...}
shift
scenarios=("$@")
# shellcheck disable=SC2206 # SCENARIOS is a list of paths
[ ${#scenarios[@]} -gt 0 ] || scenarios=(${SCENARIOS:-scenarios/})
bin=${BIN:-./bin}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jsbench-bench-XXXXXX")
s3_pid=
cleanup() {
  [ -n "$s3_pid" ] && kill "$s3_pid" 2>/dev/null && wait "$s3_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# The backup: the same generated home the scenarios start on (seed 1).
"$bin/jsbench" home generate --jobs 100 --builds-per-job 5 --plugins 20 --seed 1 "$tmp/home" >/dev/null
"$bin/jsbench" snapshot create "$tmp/home" "$tmp/home.tar.zst" >/dev/null
rm -rf "$tmp/home"

"$bin/jsbench-s3" --addr "${S3_ADDR:-127.0.0.1:0}" --bucket jsbench-backups \
  --put "jenkins-home.tar.zst=$tmp/home.tar.zst" >"$tmp/s3.out" 2>&1 &
s3_pid=$!
for _ in $(seq 1 50); do
  grep -q '^export ' "$tmp/s3.out" && break
  sleep 0.1
done
env_line=$(grep '^export ' "$tmp/s3.out") || { cat "$tmp/s3.out" >&2; exit 1; }
eval "$env_line"
echo "bench: backup served at $AWS_ENDPOINT_URL_S3 (s3://jsbench-backups/jenkins-home.tar.zst)"

"$bin/jsbench" run --out "$out" "${scenarios[@]}"
