package noise

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// How loaded a session's host was all along (Session.Load).
const (
	// LoadIdle: other work used at most IdleOthersPct of the machine in
	// the typical run.
	LoadIdle = "idle"
	// LoadSteady: a steady light load (a CI agent's daemons, an idle
	// cluster's control plane): the host's normal state. Runs are judged
	// against it, not against an idle machine.
	LoadSteady = "steady light load"
	// LoadHeavy: a steady load that is contention of its own: every run
	// is busy.
	LoadHeavy = "heavy load"
)

// IdleOthersPct is the most other work an idle host's typical run sees:
// its own daemons and the container runtime streaming the subject's log.
const IdleOthersPct = 5

// Session is the steady state of one session's host: what its typical
// run had around it. Rules judge each run against it, so that a light
// load present all along is told from contention that comes and goes.
type Session struct {
	SuiteID string `json:"suite_id,omitempty"`
	// Runs counts the session's measured runs.
	Runs int `json:"runs"`
	// ReferenceMS is the median of every reference workload time of the
	// session (before and after each run).
	ReferenceMS float64 `json:"reference_ms,omitempty"`
	// CPUSharePct is the median CPU share the reference workload got.
	CPUSharePct float64 `json:"cpu_share_pct,omitempty"`
	// OthersPct is the median share of the machine other work used
	// during the runs: the steady background. OthersLowPct and
	// OthersHighPct are the lowest and highest run's.
	OthersPct     *float64 `json:"others_cpu_pct,omitempty"`
	OthersLowPct  float64  `json:"others_low_pct,omitempty"`
	OthersHighPct float64  `json:"others_high_pct,omitempty"`
	// Load is LoadIdle, LoadSteady or LoadHeavy.
	Load string `json:"load"`
}

// steadyStates computes each session's steady state, with the sessions'
// order of first appearance.
func steadyStates(records []results.Record) (map[string]*Session, []string) {
	type figures struct{ refs, shares, others []float64 }
	by := map[string]*figures{}
	sessions := map[string]*Session{}
	var order []string
	for _, rec := range records {
		if rec.Warmup || rec.Host == nil {
			continue
		}
		f, ok := by[rec.SuiteID]
		if !ok {
			f = &figures{}
			by[rec.SuiteID] = f
			sessions[rec.SuiteID] = &Session{SuiteID: rec.SuiteID}
			order = append(order, rec.SuiteID)
		}
		sessions[rec.SuiteID].Runs++
		for _, ref := range []*results.Reference{rec.Host.ReferenceBefore, rec.Host.ReferenceAfter} {
			if ref != nil && ref.CPUMS+ref.FileMS > 0 {
				f.refs = append(f.refs, ref.CPUMS+ref.FileMS)
				f.shares = append(f.shares, ref.CPUSharePct)
			}
		}
		if d := rec.Host.During; d != nil && d.OthersPct != nil {
			f.others = append(f.others, *d.OthersPct)
		}
	}
	for id, s := range sessions {
		f := by[id]
		s.ReferenceMS, s.CPUSharePct = median(f.refs), median(f.shares)
		if len(f.others) > 0 {
			others := stats.Median(f.others)
			s.OthersPct = &others
			s.OthersLowPct, s.OthersHighPct = minMax(f.others)
		}
		s.Load = s.classify(len(f.shares) > 0)
	}
	return sessions, order
}

// classify names the steady load.
func (s *Session) classify(hasReference bool) string {
	switch {
	case s.OthersPct != nil && *s.OthersPct > MaxSteadyOthersPct,
		hasReference && s.CPUSharePct < MinCPUSharePct:
		return LoadHeavy
	case s.OthersPct != nil && *s.OthersPct > IdleOthersPct:
		return LoadSteady
	}
	return LoadIdle
}

// heavyReason says why every run of a heavily loaded session is busy.
func (s *Session) heavyReason() string {
	if s.OthersPct != nil && *s.OthersPct > MaxSteadyOthersPct {
		return fmt.Sprintf("heavy load all along: other work used %.0f%% of the CPUs in this session's typical run (> %d%%)", *s.OthersPct, MaxSteadyOthersPct)
	}
	return fmt.Sprintf("heavy load all along: the reference workload typically got %.0f%% of the CPU it asked for in this session (< %d%%)", s.CPUSharePct, MinCPUSharePct)
}

// Describe says in one line what the session's host was doing all along,
// as reports show it next to the busy runs.
func (s Session) Describe() string {
	others := "others' CPU not measured"
	if s.OthersPct != nil {
		others = fmt.Sprintf("other work used %.0f%% of the CPUs in the typical run (%.0f–%.0f%%)", *s.OthersPct, s.OthersLowPct, s.OthersHighPct)
	}
	ref := ""
	if s.ReferenceMS > 0 {
		ref = fmt.Sprintf(", reference workload %.0f ms typical", s.ReferenceMS)
	}
	switch s.Load {
	case LoadSteady:
		return fmt.Sprintf("steady light load: %s%s; the host's normal state, against which runs are judged", others, ref)
	case LoadHeavy:
		return "heavy load all along: " + others + ref + "; every run busy"
	}
	return "idle: " + others + ref
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = x[0], x[0]
	for _, v := range x[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}
