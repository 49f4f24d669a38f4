package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/render/htmlreport"
	"github.com/jsbench/jsbench/bench/render/report"
)

// renderers maps each --format of report and compare to its renderer.
// The HTML report is its own package, which alone links the chart library.
func renderers() map[string]report.Renderer {
	return map[string]report.Renderer{
		"html":        htmlreport.HTML,
		"text":        report.Text,
		"table":       report.Table,
		"json":        report.JSON,
		"markdown":    report.Markdown,
		"junit":       report.JUnit,
		"csv":         report.CSV,
		"gobench":     report.GoBench,
		"calibration": report.CalibrationText,
	}
}

// warningFormats are the formats that show the warnings met while
// reading the input (a record cut short, one ignored); with the others
// (table, csv, junit, gobench, calibration) they go to standard error.
var warningFormats = map[string]bool{"text": true, "json": true, "markdown": true, "html": true}

// warnElsewhere prints to w the reading warnings that format has no
// place for.
func warnElsewhere(w io.Writer, format string, warnings []string) {
	if warningFormats[format] {
		return
	}
	for _, x := range warnings {
		fmt.Fprintf(w, "warning: %s\n", x)
	}
}

// renderer finds the renderer of format, or says which formats exist.
func renderer(format string) (report.Renderer, error) {
	if r, ok := renderers()[format]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("unknown format %q (one of %s)", format, formatNames())
}

// formatNames lists the formats for help and errors.
func formatNames() string {
	names := make([]string, 0, len(renderers()))
	for n := range renderers() {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// percentValue is a flag holding a percentage written as "10%" or "10".
type percentValue float64

func (p *percentValue) String() string { return strconv.FormatFloat(float64(*p), 'g', -1, 64) + "%" }

func (p *percentValue) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || v <= 0 || v > 1000 {
		return fmt.Errorf("want a percentage such as 10%%, got %q", s)
	}
	*p = percentValue(v)
	return nil
}

func (p *percentValue) Type() string { return "percent" }

// checkAlpha refuses a significance level outside (0, 1).
func checkAlpha(alpha float64) error {
	if !(alpha > 0 && alpha < 1) {
		return fmt.Errorf("--alpha %g: want a level between 0 and 1, such as 0.05", alpha)
	}
	return nil
}

// gateFlags are the flags that set how a comparison with a baseline
// judges: --threshold and --alpha, for compare, report and run.
type gateFlags struct {
	threshold percentValue
	alpha     float64
}

// add registers the flags on cmd; prefix starts their help, such as
// "with --baseline: ".
func (g *gateFlags) add(cmd *cobra.Command, prefix string) {
	g.threshold = percentValue(compare.DefaultThresholdPct)
	cmd.Flags().Var(&g.threshold, "threshold", prefix+"slowdown of the median beyond which a significant change is a regression")
	cmd.Flags().Float64Var(&g.alpha, "alpha", compare.DefaultAlpha, prefix+"significance level of the Mann–Whitney U test")
}

// options checks the flags and gives the comparison's options.
func (g *gateFlags) options() (compare.Options, error) {
	if err := checkAlpha(g.alpha); err != nil {
		return compare.Options{}, err
	}
	return compare.Options{ThresholdPct: float64(g.threshold), Alpha: g.alpha}, nil
}
