package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/tally"
	"github.com/jsbench/jsbench/bench/record/history"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

func newCompareCommand(e env) *cobra.Command {
	var (
		gate   gateFlags
		format string
		seed   uint64
	)
	cmd := &cobra.Command{
		Use:   "compare BASELINE NEW",
		Short: "Tell whether NEW startup times regressed against BASELINE (exit 0 no, 1 yes, 2 unusable input, 3 host too noisy)",
		Long: `compare matches the runs of BASELINE and NEW by scenario, volume and phase,
and for each reports the change of the median with a bootstrap interval and
a Mann–Whitney U test. A row regresses when the test is significant (p below
--alpha) and the median is slower by more than --threshold.

BASELINE and NEW are each a results.jsonl, a directory holding one, or (for
BASELINE) a history directory kept by 'jsbench baseline accept'.

Each run records how busy its host was (a reference workload before and
after it, CPU steal, others' CPU, pressure), judged against the session's
steady state: a light load present all along is the host's normal state,
contention that comes and goes makes a run busy. The paired ratio to the
scenario's reference volume decides when it can: its two runs share the
host's moment, so the host moves it by at most twice the change of the
reference workload between the sides, and a paired regression beyond that
is a regression whatever the absolute times did. When a change of the
absolute time could come from a busy host (busy runs, or a host of another
speed), it stands only if the paired ratio clears it even after the host's
reach, or if it is more than twice what the host could add; otherwise the
row is inconclusive. The GATE column says which figure decided each row.

Exit status: 0 no regression, 1 regression, 2 input that cannot be judged
(mismatched scenarios, volumes or phases, too few runs, unreadable, empty
or hostile files), 3 inconclusive: the host was too noisy to judge (the
rows and busy runs are named; measure again on a quiet host), 4 no
regression, but some new runs failed, timed out or could not start,
130 interrupted.`,
		Example: `  jsbench compare history results
  jsbench compare --threshold 5% --format markdown baseline.jsonl results/results.jsonl`,
		// A gate must not mistake a usage error for a regression: every
		// error but a regression exits 2.
		Args: func(cmd *cobra.Command, args []string) error {
			return unusable(cobra.ExactArgs(2)(cmd, args))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			render, err := renderer(format)
			if err != nil {
				return unusable(err)
			}
			opts, err := gate.options()
			if err != nil {
				return unusable(err)
			}
			opts.Seed = seed
			base, cur, warnings, err := loadPair(args[0], args[1])
			if err != nil {
				return unusable(err)
			}
			m := report.Build(cur, base, opts)
			m.Warnings = warnings
			if m.Verdict == nil {
				return unusable(errors.New("no baseline to compare with"))
			}
			warnElsewhere(e.stderr, format, m.Warnings)
			if err := render(e.stdout, m); err != nil {
				return unusable(err)
			}
			return verdictError(*m.Verdict, tally.Of(cur))
		},
	}
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return unusable(err) })
	gate.add(cmd, "")
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+formatNames())
	cmd.Flags().Uint64Var(&seed, "seed", compare.DefaultSeed, "seed of the bootstrap interval")
	return cmd
}

// loadPair reads the baseline (resolving a history directory) and the
// new results.
func loadPair(basePath, curPath string) (base, cur []results.Record, warnings []string, err error) {
	base, bw, err := loadBaselineRuns(basePath)
	if err != nil {
		return nil, nil, nil, err
	}
	cur, cw, err := loadRuns(curPath, "new results")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("unusable input: %w", err)
	}
	return base, cur, append(bw, cw...), nil
}

// loadBaselineRuns reads a baseline: a results file, a directory holding
// one, or a history directory, resolved to its accepted entry.
func loadBaselineRuns(path string) ([]results.Record, []string, error) {
	resolved, err := history.Resolve(path)
	if err != nil {
		return nil, nil, fmt.Errorf("unusable input: %w", err)
	}
	records, warnings, err := loadRuns(resolved, "baseline")
	if err != nil {
		return nil, nil, fmt.Errorf("unusable input: %w", err)
	}
	return records, warnings, nil
}

// unusable gives err compare's exit status for input it cannot judge.
func unusable(err error) error {
	if err == nil {
		return nil
	}
	return withExitCode(exitUnusable, err)
}

// verdictError maps the verdict to the command's exit status, with the
// headline as the message when it is not 0. New results with failed runs
// and no regression exit 4, as 'jsbench run' does: the failure is news,
// and such results make no baseline.
func verdictError(v compare.Verdict, t tally.Tally) error {
	switch o := v.Outcome(); {
	case o == compare.Regression:
		return withExitCode(exitRegression, errors.New(v.Headline()))
	case t.Status != tally.AllMeasured:
		return withExitCode(exitRunsFailed, fmt.Errorf("%s; but in the new results %s", v.Headline(), strings.TrimPrefix(t.Line(), "verdict: ")))
	case o == compare.NoRegression:
		return nil
	default:
		return withExitCode(outcomeExit(o), errors.New(v.Headline()))
	}
}
