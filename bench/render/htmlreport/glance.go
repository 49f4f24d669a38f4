package htmlreport

import (
	"math"

	"github.com/jsbench/jsbench/bench/render/report"
)

// option is one storage option of a scenario, as the report model's
// recommendation ranks it (bench/render/report): fastest first, ceilings marked.
type option = report.Option

// rankOptions takes the model's recommendation of the scenario; a
// scenario the model does not rank (no summary at all) lists its volumes
// without data and recommends none.
func rankOptions(d *scenarioData, recs []report.Recommendation) report.Recommendation {
	for _, r := range recs {
		if r.Scenario == d.name {
			return r
		}
	}
	rk := report.Recommendation{Scenario: d.name, Best: -1}
	for _, v := range d.volumes {
		rk.Options = append(rk.Options, option{Volume: v, Kind: d.kinds[v]})
	}
	return rk
}

// isRecommended tells whether o is the option rk recommends: the
// first-ranked one, when it is faster than the others beyond noise.
func isRecommended(rk report.Recommendation, o option) bool {
	return rk.Decided() && isFirst(rk, o)
}

// isFirst tells whether o is rk's first-ranked durable option.
func isFirst(rk report.Recommendation, o option) bool {
	best, ok := rk.Recommended()
	return ok && best.Volume == o.Volume
}

// chartUnit picks one unit for every figure of a scenario's charts.
func chartUnit(values ...float64) unit {
	m := 0.0
	for _, v := range values {
		if !math.IsNaN(v) {
			m = math.Max(m, v)
		}
	}
	return unitFor(m)
}
