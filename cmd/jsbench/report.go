package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/history"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

func newReportCommand(e env) *cobra.Command {
	var (
		format, baseline, historyDir string
		gate                         gateFlags
	)
	cmd := &cobra.Command{
		Use:   "report RESULTS",
		Short: "Summarize the runs in RESULTS as text, JSON, Markdown, JUnit, CSV, Go benchmark text or HTML",
		Long: `report summarizes each scenario × volume × phase of RESULTS (a results.jsonl
or a directory holding one): median, 95% interval of the median, p5, p95,
IQR, outliers and the runs that did not finish. With --baseline it adds the
comparison that 'jsbench compare' makes, but always exits 0 when it could
write the report: use compare to gate. Input it cannot use (a missing,
empty or broken results file, a bad flag) exits 2, as with every command.

The gobench format feeds benchstat; when RESULTS is a history entry, its
meta.json environment becomes the goos/goarch lines.

The html format is one self-contained page (charts included, no network
needed): the verdict per scenario, charts, statistics, failed runs with
their logs, and the environment. With --history, each scenario gets a
trend chart over the entries of that history directory.`,
		Example: `  jsbench report results
  jsbench report --format junit --baseline history results > junit.xml
  jsbench report --format html --history history results > report.html`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			render, err := renderer(format)
			if err != nil {
				return err
			}
			var pastWarnings []string
			if historyDir != "" {
				if render, pastWarnings, err = htmlWithHistory(format, historyDir); err != nil {
					return err
				}
			}
			opts, err := gate.options()
			if err != nil {
				return err
			}
			m, err := buildReport(args[0], baseline, opts)
			if err != nil {
				return err
			}
			m.Warnings = append(m.Warnings, pastWarnings...)
			warnElsewhere(e.stderr, format, m.Warnings)
			return render(e.stdout, m)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+formatNames())
	cmd.Flags().StringVar(&baseline, "baseline", "", "results or history directory to compare against")
	gate.add(cmd, "with --baseline: ")
	cmd.Flags().StringVar(&historyDir, "history", "", "with --format html: history directory whose entries make the trend charts")
	return cmd
}

func buildReport(resultsPath, baselinePath string, opts compare.Options) (report.Model, error) {
	var (
		base, cur []results.Record
		warnings  []string
		err       error
	)
	if baselinePath != "" {
		base, cur, warnings, err = loadPair(baselinePath, resultsPath)
	} else {
		cur, warnings, err = loadRuns(resultsPath, "results")
	}
	if err != nil {
		return report.Model{}, err
	}
	m := report.Build(cur, base, opts)
	m.Warnings = warnings
	meta, ok, err := history.LoadMeta(entryDir(resultsPath))
	if err != nil {
		return report.Model{}, err
	}
	if ok {
		m.Config = metaConfig(meta)
	} else {
		m.Config = sessionConfig(entryDir(resultsPath))
	}
	return m, nil
}

// entryDir is the directory that would hold a history entry's meta.json
// for results at path.
func entryDir(path string) string {
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		return filepath.Dir(path)
	}
	return path
}

func metaConfig(meta history.Meta) []report.ConfigLine {
	var lines []report.ConfigLine
	add := func(k, v string) {
		if v != "" {
			lines = append(lines, report.ConfigLine{Key: k, Value: v})
		}
	}
	add("goos", meta.Env.GOOS)
	add("goarch", meta.Env.GOARCH)
	if meta.Env.NumCPU > 0 {
		add("cpus", fmt.Sprint(meta.Env.NumCPU))
	}
	add("kernel", meta.Env.Kernel)
	return lines
}
