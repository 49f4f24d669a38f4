package compare

import (
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// withPhase gives every record a "config_adapted" phase of the given
// durations, in turn.
func withPhase(recs []results.Record, durations ...float64) []results.Record {
	for i := range recs {
		recs[i].Phases = append(recs[i].Phases, results.Phase{Name: "config_adapted", DurationMS: durations[i%len(durations)]})
	}
	return recs
}

// Jenkins logs milliseconds: a milestone 0–2 ms after the previous one
// has a median of 0 or 1 ms, and doubling it is noise, not a regression;
// but a phase that grows from nothing to a quarter of a second is one.
func TestPhasesBelowTheMinimumEffect(t *testing.T) {
	key := stats.Key{Scenario: "small", Volume: "local", Phase: "config_adapted"}
	for _, tt := range []struct {
		name       string
		base, cur  []float64
		wantStatus string
		want       Outcome
	}{
		{"both a few ms", []float64{0, 0, 1, 0, 1, 0}, []float64{1, 2, 1, 2, 2, 1}, StatusUnchanged, NoRegression},
		{"from nothing to 250 ms", []float64{0, 0, 1, 0, 1, 0}, []float64{250, 260, 240, 255, 245, 250}, StatusRegression, Regression},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base := withPhase(suite(1, 6, 20000, "local"), tt.base...)
			cur := withPhase(suite(2, 6, 20000, "local"), tt.cur...)
			v := Compare(base, cur, Options{})
			var row *Row
			for i := range v.Rows {
				if v.Rows[i].Key == key {
					row = &v.Rows[i]
				}
			}
			if row == nil {
				t.Fatalf("no row for %v", key)
			}
			if row.Status != tt.wantStatus || v.Outcome() != tt.want {
				t.Errorf("status %s (%s), outcome %s; want %s, outcome %s", row.Status, row.Reason, v.Outcome(), tt.wantStatus, tt.want)
			}
		})
	}
}
