package htmlreport

import (
	"sort"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// session is one set of results on the trend axis: a history entry, or
// the results the report is about.
type session struct {
	label     string
	scenarios map[string]*scenarioData
}

// sessions lists the past sessions then the current one, leaving out a
// past entry that holds the current runs (a report on a history entry).
func sessions(past []Past, current []results.Record, summaries []stats.Summary) []session {
	currentIDs := suiteIDs(current)
	var out []session
	for _, p := range past {
		if len(currentIDs) > 0 && sameKeys(suiteIDs(p.Records), currentIDs) {
			continue
		}
		out = append(out, newSession(p.Label, stats.Summarize(p.Records, stats.Options{}), p.Records))
	}
	if len(out) > 0 {
		out = append(out, newSession("this report", summaries, current))
	}
	return out
}

func newSession(label string, summaries []stats.Summary, records []results.Record) session {
	s := session{label: label, scenarios: map[string]*scenarioData{}}
	for _, d := range groupScenarios(summaries, records) {
		s.scenarios[d.name] = d
	}
	return s
}

func suiteIDs(records []results.Record) map[string]bool {
	ids := map[string]bool{}
	for _, r := range records {
		if r.SuiteID != "" {
			ids[r.SuiteID] = true
		}
	}
	return ids
}

func sameKeys(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// trendChart draws the ranked figure's median of each option over the
// sessions; nil when fewer than two sessions hold the scenario.
func trendChart(id string, d *scenarioData, all []session) *chartSpec {
	var labels []string
	var held []*scenarioData
	for _, s := range all {
		if sd := s.scenarios[d.name]; sd != nil {
			labels, held = append(labels, s.label), append(held, sd)
		}
	}
	if len(held) < 2 {
		return nil
	}
	var peak []float64
	for _, sd := range held {
		for _, v := range sd.volumes {
			if f, _, ok := sd.headline(v); ok {
				peak = append(peak, f.MedianMS)
			}
		}
	}
	u := chartUnit(peak...)
	line := charts.NewLine()
	line.SetGlobalOptions(append(commonOptions("Trend over nightly results: "+d.name,
		"median time to ready, restore included where there is one"),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: "results", NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: u.long}),
		bottomGrid,
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
	)...)
	line.SetXAxis(labels)
	for _, v := range trendVolumes(d, held) {
		data := make([]opts.LineData, len(held))
		for i, sd := range held {
			if f, _, ok := sd.headline(v); ok {
				data[i] = opts.LineData{Value: u.of(f.MedianMS)}
			} else {
				data[i] = opts.LineData{Value: "-"}
			}
		}
		line.AddSeries(v, data, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(true)}))
	}
	line.Validate()
	return &chartSpec{ID: id, Option: line.JSON()}
}

// trendVolumes are the volumes of the current scenario, then those only
// older sessions had, sorted.
func trendVolumes(d *scenarioData, held []*scenarioData) []string {
	seen := map[string]bool{}
	out := append([]string{}, d.volumes...)
	for _, v := range out {
		seen[v] = true
	}
	var extra []string
	for _, sd := range held {
		for _, v := range sd.volumes {
			if !seen[v] {
				seen[v] = true
				extra = append(extra, v)
			}
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func itoa(n int) string { return strconv.Itoa(n) }

func sortedCopy(v []float64) []float64 {
	out := append([]float64{}, v...)
	sort.Float64s(out)
	return out
}
