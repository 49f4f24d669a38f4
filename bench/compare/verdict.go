package compare

import (
	"fmt"
	"strings"

	"github.com/jsbench/jsbench/bench/stats"
)

// Row statuses.
const (
	StatusRegression  = "regression"
	StatusImprovement = "improvement"
	StatusUnchanged   = "unchanged"
	StatusUnusable    = "unusable"
)

// Exit codes of ExitCode, as jsbench compare returns them.
const (
	ExitOK         = 0
	ExitRegression = 1
	ExitUnusable   = 2
)

// Row is the comparison of one scenario × volume × phase. ChangePct is
// 100·(new median / baseline median − 1): positive is slower. The change
// interval is a percentile bootstrap at CILevel. Reason says in figures
// why the row has its Status.
type Row struct {
	stats.Key
	Status           string   `json:"status"`
	Reason           string   `json:"reason"`
	BaselineN        int      `json:"baseline_n"`
	CurrentN         int      `json:"new_n"`
	BaselineMedianMS float64  `json:"baseline_median_ms"`
	CurrentMedianMS  float64  `json:"new_median_ms"`
	ChangePct        float64  `json:"change_pct"`
	ChangeCILowPct   float64  `json:"change_ci_low_pct"`
	ChangeCIHighPct  float64  `json:"change_ci_high_pct"`
	CILevel          float64  `json:"ci_level"`
	Test             UTest    `json:"test"`
	Significant      bool     `json:"significant"`
	Warnings         []string `json:"warnings,omitempty"`
}

// Verdict is the outcome of Compare: every row, the regressions and
// improvements among them, the reasons some input could not be judged,
// and warnings that do not stop the judgment.
type Verdict struct {
	ThresholdPct float64  `json:"threshold_pct"`
	Alpha        float64  `json:"alpha"`
	Rows         []Row    `json:"rows"`
	Regressions  []Row    `json:"regressions"`
	Improvements []Row    `json:"improvements"`
	Unusable     []string `json:"unusable"`
	Warnings     []string `json:"warnings,omitempty"`
}

// ExitCode is 1 when a row regressed, otherwise 2 when some input was
// unusable, otherwise 0.
func (v Verdict) ExitCode() int {
	switch {
	case len(v.Regressions) > 0:
		return ExitRegression
	case len(v.Unusable) > 0:
		return ExitUnusable
	}
	return ExitOK
}

// Headline says the verdict in one line, naming what regressed or why
// the input is unusable.
func (v Verdict) Headline() string {
	switch v.ExitCode() {
	case ExitRegression:
		names := make([]string, len(v.Regressions))
		for i, r := range v.Regressions {
			names[i] = fmt.Sprintf("%s (%+.1f%%, p = %.3g)", r.Key, r.ChangePct, r.Test.P)
		}
		return fmt.Sprintf("regression in %d of %d rows: %s", len(v.Regressions), len(v.Rows), strings.Join(names, "; "))
	case ExitUnusable:
		return "unusable input: " + strings.Join(v.Unusable, "; ")
	}
	return fmt.Sprintf("no regression in %d rows (threshold %g%%, alpha %g)", len(v.Rows), v.ThresholdPct, v.Alpha)
}

func (v *Verdict) add(r Row) {
	v.Rows = append(v.Rows, r)
	switch r.Status {
	case StatusRegression:
		v.Regressions = append(v.Regressions, r)
	case StatusImprovement:
		v.Improvements = append(v.Improvements, r)
	case StatusUnusable:
		v.Unusable = append(v.Unusable, r.Key.String()+": "+r.Reason)
	}
}
