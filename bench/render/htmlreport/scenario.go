package htmlreport

import (
	"slices"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// scenarioData gathers what the page shows of one scenario: its
// summaries by key, its runs, and its volumes and logged phases in the
// order they first appear.
type scenarioData struct {
	name    string
	volumes []string
	kinds   map[string]string
	phases  []string
	byKey   map[stats.Key]stats.Summary
	records []results.Record
	subject results.Subject
	rtoMS   float64
}

// pseudo names the whole-run figures of stats.PseudoPhases, which are not
// slices of the waterfall.
var pseudo = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range stats.PseudoPhases {
		m[p.Name] = true
	}
	return m
}()

// groupScenarios splits summaries and records by scenario, in order of
// appearance (summaries first, so that the page follows the other formats).
func groupScenarios(summaries []stats.Summary, records []results.Record) []*scenarioData {
	var out []*scenarioData
	index := map[string]*scenarioData{}
	get := func(name string) *scenarioData {
		d := index[name]
		if d == nil {
			d = &scenarioData{name: name, kinds: map[string]string{}, byKey: map[stats.Key]stats.Summary{}}
			index[name] = d
			out = append(out, d)
		}
		return d
	}
	orders := map[*scenarioData]*report.PhaseOrder{}
	for _, s := range summaries {
		d := get(s.Scenario)
		d.subject = s.Subject
		d.addVolume(s.Volume)
		if orders[d] == nil {
			orders[d] = &report.PhaseOrder{}
		}
		if !pseudo[s.Phase] {
			orders[d].Add(s.Volume, s.Phase)
		}
		d.byKey[s.Key] = s
	}
	for d, o := range orders {
		d.phases = o.Names()
	}
	for _, r := range records {
		d := get(r.Scenario)
		d.addVolume(r.Volume.Name)
		d.kinds[r.Volume.Name] = r.Volume.Kind
		d.records = append(d.records, r)
		if r.RTOMS > 0 {
			d.rtoMS = r.RTOMS
		}
		if d.subject.Kind == "" {
			d.subject = r.Subject
		}
	}
	return out
}

func (d *scenarioData) addVolume(name string) {
	if !slices.Contains(d.volumes, name) {
		d.volumes = append(d.volumes, name)
	}
}

// summary returns the summary of a volume's phase, if it has samples.
func (d *scenarioData) summary(volume, phase string) (stats.Summary, bool) {
	s, ok := d.byKey[stats.Key{Scenario: d.name, Volume: volume, Phase: phase}]
	return s, ok && s.N > 0
}

// headline is the figure options are ranked by: restore + ready for a
// restored snapshot (the "recovery" figure), else ready.
func (d *scenarioData) headline(volume string) (s stats.Summary, restored, ok bool) {
	if s, ok := d.summary(volume, "recovery"); ok {
		return s, true, true
	}
	s, ok = d.summary(volume, "ready")
	return s, false, ok
}

// simulated tells whether any run of the scenario came from the
// simulated controller.
func (d *scenarioData) simulated() bool {
	if d.subject.Simulated {
		return true
	}
	for _, r := range d.records {
		if r.Subject.Simulated {
			return true
		}
	}
	return false
}
