package runner

import (
	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/stats"
)

// adaptive decides, volume by volume, when a `runs: auto` scenario has
// measured enough: once the median ready time is precise enough (after
// at least MinRuns), or after MaxRuns measured runs. It writes why it
// stopped into the volume's last record.
type adaptive struct {
	settings scenario.Adaptive
	ready    map[string][]float64
	measured map[string]int
	stopped  map[string]bool
}

func newAdaptive(sc *scenario.Scenario) *adaptive {
	if sc.Adaptive == nil {
		return nil
	}
	return &adaptive{settings: *sc.Adaptive, ready: map[string][]float64{},
		measured: map[string]int{}, stopped: map[string]bool{}}
}

// done reports whether a volume needs no more runs. A nil adaptive (a
// fixed number of runs) never stops early.
func (a *adaptive) done(volume string) bool { return a != nil && a.stopped[volume] }

// allDone reports whether every volume of sc has stopped.
func (a *adaptive) allDone(sc *scenario.Scenario) bool {
	if a == nil {
		return false
	}
	for _, v := range sc.Volumes {
		if !a.stopped[v.Name] {
			return false
		}
	}
	return true
}

// observe counts a finished run and, when it is the volume's last, says
// why in rec.StopReason.
func (a *adaptive) observe(rec *results.Record) {
	if a == nil || rec.Warmup {
		return
	}
	v := rec.Volume.Name
	a.measured[v]++
	if rec.Status == results.StatusOK {
		a.ready[v] = append(a.ready[v], rec.ReadyMS)
	}
	precise, why := stats.Precise(a.ready[v], a.settings.Precision)
	switch {
	case precise && a.measured[v] >= a.settings.MinRuns:
		rec.StopReason = "precise: " + why
	case a.measured[v] >= a.settings.MaxRuns:
		rec.StopReason = "max_runs reached: " + why
	default:
		return
	}
	a.stopped[v] = true
}
