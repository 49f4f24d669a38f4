package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/render/analysis"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

const analyzeExample = `  # phases of one start, as a table
  jsbench analyze ../shared/fixtures/jenkins-logs/01-docker-logs-2.426.2-setup-wizard.log

  # two logs side by side, as JSON
  jsbench analyze --json ../shared/fixtures/jenkins-logs/01-docker-logs-2.426.2-setup-wizard.log ../shared/fixtures/jenkins-logs/12-kubectl-logs-helm-eks-2.375.1-tabs-expanded.log

  # a two-line (pre-2019) log written in Berlin time
  jsbench analyze --tz Europe/Berlin ../shared/fixtures/jenkins-logs/13-japanese-1.441-winstone-2011-two-line.log

  # a production log with its restarts, as a page to share
  jsbench analyze --format html ../shared/fixtures/jenkins-logs/16-journalctl-n50-2026-two-boots-truncated.log > restarts.html

  # straight from a container (- reads standard input; .gz files are unpacked)
  docker logs jenkins 2>&1 | jsbench analyze -`

// analyzeFormats renders analyze's report by --format.
var analyzeFormats = map[string]func(io.Writer, analysis.Report) error{
	"text": analysis.RenderText,
	"json": analysis.RenderJSON,
	"html": analysis.RenderHTML,
}

func newAnalyzeCommand(e env) *cobra.Command {
	var (
		asJSON                 bool
		zone, format, maxBytes string
		keep                   int
	)
	cmd := &cobra.Command{
		Use:   "analyze FILE...",
		Short: "Show the startup phases, restarts, downtime and failures found in Jenkins logs",
		Long: `analyze reads Jenkins logs (docker logs, docker compose, kubectl logs,
journalctl, Windows service logs, plain files, logs copied from a viewer that
glued its own date to each line; "-" for standard input; .gz files unpacked)
and prints, for each start of Jenkins in them, the time of each startup
phase from the first timestamped line to "Jenkins is fully up and running",
how it ended (a shutdown line, a failure, killed or crashed with no shutdown
line) and why a start failed; with several starts, the restart history:
when each began, how the one before ended, the gap between them and how
long Jenkins was down, from the last line of a start that was up to the
next fully up. The init reactor's later runs in a running JVM (plugins
installed without a restart, the setup wizard's, reloads) are no starts.

The output is bounded whatever the log holds: the first and last --keep
starts in detail, the first and last 10 and the 10 longest outages of the
history, and totals over all. A .gz log may unpack to ` + fmt.Sprint(jenkinslog.UnpackRatio) + ` times its size,
at least 1 GiB (--max-bytes). With several files it adds a comparison, one
column per file. Timestamps without a zone (the pre-2019 two-line format,
journal prefixes) are read in UTC unless --tz names another zone.`,
		Example: analyzeExample,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			render, opts, err := analyzeSetup(format, asJSON, zone, maxBytes, keep)
			if err != nil {
				return withExitCode(exitUnusable, err)
			}
			logs, err := readLogsUntil(e.ctx, args, cmd.InOrStdin(), opts)
			switch {
			case e.ctx.Err() != nil:
				return withExitCode(exitInterrupted, errors.New("interrupted while reading the logs"))
			case err != nil:
				return withExitCode(exitUnusable, unpackRemedy(err, opts.MaxUnpackedBytes))
			}
			err = render(ctxWriter{e.ctx, e.stdout}, analysis.Build(logs))
			if e.ctx.Err() != nil {
				return withExitCode(exitInterrupted, errors.New("interrupted while writing the report"))
			}
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or html (a self-contained page)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON (--format json; durations in fields ending in _ms)")
	cmd.Flags().StringVar(&zone, "tz", "UTC", "zone of timestamps that carry none (IANA name such as Europe/Berlin, or Local)")
	cmd.Flags().StringVar(&maxBytes, "max-bytes", "", "most a .gz log may unpack to, such as 20Gi (default: "+fmt.Sprint(jenkinslog.UnpackRatio)+" times the gzip read, at least 1Gi; -1: no limit)")
	cmd.Flags().IntVar(&keep, "keep", jenkinslog.DefaultKeepStarts, "how many of the first and of the last starts to show in detail")
	return cmd
}

// analyzeSetup reads analyze's flags into a renderer and parser options.
func analyzeSetup(format string, asJSON bool, zone, maxBytes string, keep int) (func(io.Writer, analysis.Report) error, jenkinslog.Options, error) {
	if asJSON {
		format = "json"
	}
	render, ok := analyzeFormats[format]
	if !ok {
		return nil, jenkinslog.Options{}, fmt.Errorf("--format %q: want text, json or html", format)
	}
	if keep < 1 {
		return nil, jenkinslog.Options{}, fmt.Errorf("--keep %d: want at least 1", keep)
	}
	loc, err := loadZone(zone)
	if err != nil {
		return nil, jenkinslog.Options{}, err
	}
	opts := jenkinslog.Options{Location: loc, KeepStarts: keep}
	if maxBytes != "" {
		if opts.MaxUnpackedBytes, err = snapshot.ParseSize(maxBytes); err != nil {
			return nil, jenkinslog.Options{}, fmt.Errorf("--max-bytes: %w", err)
		}
	}
	return render, opts, nil
}

// unpackRemedy adds to an unpack limit's error how to raise it.
func unpackRemedy(err error, set int64) error {
	if !errors.Is(err, jenkinslog.ErrUnpackLimit) {
		return err
	}
	if set > 0 {
		return fmt.Errorf("%w: if the log is trusted, raise --max-bytes (-1: no limit)", err)
	}
	return fmt.Errorf("%w: a gzip bomb, or a log that compresses unusually well; if the log is trusted, raise the limit with --max-bytes 20Gi (-1: no limit)", err)
}

func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load zone %q: %w (give an IANA name such as Europe/Berlin, UTC or Local)", name, err)
	}
	return loc, nil
}
