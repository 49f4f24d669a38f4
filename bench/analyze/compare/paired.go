package compare

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// PairedRow compares the paired ratios of a volume to its scenario's
// reference volume (stats.Pairing) between the two sides: the figure
// that holds when the host's speed changes, since both runs of a pair
// ran on the host of the same moment. Medians are ratios, not times.
type PairedRow struct {
	Reference      string  `json:"reference"`
	Status         string  `json:"status"`
	Reason         string  `json:"reason"`
	BaselineN      int     `json:"baseline_n"`
	CurrentN       int     `json:"new_n"`
	BaselineMedian float64 `json:"baseline_median_ratio"`
	CurrentMedian  float64 `json:"new_median_ratio"`
	// ChangePct is 100·(new median ratio / baseline median ratio − 1),
	// with a percentile-bootstrap interval.
	ChangePct       float64 `json:"change_pct"`
	ChangeCILowPct  float64 `json:"change_ci_low_pct"`
	ChangeCIHighPct float64 `json:"change_ci_high_pct"`
	Test            UTest   `json:"test"`
	Significant     bool    `json:"significant"`
	// HostChangePct is how much slower (positive) or faster the new
	// side's host was than the baseline's over the runs of these pairs,
	// by the reference workload's median; HostBoundPct is how far that
	// could move the ratio either way (BeyondHostFactor times its size).
	// Both are absent without reference figures on both sides.
	HostChangePct *float64 `json:"host_change_pct,omitempty"`
	HostBoundPct  *float64 `json:"host_bound_pct,omitempty"`
}

// pairedKey finds a pairing's row: its scenario, volume and phase.
func pairedKey(p stats.Pairing) stats.Key {
	return stats.Key{Scenario: p.Scenario, Volume: p.Volume, Phase: p.Phase}
}

// comparePairings compares the pairings present on both sides.
func comparePairings(base, cur []stats.Pairing, opts Options) map[stats.Key]*PairedRow {
	byKey := map[stats.Key]stats.Pairing{}
	for _, b := range base {
		byKey[pairedKey(b)] = b
	}
	out := map[stats.Key]*PairedRow{}
	for _, c := range cur {
		if b, ok := byKey[pairedKey(c)]; ok {
			row := comparePairing(b, c, opts)
			out[pairedKey(c)] = &row
		}
	}
	return out
}

// comparePairing judges one volume's paired ratios as compareRow judges
// times: Mann–Whitney on the ratios, the change of the median ratio
// against the threshold.
func comparePairing(b, c stats.Pairing, opts Options) PairedRow {
	r := PairedRow{Reference: c.Reference, BaselineN: b.N, CurrentN: c.N,
		BaselineMedian: b.MedianRatio, CurrentMedian: c.MedianRatio}
	switch {
	case b.Reference != c.Reference:
		r.Status, r.Reason = StatusUnusable, fmt.Sprintf("paired with %s in the baseline, with %s now", b.Reference, c.Reference)
		return r
	case b.N < MinRuns || c.N < MinRuns:
		r.Status, r.Reason = StatusUnusable, fmt.Sprintf("too few pairs (baseline %d, new %d; need %d a side)", b.N, c.N, MinRuns)
		return r
	case minExactP(b.N, c.N) >= opts.Alpha:
		r.Status, r.Reason = StatusUnusable, fmt.Sprintf("%d against %d pairs cannot reach p < %g", b.N, c.N, opts.Alpha)
		return r
	}
	r.ChangePct = changePct(b.MedianRatio, c.MedianRatio)
	r.ChangeCILowPct, r.ChangeCIHighPct = changeCI(b.Ratios, c.Ratios, 1-opts.Alpha, opts.Resamples, opts.Seed)
	r.Test = MannWhitney(b.Ratios, c.Ratios)
	r.Significant = r.Test.P < opts.Alpha
	figures := fmt.Sprintf("ratio to %s %.2f× → %.2f× (%+.1f%%), p = %.3g", c.Reference, b.MedianRatio, c.MedianRatio, r.ChangePct, r.Test.P)
	switch {
	case r.Significant && r.ChangePct > opts.ThresholdPct:
		r.Status, r.Reason = StatusRegression, figures+fmt.Sprintf(": slower beyond %g%%", opts.ThresholdPct)
	case r.Significant && r.ChangePct < -opts.ThresholdPct:
		r.Status, r.Reason = StatusImprovement, figures+fmt.Sprintf(": faster beyond %g%%", opts.ThresholdPct)
	default:
		r.Status, r.Reason = StatusUnchanged, figures+fmt.Sprintf(": within %g%% or not significant", opts.ThresholdPct)
	}
	return r
}
