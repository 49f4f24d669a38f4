package jenkinslog

import (
	"math"
	"slices"
)

// Durations summarises a set of durations in milliseconds. The median is
// exact up to exactSamples values; beyond, it comes from a histogram of
// 16 buckets per doubling and Approximate is true (within 2.2 %).
type Durations struct {
	N           int
	TotalMS     float64
	MaxMS       float64
	MedianMS    float64
	Approximate bool
}

// exactSamples is how many values a durationAcc keeps before it turns
// them into a histogram: 32 KiB, whatever the log's length.
const exactSamples = 4096

// bucketsPerDoubling and histBuckets shape the histogram: bucket 0 holds
// everything under 1 ms, bucket k ≥ 1 [2^((k-1)/16), 2^(k/16)) ms, up
// to 2^40 ms (35 years); more lands in the last bucket.
const (
	bucketsPerDoubling = 16
	histBuckets        = 40*bucketsPerDoubling + 2
)

// durationAcc accumulates durations in bounded memory.
type durationAcc struct {
	n          int
	total, max float64
	samples    []float64
	hist       []uint32
}

func (a *durationAcc) add(v float64) {
	a.n++
	a.total += v
	a.max = max(a.max, v)
	if a.hist == nil && len(a.samples) < exactSamples {
		a.samples = append(a.samples, v)
		return
	}
	if a.hist == nil {
		a.hist = make([]uint32, histBuckets)
		for _, s := range a.samples {
			a.hist[bucket(s)]++
		}
		a.samples = nil
	}
	a.hist[bucket(v)]++
}

func bucket(v float64) int {
	if !(v >= 1) {
		return 0
	}
	k := 1 + int(math.Floor(math.Log2(v)*bucketsPerDoubling))
	return min(k, histBuckets-1)
}

func (a durationAcc) clone() durationAcc {
	a.samples, a.hist = slices.Clone(a.samples), slices.Clone(a.hist)
	return a
}

// summary computes the figures; the median of an even count is the mean
// of the two middle values.
func (a durationAcc) summary() Durations {
	d := Durations{N: a.n, TotalMS: a.total, MaxMS: a.max}
	switch {
	case a.n == 0:
	case a.hist == nil:
		s := slices.Sorted(slices.Values(a.samples))
		d.MedianMS = (s[(len(s)-1)/2] + s[len(s)/2]) / 2
	default:
		d.MedianMS, d.Approximate = a.histMedian(), true
	}
	return d
}

// histMedian is the geometric middle of the bucket holding the median.
func (a durationAcc) histMedian() float64 {
	want, seen := uint64(a.n+1)/2, uint64(0)
	for k, c := range a.hist {
		seen += uint64(c)
		if seen < want {
			continue
		}
		if k == 0 {
			return 0.5
		}
		return math.Exp2((float64(k) - 0.5) / bucketsPerDoubling)
	}
	return a.max
}
