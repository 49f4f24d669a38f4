package tally

import (
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

func run(scenario, volume, status string, warmup bool) results.Record {
	r := results.Record{Scenario: scenario, Volume: results.Volume{Name: volume}, Status: status, Warmup: warmup}
	if status != results.StatusOK {
		r.Reason = "exited with code 1 before fully up"
	}
	return r
}

// notRecovered is a failover run whose replacement the cluster could not
// bring back on the volume.
func notRecovered(scenario, volume string) results.Record {
	r := run(scenario, volume, results.StatusFailed, false)
	r.Reason = "does not recover: the volume is bound to a node"
	r.Failover = &results.Failover{Action: "drain", Outcome: results.OutcomeNotRecovered}
	return r
}

func TestOf(t *testing.T) {
	ok, failed, errored := results.StatusOK, results.StatusFailed, results.StatusError
	tests := []struct {
		name     string
		records  []results.Record
		status   Status
		measured int
		line     string
	}{
		{"every run measured", []results.Record{run("s", "local", ok, false), run("s", "nfs", ok, false)},
			AllMeasured, 2, "verdict: ok: 2 of 2 runs measured on 2 volumes"},
		{"a warmup is not a measurement", []results.Record{run("s", "local", ok, true), run("s", "local", ok, false)},
			AllMeasured, 1, "verdict: ok: 1 of 2 runs measured on 1 volume (the other 1: warmup, not counted)"},
		{"one volume failed whole", []results.Record{run("s", "local", ok, false), run("s", "nfs", failed, false), run("s", "nfs", failed, false)},
			SomeFailed, 1, "verdict: 2 of 3 runs failed (s/nfs: all 2 failed, first failed: exited with code 1 before fully up); 1 measured"},
		{"a failed warmup is a failure", []results.Record{run("s", "local", failed, true), run("s", "local", ok, false)},
			SomeFailed, 1, "verdict: 1 of 2 runs failed (s/local: 1 of 2 failed, first failed: exited"},
		{"nothing measured", []results.Record{run("s", "local", errored, false), run("s", "tmpfs", failed, false)},
			NothingMeasured, 0, "verdict: nothing measured: 2 of 2 runs failed (s/local: all 1 failed, first error: exited with code 1 before fully up; s/tmpfs"},
		{"a failover that did not recover is the storage's answer", []results.Record{run("s", "local", ok, false), notRecovered("s.failover-drain", "local")},
			AllMeasured, 2, "verdict: ok: 2 of 2 runs measured on 2 scenario × volume pairs (1 failover did not recover: the storage's answer, in the recovery matrix)"},
		{"only warmups", []results.Record{run("s", "local", ok, true)}, NothingMeasured, 0, "verdict: nothing measured: 0 of 1 runs failed"},
		{"no record", nil, NothingMeasured, 0, "verdict: nothing measured: no run was recorded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Of(tt.records)
			if got.Status != tt.status || got.Measured != tt.measured || !strings.HasPrefix(got.Line(), tt.line) {
				t.Errorf("Of = status %d, %d measured, %q\nwant status %d, %d measured, %q…", got.Status, got.Measured, got.Line(), tt.status, tt.measured, tt.line)
			}
		})
	}
}

func TestLineNamesAtMostThreeVolumes(t *testing.T) {
	var records []results.Record
	for _, v := range []string{"a", "b", "c", "d", "e"} {
		records = append(records, run("s", v, results.StatusFailed, false))
	}
	line := Of(records).Line()
	if strings.Count(line, "s/") != volumesListed || !strings.Contains(line, "; …") {
		t.Errorf("line %q: want %d volumes named, then …", line, volumesListed)
	}
}

func TestLongReasonIsShortened(t *testing.T) {
	r := run("s", "a", results.StatusFailed, false)
	r.Reason = strings.Repeat("x", 500)
	if line := Of([]results.Record{r}).Line(); len(line) > 250 || !strings.Contains(line, "…") {
		t.Errorf("line of %d bytes: %q", len(line), line)
	}
}
