#!/usr/bin/env bash
# Nightly regression gate for Jenkins startup times. Measures the scenario
# suite, compares it with the accepted baseline, writes the reports CI
# publishes, and exits 0 (no regression), 1 (regression), 2 (input that
# cannot be judged), 3 (inconclusive: the host was too noisy to judge) or
# 4 (no regression in what was measured, but some runs failed: see the
# reasons in compare.txt's warnings and results.jsonl; such a night never
# becomes the baseline).
# ci/Jenkinsfile and ci/github-actions-nightly.yml both run it from the
# repository root.
#
# Inconclusive means that some change could come from a busy agent
# (contention that came and went beyond the agent's steady load, or a
# host of another speed; see the noise strip in report.html) and the
# paired ratios could not settle it beyond what the host could move them. The script then measures again, up to RETRY_INCONCLUSIVE
# times, and judges the new runs; if they are still inconclusive it exits
# 3, which CI should show as unstable, not failed: the baseline is kept,
# and the next night (or a re-run on a quiet agent) decides.
#
# Environment (all optional):
#   JSBENCH          jsbench binary; default: built from this checkout
#   SCENARIOS        scenario files or directories to run (default: scenarios)
#   HISTORY          baseline history directory (default: bench-history)
#   OUT              where reports go (default: reports/nightly)
#   THRESHOLD        slowdown of the median that is a regression (default: 10%)
#   ALPHA            significance level of the test (default: 0.05)
#   JSBENCH_RUN      "skip": measure nothing, judge JSBENCH_RESULTS instead
#   JSBENCH_RESULTS  results.jsonl or its directory, with JSBENCH_RUN=skip
#   ACCEPT_FIRST     "1" (default): with no baseline yet, accept this run
#                    as the baseline and pass; "0": exit 2
#   ACCEPT_ON_PASS   "1": after a pass, make this run the new baseline
#                    (default "0": the baseline moves only when accepted)
#   RETRY_INCONCLUSIVE  how many times to measure again when the verdict
#                    is inconclusive (default 1; never with JSBENCH_RUN=skip)
#   LABEL            label of accepted entries (default: nightly)
#   GITHUB_STEP_SUMMARY  when set, the Markdown verdict is appended to it
#
# Outputs in $OUT: results/results.jsonl (the runs), compare.txt,
# compare.md, junit.xml, summary.csv, results.bench (Go benchmark text for
# benchstat) and report.html once jsbench renders HTML.
set -euo pipefail

SCENARIOS=${SCENARIOS:-scenarios}
HISTORY=${HISTORY:-bench-history}
OUT=${OUT:-reports/nightly}
THRESHOLD=${THRESHOLD:-10%}
ALPHA=${ALPHA:-0.05}
ACCEPT_FIRST=${ACCEPT_FIRST:-1}
ACCEPT_ON_PASS=${ACCEPT_ON_PASS:-0}
RETRY_INCONCLUSIVE=${RETRY_INCONCLUSIVE:-1}
LABEL=${LABEL:-nightly}
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

mkdir -p "$OUT"

if [ -z "${JSBENCH:-}" ]; then
  echo "nightly: building jsbench and jenkins-sim into $OUT/bin"
  go build -o "$OUT/bin/jsbench" ./cmd/jsbench
  go build -o "$OUT/bin/jenkins-sim" ./cmd/jenkins-sim
  JSBENCH=$OUT/bin/jsbench
fi

# measure DIR: run the suite into DIR. A run that measured something is
# judged even when some runs failed.
measure() {
  local run_status=0
  # shellcheck disable=SC2086 # SCENARIOS is a list of paths
  "$JSBENCH" run $SCENARIOS --out "$1" || run_status=$?
  if [ ! -s "$1/results.jsonl" ]; then
    echo "nightly: the suite recorded no run (jsbench run exited $run_status)" >&2
    exit 2
  fi
  if [ "$run_status" -ne 0 ]; then
    echo "nightly: jsbench run exited $run_status; judging the runs it recorded" >&2
  fi
}

