package stats

import (
	"math"

	"github.com/jsbench/jsbench/bench/record/results"
)

// DefaultLevel is the confidence level of the median's interval.
const DefaultLevel = 0.95

// DefaultFence is Tukey's multiple of the IQR beyond the quartiles past
// which a sample is an outlier (Tukey, Exploratory Data Analysis, 1977).
const DefaultFence = 1.5

// MinRunsForCI is the fewest samples for which a 95 % order-statistic
// interval of the median exists (see the package comment).
const MinRunsForCI = 6

// Options tunes Summarize. The zero value uses the defaults.
type Options struct {
	// Level is the confidence level of the median's interval, in (0, 1);
	// 0 means DefaultLevel.
	Level float64
	// Fence is the IQR multiple of the outlier fences; 0 means
	// DefaultFence.
	Fence float64
}

func (o Options) withDefaults() Options {
	if !(o.Level > 0 && o.Level < 1) {
		o.Level = DefaultLevel
	}
	if !(o.Fence > 0 && o.Fence < math.Inf(1)) {
		o.Fence = DefaultFence
	}
	return o
}

// Key names one measured quantity: a phase of the runs of one scenario on
// one volume. Phase is a phase name from Record.Phases or one of the
// pseudo-phases (see PseudoPhases).
type Key struct {
	Scenario string `json:"scenario"`
	Volume   string `json:"volume"`
	Phase    string `json:"phase"`
}

// String renders the key as scenario/volume/phase.
func (k Key) String() string { return k.Scenario + "/" + k.Volume + "/" + k.Phase }

// Summary describes the samples of one Key. Durations are milliseconds.
// Run counts (Failed, TimedOut, Errors, Warmup) are those of the key's
// scenario × volume: a run that did not finish has no phases. CILowMS and
// CIHighMS are set only when CIMethod is not empty. Outliers lists the
// Iteration of each outlying sample; no sample is ever dropped.
type Summary struct {
	Key
	Subject    results.Subject `json:"subject"`
	N          int             `json:"n"`
	Failed     int             `json:"failed"`
	TimedOut   int             `json:"timed_out"`
	Errors     int             `json:"errors"`
	Warmup     int             `json:"warmup"`
	MedianMS   float64         `json:"median_ms"`
	MeanMS     float64         `json:"mean_ms"`
	SDMS       float64         `json:"sd_ms"`
	MinMS      float64         `json:"min_ms"`
	MaxMS      float64         `json:"max_ms"`
	P5MS       float64         `json:"p5_ms"`
	P95MS      float64         `json:"p95_ms"`
	IQRMS      float64         `json:"iqr_ms"`
	CILowMS    float64         `json:"ci_low_ms"`
	CIHighMS   float64         `json:"ci_high_ms"`
	CILevel    float64         `json:"ci_level,omitempty"`
	CIMethod   string          `json:"ci_method,omitempty"`
	Outliers   []int           `json:"outliers,omitempty"`
	SamplesMS  []float64       `json:"samples_ms"`
	Iterations []int           `json:"iterations"`
	Warnings   []string        `json:"warnings,omitempty"`
}

// CIMethodOrderStatistic names the interval MedianCI computes.
const CIMethodOrderStatistic = "order-statistic (binomial, distribution-free)"

// Summarize groups the records by scenario × volume × phase, in the order
// they first appear, and describes each group. Warmup runs and runs whose
// status is not ok are left out of the samples and counted.
func Summarize(records []results.Record, opts Options) []Summary {
	opts = opts.withDefaults()
	var out []Summary
	for _, run := range groupRuns(records) {
		out = append(out, run.summaries(opts)...)
	}
	return out
}
