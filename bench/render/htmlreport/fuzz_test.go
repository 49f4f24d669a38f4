package htmlreport

import (
	"bytes"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// FuzzHTML renders the HTML report of any results file the reader
// accepts, with and without a baseline: it must not panic nor fail.
func FuzzHTML(f *testing.F) {
	line := `{"schema":"jsbench.run/v2","scenario":"s","subject":{"kind":"sim","simulated":true},"volume":{"name":"local","kind":"local"},"status":"ok","ready_ms":1000,"restore_ms":5,"recovery_ms":1005,"rto_ms":2000,"phases":[{"name":"fully_up","duration_ms":900}]}` + "\n"
	failed := `{"schema":"jsbench.run/v2","scenario":"s","volume":{"name":"nfs"},"status":"failed","reason":"<script>","last_lines":["a","<b>"],"exit":{"code":1,"class":"exited"}}` + "\n"
	f.Add([]byte(line+line+line+line+line+line+failed), false)
	f.Add([]byte(line+failed), true)
	f.Fuzz(func(t *testing.T, data []byte, withBaseline bool) {
		current, _, err := results.ReadJSONL(bytes.NewReader(data))
		if err != nil || len(current) == 0 {
			return
		}
		var baseline []results.Record
		if withBaseline {
			baseline = current
		}
		m := report.Build(current, baseline, compare.Options{Resamples: 50})
		if err := HTML(&bytes.Buffer{}, m); err != nil {
			t.Fatalf("render: %v", err)
		}
	})
}
