package probe

import (
	"math"
	"slices"
	"time"
)

// summarize computes an operation's mean, nearest-rank percentiles and
// maximum from its samples, which it keeps in microseconds.
func summarize(op string, samples []time.Duration) OpResult {
	r := OpResult{Op: op, Count: len(samples), SamplesUS: make([]int64, len(samples))}
	if len(samples) == 0 {
		return r
	}
	var sum time.Duration
	for i, s := range samples {
		sum += s
		r.SamplesUS[i] = s.Microseconds()
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	r.MeanMS = ms(sum / time.Duration(len(samples)))
	r.P50MS = ms(percentile(sorted, 50))
	r.P90MS = ms(percentile(sorted, 90))
	r.P99MS = ms(percentile(sorted, 99))
	r.MaxMS = ms(sorted[len(sorted)-1])
	return r
}

// percentile returns the nearest-rank p-th percentile of sorted samples:
// the smallest sample with at least p% of the samples at or below it.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// mibPerS is a throughput in MiB/s.
func mibPerS(bytes int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(bytes) / (1 << 20) / d.Seconds()
}
