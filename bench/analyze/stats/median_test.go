package stats

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestMedianCIRanks checks the order statistics picked at 95 % against
// the binomial tail sums: n = 6: [X(1), X(6)], coverage 1 − 2/64 =
// 96.9 %; n = 15: [X(4), X(12)], 1 − 2·P(Bin(15,½) ≤ 3) = 1 − 2·576/32768
// = 96.5 % (and [X(5), X(11)] has only 88.2 %); n = 5: none.
func TestMedianCIRanks(t *testing.T) {
	seq := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(n - i) // reversed, so MedianCI must sort
		}
		return x
	}
	tests := []struct {
		n      int
		lo, hi float64
		ok     bool
	}{
		{5, 0, 0, false}, {6, 1, 6, true}, {15, 4, 12, true}, {8, 1, 8, true}, {9, 2, 8, true},
	}
	for _, tt := range tests {
		lo, hi, ok := MedianCI(seq(tt.n), 0.95)
		if lo != tt.lo || hi != tt.hi || ok != tt.ok {
			t.Errorf("n = %d: got [%g, %g] %t, want [%g, %g] %t", tt.n, lo, hi, ok, tt.lo, tt.hi, tt.ok)
		}
	}
	if _, _, ok := MedianCI(seq(20), 1.5); ok {
		t.Error("level 1.5 should give no interval")
	}
	if got := minRuns(DefaultLevel); got != MinRunsForCI {
		t.Errorf("minRuns(0.95) = %d, want %d", got, MinRunsForCI)
	}
}

// lognormalStartups draws n startup times whose true median is medianMS:
// exp(N(ln medianMS, sigma)).
func lognormalStartups(rng *rand.Rand, n int, medianMS, sigma float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = medianMS * math.Exp(sigma*rng.NormFloat64())
	}
	return x
}

// medianCICoverage counts how often the interval holds the true median.
func medianCICoverage(trials, n int, seed uint64) float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	const trueMedian = 40000
	hit := 0
	for range trials {
		lo, hi, ok := MedianCI(lognormalStartups(rng, n, trueMedian, 0.25), 0.95)
		if ok && lo <= trueMedian && trueMedian <= hi {
			hit++
		}
	}
	return float64(hit) / float64(trials)
}

// TestMedianCICoverage draws 400 seeded samples of 15 lognormal startup
// times with a known median; the 95 % interval must hold it 95 % ± 3 % of
// the time (theory: 96.5 % for n = 15).
func TestMedianCICoverage(t *testing.T) {
	got := medianCICoverage(400, 15, 7)
	t.Logf("coverage over 400 trials of n = 15: %.1f%%", 100*got)
	if got < 0.92 || got > 0.98 {
		t.Errorf("coverage %.3f outside 0.95 ± 0.03", got)
	}
}

// BenchmarkMedianCICoverage is the heavier check: 20,000 trials per n,
// reported as a metric.
func BenchmarkMedianCICoverage(b *testing.B) {
	for _, n := range []int{6, 10, 15, 30} {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			var c float64
			for range b.N {
				c = medianCICoverage(20000, n, 11)
			}
			b.ReportMetric(100*c, "coverage%")
		})
	}
}

func TestPrecise(t *testing.T) {
	tight := []float64{100, 101, 99, 100, 100, 102, 98, 100}
	tests := []struct {
		name      string
		samples   []float64
		precision float64
		done      bool
		why       string
	}{
		{"too few", tight[:5], 0.05, false, "no confidence interval before 6"},
		{"tight enough", tight, 0.05, true, "below 5.0%"},
		{"too wide", []float64{50, 100, 150, 80, 120, 200}, 0.05, false, "not below 5.0%"},
		{"bad precision", tight, 0, false, "not positive"},
		{"zero median", []float64{0, 0, 0, 0, 0, 0}, 0.05, false, "median 0 ms is not positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done, why := Precise(tt.samples, tt.precision)
			if done != tt.done || !strings.Contains(why, tt.why) {
				t.Errorf("Precise = %t, %q; want %t, …%q…", done, why, tt.done, tt.why)
			}
		})
	}
}
