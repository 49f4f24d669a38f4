package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/stats"
)

var csvHeader = []string{"scenario", "volume", "phase", "subject", "simulated", "n", "failed", "timed_out", "errors",
	"warmup", "median_ms", "mean_ms", "sd_ms", "min_ms", "max_ms", "p5_ms", "p95_ms", "iqr_ms", "ci_low_ms",
	"ci_high_ms", "ci_method", "outlier_iterations", "warnings"}

var csvVerdictHeader = []string{"status", "baseline_n", "baseline_median_ms", "change_pct", "change_ci_low_pct",
	"change_ci_high_pct", "p_value", "test"}

// CSV writes one line per scenario × volume × phase with every figure of
// its summary; with a verdict, the comparison's columns follow.
func CSV(w io.Writer, m Model) error {
	cw := csv.NewWriter(w)
	header := csvHeader
	if m.Verdict != nil {
		header = append(append([]string{}, csvHeader...), csvVerdictHeader...)
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	rows := rowByKey(m.Verdict)
	for _, s := range m.Summaries {
		rec := csvSummary(s)
		if m.Verdict != nil {
			rec = append(rec, csvRow(rows, s.Key)...)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func csvSummary(s stats.Summary) []string {
	outliers := make([]string, len(s.Outliers))
	for i, it := range s.Outliers {
		outliers[i] = strconv.Itoa(it)
	}
	return []string{s.Scenario, s.Volume, s.Phase, s.Subject.Name, strconv.FormatBool(s.Subject.Simulated),
		strconv.Itoa(s.N), strconv.Itoa(s.Failed), strconv.Itoa(s.TimedOut), strconv.Itoa(s.Errors), strconv.Itoa(s.Warmup),
		num(s.MedianMS), num(s.MeanMS), num(s.SDMS), num(s.MinMS), num(s.MaxMS), num(s.P5MS), num(s.P95MS),
		num(s.IQRMS), num(s.CILowMS), num(s.CIHighMS), s.CIMethod, strings.Join(outliers, " "), strings.Join(s.Warnings, "; ")}
}

func csvRow(rows map[stats.Key]compare.Row, k stats.Key) []string {
	r, ok := rows[k]
	if !ok {
		return []string{"not compared", "", "", "", "", "", "", ""}
	}
	return []string{r.Status, strconv.Itoa(r.BaselineN), num(r.BaselineMedianMS), num(r.ChangePct),
		num(r.ChangeCILowPct), num(r.ChangeCIHighPct), num(r.Test.P), r.Test.Method}
}

// num renders a figure to the microsecond (or 0.001 %), without float
// noise such as 2792.3999999999996.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) }
