package stats

import (
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

// summaryOf summarizes samples as one volume's ready times.
func summaryOf(t *testing.T, volume string, samples ...float64) Summary {
	t.Helper()
	var recs []results.Record
	for i, ms := range samples {
		recs = append(recs, results.Record{Scenario: "s", Volume: results.Volume{Name: volume, Kind: "local"},
			Status: results.StatusOK, ReadyMS: ms, Iteration: i + 1})
	}
	for _, s := range Summarize(recs, Options{}) {
		if s.Phase == "ready" {
			return s
		}
	}
	t.Fatalf("no ready summary for %s", volume)
	return Summary{}
}

// TestDistinguishByIntervals checks the rule on hand-derived intervals.
// For n = 6 the order-statistic 95 % interval of the median is [X(1),
// X(6)]: P(median outside) = 2 × P(Binomial(6, ½) = 0) = 2/64, coverage
// 96.9 % ≥ 95 %, while [X(2), X(5)] covers only 1 − 2 × 7/64 = 78 %. So
// 100…105 against 110…115 are apart (105 < 110), against 104…109 they
// overlap (105 ≥ 104). For n = 3 no interval exists (the widest covers
// 1 − 2/8 = 75 %): too few runs, whatever the medians.
func TestDistinguishByIntervals(t *testing.T) {
	fast := summaryOf(t, "a", 100, 101, 102, 103, 104, 105)
	for _, c := range []struct {
		name     string
		slow     Summary
		fast     Summary
		distinct bool
		why      string
	}{
		{"apart", summaryOf(t, "b", 110, 111, 112, 113, 114, 115), fast, true, "apart"},
		{"overlapping", summaryOf(t, "b", 104, 105, 106, 107, 108, 109), fast, false, "overlap"},
		{"three runs each", summaryOf(t, "b", 2440, 2500, 2600), summaryOf(t, "a", 2030, 2100, 2200), false, "too few runs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.fast.CIMethod != "" && (c.fast.CILowMS != 100 || c.fast.CIHighMS != 105) {
				t.Fatalf("n=6 interval [%v, %v], want [100, 105]", c.fast.CILowMS, c.fast.CIHighMS)
			}
			d := Distinguish(c.fast, c.slow, nil)
			if d.Distinct != c.distinct || !strings.Contains(d.Why, c.why) {
				t.Errorf("Distinguish = %+v, want distinct %v, why containing %q", d, c.distinct, c.why)
			}
		})
	}
}

// TestDistinguishPaired checks that a pairing decides, read in the right
// direction. The case of the k8s-local cold starts: by medians of 3,
// restored-s3 (2.03 s) before hostPath (2.44 s), but run by run
// restored-s3 took 1.27× hostPath's time: the ratio disagrees with the
// medians, so neither is named. A ratio hostPath/fast of 1.30 [1.10, 1.50]
// lies above 1: distinct; one of [0.95, 1.20] includes 1: not.
func TestDistinguishPaired(t *testing.T) {
	s3 := Summary{Key: Key{Volume: "restored-s3"}, N: 3, MedianMS: 2030}
	hostPath := Summary{Key: Key{Volume: "hostpath"}, N: 3, MedianMS: 2440}
	disagree := Pairing{Volume: "restored-s3", Reference: "hostpath", N: 3, MedianRatio: 1.27}
	if d := Distinguish(s3, hostPath, &disagree); d.Distinct || !strings.Contains(d.Why, "disagrees") {
		t.Errorf("medians against the paired ratio: %+v", d)
	}
	// The fast volume is the reference: the ratio is slow over fast as stored.
	above := Pairing{Volume: "hostpath", Reference: "restored-s3", N: 8, MedianRatio: 1.30, CILow: 1.10, CIHigh: 1.50, HasCI: true}
	if d := Distinguish(s3, hostPath, &above); !d.Distinct {
		t.Errorf("ratio [1.10, 1.50]: %+v, want distinct", d)
	}
	straddle := Pairing{Volume: "hostpath", Reference: "restored-s3", N: 8, MedianRatio: 1.05, CILow: 0.95, CIHigh: 1.20, HasCI: true}
	if d := Distinguish(s3, hostPath, &straddle); d.Distinct || !strings.Contains(d.Why, "includes 1") {
		t.Errorf("ratio [0.95, 1.20]: %+v, want indistinguishable", d)
	}
	// The slow volume is the reference: fast/slow = 0.5 [0.4, 0.8] reads
	// as slow/fast = 2 [1.25, 2.5].
	inverted := Pairing{Volume: "restored-s3", Reference: "hostpath", N: 8, MedianRatio: 0.5, CILow: 0.4, CIHigh: 0.8, HasCI: true}
	if d := Distinguish(s3, hostPath, &inverted); !d.Distinct || !strings.Contains(d.Why, "2.00× [1.25, 2.50]") {
		t.Errorf("inverted ratio: %+v", d)
	}
}
