#!/usr/bin/env bash
# The measurement behind `make detection-power`: what the nightly gate
# catches. Plants known regressions into the default scenario (more war
# entries, more jobs, slower emulated latencies, each sized as a share
# of nfs-lan's ready time), measures each once, and sessions without
# change as shared baselines, on the host as it is ("quiet") and under
# make noise-check's synthetic load ("loaded"); then judges every
# session against the baselines as `jsbench compare` does and prints
# the table: planted change × host state → verdicts, with the gate's
# goals (cmd/jsbench-detection-power). Exits 1 when a goal is missed, 3
# when a host state was not what its goals assume (a "quiet" host that
# was busy, a load that did not load): measure again.
#   scripts/detection-power.sh OUT
# Run it again with the same OUT to finish an interrupted measurement:
# sessions already measured are kept.
#
# Environment (all optional; defaults measure 17 sessions, about 40 min
# on a quiet 2-core machine):
#   SCENARIO      the scenario to plant into (scenarios/storage-matrix.yaml)
#   VOLUMES       its volumes to measure, the reference among them (local,nfs-lan)
#   RUNS          runs per volume in every session (6, as the nightly's minimum)
#   BASELINES     quiet sessions without change (3): A/A pairs are every
#                 ordered pair of them, each change is judged against each
#   KINDS         war,jobs,latency      SIZES  5,20,50 (% of nfs-lan's ready time)
#   LOADED_SIZES  sizes also measured under load (20)
#   STATES        quiet,loaded; add cluster to measure two nights without change
#                 and the 1600-entry war beside the local cluster's idle control
#                 plane, which must be up (scripts/cluster.sh up) and left idle
#   LOAD_PER_CPU  busy processes per CPU of the load (2, as make noise-check)
#   LOAD_MAX_SECONDS  no load process lives longer (3600)
set -euo pipefail
out=${1:?usage: scripts/detection-power.sh OUT}
bin=${BIN:-./bin}
per_cpu=${LOAD_PER_CPU:-2}
max_seconds=${LOAD_MAX_SECONDS:-3600}
states=${STATES:-quiet,loaded}
mkdir -p "$out"

if [[ ,$states, == *,cluster,* ]] && ! ./scripts/cluster.sh status >/dev/null 2>&1; then
  echo "detection-power: STATES has cluster, but the local cluster is not up: scripts/cluster.sh up, then leave it idle" >&2
  exit 2
fi

go build -o "$out/jsbench-detection-power" ./cmd/jsbench-detection-power
"$out/jsbench-detection-power" plan -scenario "${SCENARIO:-scenarios/storage-matrix.yaml}" \
  -volumes "${VOLUMES:-local,nfs-lan}" -runs "${RUNS:-6}" -baselines "${BASELINES:-3}" \
  -kinds "${KINDS:-war,jobs,latency}" -sizes "${SIZES:-5,20,50}" -loaded-sizes "${LOADED_SIZES:-20}" \
  -states "$states" "$out"

load_pids=()
start_load() {
  local n=$(($(nproc) * per_cpu))
  echo "detection-power: starting $n busy processes ($per_cpu per CPU, each stopped after ${max_seconds}s at most)"
  for _ in $(seq 1 "$n"); do
    timeout "$max_seconds" sh -c 'while :; do :; done' &
    load_pids+=($!)
  done
}
stop_load() {
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${load_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ ${#load_pids[@]} -gt 0 ]; then echo "detection-power: load stopped; $(uptime)"; fi
  load_pids=()
}
trap stop_load EXIT

current=
while IFS=$'\t' read -r state name file; do
  session=$out/sessions/$state/$name
  if [ -s "$session/results.jsonl" ]; then
    echo "detection-power: $state/$name already measured"
    continue
  fi
  if [ "$state" != "$current" ]; then
    stop_load
    if [ "$state" = loaded ]; then start_load; fi
    current=$state
  fi
  mkdir -p "$(dirname "$session")"
  echo "detection-power: $state/$name; $(uptime)"
  began=$(date +%s)
  "$bin/jsbench" run "$file" --out "$session" </dev/null >"$session.log" 2>&1 ||
    echo "detection-power: $state/$name: jsbench run exited $?; judging the runs it recorded (see $session.log)" >&2
  printf '%s\t%s\t%s\t%s\n' "$state" "$name" "$began" "$(date +%s)" >>"$out/timing.tsv"
done <"$out/plan.tsv"
stop_load

"$out/jsbench-detection-power" table "$out" | tee "$out/table.md"
