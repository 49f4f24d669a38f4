package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/render/analysis"
)

const analyzeExample = `  # phases of one start, as a table
  jsbench analyze ../shared/fixtures/jenkins-logs/01-docker-logs-2.426.2-setup-wizard.log

  # two logs side by side, as JSON
  jsbench analyze --json ../shared/fixtures/jenkins-logs/01-docker-logs-2.426.2-setup-wizard.log ../shared/fixtures/jenkins-logs/12-kubectl-logs-helm-eks-2.375.1-tabs-expanded.log

  # a two-line (pre-2019) log written in Berlin time
  jsbench analyze --tz Europe/Berlin ../shared/fixtures/jenkins-logs/13-japanese-1.441-winstone-2011-two-line.log

  # straight from a container (- reads standard input; .gz files are unpacked)
  docker logs jenkins 2>&1 | jsbench analyze -`

func newAnalyzeCommand(e env) *cobra.Command {
	var asJSON bool
	var zone string
	cmd := &cobra.Command{
		Use:   "analyze FILE...",
		Short: "Show the startup phases and failures found in Jenkins logs",
		Long: `analyze reads Jenkins logs (docker logs, docker compose, kubectl logs,
journalctl, plain files; "-" for standard input; .gz files unpacked) and
prints, for each start of Jenkins in them, the time of each startup phase
from the first timestamped line to "Jenkins is fully up and running", and
why a start failed. With several files it adds a comparison, one column per
file. Timestamps without a zone (the pre-2019 two-line format, journal
prefixes) are read in UTC unless --tz names another zone.`,
		Example: analyzeExample,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			loc, err := loadZone(zone)
			if err != nil {
				return withExitCode(exitUnusable, err)
			}
			logs, err := readLogsUntil(e.ctx, args, cmd.InOrStdin(), jenkinslog.Options{Location: loc})
			if e.ctx.Err() != nil {
				return withExitCode(exitInterrupted, errors.New("interrupted while reading the logs"))
			}
			if err != nil {
				return withExitCode(exitUnusable, err)
			}
			report := analysis.Build(logs)
			if asJSON {
				return analysis.RenderJSON(e.stdout, report)
			}
			return analysis.RenderText(e.stdout, report)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON (durations in fields ending in _ms)")
	cmd.Flags().StringVar(&zone, "tz", "UTC", "zone of timestamps that carry none (IANA name such as Europe/Berlin, or Local)")
	return cmd
}

func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load zone %q: %w (give an IANA name such as Europe/Berlin, UTC or Local)", name, err)
	}
	return loc, nil
}

// readLogsUntil is readLogs, given up when ctx ends: a first Ctrl-C
// stops a long read (a large file, or standard input that never ends)
// at once, without waiting for the read in progress.
func readLogsUntil(ctx context.Context, names []string, stdin io.Reader, opts jenkinslog.Options) ([]analysis.Log, error) {
	type read struct {
		logs []analysis.Log
		err  error
	}
	done := make(chan read, 1)
	go func() {
		logs, err := readLogs(names, stdin, opts)
		done <- read{logs, err}
	}()
	select {
	case r := <-done:
		return r.logs, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readLogs parses every named log; it reports every file it could not
// read, not only the first.
func readLogs(names []string, stdin io.Reader, opts jenkinslog.Options) ([]analysis.Log, error) {
	var logs []analysis.Log
	var errs []error
	for _, name := range names {
		res, err := readLog(name, stdin, opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		logs = append(logs, analysis.Log{Name: displayName(name), Result: res})
	}
	return logs, errors.Join(errs...)
}

func readLog(name string, stdin io.Reader, opts jenkinslog.Options) (jenkinslog.Result, error) {
	if name == "-" {
		return parseMaybeGzip(stdin, "standard input", opts)
	}
	f, err := os.Open(name)
	if err != nil {
		return jenkinslog.Result{}, fmt.Errorf("open log: %w", err)
	}
	defer f.Close()
	return parseMaybeGzip(f, name, opts)
}

// parseMaybeGzip parses r, unpacked when it is gzip-compressed.
func parseMaybeGzip(r io.Reader, name string, opts jenkinslog.Options) (jenkinslog.Result, error) {
	res, err := jenkinslog.ParseMaybeGzip(r, opts)
	if err != nil {
		return res, fmt.Errorf("read %q: %w", name, err)
	}
	return res, nil
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return filepath.Base(name)
}
