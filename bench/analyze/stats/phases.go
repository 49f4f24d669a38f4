package stats

import "github.com/jsbench/jsbench/bench/record/results"

// PseudoPhase is a figure of a run that is not one of its logged phases
// but is summarized like one. Value returns 0 when the run lacks it.
type PseudoPhase struct {
	Name  string
	Value func(results.Record) float64
}

// PseudoPhases lists the whole-run figures summarized after the logged
// phases, in this order. A figure that becomes part of the record joins
// here.
var PseudoPhases = []PseudoPhase{
	{Name: "ready", Value: func(r results.Record) float64 { return r.ReadyMS }},
	{Name: "log_ready", Value: func(r results.Record) float64 { return r.LogReadyMS }},
	{Name: "http_ready", Value: func(r results.Record) float64 { return r.HTTPReadyMS }},
	{Name: "restore", Value: func(r results.Record) float64 { return r.RestoreMS }},
	{Name: "recovery", Value: func(r results.Record) float64 { return r.RecoveryMS }},
}

// measurement is one figure of one successful run.
type measurement struct {
	phase   string
	value   float64
	skipped bool
}

// measurements lists the figures of a run: its phases in log order, then
// the pseudo-phases it has. A pseudo-phase at 0 is absent (the record
// omits empty fields).
func measurements(r results.Record) []measurement {
	var out []measurement
	for _, p := range r.Phases {
		out = append(out, measurement{phase: p.Name, value: p.DurationMS, skipped: p.Skipped})
	}
	for _, p := range PseudoPhases {
		if v := p.Value(r); v != 0 {
			out = append(out, measurement{phase: p.Name, value: v})
		}
	}
	return out
}
