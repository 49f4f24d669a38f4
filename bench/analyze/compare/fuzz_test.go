package compare

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

// fuzzRecords turns data into records: each 9-byte chunk is one run, its
// first byte choosing the side, volume, status and warmup flag, the other
// eight its ready time as raw float64 bits (so NaN, ±Inf, negative and
// subnormal durations all occur).
func fuzzRecords(data []byte) (base, cur []results.Record) {
	statuses := []string{results.StatusOK, results.StatusOK, results.StatusOK, results.StatusFailed,
		results.StatusTimeout, results.StatusError, "bogus", results.StatusOK}
	for i := 0; i+9 <= len(data); i += 9 {
		ctl := data[i]
		ms := math.Float64frombits(binary.LittleEndian.Uint64(data[i+1 : i+9]))
		r := results.Record{
			Schema: results.SchemaV1, Scenario: "s", Iteration: i / 9, Status: statuses[ctl>>1&7],
			Volume: results.Volume{Name: []string{"a", "b"}[ctl>>4&1]}, Warmup: ctl&0x20 != 0,
			ReadyMS: ms, Phases: []results.Phase{{Name: "p", DurationMS: ms / 2, Skipped: ctl&0x40 != 0}},
			Subject: results.Subject{Simulated: ctl&0x80 != 0},
		}
		if ctl&1 == 0 {
			base = append(base, r)
		} else {
			cur = append(cur, r)
		}
	}
	return base, cur
}

func floats(side byte, values ...float64) []byte {
	var out []byte
	for _, v := range values {
		out = append(out, side)
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(v))
	}
	return out
}

func FuzzCompare(f *testing.F) {
	f.Add([]byte{}, 10.0, 0.05)
	f.Add(floats(0, 100), 10.0, 0.05)
	f.Add(append(floats(0, 5, 5, 5, 5), floats(1, 5, 5, 5, 5)...), 10.0, 0.05)
	f.Add(append(floats(0, 1, 2, 3, 4, 5), floats(1, math.NaN(), math.Inf(1), -3, 0, 9)...), 0.0, 2.0)
	f.Add(append(floats(0, 1, 2, 3, 4, 5), floats(1, 10, 20, 30, 40, 50)...), -5.0, math.NaN())
	f.Fuzz(func(t *testing.T, data []byte, threshold, alpha float64) {
		base, cur := fuzzRecords(data)
		v := Compare(base, cur, Options{ThresholdPct: threshold, Alpha: alpha, Resamples: 50})
		if o := v.Outcome(); o != NoRegression && o != Regression && o != Unusable {
			t.Fatalf("outcome %q is none of no regression, regression, unusable", o)
		}
		_ = v.Headline()
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("encode verdict: %v", err)
		}
		for _, r := range v.Rows {
			if r.Status != StatusUnusable && (math.IsNaN(r.Test.P) || r.Test.P < 0 || r.Test.P > 1) {
				t.Fatalf("row %s: p = %g", r.Key, r.Test.P)
			}
		}
	})
}
