package noise

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// Bounds past which a run counts as taken on a busy host.
const (
	// MinCPUSharePct: on an idle host the reference workload's workers
	// (one per CPU) get 90 % or more of the CPU time they ask for; one
	// other busy task per CPU leaves them about 50 %.
	MinCPUSharePct = 70
	// MaxReferenceSlowdown: the reference workload does the same work
	// every time; half again as long as is typical in the same session
	// is a host doing something else (a disk shared with another job
	// shows here, as the CPU share cannot show it). The typical time,
	// the session's median, already holds the host's steady load.
	MaxReferenceSlowdown = 1.5
	// MaxOthersCPUPct: how many points of the machine other work may use
	// during a run above the session's steady level (Session.OthersPct)
	// before the run counts as contended. A quiet host's daemons (the
	// container runtime streaming the log included) use a few percent,
	// so on a quiet host this is about the 20 % it always was.
	MaxOthersCPUPct = 20
	// MaxSteadyOthersPct: a steady background above this share of the
	// machine is no light load but contention of its own, which moves
	// every figure: every run of such a session is busy. An idle local
	// Kubernetes control plane uses about 17 % of 2 CPUs.
	MaxSteadyOthersPct = 30
	// MaxStealPct: CPU time the hypervisor gave to other guests.
	MaxStealPct = 10
	// MaxMemoryFullPct: time in which every task waited for memory.
	MaxMemoryFullPct = 5
	// MaxBusyShare: a volume's runs on one side are too noisy to judge
	// when more than this share of them are busy. The median and the
	// rank test shrug off a single slow run in five; they do not shrug
	// off more.
	MaxBusyShare = 0.2
	// MaxHostSpeedChangePct: when the reference workload's median differs
	// by more than this between two sets of runs, they were measured on
	// hosts of different speed (or load), and their absolute times are
	// not comparable.
	MaxHostSpeedChangePct = 15
)

// Run is the judgement of one measured run.
type Run struct {
	SuiteID   string `json:"suite_id,omitempty"`
	Scenario  string `json:"scenario"`
	Volume    string `json:"volume"`
	Iteration int    `json:"iteration"`
	// Measured is false for a record without host figures (older files).
	Measured bool `json:"measured"`
	Busy     bool `json:"busy"`
	// Reasons say, in figures, why the run is busy.
	Reasons []string `json:"reasons,omitempty"`
	// ReferenceMS is the slower of the reference workload's two times
	// around the run (CPU and file parts); 0 when not measured.
	ReferenceMS float64 `json:"reference_ms,omitempty"`
}

// Label names the run as reports do: "nfs-lan#3".
func (r Run) Label() string { return r.Volume + "#" + strconv.Itoa(r.Iteration) }

// Assessment judges every measured (non-warmup) run of a set of records.
type Assessment struct {
	Runs []Run `json:"runs"`
	// ReferenceMS is the median reference workload time over the
	// measured runs: the host's speed, for comparing two sets of runs.
	ReferenceMS float64 `json:"reference_ms,omitempty"`
	// Sessions is the steady state of each session's host, in the order
	// the sessions first appear.
	Sessions []Session `json:"sessions,omitempty"`
}

// Assess judges each non-warmup run of records, in order, against the
// steady state of its session.
func Assess(records []results.Record) Assessment {
	sessions, order := steadyStates(records)
	var a Assessment
	var refs []float64
	for _, rec := range records {
		if rec.Warmup {
			continue
		}
		r := judge(rec, sessions[rec.SuiteID])
		if r.ReferenceMS > 0 {
			refs = append(refs, r.ReferenceMS)
		}
		a.Runs = append(a.Runs, r)
	}
	for _, id := range order {
		a.Sessions = append(a.Sessions, *sessions[id])
	}
	a.ReferenceMS = median(refs)
	return a
}

// judge applies the bounds to one run, given its session's steady state.
func judge(rec results.Record, s *Session) Run {
	r := Run{SuiteID: rec.SuiteID, Scenario: rec.Scenario, Volume: rec.Volume.Name, Iteration: rec.Iteration}
	h := rec.Host
	if h == nil {
		return r
	}
	r.Measured = true
	r.ReferenceMS = slowerReference(h)
	if s != nil && s.Load == LoadHeavy {
		r.add("%s", s.heavyReason())
	}
	r.judgeReferences(h, s)
	if d := h.During; d != nil {
		steady := 0.0
		if s != nil && s.OthersPct != nil {
			steady = *s.OthersPct
		}
		if d.OthersPct != nil && *d.OthersPct > steady+MaxOthersCPUPct {
			r.add("contention: other work used %.0f%% of the CPUs during the run, %.0f points above this session's steady %.0f%% (> %d)",
				*d.OthersPct, *d.OthersPct-steady, steady, MaxOthersCPUPct)
		}
		if d.StealPct > MaxStealPct {
			r.add("the hypervisor stole %.0f%% of the CPUs during the run (> %d%%)", d.StealPct, MaxStealPct)
		}
		if d.PSI != nil && d.PSI.MemoryFullPct > MaxMemoryFullPct {
			r.add("every task waited for memory %.0f%% of the run (> %d%%)", d.PSI.MemoryFullPct, MaxMemoryFullPct)
		}
	}
	return r
}

// judgeReferences calls the run busy when the reference workload showed
// contention on both sides of it: a contention that spans the run. One
// slow reference alone is a moment of the host (a daemon's periodic
// burst), which a start of seconds averages away; contention that
// begins or ends during the run shows in the others' CPU instead.
func (r *Run) judgeReferences(h *results.Host, s *Session) {
	typical := 0.0
	if s != nil {
		typical = s.ReferenceMS
	}
	var seen []string
	refs := 0
	for _, ref := range []struct {
		when string
		ref  *results.Reference
	}{{"before", h.ReferenceBefore}, {"after", h.ReferenceAfter}} {
		if ref.ref == nil {
			continue
		}
		refs++
		total := ref.ref.CPUMS + ref.ref.FileMS
		switch {
		case ref.ref.CPUSharePct < MinCPUSharePct:
			seen = append(seen, fmt.Sprintf("%s the run got %.0f%% of the CPU it asked for (< %d%%)", ref.when, ref.ref.CPUSharePct, MinCPUSharePct))
		case typical > 0 && total > MaxReferenceSlowdown*typical:
			seen = append(seen, fmt.Sprintf("%s the run took %.1f× this session's typical %.0f ms (> %.1f×)", ref.when, total/typical, typical, MaxReferenceSlowdown))
		}
	}
	if refs > 0 && len(seen) == refs {
		r.add("contention around the run: reference workload %s", strings.Join(seen, ", and "))
	}
}

func (r *Run) add(format string, args ...any) {
	r.Busy = true
	r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
}

// slowerReference is the slower of a run's two reference times, 0 when
// none was measured.
func slowerReference(h *results.Host) float64 {
	slower := 0.0
	for _, ref := range []*results.Reference{h.ReferenceBefore, h.ReferenceAfter} {
		if ref != nil {
			slower = math.Max(slower, ref.CPUMS+ref.FileMS)
		}
	}
	return slower
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	return stats.Median(x)
}
