package noise

import (
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

func pct(v float64) *float64 { return &v }

// quiet is a run on an idle host: its reference workload took 140 ms
// before and 138 ms after, and got 97 % and 98 % of the CPU it asked
// for; others used 3 % during the run.
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

// session is six runs (local and nfs, three iterations) on host
// figures made by host, the last nfs run changed by change.
func session(host func() *results.Host, change func(h *results.Host)) []results.Record {
	var recs []results.Record
	for i := 1; i <= 3; i++ {
		recs = append(recs, rec("local", i, host()), rec("nfs", i, host()))
	}
	change(recs[5].Host)
	return recs
}

// TestJudge checks each rule on the last run of a session of six. The
// session's steady state is the median of its runs: with five quiet
// runs, others' steady level is 3 %, and the typical reference time is
// the median of the twelve times around the runs (six of 138 ms, six of
// 140 ms, less those the case changes): 139 or 140 ms.
func TestJudge(t *testing.T) {
	tests := []struct {
		name   string
		change func(h *results.Host)
		reason string // "" for quiet
	}{
		{"quiet", func(h *results.Host) {}, ""},
		// One starved reference is a moment of the host, not the run's.
		{"one reference got little CPU", func(h *results.Host) { h.ReferenceAfter.CPUSharePct = 45 }, ""},
		{"both references got little CPU", func(h *results.Host) { h.ReferenceBefore.CPUSharePct, h.ReferenceAfter.CPUSharePct = 45, 40 },
			"contention around the run: reference workload before the run got 45% of the CPU it asked for (< 70%), and after the run got 40% of the CPU it asked for (< 70%)"},
		// 300 ms and 310 ms against the typical 140 ms (the 6th and 7th
		// of 138×5, 140×5, 300, 310): 2.14× and 2.21×.
		{"both references slow", func(h *results.Host) { h.ReferenceBefore.CPUMS, h.ReferenceAfter.CPUMS = 270, 280 },
			"contention around the run: reference workload before the run took 2.1× this session's typical 140 ms (> 1.5×), and after the run took 2.2× this session's typical 140 ms (> 1.5×)"},
		{"one reference slow", func(h *results.Host) { h.ReferenceBefore.CPUMS = 270 }, ""},
		{"others busy", func(h *results.Host) { h.During.OthersPct = pct(48) },
			"contention: other work used 48% of the CPUs during the run, 45 points above this session's steady 3% (> 20)"},
		{"steal", func(h *results.Host) { h.During.StealPct = 25 }, "the hypervisor stole 25% of the CPUs during the run (> 10%)"},
		{"memory stall", func(h *results.Host) { h.During.PSI.MemoryFullPct = 12 }, "every task waited for memory 12% of the run (> 5%)"},
		{"throttled subject is not noise", func(h *results.Host) {
			h.During.Throttle = &results.Throttle{Periods: 100, ThrottledPeriods: 90, ThrottledMS: 4000}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(session(quiet, tt.change))
			got := a.Runs[5]
			if got.Busy != (tt.reason != "") || strings.Join(got.Reasons, "; ") != tt.reason {
				t.Errorf("busy %v, reasons %q; want %q", got.Busy, got.Reasons, tt.reason)
			}
			for _, r := range a.Runs[:5] {
				if r.Busy {
					t.Errorf("%s busy: %q", r.Label(), r.Reasons)
				}
			}
		})
	}
}

// lightLoad is a run beside an idle control plane: others use a steady
// 17 % of the machine, and the reference workload takes 190 ms, getting
// 85 % of the CPU it asks for.
func lightLoad() *results.Host {
	h := quiet()
	h.ReferenceBefore = &results.Reference{CPUMS: 150, FileMS: 40, CPUSharePct: 85}
	h.ReferenceAfter = &results.Reference{CPUMS: 150, FileMS: 40, CPUSharePct: 86}
	h.During.OthersPct = pct(17)
	return h
}

// TestSteadyLightLoad: a host that is never idle is judged against its
// own normal state. Others' steady level is 17 %, so a run in which
// they used 30 % (13 points more) is not contended, one with 40 % (23
// points) is; a reference of 260 ms on both sides (1.37× the typical
// 190 ms) is within the bound, where the fastest-in-session rule called
// such runs busy.
func TestSteadyLightLoad(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(h *results.Host)
		busy   bool
	}{
		{"as always", func(h *results.Host) {}, false},
		{"others 13 points above", func(h *results.Host) { h.During.OthersPct = pct(30) }, false},
		{"others 23 points above", func(h *results.Host) { h.During.OthersPct = pct(40) }, true},
		{"references 1.37× typical", func(h *results.Host) { h.ReferenceBefore.CPUMS, h.ReferenceAfter.CPUMS = 220, 220 }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(session(lightLoad, tt.change))
			if a.Runs[5].Busy != tt.busy {
				t.Errorf("busy %v (%q), want %v", a.Runs[5].Busy, a.Runs[5].Reasons, tt.busy)
			}
			s := a.Sessions[0]
			if s.Load != LoadSteady || *s.OthersPct != 17 || s.ReferenceMS != 190 {
				t.Errorf("session %+v: want a steady light load of 17%%, 190 ms", s)
			}
			if d := s.Describe(); !strings.HasPrefix(d, "steady light load: other work used 17% of the CPUs in the typical run") {
				t.Errorf("Describe = %q", d)
			}
		})
	}
}

