#!/usr/bin/env bash
# The check behind `make noise-check`: measures the default scenario on
# the host as it is ("quiet"), then again while a fixed synthetic load
# runs ("loaded"), and prints what a busy host does to the figures: the
# paired ratio of each volume to the reference volume, the absolute
# medians, and the verdict of `jsbench compare QUIET LOADED`, which must
# be "no regression" or "inconclusive", never "regression".
#   scripts/noise-check.sh OUT
# Both phases make the same fixed number of runs per volume (RUNS,
# default 6) instead of the scenario's adaptive runs and time budget: a
# budget would give the loaded phase too few runs to judge.
# Environment: SCENARIO (default scenarios/storage-matrix.yaml), RUNS,
# LOAD_PER_CPU busy processes per CPU (default 2: a load of about twice
# the CPUs, as a compile job next door makes), LOAD_MAX_SECONDS (default
# 1800): no load process lives longer, whatever happens to this script.
set -euo pipefail
out=${1:?usage: scripts/noise-check.sh OUT}
scenario=${SCENARIO:-scenarios/storage-matrix.yaml}
per_cpu=${LOAD_PER_CPU:-2}
max_seconds=${LOAD_MAX_SECONDS:-1800}
mkdir -p "$out"

# The scenario with a fixed number of runs, kept with the results (the
# default scenario names no relative path).
fixed=$out/$(basename "$scenario")
grep -vE '^(runs|min_runs|max_runs|precision|budget):' "$scenario" >"$fixed"
echo "runs: ${RUNS:-6}" >>"$fixed"
export SCENARIOS=$fixed

load_pids=()
stop_load() {
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${load_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  load_pids=()
}
trap stop_load EXIT

# measure PHASE: one session of the scenarios into OUT/PHASE. A session
# whose runs partly failed still counts: the summary judges what it has.
measure() {
  echo "noise-check: $1 phase; $(uptime)"
  ./scripts/bench.sh "$out/$1" || echo "noise-check: the $1 session exited $?; judging the runs it recorded" >&2
  echo "noise-check: $1 phase done; $(uptime)"
}

measure quiet

cpus=$(nproc)
echo "noise-check: starting $((cpus * per_cpu)) busy processes ($per_cpu per CPU, each stopped after ${max_seconds}s at most)"
for _ in $(seq 1 $((cpus * per_cpu))); do
  timeout "$max_seconds" sh -c 'while :; do :; done' &
  load_pids+=($!)
done
measure loaded
stop_load
echo "noise-check: load stopped; $(uptime)"

go run ./cmd/jsbench-noise-check "$out/quiet" "$out/loaded" | tee "$out/summary.txt"
