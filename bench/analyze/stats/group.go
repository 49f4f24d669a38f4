package stats

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/record/results"
)

// runGroup gathers the runs of one scenario on one volume.
type runGroup struct {
	scenario, volume string
	subject          results.Subject
	subjects         map[string]bool
	ok, failed       int
	timedOut, errors int
	warmup           int
	statuses         map[string]int // unknown statuses, counted as errors
	phases           []*phaseGroup
	byPhase          map[string]*phaseGroup
}

// MaxDurationMS bounds a plausible duration (about 31 years). Larger
// values, and NaN and infinities, are left out with a warning; the bound
// keeps sums and spreads finite.
const MaxDurationMS = 1e12

// phaseGroup gathers the samples of one phase of a runGroup.
type phaseGroup struct {
	name       string
	samples    []float64
	iterations []int
	skipped    int
	nonFinite  int
}

// groupRuns sorts the records into run groups in order of appearance.
func groupRuns(records []results.Record) []*runGroup {
	var order []*runGroup
	byKey := map[[2]string]*runGroup{}
	for _, r := range records {
		k := [2]string{r.Scenario, r.Volume.Name}
		g := byKey[k]
		if g == nil {
			g = &runGroup{scenario: r.Scenario, volume: r.Volume.Name, subject: r.Subject,
				subjects: map[string]bool{}, statuses: map[string]int{}, byPhase: map[string]*phaseGroup{}}
			byKey[k] = g
			order = append(order, g)
		}
		g.add(r)
	}
	return order
}

func (g *runGroup) add(r results.Record) {
	if r.Warmup {
		g.warmup++
		return
	}
	g.subjects[subjectLabel(r.Subject)] = true
	switch r.Status {
	case results.StatusOK:
		g.ok++
		for _, m := range measurements(r) {
			g.phase(m.phase).add(m, r.Iteration)
		}
	case results.StatusFailed:
		g.failed++
	case results.StatusTimeout:
		g.timedOut++
	case results.StatusError:
		g.errors++
	default:
		g.errors++
		g.statuses[r.Status]++
	}
}

func (g *runGroup) phase(name string) *phaseGroup {
	p := g.byPhase[name]
	if p == nil {
		p = &phaseGroup{name: name}
		g.byPhase[name] = p
		g.phases = append(g.phases, p)
	}
	return p
}

func (p *phaseGroup) add(m measurement, iteration int) {
	switch {
	case m.skipped:
		p.skipped++
	case math.IsNaN(m.value) || math.Abs(m.value) > MaxDurationMS:
		p.nonFinite++
	default:
		p.samples = append(p.samples, m.value)
		p.iterations = append(p.iterations, iteration)
	}
}

// subjectLabel names a subject for telling subjects apart.
func subjectLabel(s results.Subject) string {
	label := s.Kind + ":" + s.Name
	if s.JenkinsVersion != "" {
		label += "@" + s.JenkinsVersion
	}
	return label
}

// runWarnings are the doubts that hold for every phase of the group.
func (g *runGroup) runWarnings() []string {
	var out []string
	if len(g.subjects) > 1 {
		out = append(out, fmt.Sprintf("runs come from %d subjects: %s", len(g.subjects), strings.Join(sortedKeys(g.subjects), ", ")))
	}
	if lost := g.failed + g.timedOut + g.errors; lost > 0 {
		out = append(out, fmt.Sprintf("%d of %d runs did not finish (%d failed, %d timed out, %d errors): the figures cover only the runs that did",
			lost, lost+g.ok, g.failed, g.timedOut, g.errors))
	}
	for _, s := range sortedKeys(g.statuses) {
		out = append(out, fmt.Sprintf("%d run(s) with unknown status %q counted as errors", g.statuses[s], s))
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
