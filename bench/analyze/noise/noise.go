package noise

import (
	"fmt"
	"math"
	"strconv"

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
	// every time; half again as long as its best in the same session is
	// a host doing something else (a disk shared with another job shows
	// here, as the CPU share cannot show it).
	MaxReferenceSlowdown = 1.5
	// MaxOthersCPUPct: a quiet host's daemons (the container runtime
	// streaming the log included) use a few percent of the machine.
	MaxOthersCPUPct = 20
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
}

// Assess judges each non-warmup run of records, in order.
func Assess(records []results.Record) Assessment {
	fastest := fastestReference(records)
	var a Assessment
	var refs []float64
	for _, rec := range records {
		if rec.Warmup {
			continue
		}
		r := judge(rec, fastest[rec.SuiteID])
		if r.ReferenceMS > 0 {
			refs = append(refs, r.ReferenceMS)
		}
		a.Runs = append(a.Runs, r)
	}
	a.ReferenceMS = median(refs)
	return a
}

// judge applies the bounds to one run.
func judge(rec results.Record, fastestMS float64) Run {
	r := Run{SuiteID: rec.SuiteID, Scenario: rec.Scenario, Volume: rec.Volume.Name, Iteration: rec.Iteration}
	h := rec.Host
	if h == nil {
		return r
	}
	r.Measured = true
	for _, ref := range []struct {
		when string
		ref  *results.Reference
	}{{"before", h.ReferenceBefore}, {"after", h.ReferenceAfter}} {
		if ref.ref == nil {
			continue
		}
		total := ref.ref.CPUMS + ref.ref.FileMS
		r.ReferenceMS = math.Max(r.ReferenceMS, total)
		if ref.ref.CPUSharePct < MinCPUSharePct {
			r.add("reference workload %s the run got %.0f%% of the CPU it asked for (< %d%%)", ref.when, ref.ref.CPUSharePct, MinCPUSharePct)
		}
		if fastestMS > 0 && total > MaxReferenceSlowdown*fastestMS {
			r.add("reference workload %s the run took %.1f× its fastest in this session (> %.1f×)", ref.when, total/fastestMS, MaxReferenceSlowdown)
		}
	}
	if d := h.During; d != nil {
		if d.OthersPct != nil && *d.OthersPct > MaxOthersCPUPct {
			r.add("other work used %.0f%% of the CPUs during the run (> %d%%)", *d.OthersPct, MaxOthersCPUPct)
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

func (r *Run) add(format string, args ...any) {
	r.Busy = true
	r.Reasons = append(r.Reasons, fmt.Sprintf(format, args...))
}

// fastestReference is each session's fastest reference workload time.
func fastestReference(records []results.Record) map[string]float64 {
	out := map[string]float64{}
	for _, rec := range records {
		if rec.Host == nil {
			continue
		}
		for _, ref := range []*results.Reference{rec.Host.ReferenceBefore, rec.Host.ReferenceAfter} {
			if ref == nil {
				continue
			}
			total := ref.CPUMS + ref.FileMS
			if best, ok := out[rec.SuiteID]; total > 0 && (!ok || total < best) {
				out[rec.SuiteID] = total
			}
		}
	}
	return out
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	return stats.Median(x)
}
