package noise

import (
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

func pct(v float64) *float64 { return &v }

// quiet is a run on an idle host: its reference workload took 140 ms and
// got 97 % of the CPU it asked for; others used 3 % during the run.
func quiet() *results.Host {
	return &results.Host{
		ReferenceBefore: &results.Reference{CPUMS: 110, FileMS: 30, CPUSharePct: 97},
		ReferenceAfter:  &results.Reference{CPUMS: 108, FileMS: 30, CPUSharePct: 98},
		During:          &results.HostDuring{OthersPct: pct(3), StealPct: 0.5, PSI: &results.Pressure{MemoryFullPct: 0}},
	}
}

func rec(volume string, iteration int, h *results.Host) results.Record {
	return results.Record{SuiteID: "s1", Scenario: "sc", Volume: results.Volume{Name: volume}, Iteration: iteration, Host: h}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name   string
		change func(h *results.Host)
		reason string // "" for quiet
	}{
		{"quiet", func(h *results.Host) {}, ""},
		{"reference got little CPU", func(h *results.Host) { h.ReferenceAfter.CPUSharePct = 45 }, "reference workload after the run got 45% of the CPU it asked for (< 70%)"},
		// The fastest in the session is 108 + 30 = 138 ms; 270 + 30 = 300 ms
		// is 2.17×.
		{"reference slow", func(h *results.Host) { h.ReferenceBefore.CPUMS = 270 }, "reference workload before the run took 2.2× its fastest in this session (> 1.5×)"},
		{"others busy", func(h *results.Host) { h.During.OthersPct = pct(48) }, "other work used 48% of the CPUs during the run (> 20%)"},
		{"steal", func(h *results.Host) { h.During.StealPct = 25 }, "the hypervisor stole 25% of the CPUs during the run (> 10%)"},
		{"memory stall", func(h *results.Host) { h.During.PSI.MemoryFullPct = 12 }, "every task waited for memory 12% of the run (> 5%)"},
		{"throttled subject is not noise", func(h *results.Host) {
			h.During.Throttle = &results.Throttle{Periods: 100, ThrottledPeriods: 90, ThrottledMS: 4000}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := quiet()
			tt.change(h)
			a := Assess([]results.Record{rec("local", 1, quiet()), rec("nfs", 1, h)})
			got := a.Runs[1]
			if got.Busy != (tt.reason != "") || strings.Join(got.Reasons, "; ") != tt.reason {
				t.Errorf("busy %v, reasons %q; want %q", got.Busy, got.Reasons, tt.reason)
			}
		})
	}
}

func TestUnmeasuredAndWarmupRuns(t *testing.T) {
	warm := rec("local", 0, quiet())
	warm.Warmup = true
	a := Assess([]results.Record{warm, rec("local", 1, nil)})
	if len(a.Runs) != 1 || a.Runs[0].Measured || a.Runs[0].Busy {
		t.Errorf("runs %+v: want one unmeasured, quiet run (warmups are not judged)", a.Runs)
	}
	if busy, measured := a.BusyCount(); busy != 0 || measured != 0 {
		t.Errorf("BusyCount = %d, %d", busy, measured)
	}
}

// TestNoisy checks the share: with 5 runs, one busy run (20 %) is within
// MaxBusyShare, two (40 %) are not.
func TestNoisy(t *testing.T) {
	busy := quiet()
	busy.ReferenceBefore.CPUSharePct = 40
	var recs []results.Record
	for i := 1; i <= 5; i++ {
		h := quiet()
		if i <= 2 {
			h = busy
		}
		recs = append(recs, rec("nfs", i, h), rec("local", i, quiet()))
	}
	recs[2].Host = quiet() // nfs#2 quiet after all: one busy run of five
	a := Assess(recs)
	if a.Noisy("sc", "nfs") || a.Noisy("sc", "local") {
		t.Errorf("one busy run in five is noisy: %+v", a.Runs)
	}
	recs[2].Host = busy
	a = Assess(recs)
	if !a.Noisy("sc", "nfs") {
		t.Error("two busy runs in five are not noisy")
	}
	runs, _ := a.Busy("sc", "nfs")
	if Labels(runs) != "nfs#1, nfs#2" {
		t.Errorf("Labels = %q", Labels(runs))
	}
}

// TestSpeedChange: medians 140 ms and 280 ms of the slower reference
// around each run: +100 %.
func TestSpeedChange(t *testing.T) {
	slow := quiet()
	slow.ReferenceBefore.CPUMS, slow.ReferenceAfter.CPUMS = 250, 240
	base := Assess([]results.Record{rec("local", 1, quiet()), rec("local", 2, quiet()), rec("local", 3, quiet())})
	cur := Assess([]results.Record{rec("local", 1, slow), rec("local", 2, slow), rec("local", 3, slow)})
	if pctChange, beyond := SpeedChange(base, cur); pctChange != 100 || !beyond {
		t.Errorf("SpeedChange = %g, %v; want +100%%, beyond", pctChange, beyond)
	}
	if _, beyond := SpeedChange(base, Assess(nil)); beyond {
		t.Error("a side without reference figures changes the speed")
	}
}
