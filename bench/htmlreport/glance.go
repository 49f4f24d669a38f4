package htmlreport

import (
	"math"

	"github.com/jsbench/jsbench/bench/report"
)

// option is one storage option of a scenario, as the report model's
// recommendation ranks it (bench/report): fastest first, ceilings marked.
type option = report.Option

// ranking is a scenario's options, fastest first, and which of them is
// recommended.
type ranking struct {
	options []option
	best    int // index of the recommended option, -1 when none
}

// rankOptions takes the model's recommendation of the scenario; a
// scenario the model does not rank (no summary at all) lists its volumes
// without data.
func rankOptions(d *scenarioData, recs []report.Recommendation) ranking {
	for _, r := range recs {
		if r.Scenario == d.name {
			return ranking{options: r.Options, best: r.Best}
		}
	}
	rk := ranking{best: -1}
	for _, v := range d.volumes {
		rk.options = append(rk.options, option{Volume: v, Kind: d.kinds[v]})
	}
	return rk
}

// recommended tells whether o is the recommended option.
func (rk ranking) recommended(o option) bool {
	return rk.best >= 0 && rk.options[rk.best].Volume == o.Volume
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
