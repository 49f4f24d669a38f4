package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
)

// runAdaptive feeds each volume's samples to a, interleaved as the
// runner runs them, and returns the runs made and the last stop reason
// of each volume.
func runAdaptive(a *adaptive, sc *scenario.Scenario, samples map[string][]float64, tick func()) (map[string]int, map[string]string) {
	runs, stops := map[string]int{}, map[string]string{}
	for i := 0; i < sc.Adaptive.MaxRuns && !a.allDone(); i++ {
		for _, v := range sc.Volumes {
			if a.done(v.Name) {
				continue
			}
			tick() // the run takes its time, then ends
			rec := results.Record{Volume: results.Volume{Name: v.Name}, Status: results.StatusOK, ReadyMS: samples[v.Name][i]}
			a.observe(&rec)
			runs[v.Name]++
			stops[v.Name] = rec.StopReason
		}
	}
	return runs, stops
}

func TestReferenceVolumeRunsWhileOthersDo(t *testing.T) {
	sc := &scenario.Scenario{
		Volumes:   []scenario.Volume{{Name: "local"}, {Name: "nfs"}},
		Reference: "local",
		Adaptive:  &scenario.Adaptive{MinRuns: 6, MaxRuns: 10, Precision: 0.05},
	}
	// local is precise after 6 runs; nfs swings until its 9th.
	steady := []float64{1000, 1001, 999, 1000, 1002, 998, 1000, 1001, 999, 1000}
	swinging := []float64{5000, 9000, 5200, 8800, 5100, 8900, 7000, 7000, 7000, 7000}
	runs, stops := runAdaptive(newAdaptive(sc), sc, map[string][]float64{"local": steady, "nfs": swinging}, func() {})
	if runs["local"] != runs["nfs"] {
		t.Errorf("local ran %d times, nfs %d: the reference must run as long as the others", runs["local"], runs["nfs"])
	}
	if !strings.HasPrefix(stops["local"], "precise") {
		t.Errorf("local's last stop reason %q, want precise", stops["local"])
	}
}

func TestBudgetStopsEveryVolume(t *testing.T) {
	sc := &scenario.Scenario{
		Volumes:   []scenario.Volume{{Name: "local"}, {Name: "nfs"}},
		Reference: "local",
		Adaptive:  &scenario.Adaptive{MinRuns: 2, MaxRuns: 20, Precision: 0.001, Budget: 270 * time.Second},
	}
	a := newAdaptive(sc)
	clock := a.began
	a.now = func() time.Time { return clock }
	noisy := make([]float64, 20)
	for i := range noisy {
		noisy[i] = 1000 + float64(i%2)*500
	}
	// Each run takes a minute of the fake clock, an iteration two: the
	// second iteration ends at 4 minutes, and a third would end at 6,
	// past the budget of 4.5. Both stop after their second run, saying
	// why (local, whose second run ends at 3 minutes, would end its
	// third at 5).
	runs, stops := runAdaptive(a, sc, map[string][]float64{"local": noisy, "nfs": noisy}, func() { clock = clock.Add(time.Minute) })
	if runs["local"] != 2 || runs["nfs"] != 2 {
		t.Errorf("runs %v, want 2 each within the budget", runs)
	}
	for _, v := range []string{"local", "nfs"} {
		if s := stops[v]; !strings.HasPrefix(s, "budget of 4m30s: another iteration would end past it") || strings.Contains(s, "runs on") {
			t.Errorf("%s stopped for %q, want the budget alone", v, s)
		}
	}
}
