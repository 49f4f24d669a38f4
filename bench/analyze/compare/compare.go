package compare

import (
	"math"

	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// Defaults of Options.
const (
	// DefaultThresholdPct is the slowdown of the median, in percent, below
	// which a significant change is not called a regression. Startup times
	// of a controller vary by a few percent from run to run; 10 % is a
	// change a person notices.
	DefaultThresholdPct = 10
	// DefaultAlpha is the significance level of the test.
	DefaultAlpha = 0.05
	// DefaultResamples is the bootstrap's number of rounds.
	DefaultResamples = 2000
	// DefaultSeed seeds the bootstrap when Options.Seed is 0.
	DefaultSeed = 1
	// MinRuns is the fewest successful runs a side needs: a median of two
	// runs says little, whatever the test.
	MinRuns = 3
	// DefaultMinEffectMS is the smallest change of a median that can be
	// called a regression or an improvement. Jenkins logs milliseconds, and
	// several of its milestones follow each other within one or two: a
	// phase that goes from 1 to 2 ms has doubled, and means nothing.
	DefaultMinEffectMS = 10
)

// Options tunes Compare. Zero fields, and values out of range (a
// threshold not above 0, an alpha outside (0, 1)), take the defaults.
type Options struct {
	ThresholdPct float64
	Alpha        float64
	Resamples    int
	Seed         uint64
	// MinEffectMS is the smallest change of a median that counts; phases
	// shorter than it on both sides are not judged.
	MinEffectMS float64
}

func (o Options) withDefaults() Options {
	if !(o.ThresholdPct > 0 && o.ThresholdPct < math.Inf(1)) {
		o.ThresholdPct = DefaultThresholdPct
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		o.Alpha = DefaultAlpha
	}
	if o.Resamples <= 0 {
		o.Resamples = DefaultResamples
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if !(o.MinEffectMS > 0 && o.MinEffectMS < math.Inf(1)) {
		o.MinEffectMS = DefaultMinEffectMS
	}
	return o
}

// Compare judges current against baseline, row by row, for every
// scenario × volume × phase of either side.
func Compare(baseline, current []results.Record, opts Options) Verdict {
	opts = opts.withDefaults()
	v := Verdict{ThresholdPct: opts.ThresholdPct, Alpha: opts.Alpha}
	if len(baseline) == 0 || len(current) == 0 {
		v.Unusable = append(v.Unusable, emptySide(baseline, current))
		return v
	}
	base := stats.Summarize(baseline, stats.Options{})
	cur := stats.Summarize(current, stats.Options{})
	v.checkSubjects(base, cur)
	v.checkCoverage(base, cur)
	host, hostFigures := newHostNoise(noise.Assess(baseline), noise.Assess(current), opts.ThresholdPct)
	v.Host = hostFigures
	paired := comparePairings(stats.Paired(baseline), stats.Paired(current), opts)
	baseByKey := byKey(base)
	for _, c := range cur {
		if b, ok := baseByKey[c.Key]; ok {
			r := compareRow(b, c, opts)
			r.Paired = paired[c.Key]
			host.apply(&r)
			v.add(r)
		}
	}
	return v
}

func emptySide(baseline, current []results.Record) string {
	switch {
	case len(baseline) == 0 && len(current) == 0:
		return "both sides hold no runs"
	case len(baseline) == 0:
		return "the baseline holds no runs"
	default:
		return "the new results hold no runs"
	}
}

func byKey(summaries []stats.Summary) map[stats.Key]stats.Summary {
	m := make(map[stats.Key]stats.Summary, len(summaries))
	for _, s := range summaries {
		m[s.Key] = s
	}
	return m
}
