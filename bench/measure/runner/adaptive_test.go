package runner

import (
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
)

func TestAdaptiveStopsEachVolumeForItsOwnReason(t *testing.T) {
	sc := &scenario.Scenario{
		Volumes:  []scenario.Volume{{Name: "steady"}, {Name: "noisy"}},
		Adaptive: &scenario.Adaptive{MinRuns: 6, MaxRuns: 8, Precision: 0.05},
	}
	a := newAdaptive(sc)
	// steady is within 1% of 1 s every run; noisy swings by a factor of 3.
	steady := []float64{1000, 1005, 995, 1002, 998, 1001, 999, 1003}
	noisy := []float64{1000, 3000, 1200, 2800, 900, 3100, 1500, 2500}
	var stops = map[string]string{}
	runs := map[string]int{}
	for i := 0; i < 8; i++ {
		for name, samples := range map[string][]float64{"steady": steady, "noisy": noisy} {
			if a.done(name) {
				continue
			}
			rec := results.Record{Volume: results.Volume{Name: name}, Status: results.StatusOK, ReadyMS: samples[i]}
			a.observe(&rec)
			runs[name]++
			if rec.StopReason != "" {
				stops[name] = rec.StopReason
			}
		}
	}
	if runs["steady"] != 6 || !strings.HasPrefix(stops["steady"], "precise: 6 runs") {
		t.Errorf("steady: %d runs, stop %q; want 6 runs and a precise median", runs["steady"], stops["steady"])
	}
	if runs["noisy"] != 8 || !strings.HasPrefix(stops["noisy"], "max_runs reached") {
		t.Errorf("noisy: %d runs, stop %q; want max_runs (8)", runs["noisy"], stops["noisy"])
	}
	if !a.allDone() {
		t.Error("both volumes stopped, but allDone is false")
	}
}

func TestFixedRunsNeverStopEarly(t *testing.T) {
	var a *adaptive // a scenario without runs: auto
	rec := results.Record{Status: results.StatusOK, ReadyMS: 1}
	a.observe(&rec)
	if a.done("local") || rec.StopReason != "" {
		t.Error("a fixed-runs scenario stopped early")
	}
}
