package runner

import (
	"fmt"
	"time"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
)

// adaptive decides, volume by volume, when a `runs: auto` scenario has
// measured enough: once the median ready time is precise enough (after
// at least MinRuns), after MaxRuns measured runs, or once the scenario's
// time budget is spent. It writes why it stopped into the volume's last
// record. The reference volume runs on while any other volume does, so
// that every run of the others has a partner in its iteration for the
// paired ratios.
type adaptive struct {
	settings  scenario.Adaptive
	reference string
	began     time.Time
	now       func() time.Time
	ready     map[string][]float64
	measured  map[string]int
	stopped   map[string]bool
	volumes   []string
	// last is when each volume's previous run ended: the time between
	// two is an iteration, the budget's unit.
	last map[string]time.Time
	// budgetClosed is set once a volume stopped for the budget: the
	// reference then needs no run of its own beyond the others'.
	budgetClosed bool
}

func newAdaptive(sc *scenario.Scenario) *adaptive {
	if sc.Adaptive == nil {
		return nil
	}
	a := &adaptive{settings: *sc.Adaptive, reference: sc.Reference, now: time.Now,
		ready: map[string][]float64{}, measured: map[string]int{}, stopped: map[string]bool{}, last: map[string]time.Time{}}
	for _, v := range sc.Volumes {
		a.volumes = append(a.volumes, v.Name)
	}
	a.began = a.now()
	return a
}

// done reports whether a volume needs no more runs. A nil adaptive (a
// fixed number of runs) never stops early.
func (a *adaptive) done(volume string) bool {
	if a == nil {
		return false
	}
	if volume != a.reference {
		return a.stopped[volume]
	}
	// The reference stops once it has a reason of its own and no other
	// volume needs a partner, or at max_runs.
	return a.maxed(volume) || (a.othersDone() && (a.stopped[volume] || a.budgetSpent() || a.budgetClosed))
}

// allDone reports whether every volume of the scenario has stopped.
func (a *adaptive) allDone() bool {
	if a == nil {
		return false
	}
	for _, v := range a.volumes {
		if !a.done(v) {
			return false
		}
	}
	return true
}

// othersDone reports whether every volume but the reference stopped.
func (a *adaptive) othersDone() bool {
	for _, v := range a.volumes {
		if v != a.reference && !a.stopped[v] {
			return false
		}
	}
	return true
}

func (a *adaptive) maxed(volume string) bool { return a.measured[volume] >= a.settings.MaxRuns }

func (a *adaptive) budgetSpent() bool {
	return a.settings.Budget > 0 && a.now().Sub(a.began) >= a.settings.Budget
}

// budgetTooShort reports whether a volume's next run, if the next
// iteration takes as long as its last, would end past the budget: the
// runner then stops each volume at the end of the last iteration that
// fits, with the reason in its record, rather than after the budget.
func (a *adaptive) budgetTooShort(volume string) bool {
	if a.settings.Budget <= 0 {
		return false
	}
	now := a.now()
	prev, ok := a.last[volume]
	if !ok {
		prev = a.began
	}
	a.last[volume] = now
	return now.Add(now.Sub(prev)).Sub(a.began) > a.settings.Budget
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
	tooShort := a.budgetTooShort(v)
	switch {
	case precise && a.measured[v] >= a.settings.MinRuns:
		rec.StopReason = "precise: " + why
		if v == a.reference && !a.othersDone() {
			rec.StopReason += "; runs on as the reference volume of the paired ratios"
		}
	case a.maxed(v):
		rec.StopReason = "max_runs reached: " + why
	case a.budgetSpent() || tooShort:
		rec.StopReason = fmt.Sprintf("budget of %s: another iteration would end past it; %s", a.settings.Budget, why)
		a.budgetClosed = true
	default:
		return
	}
	a.stopped[v] = true
}
