package calibrate

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// Plan is a calibration: the source log, the workload, the simulated
// controller's own local-disk phases, and the extra time per phase.
type Plan struct {
	Source   Source
	Workload Workload
	// Probe are the simulated controller's own phases on local disk with
	// this workload and home, uncalibrated: the median of the probe runs.
	Probe []Phase
	// Extra is what each phase spends besides its file work: the source's
	// time less the probe's, never below zero. jenkinslog.Launcher is the
	// JVM's time before the first record.
	Extra    []Phase
	Warnings []string
}

// NewPlan computes the extra time per phase. probes are the phases of
// the uncalibrated probe runs (each in log order); a source phase that
// absorbed milestones its Jenkins does not log is set against the probe
// phases it covers.
func NewPlan(src Source, w Workload, probes [][]Phase) Plan {
	p := Plan{Source: src, Workload: w, Probe: medians(probes)}
	probe := map[string]float64{}
	var order []string
	for _, ph := range p.Probe {
		probe[ph.Name] = ph.DurationMS
		if ph.Name != jenkinslog.Launcher {
			order = append(order, ph.Name)
		}
	}
	next := 0 // the first probe phase not yet set against a source phase
	for _, s := range src.Phases {
		own := 0.0
		if i := slices.Index(order, s.Name); i >= next {
			for _, name := range order[next : i+1] {
				own += probe[name]
			}
			next = i + 1
		}
		p.Extra = append(p.Extra, Phase{Name: s.Name, DurationMS: max(0, s.DurationMS-own)})
		if own > s.DurationMS && s.DurationMS >= 1 {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s: the simulated controller's own file work (%.0f ms) already takes longer than the log's %.0f ms; it is not slowed further", s.Name, own, s.DurationMS))
		}
	}
	if src.BeforeLogMS > 0 {
		p.Extra = append(p.Extra, Phase{Name: jenkinslog.Launcher, DurationMS: max(0, src.BeforeLogMS-probe[jenkinslog.Launcher])})
	}
	if src.ExtractionSkipped {
		p.Warnings = append(p.Warnings, "the log's war extraction was skipped (a restart on an up-to-date webroot): calibrate a cold scenario from a first start's log, or use start: restart")
	}
	return p
}

// medians takes, phase by phase, the median duration of the probe runs,
// in the order of the first run.
func medians(runs [][]Phase) []Phase {
	if len(runs) == 0 {
		return nil
	}
	samples := map[string][]float64{}
	for _, run := range runs {
		for _, ph := range run {
			samples[ph.Name] = append(samples[ph.Name], ph.DurationMS)
		}
	}
	out := make([]Phase, 0, len(runs[0]))
	for _, ph := range runs[0] {
		out = append(out, Phase{Name: ph.Name, DurationMS: stats.Median(samples[ph.Name])})
	}
	return out
}

// ExtraDurations are the plan's extra times, for the simulated
// controller's configuration.
func (p Plan) ExtraDurations() map[string]time.Duration {
	m := map[string]time.Duration{}
	for _, e := range p.Extra {
		if d := time.Duration(e.DurationMS * float64(time.Millisecond)); d > 0 {
			m[e.Name] = d
		}
	}
	return m
}

// Flags are the simulated controller's command-line flags for the plan:
// the workload and --phase-extra, in a stable order.
func (p Plan) Flags() []string {
	flags := []string{fmt.Sprintf("--war-entries=%d", p.Workload.WarEntries), fmt.Sprintf("--war-mb=%g", p.Workload.WarMB)}
	extra := p.ExtraDurations()
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		flags = append(flags, "--phase-extra="+name+"="+extra[name].Round(time.Microsecond).String())
	}
	return flags
}
