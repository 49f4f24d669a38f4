package stats

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// MedianCI returns a distribution-free confidence interval for the median
// of the population the samples come from: the order statistics
// [X(j), X(n+1−j)] with the largest j whose coverage
// 1 − 2·P(Bin(n, ½) ≤ j−1) is at least level. Non-finite samples are
// ignored. ok is false when no such interval exists (fewer than 6 samples
// at 95 %) or level is not in (0, 1). The method is deterministic: the
// same samples give the same interval.
func MedianCI(samples []float64, level float64) (lo, hi float64, ok bool) {
	sorted := finiteSorted(samples)
	j := lowerRank(len(sorted), level)
	if j == 0 {
		return 0, 0, false
	}
	return sorted[j-1], sorted[len(sorted)-j], true
}

// lowerRank returns the 1-based rank j of the interval's lower end, or 0
// when even [X(1), X(n)] covers less than level.
func lowerRank(n int, level float64) int {
	if n < 1 || level <= 0 || level >= 1 {
		return 0
	}
	rank := distuv.Binomial{N: float64(n), P: 0.5}
	j := 0
	for next := 1; 2*next <= n+1; next++ {
		if 1-2*rank.CDF(float64(next-1)) < level {
			break
		}
		j = next
	}
	return j
}

// minRuns returns the fewest samples for which MedianCI has an interval
// at level.
func minRuns(level float64) int {
	for n := 1; n < 1000; n++ {
		if lowerRank(n, level) > 0 {
			return n
		}
	}
	return 1000
}

func finiteSorted(samples []float64) []float64 {
	out := make([]float64, 0, len(samples))
	for _, v := range samples {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	sort.Float64s(out)
	return out
}

// Precise tells an adaptive repetition loop (runs: auto, between min_runs
// and max_runs) whether it may stop: done is true when the 95 % interval
// of the median is narrower than precision times the median (precision
// 0.05 = ±2.5 %). why says, in either case, how wide the interval is or
// why there is none yet. The caller still enforces min_runs and max_runs.
func Precise(samples []float64, precision float64) (done bool, why string) {
	if precision <= 0 || math.IsNaN(precision) {
		return false, fmt.Sprintf("precision %g is not positive", precision)
	}
	sorted := finiteSorted(samples)
	lo, hi, ok := MedianCI(sorted, DefaultLevel)
	if !ok {
		return false, fmt.Sprintf("%d runs: no confidence interval before %d", len(sorted), MinRunsForCI)
	}
	median := Quantile(sorted, 0.5)
	if median <= 0 {
		return false, fmt.Sprintf("median %g ms is not positive: relative width undefined", median)
	}
	width := (hi - lo) / median
	if width < precision {
		return true, fmt.Sprintf("%d runs: 95%% CI of the median is %.1f%% of it, below %.1f%%", len(sorted), 100*width, 100*precision)
	}
	return false, fmt.Sprintf("%d runs: 95%% CI of the median is %.1f%% of it, not below %.1f%%", len(sorted), 100*width, 100*precision)
}
