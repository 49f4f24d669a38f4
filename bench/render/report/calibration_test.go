package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
)

// calibratedRecords are three runs on local disk and three on an emulated
// NFS of a simulator calibrated from a log with war_extraction 527 ms,
// http_open 515 ms, completed_initialization 7510 ms and 9135 ms to
// fully up. Local runs take 600, 650, 700 ms to extract (median 650),
// log_ready 9000, 9500, 10000 (median 9500); nfs-lan 18000, 19000, 20000
// (median 19000) with 4000 creates of 1.75 ms and 8000 lookups of 0.41 ms
// injected each run.
func calibratedRecords() []results.Record {
	cal := &results.Calibration{Source: "01.log", JenkinsVersion: "2.426.2", SourceFullyUpMS: 9135, Workload: "war of 93.3 MB", Probes: 3,
		Phases: []results.CalibrationPhase{{Name: "war_extraction", SourceMS: 527}, {Name: "http_open", SourceMS: 515}, {Name: "completed_initialization", SourceMS: 7510}}}
	subj := results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim", CalibratedFrom: "fixtures/01.log"}
	var recs []results.Record
	for i, extract := range []float64{600, 650, 700} {
		recs = append(recs, results.Record{Scenario: "cal", Subject: subj, Volume: results.Volume{Name: "local", Kind: "local"}, Iteration: i + 1,
			Status: results.StatusOK, ReadyMS: 9000 + 500*float64(i) + 3000, LogReadyMS: 9000 + 500*float64(i), Calibration: cal,
			Phases: []results.Phase{{Name: "war_extraction", DurationMS: extract}, {Name: "http_open", DurationMS: 520}, {Name: "completed_initialization", DurationMS: 7600}}})
		recs = append(recs, results.Record{Scenario: "cal", Subject: subj, Volume: results.Volume{Name: "nfs-lan", Kind: "emulated"}, Iteration: i + 1,
			Status: results.StatusOK, ReadyMS: 18000 + 1000*float64(i) + 3000, LogReadyMS: 18000 + 1000*float64(i), Calibration: cal,
			StorageOps: map[string]results.OpCount{"create": {Count: 4000, InjectedMS: 7000}, "lookup": {Count: 8000, InjectedMS: 3280}},
			Phases:     []results.Phase{{Name: "war_extraction", DurationMS: 9000}, {Name: "http_open", DurationMS: 520}, {Name: "completed_initialization", DurationMS: 7600}}})
	}
	return recs
}

func TestCalibration(t *testing.T) {
	m := Build(calibratedRecords(), nil, compare.Options{})
	if len(m.Calibrations) != 1 {
		t.Fatalf("%d calibrations, want 1", len(m.Calibrations))
	}
	c := m.Calibrations[0]
	if c.Local != "local" {
		t.Errorf("judged on %q, want local", c.Local)
	}
	// 650 against 527 is +23%: outside; 520 against 515 and 7600 against
	// 7510 are within; fully up 9500 against 9135 is +4%: within.
	want := map[string][2]bool{"war_extraction": {true, false}, "http_open": {true, true}, "completed_initialization": {true, true}}
	for _, row := range c.Phases {
		if w := want[row.Name]; row.Judged != w[0] || row.Within != w[1] {
			t.Errorf("%s: judged %v within %v, want %v %v (%+v)", row.Name, row.Judged, row.Within, w[0], w[1], row)
		}
	}
	if c.FullyUp.SimMS != 9500 || !c.FullyUp.Within {
		t.Errorf("fully up %+v, want 9500 ms, within", c.FullyUp)
	}
	if len(c.Predictions) != 2 {
		t.Fatalf("predictions %+v", c.Predictions)
	}
	nfs := c.Predictions[1]
	if nfs.Volume != "nfs-lan" || nfs.FullyUpMS != 19000 || nfs.VsLocal != 2 || nfs.Ops != 12000 || nfs.InjectedMS != 10280 ||
		len(nfs.TopOps) != 2 || nfs.TopOps[0].Op != "create" {
		t.Errorf("nfs-lan prediction %+v: want 19 s, 2× local, 12000 ops, 10.28 s injected, create first", nfs)
	}
	var out bytes.Buffer
	if err := CalibrationText(&out, m); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"Simulated, calibrated from 01.log, Jenkins 2.426.2", "│ war extraction  │ 0.53 │ 0.65      │ +23%       │ outside │",
		"│ total: fully up │ 9.13 │ 9.50      │ +4%        │ within  │", "4000 create × 1.75 ms", "8000 lookup × 0.41 ms", "│ nfs-lan │ 19.0 s   │ 2.00×"} {
		if !strings.Contains(text, want) {
			t.Errorf("calibration text lacks %q:\n%s", want, text)
		}
	}
	var md bytes.Buffer
	if err := Markdown(&md, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| war extraction | 0.53 | 0.65 | +23% | outside |") {
		t.Errorf("markdown lacks the calibration table:\n%s", md.String())
	}
	for i, line := range strings.Split(text, "\n") {
		if n := utf8.RuneCountInString(line); n > tableWidth {
			t.Errorf("line %d is %d columns wide: %s", i+1, n, line)
		}
	}
}
