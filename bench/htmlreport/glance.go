package htmlreport

import (
	"math"
	"sort"

	"github.com/jsbench/jsbench/bench/stats"
)

// RTO judgements of one storage option.
const (
	rtoNone   = ""
	rtoMet    = "met"     // every measured run came back within the RTO
	rtoAtRisk = "at risk" // the median did, but a run did not or took longer
	rtoMissed = "missed"  // the median did not, or no run came up
)

// option is one storage option of a scenario, as the verdict ranks it.
type option struct {
	Volume, Kind string
	// Figure is the ranked figure: restore + ready for a restored
	// snapshot, else ready.
	Figure   stats.Summary
	HasData  bool
	Restored bool
	// RestoreMS and ReadyMS are the medians of the two parts.
	RestoreMS, ReadyMS float64
	// Ratio is Figure's median over the fastest option's; 1 for it.
	Ratio   float64
	Fastest bool
	RTO     string
	OK      int
	Total   int
}

// rankOptions describes each volume of the scenario, fastest first;
// volumes without a successful run come last, in scenario order.
func rankOptions(d *scenarioData) []option {
	opts := make([]option, 0, len(d.volumes))
	for _, v := range d.volumes {
		opts = append(opts, describeOption(d, v))
	}
	sort.SliceStable(opts, func(i, j int) bool {
		if opts[i].HasData != opts[j].HasData {
			return opts[i].HasData
		}
		return opts[i].HasData && opts[i].Figure.MedianMS < opts[j].Figure.MedianMS
	})
	if len(opts) > 0 && opts[0].HasData {
		best := opts[0].Figure.MedianMS
		opts[0].Fastest = true
		for i := range opts {
			if opts[i].HasData && best > 0 {
				opts[i].Ratio = opts[i].Figure.MedianMS / best
			}
		}
	}
	return opts
}

func describeOption(d *scenarioData, volume string) option {
	o := option{Volume: volume, Kind: d.kinds[volume]}
	o.Figure, o.Restored, o.HasData = d.headline(volume)
	if s, ok := d.summary(volume, "ready"); ok {
		o.ReadyMS = s.MedianMS
	}
	if s, ok := d.summary(volume, "restore"); ok {
		o.RestoreMS = s.MedianMS
	}
	o.OK, o.Total = d.runCounts(volume)
	if o.Total == 0 {
		s := d.byKey[stats.Key{Scenario: d.name, Volume: volume, Phase: "ready"}]
		o.OK, o.Total = s.N, s.N+s.Failed+s.TimedOut+s.Errors
	}
	o.RTO = judgeRTO(o, d.rtoMS)
	return o
}

// judgeRTO tells whether an option meets the recovery-time objective.
// Met asks that every measured run came up, the slowest within the
// objective: a restore that fails or runs long is the case an RTO is for.
func judgeRTO(o option, rtoMS float64) string {
	switch {
	case rtoMS <= 0:
		return rtoNone
	case !o.HasData || o.Figure.MedianMS > rtoMS:
		return rtoMissed
	case o.Figure.MaxMS > rtoMS || o.OK < o.Total:
		return rtoAtRisk
	}
	return rtoMet
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
