package compare

import (
	"fmt"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// Row statuses.
const (
	StatusRegression  = "regression"
	StatusImprovement = "improvement"
	StatusUnchanged   = "unchanged"
	StatusUnusable    = "unusable"
	// StatusInconclusive is a change measured on a host too noisy to
	// tell it from the host's own slowdown (see bench/analyze/noise).
	StatusInconclusive = "inconclusive"
)

// Outcome is what a comparison concludes as a whole. The command layer
// alone turns it into an exit status.
type Outcome string

// Outcomes of a comparison.
const (
	NoRegression Outcome = "no regression"
	Regression   Outcome = "regression"
	// Unusable: some input could not be judged (too few runs, a side
	// missing a volume or a phase).
	Unusable Outcome = "unusable"
	// Inconclusive: the host was too noisy to judge.
	Inconclusive Outcome = "inconclusive"
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
	// Gate names the figure that decided Status: GateAbsolute, or
	// GatePaired when a change of the absolute time on a noisy host was
	// not shared by the paired ratio.
	Gate string `json:"gate,omitempty"`
	// Paired compares the paired ratios to the reference volume, on the
	// ready (or recovery) row of a volume that has a reference.
	Paired *PairedRow `json:"paired,omitempty"`
	// BusyRuns names the runs of this scenario and volume that were
	// taken on a busy host, on either side ("new nfs-lan#3").
	BusyRuns []string `json:"busy_runs,omitempty"`
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
	// Inconclusive holds the rows whose change could not be told from a
	// noisy host's.
	Inconclusive []Row          `json:"inconclusive"`
	Host         HostComparison `json:"host"`
	Warnings     []string       `json:"warnings,omitempty"`
}

// Outcome is Regression when a row regressed, otherwise Unusable when
// some input was unusable, otherwise Inconclusive when a row was
// inconclusive on a noisy host, otherwise NoRegression.
func (v Verdict) Outcome() Outcome {
	switch {
	case len(v.Regressions) > 0:
		return Regression
	case len(v.Unusable) > 0:
		return Unusable
	case len(v.Inconclusive) > 0:
		return Inconclusive
	}
	return NoRegression
}

// Headline says the verdict in one line, naming what regressed or why
// the input is unusable.
func (v Verdict) Headline() string {
	switch v.Outcome() {
	case Regression:
		names := make([]string, len(v.Regressions))
		for i, r := range v.Regressions {
			names[i] = fmt.Sprintf("%s (%+.1f%%, p = %.3g)", r.Key, r.ChangePct, r.Test.P)
			if p := r.Paired; r.Gate == GatePaired && p != nil {
				names[i] = fmt.Sprintf("%s (paired ratio %+.1f%%, p = %.3g; absolute %+.1f%%)", r.Key, p.ChangePct, p.Test.P, r.ChangePct)
			}
		}
		return fmt.Sprintf("regression in %d of %d rows: %s", len(v.Regressions), len(v.Rows), strings.Join(names, "; "))
	case Unusable:
		return v.unusableHeadline()
	case Inconclusive:
		return v.inconclusiveHeadline()
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
	case StatusInconclusive:
		v.Inconclusive = append(v.Inconclusive, r)
	}
}
