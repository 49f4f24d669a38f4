package htmlreport

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// TestCalibrationShown: a calibrated scenario's page shows the log's
// phases beside the simulated local start. The local runs extract in
// {600, 650, 700} ms (median 650) against the log's 527 ms: +23%,
// outside ±20%; fully up {9000, 9500, 10000} against 9135: +4% (the
// page escapes + as &#43;).
func TestCalibrationShown(t *testing.T) {
	cal := &results.Calibration{Source: "01.log", JenkinsVersion: "2.426.2", SourceFullyUpMS: 9135, Workload: "war of 93.3 MB", Probes: 3,
		Phases: []results.CalibrationPhase{{Name: "war_extraction", SourceMS: 527}}}
	var recs []results.Record
	for i, extract := range []float64{600, 650, 700} {
		recs = append(recs, results.Record{Scenario: "cal", Iteration: i + 1, Status: results.StatusOK, Calibration: cal,
			Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim (simulated controller, calibrated from 01.log)", CalibratedFrom: "01.log"},
			Volume:  results.Volume{Name: "local", Kind: "local"}, ReadyMS: 12000, LogReadyMS: 9000 + 500*float64(i),
			Phases: []results.Phase{{Name: "war_extraction", DurationMS: extract}}})
	}
	var out bytes.Buffer
	if err := Render(&out, report.Build(recs, nil, compare.Options{}), Options{}); err != nil {
		t.Fatal(err)
	}
	page := out.String()

	for _, want := range []string{"Simulated, calibrated from 01.log (Jenkins 2.426.2)", "<td class=\"num\">&#43;23%</td><td class=\"rto-missed\">outside</td>",
		"<td class=\"num\">&#43;4%</td><td>within</td>", "war of 93.3 MB"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
