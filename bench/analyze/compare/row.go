package compare

import (
	"fmt"
	"math"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// compareRow judges one key present on both sides.
func compareRow(b, c stats.Summary, opts Options) Row {
	r := Row{Key: c.Key, BaselineN: b.N, CurrentN: c.N,
		BaselineMedianMS: b.MedianMS, CurrentMedianMS: c.MedianMS, CILevel: 1 - opts.Alpha}
	r.Warnings = append(prefixed("baseline: ", b.Warnings), prefixed("new: ", c.Warnings)...)
	if reason := unusableRow(b, c, opts.Alpha); reason != "" {
		r.Status, r.Reason = StatusUnusable, reason
		return r
	}
	if b.MedianMS < opts.MinEffectMS && c.MedianMS < opts.MinEffectMS {
		r.Status = StatusUnchanged
		r.Reason = fmt.Sprintf("not judged: both medians under %g ms (%g → %g ms)", opts.MinEffectMS, b.MedianMS, c.MedianMS)
		return r
	}
	if b.MedianMS < opts.MinEffectMS {
		// A phase that grew from (almost) nothing: measure the change
		// against the smallest effect, as a ratio of medians cannot.
		r.ChangePct = changePct(opts.MinEffectMS, c.MedianMS-b.MedianMS+opts.MinEffectMS)
		r.ChangeCILowPct, r.ChangeCIHighPct = r.ChangePct, r.ChangePct
		r.Warnings = append(r.Warnings, fmt.Sprintf("baseline median %g ms is under %g ms: change relative to %g ms, no interval", b.MedianMS, opts.MinEffectMS, opts.MinEffectMS))
	} else {
		r.ChangePct = changePct(b.MedianMS, c.MedianMS)
		r.ChangeCILowPct, r.ChangeCIHighPct = changeCI(b.SamplesMS, c.SamplesMS, r.CILevel, opts.Resamples, opts.Seed)
	}
	if !finite(r.ChangePct, r.ChangeCILowPct, r.ChangeCIHighPct) {
		r.Status = StatusUnusable
		r.Reason = fmt.Sprintf("change from %g to %g ms is not a finite percentage", b.MedianMS, c.MedianMS)
		r.ChangePct, r.ChangeCILowPct, r.ChangeCIHighPct = 0, 0, 0
		return r
	}
	r.Test = MannWhitney(b.SamplesMS, c.SamplesMS)
	r.Significant = r.Test.P < opts.Alpha
	r.Status, r.Reason = judge(r, opts)
	return r
}

// unusableRow says why a row cannot be judged, or "".
func unusableRow(b, c stats.Summary, alpha float64) string {
	switch {
	case b.N < MinRuns || c.N < MinRuns:
		return fmt.Sprintf("too few successful runs (baseline %d, new %d; need %d a side)", b.N, c.N, MinRuns)
	case minExactP(b.N, c.N) >= alpha:
		return fmt.Sprintf("%d against %d runs cannot reach p < %g (smallest possible p %.3f): add runs", b.N, c.N, alpha, minExactP(b.N, c.N))
	case b.MedianMS < 0:
		return fmt.Sprintf("baseline median %g ms is negative", b.MedianMS)
	}
	return ""
}

// judge names the row's status and the reason in figures.
func judge(r Row, opts Options) (string, string) {
	figures := fmt.Sprintf("median %+.1f%% (%.0f → %.0f ms), p = %.3g", r.ChangePct, r.BaselineMedianMS, r.CurrentMedianMS, r.Test.P)
	if math.Abs(r.CurrentMedianMS-r.BaselineMedianMS) < opts.MinEffectMS {
		return StatusUnchanged, figures + fmt.Sprintf(": within %g ms", opts.MinEffectMS)
	}
	switch {
	case r.Significant && r.ChangePct > opts.ThresholdPct:
		return StatusRegression, figures + fmt.Sprintf(": slower beyond %g%%", opts.ThresholdPct)
	case r.Significant && r.ChangePct < -opts.ThresholdPct:
		return StatusImprovement, figures + fmt.Sprintf(": faster beyond %g%%", opts.ThresholdPct)
	case r.Significant:
		return StatusUnchanged, figures + fmt.Sprintf(": significant but within %g%%", opts.ThresholdPct)
	}
	return StatusUnchanged, figures + ": not significant"
}

func finite(values ...float64) bool {
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func prefixed(prefix string, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = prefix + l
	}
	return out
}