// TestHeavyLoad: a load present all along that takes more than 30 % of
// the machine, or leaves the reference workload under 70 % of the CPU
// it asks for, is contention of its own: every run is busy.
func TestHeavyLoad(t *testing.T) {
	for _, tt := range []struct {
		name, reason string
		host         func() *results.Host
	}{
		{"others", "heavy load all along: other work used 45% of the CPUs in this session's typical run (> 30%)", func() *results.Host {
			h := quiet()
			h.During.OthersPct = pct(45)
			return h
		}},
		{"reference starved", "heavy load all along: the reference workload typically got 40% of the CPU it asked for in this session (< 70%)", func() *results.Host {
			h := quiet()
			h.ReferenceBefore.CPUSharePct, h.ReferenceAfter.CPUSharePct = 40, 40
			h.During.OthersPct = nil
			return h
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(session(tt.host, func(*results.Host) {}))
			if busy, measured := a.BusyCount(); busy != 6 || measured != 6 {
				t.Fatalf("%d of %d runs busy, want all 6", busy, measured)
			}
			if a.Runs[0].Reasons[0] != tt.reason || a.Sessions[0].Load != LoadHeavy {
				t.Errorf("reason %q, load %q", a.Runs[0].Reasons[0], a.Sessions[0].Load)
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
	if len(a.Sessions) != 0 {
		t.Errorf("sessions %+v from a warmup and an unmeasured run", a.Sessions)
	}
}

// TestNoisy checks the share: with 5 runs, one busy run (20 %) is within
// MaxBusyShare, two (40 %) are not.
func TestNoisy(t *testing.T) {
	busy := func() *results.Host {
		h := quiet()
		h.ReferenceBefore.CPUSharePct, h.ReferenceAfter.CPUSharePct = 40, 40
		return h
	}
	var recs []results.Record
	for i := 1; i <= 5; i++ {
		h := quiet()
		if i <= 2 {
			h = busy()
		}
		recs = append(recs, rec("nfs", i, h), rec("local", i, quiet()))
	}
	recs[2].Host = quiet() // nfs#2 quiet after all: one busy run of five
	a := Assess(recs)
	if a.Noisy("sc", "nfs") || a.Noisy("sc", "local") {
		t.Errorf("one busy run in five is noisy: %+v", a.Runs)
	}
	recs[2].Host = busy()
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

// TestHostChange: over nfs and local, the baseline's six runs all took
// 140 ms (the slower of 140 and 138); the new side's local runs too,
// its nfs runs 280 ms. The median of 140, 140, 140, 280, 280, 280 is
// 210 ms: +50 %. Over local alone: no change.
func TestHostChange(t *testing.T) {
	slow := func() *results.Host {
		h := quiet()
		h.ReferenceBefore.CPUMS = 250
		return h
	}
	var base, cur []results.Record
	for i := 1; i <= 3; i++ {
		base = append(base, rec("local", i, quiet()), rec("nfs", i, quiet()))
		cur = append(cur, rec("local", i, quiet()), rec("nfs", i, slow()))
	}
	b, c := Assess(base), Assess(cur)
	if got, ok := HostChange(b, c, "sc", "nfs", "local"); !ok || got != 50 {
		t.Errorf("HostChange(nfs, local) = %g, %v; want +50", got, ok)
	}
	if got, ok := HostChange(b, c, "sc", "local"); !ok || got != 0 {
		t.Errorf("HostChange(local) = %g, %v; want 0", got, ok)
	}
	if _, ok := HostChange(b, Assess(nil), "sc", "local"); ok {
		t.Error("HostChange known without new figures")
	}
}
