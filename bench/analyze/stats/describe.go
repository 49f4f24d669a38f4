package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// summaries describes each phase of the group. A group without a
// successful run still yields a "ready" summary with N = 0, so that its
// failures show.
func (g *runGroup) summaries(opts Options) []Summary {
	common := g.runWarnings()
	phases := g.phases
	if len(phases) == 0 {
		phases = []*phaseGroup{{name: "ready"}}
	}
	out := make([]Summary, 0, len(phases))
	for _, p := range phases {
		s := Summary{
			Key:     Key{Scenario: g.scenario, Volume: g.volume, Phase: p.name},
			Subject: g.subject, Failed: g.failed, TimedOut: g.timedOut,
			Errors: g.errors, Warmup: g.warmup,
		}
		describe(&s, p.samples, p.iterations, opts)
		warnings := append(append([]string{}, common...), p.warnings(g.ok)...)
		s.Warnings = append(warnings, s.Warnings...)
		out = append(out, s)
	}
	return out
}

// warnings are the doubts about one phase's samples.
func (p *phaseGroup) warnings(okRuns int) []string {
	var out []string
	if okRuns == 0 {
		out = append(out, "no successful run")
	}
	if missing := okRuns - len(p.samples) - p.skipped - p.nonFinite; missing > 0 && okRuns > 0 {
		out = append(out, fmt.Sprintf("%d of %d successful runs lack this phase", missing, okRuns))
	}
	if p.skipped > 0 {
		out = append(out, fmt.Sprintf("phase skipped in %d run(s): not sampled", p.skipped))
	}
	if p.nonFinite > 0 {
		out = append(out, fmt.Sprintf("%d non-finite or implausible durations (beyond %g ms) ignored", p.nonFinite, MaxDurationMS))
	}
	if neg := countBelow(p.samples, 0); neg > 0 {
		out = append(out, fmt.Sprintf("%d negative duration(s) (clock went backwards?)", neg))
	}
	return out
}

// describe fills the figures of s from the samples, which it keeps in
// run order.
func describe(s *Summary, samples []float64, iterations []int, opts Options) {
	s.SamplesMS = append([]float64{}, samples...)
	s.Iterations = append([]int{}, iterations...)
	s.N = len(samples)
	if s.N == 0 {
		return
	}
	sorted := append([]float64{}, samples...)
	sort.Float64s(sorted)
	s.MedianMS = Quantile(sorted, 0.5)
	s.MeanMS = stat.Mean(sorted, nil)
	if s.N > 1 {
		s.SDMS = stat.StdDev(sorted, nil)
	}
	s.MinMS, s.MaxMS = floats.Min(sorted), floats.Max(sorted)
	s.P5MS, s.P95MS = Quantile(sorted, 0.05), Quantile(sorted, 0.95)
	q1, q3 := Quantile(sorted, 0.25), Quantile(sorted, 0.75)
	s.IQRMS = q3 - q1
	if lo, hi, ok := MedianCI(sorted, opts.Level); ok {
		s.CILowMS, s.CIHighMS, s.CILevel, s.CIMethod = lo, hi, opts.Level, CIMethodOrderStatistic
	} else {
		s.Warnings = append(s.Warnings, fmt.Sprintf("fewer than %d runs: no confidence interval", minRuns(opts.Level)))
	}
	s.Outliers = outliers(samples, iterations, q1-opts.Fence*s.IQRMS, q3+opts.Fence*s.IQRMS)
	if len(s.Outliers) > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("outliers beyond %g×IQR of the quartiles at iterations %v: kept", opts.Fence, s.Outliers))
	}
}

// Quantile returns the p-quantile of sorted samples by linear
// interpolation between order statistics (Hyndman and Fan's definition 7):
// with h = (n−1)·p, it is x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). It returns
// NaN for no samples.
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	if lo < 0 {
		return sorted[0]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// outliers returns the iterations of the samples outside [low, high].
func outliers(samples []float64, iterations []int, low, high float64) []int {
	var out []int
	for i, v := range samples {
		if v < low || v > high {
			out = append(out, iterations[i])
		}
	}
	return out
}

func countBelow(samples []float64, limit float64) int {
	n := 0
	for _, v := range samples {
		if v < limit {
			n++
		}
	}
	return n
}

// Median returns the median of samples, in any order (they are not
// changed): the middle one, or the mean of the two middle ones. It
// returns NaN for no samples.
func Median(samples []float64) float64 {
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	return Quantile(sorted, 0.5)
}
