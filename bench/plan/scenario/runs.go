package scenario

import (
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Adaptive repetitions: `runs: auto` measures each volume until the
// confidence interval of its median ready time is narrower than Precision
// of the median, between MinRuns and MaxRuns runs.
const (
	// DefaultMinRuns is the fewest runs of an adaptive scenario: six is
	// the fewest for which a 95 % distribution-free interval of the median
	// exists (bench/analyze/stats).
	DefaultMinRuns = 6
	// DefaultMaxRuns bounds an adaptive scenario.
	DefaultMaxRuns = 20
	// DefaultPrecision is the target width of the interval, relative to
	// the median.
	DefaultPrecision = 0.05
)

// Adaptive holds the settings of `runs: auto`; it is nil for a fixed
// number of runs.
type Adaptive struct {
	MinRuns, MaxRuns int
	// Precision is a fraction (0.05 for "5%").
	Precision float64
	// Budget, when not zero, bounds the time spent on measured runs:
	// once it is spent the runner starts no new iteration, whatever the
	// precision reached (each volume's last record says so).
	Budget time.Duration
}

// runs reads `runs` (a whole number, or `auto` with min_runs, max_runs
// and precision) and returns the fixed count or the adaptive settings.
func (c *checker) runs(f *fields) (int, *Adaptive) {
	n := f.value("runs")
	if n == nil || n.Kind != yaml.ScalarNode || n.Value != "auto" {
		for _, key := range []string{"min_runs", "max_runs", "precision"} {
			if f.value(key) != nil {
				c.report(f.value(key), f.field(key), "only with runs: auto")
			}
		}
		return int(c.integer(f, "runs", DefaultRuns, 1)), nil
	}
	a := &Adaptive{
		MinRuns:   int(c.integer(f, "min_runs", DefaultMinRuns, 1)),
		MaxRuns:   int(c.integer(f, "max_runs", DefaultMaxRuns, 1)),
		Precision: c.percent(f, "precision", DefaultPrecision),
	}
	if a.MaxRuns < a.MinRuns {
		c.report(f.value("max_runs"), f.field("max_runs"), "want at least min_runs (%d), got %d", a.MinRuns, a.MaxRuns)
	}
	return a.MaxRuns, a
}

// percent reads a percentage ("5%") as a fraction in (0, 1).
func (c *checker) percent(f *fields, key string, def float64) float64 {
	n := f.value(key)
	if n == nil {
		return def
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(n.Value, "%"), 64)
	if n.Kind != yaml.ScalarNode || !strings.HasSuffix(n.Value, "%") || err != nil || v <= 0 || v >= 100 {
		c.report(n, f.field(key), "want a percentage above 0%% and below 100%%, such as 5%%, got %q", n.Value)
		return def
	}
	return v / 100
}