# 1. Measure (or take the results given).
if [ "${JSBENCH_RUN:-}" = skip ]; then
  results=${JSBENCH_RESULTS:?JSBENCH_RUN=skip needs JSBENCH_RESULTS}
  echo "nightly: not measuring; judging $results"
else
  results=$OUT/results
  measure "$results"
fi

# 2. Reports that need no baseline, of the results judged.
reports() {
  "$JSBENCH" report --format csv "$results" >"$OUT/summary.csv"
  "$JSBENCH" report --format gobench "$results" >"$OUT/results.bench"
}
reports

# accept: make the judged results the baseline. jsbench refuses, with
# exit 3, results whose host was too busy to make one.
accept() {
  "$JSBENCH" baseline accept "$results" --dir "$HISTORY" --label "$LABEL" --commit "$COMMIT"
}

# 3. No baseline yet: accept this run, or refuse.
if [ ! -f "$HISTORY/baseline" ]; then
  "$JSBENCH" report --format junit "$results" >"$OUT/junit.xml"
  "$JSBENCH" report --format markdown "$results" >"$OUT/compare.md"
  if [ "$ACCEPT_FIRST" != 1 ]; then
    echo "nightly: no baseline in $HISTORY (jsbench baseline accept RESULTS --dir $HISTORY)" >&2
    exit 2
  fi
  accepted=0
  accept || accepted=$?
  case $accepted in
    0) echo "nightly: no baseline yet; this run is now the baseline"; exit 0 ;;
    3) echo "nightly: inconclusive: no baseline yet, and this run's host was too busy to make one (see $OUT/summary.csv and the noise strip of jsbench report --format html)" >&2
       exit 3 ;;
    *) exit "$accepted" ;;
  esac
fi

# 4. Compare. The same seed makes the three renderings agree.
gate() { "$JSBENCH" compare --threshold "$THRESHOLD" --alpha "$ALPHA" "$@" "$HISTORY" "$results"; }
judge() {
  status=0
  gate --format text >"$OUT/compare.txt" 2>&1 || status=$?
  gate --format markdown >"$OUT/compare.md" 2>/dev/null || true
  gate --format junit >"$OUT/junit.xml" 2>/dev/null || true
}
judge
attempt=0
while [ "$status" = 3 ] && [ "$attempt" -lt "$RETRY_INCONCLUSIVE" ] && [ "${JSBENCH_RUN:-}" != skip ]; do
  attempt=$((attempt + 1))
  echo "nightly: inconclusive: host too noisy to judge; measuring again ($attempt of $RETRY_INCONCLUSIVE)"
  cat "$OUT/compare.txt"
  results=$OUT/results-retry-$attempt
  measure "$results"
  reports
  judge
done
if "$JSBENCH" report --help | grep -q '\bhtml\b'; then
  "$JSBENCH" report --format html --baseline "$HISTORY" "$results" >"$OUT/report.html"
fi
cat "$OUT/compare.txt"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$OUT/compare.md" >>"$GITHUB_STEP_SUMMARY"
fi

case $status in
  4) echo "nightly: no regression in what was measured, but some runs failed; not made the baseline; see the reasons in $OUT/compare.txt and $results" >&2 ;;
  0)
    echo "nightly: no regression"
    if [ "$ACCEPT_ON_PASS" = 1 ]; then
      accept || echo "nightly: not made the baseline (jsbench baseline accept refused it)"
    fi ;;
  1) echo "nightly: regression; see $OUT/compare.txt and $OUT/junit.xml" >&2 ;;
  2) echo "nightly: input cannot be judged; see $OUT/compare.txt" >&2 ;;
  3) echo "nightly: inconclusive: the host was too noisy to judge; the baseline is kept; see the noise strip in $OUT/report.html and the busy runs in $OUT/compare.txt" >&2 ;;
  *) echo "nightly: jsbench compare exited $status" >&2 ;;
esac
exit "$status"
