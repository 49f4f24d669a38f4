package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/observe/probe"
	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// probeFlags are the probe command's flags.
type probeFlags struct {
	profile string
	json    bool
	quick   bool
	budget  time.Duration
}

func newProbeCommand(e env) *cobra.Command {
	var f probeFlags
	cmd := &cobra.Command{
		Use:   "probe DIR",
		Short: "Measure the file operations Jenkins's startup is made of on a directory",
		Long: `probe creates, stats, reads, lists and removes small files in a scratch
directory inside DIR, times fsync and sequential throughput, and prints
latency percentiles per operation. With --profile it mounts an emulated
volume of that profile over a scratch directory in DIR and probes the
emulation instead.`,
		Example: `  jsbench probe . --quick
  jsbench probe /tmp --profile nfs-lan --quick --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProbe(e, args[0], f)
		},
	}
	flags := cmd.Flags()
	flags.StringVar(&f.profile, "profile", "", "probe an emulated volume of this profile (see jsbench's PROFILES.md)")
	flags.BoolVar(&f.json, "json", false, "print the report as JSON")
	flags.BoolVar(&f.quick, "quick", false, "measure fewer samples (under 2 s on a local disk)")
	flags.DurationVar(&f.budget, "budget", 0, "stop each phase early once the whole probe has used this long (0: no limit)")
	return cmd
}

func runProbe(e env, dir string, f probeFlags) (err error) {
	var stack cleanup.Stack
	defer func() {
		if releaseErr := stack.Run(e.ctx); releaseErr != nil && err == nil {
			err = releaseErr
		}
	}()
	target, srv, err := probeTarget(e, dir, f.profile, &stack)
	if err != nil {
		return err
	}
	report, err := probe.Run(e.ctx, target, probe.Options{Quick: f.quick, Budget: f.budget})
	if err != nil {
		return err
	}
	if f.json {
		return writeProbeJSON(e.stdout, report, srv)
	}
	return writeProbeTable(e.stdout, report, srv)
}

// probeTarget returns dir itself, or with a profile the mount point of an
// emulated volume over a scratch directory in dir.
func probeTarget(e env, dir, profile string, stack *cleanup.Stack) (string, *emufs.Server, error) {
	if profile == "" {
		return dir, nil, nil
	}
	p, err := emufs.ByName(profile)
	if err != nil {
		return "", nil, withExitCode(exitUnusable, err)
	}
	if swept, err := emufs.Sweep(dir); err != nil || len(swept) > 0 {
		fmt.Fprintf(e.stderr, "jsbench: removed stale emulated mounts %q (%v)\n", swept, err)
	}
	base, err := os.MkdirTemp(dir, "jsbench-probe-")
	if err != nil {
		return "", nil, fmt.Errorf("create probe volume in %q: %w", dir, err)
	}
	stack.Push("probe volume "+base, func(context.Context) error { return os.RemoveAll(base) })
	mnt, backing := filepath.Join(base, "mnt"), filepath.Join(base, "backing")
	for _, d := range []string{mnt, backing} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return "", nil, fmt.Errorf("create probe volume: %w", err)
		}
	}
	srv, err := emufs.Mount(mnt, backing, p)
	if err != nil {
		return "", nil, fmt.Errorf("%w (mounting needs root and /dev/fuse)", err)
	}
	stack.Push("probe mount "+mnt, func(context.Context) error { return srv.Unmount() })
	return mnt, srv, nil
}

// probeOutput is the JSON form: the probe's report and, for an emulated
// volume, what the emulation injected.
type probeOutput struct {
	probe.Report
	Profile  string       `json:"profile,omitempty"`
	Injected *emufs.Stats `json:"injected,omitempty"`
}

func writeProbeJSON(w io.Writer, report probe.Report, srv *emufs.Server) error {
	out := probeOutput{Report: report}
	if srv != nil {
		stats := srv.Stats()
		out.Profile, out.Injected = srv.Profile().Name, &stats
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeProbeTable(w io.Writer, report probe.Report, srv *emufs.Server) error {
	if srv != nil {
		fmt.Fprintf(w, "emulated profile %s: %s\n", srv.Profile().Name, srv.Profile().Description)
	}
	table := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	table.Header("op", "count", "p50 ms", "p90 ms", "p99 ms", "mean ms")
	for _, op := range report.Ops {
		if err := table.Append(op.Op, strconv.Itoa(op.Count), msCell(op.P50MS), msCell(op.P90MS), msCell(op.P99MS), msCell(op.MeanMS)); err != nil {
			return err
		}
	}
	if err := table.Render(); err != nil {
		return err
	}
	fmt.Fprintf(w, "sequential %d MiB: write %.1f MiB/s, read %.1f MiB/s (uncached); %d-byte files; probe took %.1f s\n",
		report.SeqBytes>>20, report.SeqWriteMiBPerS, report.SeqReadMiBPerS, report.FileBytes, report.ElapsedMS/1000)
	for _, warning := range report.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warning)
	}
	return nil
}

func msCell(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
