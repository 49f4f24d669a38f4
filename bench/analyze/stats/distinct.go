package stats

import "fmt"

// Difference judges whether one storage's figure is really below
// another's, or whether the two cannot be told apart with the runs at
// hand. A report names a winner only between distinct figures.
type Difference struct {
	// Distinct is true when the faster figure is faster beyond noise.
	Distinct bool `json:"distinct"`
	// Why says what decided, in a few words a report can quote.
	Why string `json:"why"`
}

// Distinguish judges whether fast, the lower median, is below slow beyond
// noise. A pairing of the two volumes (run by run, one the other's
// reference) decides when there is one, since it cancels the host's
// drift: the 95 % interval of the ratio slow/fast must lie above 1. Else
// the 95 % intervals of the two medians must not overlap. Too few runs
// for an interval, or a paired ratio that says the opposite of the
// medians, leave them indistinguishable.
func Distinguish(fast, slow Summary, pair *Pairing) Difference {
	if pair != nil && pair.N > 0 {
		return distinguishPaired(fast, slow, *pair)
	}
	if fast.CIMethod == "" || slow.CIMethod == "" {
		return Difference{Why: fmt.Sprintf("too few runs for a 95%% interval of the median (%d and %d; it needs at least %d)", fast.N, slow.N, minRuns(DefaultLevel))}
	}
	if fast.CIHighMS < slow.CILowMS {
		return Difference{Distinct: true, Why: "95% intervals of the medians apart"}
	}
	return Difference{Why: "95% intervals of the medians overlap"}
}

// distinguishPaired reads the pairing as slow over fast, whichever of the
// two is the reference.
func distinguishPaired(fast, slow Summary, p Pairing) Difference {
	median, lo, hi := p.MedianRatio, p.CILow, p.CIHigh
	if p.Volume == fast.Volume { // fast over slow: invert
		median, lo, hi = inverse(median), inverse(p.CIHigh), inverse(p.CILow)
	}
	switch {
	case median < 1:
		return Difference{Why: fmt.Sprintf("run by run %s took %.2f× %s's time: the paired ratio disagrees with the medians", slow.Volume, median, fast.Volume)}
	case !p.HasCI:
		return Difference{Why: fmt.Sprintf("too few paired runs for a 95%% interval of the ratio (%d; it needs at least %d)", p.N, minRuns(DefaultLevel))}
	case lo > 1:
		return Difference{Distinct: true, Why: fmt.Sprintf("paired ratio %.2f× [%.2f, %.2f] above 1", median, lo, hi)}
	}
	return Difference{Why: fmt.Sprintf("paired ratio %.2f× [%.2f, %.2f] includes 1", median, lo, hi)}
}

func inverse(v float64) float64 {
	if v == 0 {
		return 0
	}
	return 1 / v
}
