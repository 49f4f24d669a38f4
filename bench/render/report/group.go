package report

import (
	"slices"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// scenarioSummaries are the summaries of one scenario, indexed for
// rendering, with volumes and phases in the order they first appear.
type scenarioSummaries struct {
	name    string
	subject results.Subject
	volumes []string
	phases  PhaseOrder
	byKey   map[stats.Key]stats.Summary
}

// groupByScenario splits summaries by scenario, in order of appearance.
func groupByScenario(summaries []stats.Summary) []scenarioSummaries {
	var out []scenarioSummaries
	index := map[string]int{}
	for _, s := range summaries {
		i, ok := index[s.Scenario]
		if !ok {
			i = len(out)
			index[s.Scenario] = i
			out = append(out, scenarioSummaries{name: s.Scenario, subject: s.Subject,
				byKey: map[stats.Key]stats.Summary{}})
		}
		out[i].add(s)
	}
	return out
}

func (g *scenarioSummaries) add(s stats.Summary) {
	if !slices.Contains(g.volumes, s.Volume) {
		g.volumes = append(g.volumes, s.Volume)
	}
	g.phases.Add(s.Volume, s.Phase)
	g.byKey[s.Key] = s
}

// PhaseOrder lists phases in the order the runs went through them, as
// summaries name them volume by volume: a phase only some volumes have
// (a snapshot, an attach) is placed after the phase that came before it
// on those volumes, not after every other phase.
type PhaseOrder struct {
	names []string
	// last is the phase last added for each volume.
	last map[string]string
}

// Add notes that volume went through phase, after the phase last added
// for it.
func (o *PhaseOrder) Add(volume, phase string) {
	if o.last == nil {
		o.last = map[string]string{}
	}
	if !slices.Contains(o.names, phase) {
		at := 0
		if prev, ok := o.last[volume]; ok {
			at = slices.Index(o.names, prev) + 1
		}
		o.names = slices.Insert(o.names, at, phase)
	}
	o.last[volume] = phase
}

// Names are the phases, in order.
func (o PhaseOrder) Names() []string { return o.names }
