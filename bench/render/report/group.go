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
	phases  []string
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
	if !slices.Contains(g.phases, s.Phase) {
		g.phases = append(g.phases, s.Phase)
	}
	g.byKey[s.Key] = s
}
