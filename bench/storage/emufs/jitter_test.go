package emufs

import (
	"slices"
	"testing"
	"time"
)

// The lognormal's median is its configured median, and exp(sigma·1.2816)
// is the ratio of its 90th percentile to its median (1.2816 is the 90th
// percentile of the standard normal): for sigma 0.3, 1.469.
func TestSamplerMedianAndSpread(t *testing.T) {
	s := newSampler(42)
	l := Latency{Median: ms(2), Sigma: 0.3}
	draws := make([]time.Duration, 20001)
	for i := range draws {
		draws[i] = s.sample(l)
	}
	slices.Sort(draws)
	median, p90 := draws[10000], draws[18000]
	if ratio := float64(median) / float64(ms(2)); ratio < 0.98 || ratio > 1.02 {
		t.Errorf("median %v, want 2ms ±2%%", median)
	}
	if ratio := float64(p90) / float64(median); ratio < 1.44 || ratio > 1.50 {
		t.Errorf("p90/median = %.3f, want 1.469 ±2%%", ratio)
	}
}

func TestSamplerIsSeeded(t *testing.T) {
	a, b := newSampler(7), newSampler(7)
	l := Latency{Median: ms(1), Sigma: 0.5}
	for i := range 100 {
		if x, y := a.sample(l), b.sample(l); x != y {
			t.Fatalf("draw %d: %v != %v with the same seed", i, x, y)
		}
	}
}

func TestSamplerFixedAndZero(t *testing.T) {
	s := newSampler(1)
	if got := s.sample(Latency{Median: us(410)}); got != 410*time.Microsecond {
		t.Errorf("sigma 0 drew %v, want exactly 410µs", got)
	}
	if got := s.sample(Latency{Sigma: 1}); got != 0 {
		t.Errorf("zero median drew %v", got)
	}
}
