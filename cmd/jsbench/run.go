package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/measure/runner"
	"github.com/jsbench/jsbench/bench/measure/suite"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
)

// defaultScenarioDir holds the scenarios `jsbench run` measures when no
// file is named.
const defaultScenarioDir = "scenarios"

// runExample is shown by `jsbench run --help` and in README.md, whose
// commands the tests run.
const runExample = `  jsbench run scenarios/examples/local-vs-tmpfs.yaml --out reports/local-vs-tmpfs`

func newRunCommand(e env) *cobra.Command {
	var (
		cfg          suite.Config
		baselinePath string
		gate         gateFlags
	)
	cmd := &cobra.Command{
		Use:   "run [SCENARIO.yaml|DIR]...",
		Short: "Start the subject of each scenario on each of its volumes and time it",
		Long: `run starts the scenario's subject on every volume, runs after runs, volumes
interleaved, and records each run in OUT/results.jsonl as soon as it ends.
At the end it writes OUT/results.json and the HTML report OUT/index.html,
and prints per scenario a table of its storages and one of its phases,
then the recommendation: the fastest durable storage for JENKINS_HOME
(tmpfs and volumes marked ceiling: true are shown, never recommended),
and, last, a one-line verdict.
Ctrl-C stops after cleaning up; runs already finished stay recorded.

With --baseline (a results.jsonl, a directory holding one, or a history
directory kept by 'jsbench baseline accept') the session is then compared
with it as 'jsbench compare' would, and the comparison is printed after
the recommendation and kept in results.json and the HTML report.

Exit status: 0 every run measured (and, with --baseline, no regression),
2 unusable input or a missing prerequisite (nothing ran; an unreadable
baseline is refused before the first run), 4 some runs or whole volumes
failed (the others are recorded), 5 nothing measured, 130 interrupted.
With --baseline also 1 regression and 3 inconclusive: the host was too
noisy to judge. When several apply: 130, 5, 1, 4, 3, 2.`,
		Example: runExample,
		RunE: func(cmd *cobra.Command, args []string) error {
			scenarios, err := loadScenarios(args)
			if err != nil {
				return err
			}
			cfg.Scenarios = scenarios
			var base *baseline
			if baselinePath != "" {
				opts, err := gate.options()
				if err != nil {
					return unusable(err)
				}
				if base, err = loadBaseline(baselinePath, opts); err != nil {
					return unusable(err)
				}
				for _, w := range base.warnings {
					fmt.Fprintf(e.stderr, "warning: baseline: %s\n", w)
				}
			}
			if cfg.OutDir == "" {
				cfg.OutDir = filepath.Join("reports", time.Now().Format("20060102-150405"))
			}
			cfg.Progress = printProgress(e.stderr)
			cfg.Swept = printSwept(e.stderr)
			return runSuite(e, cfg, base)
		},
	}
	cmd.Flags().StringVar(&cfg.OutDir, "out", "", "directory for results.jsonl, results.json and index.html (default reports/<date-time>)")
	cmd.Flags().StringVar(&cfg.WorkRoot, "work-dir", "", "where per-run homes are created, on local disk (default $TMPDIR/jsbench-work)")
	cmd.Flags().StringVar(&baselinePath, "baseline", "", "compare the session with these results at the end (exit 1 on a regression, 3 when the host was too noisy)")
	gate.add(cmd, "with --baseline: ")
	cmd.Flags().StringVar(&cfg.SimBinary, "sim-binary", "", "path of the jenkins-sim binary (default: next to jsbench, $"+suite.SimBinaryEnv+", or $PATH)")
	return cmd
}

func loadScenarios(args []string) ([]*scenario.Scenario, error) {
	if len(args) == 0 {
		args = []string{defaultScenarioDir}
	}
	var all []*scenario.Scenario
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("read scenarios: %w", err)
		}
		if !info.IsDir() {
			sc, err := scenario.Load(a, runtimes.Specs())
			if err != nil {
				return nil, err
			}
			all = append(all, sc)
			continue
		}
		scs, err := scenario.LoadDir(a, runtimes.Specs())
		if err != nil {
			return nil, err
		}
		all = append(all, scs...)
	}
	return all, checkHost(all)
}

// baseline is what `run --baseline` compares the session with.
type baseline struct {
	path     string
	records  []results.Record
	warnings []string
	opts     compare.Options
}

// loadBaseline reads the baseline before the session starts, so that an
// unreadable one costs no measurement.
func loadBaseline(path string, opts compare.Options) (*baseline, error) {
	records, warnings, err := loadBaselineRuns(path)
	if err != nil {
		return nil, err
	}
	return &baseline{path: path, records: records, warnings: warnings, opts: opts}, nil
}

func runSuite(e env, cfg suite.Config, base *baseline) error {
	out, err := suite.Run(e.ctx, cfg)
	var verdict *compare.Verdict
	if len(out.Records) > 0 {
		v, werr := writeSummary(e.ctx, e.stdout, cfg.OutDir, out, base)
		if werr != nil {
			err = errors.Join(err, werr)
		}
		verdict = v
		fmt.Fprintf(e.stderr, "results: %s\n", out.ResultsFile)
	}
	return sessionExit(e.stderr, e.ctx.Err() != nil, out, verdict, err)
}

// printSwept says, as soon as the sweep is done, what it removed of the
// sessions a killed jsbench left, and what it keeps.
func printSwept(w io.Writer) func(removed, kept []string) {
	return func(removed, kept []string) {
		for _, s := range removed {
			fmt.Fprintf(w, "removed %s, left behind by an earlier jsbench\n", s)
		}
		for _, s := range kept {
			fmt.Fprintf(w, "kept %s\n", s)
		}
	}
}

// printProgress reports each run on one line as it ends.
func printProgress(w io.Writer) runner.Progress {
	return func(s runner.Step) {
		if !s.Done {
			return
		}
		label := fmt.Sprintf("%s / %s run %d of %d", s.Scenario, s.Volume, s.Iteration, s.Of)
		if s.Warmup {
			label += " (warmup)"
		}
		switch {
		case s.Err != nil:
			fmt.Fprintf(w, "%s: %v\n", label, s.Err)
		case s.Record.Status == results.StatusOK:
			fmt.Fprintf(w, "%s: ready in %.1f s\n", label, s.Record.ReadyMS/1000)
		default:
			fmt.Fprintf(w, "%s: %s: %s\n", label, s.Record.Status, s.Record.Reason)
		}
	}
}
