package report

import (
	"bytes"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
)

// fuzzLine is one record as `jsbench run` writes it.
const fuzzLine = `{"schema":"jsbench.run/v2","scenario":"s","subject":{"kind":"sim","simulated":true,"name":"jenkins-sim","runtime":"container"},"volume":{"name":"local","kind":"local"},"home":{"kind":"empty"},"start":"cold","iteration":1,"warmup":false,"started_at":"2026-05-01T02:00:00Z","status":"ok","ready_ms":1000,"phases":[{"name":"fully_up","start_ms":0,"duration_ms":900}],"log_lines":3,"streamed_lines":3}` + "\n"

// FuzzReport feeds any results files, as new results and as a baseline,
// through what `jsbench report` and `jsbench compare` do after reading:
// Build, then every text format. A file the reader accepts must render
// in every format without panicking or failing.
func FuzzReport(f *testing.F) {
	six := ""
	for i := 0; i < 6; i++ {
		six += fuzzLine
	}
	failed := `{"schema":"jsbench.run/v2","scenario":"s","volume":{"name":"nfs"},"status":"failed","reason":"exited","exit":{"code":137,"signal":"SIGKILL","class":"killed"}}` + "\n"
	f.Add([]byte(six), []byte(""))
	f.Add([]byte(six+failed), []byte(six))
	f.Add([]byte(fuzzLine), []byte(failed))
	f.Add([]byte(`{"schema":"jsbench.run/v1","scenario":"","volume":{"name":""},"status":"ok","ready_ms":1e300}`+"\n"), []byte(six))
	f.Fuzz(renderAll)
}

// renderAll reads both files, builds the model and renders every format.
func renderAll(t *testing.T, cur, base []byte) {
	current, _, err := results.ReadJSONL(bytes.NewReader(cur))
	if err != nil || len(current) == 0 {
		return
	}
	baseline, _, err := results.ReadJSONL(bytes.NewReader(base))
	if err != nil {
		return
	}
	m := Build(current, baseline, compare.Options{Resamples: 50})
	for i, render := range []Renderer{Text, Table, JSON, Markdown, JUnit, CSV, GoBench} {
		if err := render(&bytes.Buffer{}, m); err != nil {
			t.Errorf("renderer %d: %v", i, err)
		}
	}
}
