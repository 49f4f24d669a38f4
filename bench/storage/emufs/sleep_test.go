package emufs

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestSleeperNeverReturnsEarly(t *testing.T) {
	s := newSleeper()
	for _, d := range []time.Duration{0, 50 * time.Microsecond, 410 * time.Microsecond, 5 * time.Millisecond} {
		start := time.Now()
		s.until(start.Add(d))
		if took := time.Since(start); took < d {
			t.Errorf("until(+%v) returned after %v", d, took)
		}
	}
}

// BenchmarkSleeper reports how late the sleeper wakes for the delays the
// shipped profiles use (p50 and p90 of the overshoot, in µs).
func BenchmarkSleeper(b *testing.B) {
	for _, d := range []time.Duration{100 * time.Microsecond, 410 * time.Microsecond, 1750 * time.Microsecond, 10 * time.Millisecond} {
		b.Run(fmt.Sprint(d), func(b *testing.B) {
			s := newSleeper()
			late := make([]time.Duration, 0, b.N)
			for b.Loop() {
				start := time.Now()
				s.until(start.Add(d))
				late = append(late, time.Since(start)-d)
			}
			slices.Sort(late)
			b.ReportMetric(float64(late[len(late)/2])/1e3, "p50-late-µs")
			b.ReportMetric(float64(late[len(late)*9/10])/1e3, "p90-late-µs")
		})
	}
}
