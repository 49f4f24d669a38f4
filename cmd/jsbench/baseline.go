package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/record/buildinfo"
	"github.com/jsbench/jsbench/bench/record/history"
)

func newBaselineCommand(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "baseline",
		Short: "Keep the accepted results that 'jsbench compare' measures against",
		Long: `baseline manages a history directory: one entry per accepted results.jsonl
(<date>-<label>/results.jsonl with a meta.json) and a 'baseline' file naming
the entry in force. Pass the history directory to 'jsbench compare' as
BASELINE.`,
	}
	cmd.AddCommand(newBaselineAcceptCommand(e), readOnly(newBaselineShowCommand(e)))
	return cmd
}

func newBaselineAcceptCommand(e env) *cobra.Command {
	var dir, label, commit, version string
	var allowBusy bool
	cmd := &cobra.Command{
		Use:   "accept RESULTS --dir HISTORY",
		Short: "Store RESULTS in HISTORY and make them the baseline",
		Long: `accept stores RESULTS in HISTORY and makes them the baseline that
'jsbench compare HISTORY …' measures against.

Results whose host was too busy are refused (exit 3): a volume with more than
a fifth of its runs busy (see 'jsbench compare --help') would make every later
comparison inconclusive. Measure again on a quiet host, or pass --allow-busy.`,
		Example: `  jsbench baseline accept results --dir history --label nightly --commit abc1234`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if version == "" {
				version = buildinfo.Version()
			}
			if err := checkQuietHost(e, args[0], allowBusy); err != nil {
				return err
			}
			meta := history.Meta{Date: time.Now().UTC(), Label: label, Commit: commit, Version: version, Env: hostEnv()}
			name, err := history.Accept(dir, args[0], meta)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.stdout, "baseline: %s/%s\n", strings.TrimRight(dir, "/"), name)
			return err
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "history directory (created if missing)")
	cmd.Flags().StringVar(&label, "label", "", "label of the entry, e.g. nightly or a Jenkins version (default accepted)")
	cmd.Flags().StringVar(&commit, "commit", "", "commit the results were measured at")
	cmd.Flags().StringVar(&version, "version", "", "version label to record (default jsbench's version)")
	cmd.Flags().BoolVar(&allowBusy, "allow-busy", false, "accept results whose host was too busy to judge against")
	_ = cmd.MarkFlagRequired("dir")
	return cmd
}

func newBaselineShowCommand(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "show HISTORY",
		Short: "Print the entry HISTORY's baseline points at",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			entry, err := history.Baseline(args[0])
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(e.stdout, entry)
			return err
		},
	}
}

// hostEnv describes this machine for meta.json.
func hostEnv() history.Env {
	env := history.Env{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, NumCPU: runtime.NumCPU()}
	env.Hostname, _ = os.Hostname()
	if release, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		env.Kernel = strings.TrimSpace(string(release))
	}
	return env
}

// checkQuietHost refuses, with exit 3 (inconclusive), results with a
// volume whose host was too busy to make a baseline of.
func checkQuietHost(e env, path string, allowBusy bool) error {
	records, warnings, err := loadRuns(path, "results")
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "warning: %s (the baseline keeps the file as it is)\n", w)
	}
	if err != nil || allowBusy {
		return err
	}
	if noisy := noise.Assess(records).NoisyVolumes(); len(noisy) > 0 {
		return withExitCode(exitInconclusive, fmt.Errorf("the host was too busy to make a baseline: %s; measure again on a quiet host, or pass --allow-busy",
			strings.Join(noisy, "; ")))
	}
	return nil
}
