package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/buildinfo"
	"github.com/jsbench/jsbench/bench/history"
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
	cmd.AddCommand(newBaselineAcceptCommand(e), newBaselineShowCommand(e))
	return cmd
}

func newBaselineAcceptCommand(e env) *cobra.Command {
	var dir, label, commit, version string
	cmd := &cobra.Command{
		Use:     "accept RESULTS --dir HISTORY",
		Short:   "Store RESULTS in HISTORY and make them the baseline",
		Example: `  jsbench baseline accept results --dir history --label nightly --commit abc1234`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if version == "" {
				version = buildinfo.Version()
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
