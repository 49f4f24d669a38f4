package compare

import (
	"fmt"
	"math"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/noise"
)

// Which figure decided a row's status.
const (
	// GateAbsolute: the times themselves, as measured.
	GateAbsolute = "absolute"
	// GatePaired: the paired ratios to the reference volume, which cancel
	// the host's speed.
	GatePaired = "paired ratio"
)

// HostComparison says what the hosts were doing on each side: how many
// runs were taken on a busy host, and how the reference workload's time
// changed (a different or differently loaded host).
type HostComparison struct {
	BaselineBusy        int     `json:"baseline_busy"`
	BaselineMeasured    int     `json:"baseline_measured"`
	CurrentBusy         int     `json:"new_busy"`
	CurrentMeasured     int     `json:"new_measured"`
	BaselineReferenceMS float64 `json:"baseline_reference_ms,omitempty"`
	CurrentReferenceMS  float64 `json:"new_reference_ms,omitempty"`
	SpeedChangePct      float64 `json:"speed_change_pct"`
	// SpeedDiffers is true when the reference workload's median moved by
	// more than noise.MaxHostSpeedChangePct: absolute times are then not
	// comparable, on any row.
	SpeedDiffers bool `json:"speed_differs"`
}

// BeyondHostFactor is how many times the host's own slowdown a change
// must exceed to stand as a regression on a noisy host. A host whose
// reference workload ran 1.3× slower explains a start 1.3× slower, maybe
// 2.6× where the start waits more on the CPU than the workload does,
// never 14×; and it moves a paired ratio, whose two runs share the
// host's moment, by at most as much: +30 % on the reference workload can
// explain a paired ratio up to +60 % (or down as far), not +75 %.
const BeyondHostFactor = 2

// hostNoise holds both sides' assessments, and the comparison of their
// hosts, while rows are judged.
type hostNoise struct {
	base, cur    noise.Assessment
	thresholdPct float64
	host         HostComparison
}

func newHostNoise(base, cur noise.Assessment, thresholdPct float64) (hostNoise, HostComparison) {
	c := HostComparison{BaselineReferenceMS: base.ReferenceMS, CurrentReferenceMS: cur.ReferenceMS}
	c.BaselineBusy, c.BaselineMeasured = base.BusyCount()
	c.CurrentBusy, c.CurrentMeasured = cur.BusyCount()
	c.SpeedChangePct, c.SpeedDiffers = noise.SpeedChange(base, cur)
	return hostNoise{base: base, cur: cur, thresholdPct: thresholdPct, host: c}, c
}

// apply names a row's busy runs and judges it again when the host could
// have made its verdict.
//
// The paired ratio decides when it can. Its two runs ran on the host of
// the same moment, so the host moves it by at most BeyondHostFactor
// times the change of the reference workload between the two sides
// (pairedBound): a paired regression beyond that is a regression on any
// host, whatever the absolute times did.
//
// Otherwise, on quiet hosts the absolute verdict stands. On a noisy
// host (busy runs, or a host of another speed) load only adds time, so
// noise on the new side can fake a regression and noise on the baseline
// side can hide one. Such a verdict stands only when the paired ratio
// clears it (unchanged even after the host's reach: pairedClears), or,
// for a regression, when it is far beyond what the new side's host
// could add (beyondHost). Otherwise the row is inconclusive.
func (h hostNoise) apply(r *Row) {
	busyB, runsB := h.base.Busy(r.Scenario, r.Volume)
	busyC, runsC := h.cur.Busy(r.Scenario, r.Volume)
	r.BusyRuns = append(prefixedLabels("baseline ", busyB), prefixedLabels("new ", busyC)...)
	r.Gate = GateAbsolute
	if len(r.BusyRuns) > 0 {
		r.Warnings = append(r.Warnings, "runs on a busy host: "+strings.Join(r.BusyRuns, ", "))
	}
	known := h.pairedBound(r)
	why := h.noiseFor(r, busyB, busyC, runsB, runsC)
	p := r.Paired
	beyond := known && p.Status == StatusRegression && p.ChangePct > *p.HostBoundPct && r.Status != StatusUnusable
	switch {
	case why == "":
		// Quiet hosts: the absolute verdict stands, and a paired
		// regression beyond the host's reach is one too.
		if beyond && r.Status != StatusRegression {
			h.pairedRegression(r, "")
		}
	case beyond:
		h.pairedRegression(r, why)
	case known && (p.Status == StatusUnchanged || p.Status == StatusImprovement) && h.pairedClears(p):
		r.Gate = GatePaired
		if r.Status == StatusRegression {
			r.Status = StatusUnchanged
		}
		r.Reason = fmt.Sprintf("%s, though the host's change (%+.0f%%, reference workload) could move it by ±%.0f%%; absolute %s, on a noisy host (%s)",
			p.Reason, *p.HostChangePct, *p.HostBoundPct, r.Reason, why)
	default:
		h.absoluteOnNoisyHost(r, why)
	}
}

// absoluteOnNoisyHost keeps a regression far beyond what the host could
// add, and makes any other verdict inconclusive.
func (h hostNoise) absoluteOnNoisyHost(r *Row, why string) {
	if r.Status == StatusRegression {
		if beyond := h.beyondHost(r); beyond != "" {
			r.Reason += "; " + beyond
			return
		}
	}
	r.Status = StatusInconclusive
	r.Reason = "host too noisy to judge (" + why + "): absolute " + r.Reason
	if p := r.Paired; p != nil {
		r.Reason += "; paired " + p.Reason
		if p.HostBoundPct != nil && p.Status != StatusUnusable {
			r.Reason += fmt.Sprintf(", within the host's reach (±%.0f%%)", *p.HostBoundPct)
		}
	}
}

// noiseFor says what could have made the row's verdict, or "": noise on
// the new side for a regression, on the baseline side otherwise.
func (h hostNoise) noiseFor(r *Row, busyB, busyC []noise.Run, runsB, runsC int) string {
	switch r.Status {
	case StatusRegression:
		return h.newSideNoise(busyC, runsC)
	case StatusUnchanged, StatusImprovement:
		return h.baselineSideNoise(busyB, runsB)
	}
	return ""
}

// pairedBound fills how far the host could have moved the row's paired
// ratio: BeyondHostFactor times the change of the reference workload
// between the sides over the runs of the pairs, either way. It reports
// whether the ratio is usable and the bound known.
func (h hostNoise) pairedBound(r *Row) bool {
	p := r.Paired
	if p == nil || p.Status == StatusUnusable {
		return false
	}
	change, ok := noise.HostChange(h.base, h.cur, r.Scenario, r.Volume, p.Reference)
	if !ok {
		return false
	}
	spread := 100 * (math.Exp(math.Abs(math.Log1p(change/100))) - 1)
	bound := BeyondHostFactor * spread
	p.HostChangePct, p.HostBoundPct = &change, &bound
	return true
}

// pairedClears reports whether an unchanged or faster paired ratio
// rules out a regression beyond the threshold even if the host had
// pushed it down as far as it could.
func (h hostNoise) pairedClears(p *PairedRow) bool {
	return (1+p.ChangePct/100)*(1+*p.HostBoundPct/100) <= 1+h.thresholdPct/100
}

// pairedRegression makes the row a regression on its paired ratio.
func (h hostNoise) pairedRegression(r *Row, why string) {
	p := r.Paired
	host := fmt.Sprintf("the host's change (%+.0f%%, reference workload) explains at most ±%.0f%%", *p.HostChangePct, *p.HostBoundPct)
	abs := "absolute " + r.Reason
	if why != "" {
		abs += ", on a noisy host (" + why + ")"
	}
	r.Status, r.Gate = StatusRegression, GatePaired
	r.Reason = fmt.Sprintf("%s, and %s; %s", p.Reason, host, abs)
}

// beyondHost says why a regression on a noisy host stands, or "": the
// low end of its interval is more than BeyondHostFactor times the
// slowdown the host could add (the slowest new run's reference workload
// against the baseline's), beyond the threshold.
func (h hostNoise) beyondHost(r *Row) string {
	slowdown := noise.Slowdown(h.base, h.cur, r.Scenario, r.Volume)
	if slowdown <= 0 {
		return ""
	}
	low := 1 + r.ChangeCILowPct/100
	bound := BeyondHostFactor * max(slowdown, 1) * (1 + h.thresholdPct/100)
	if low <= bound {
		return ""
	}
	return fmt.Sprintf("on a noisy host, but at least %.1f× slower where the host's slowdown (%.2f×, reference workload) explains at most %.1f×",
		low, slowdown, bound)
}

// newSideNoise says what on the new side could have faked a regression,
// or "", given the row's busy new runs out of runs.
func (h hostNoise) newSideNoise(busy []noise.Run, runs int) string {
	var parts []string
	if pct := h.host.SpeedChangePct; h.host.SpeedDiffers && pct > 0 {
		parts = append(parts, fmt.Sprintf("the reference workload is %.0f%% slower than in the baseline", pct))
	}
	if noise.TooBusy(len(busy), runs) {
		parts = append(parts, "new runs on a busy host: "+noise.Labels(busy))
	}
	return strings.Join(parts, "; ")
}

// baselineSideNoise says what on the baseline side could have hidden a
// regression, or "", given the row's busy baseline runs out of runs.
func (h hostNoise) baselineSideNoise(busy []noise.Run, runs int) string {
	var parts []string
	if pct := h.host.SpeedChangePct; h.host.SpeedDiffers && pct < 0 {
		parts = append(parts, fmt.Sprintf("the reference workload is %.0f%% faster than in the baseline", -pct))
	}
	if noise.TooBusy(len(busy), runs) {
		parts = append(parts, "baseline runs on a busy host: "+noise.Labels(busy))
	}
	return strings.Join(parts, "; ")
}

func prefixedLabels(prefix string, runs []noise.Run) []string {
	out := make([]string, len(runs))
	for i, r := range runs {
		out[i] = prefix + r.Label()
	}
	return out
}

// headlineNames bounds how many rows and busy runs a headline names.
const headlineNames = 4

// inconclusiveHeadline names the first inconclusive rows, the busy runs
// behind them, and the change of host speed when there is one.
func (v Verdict) inconclusiveHeadline() string {
	var rows, busy []string
	seen := map[string]bool{}
	for _, r := range v.Inconclusive {
		rows = append(rows, fmt.Sprintf("%s (%+.1f%%)", r.Key, r.ChangePct))
		for _, b := range r.BusyRuns {
			if !seen[b] {
				seen[b] = true
				busy = append(busy, b)
			}
		}
	}
	text := fmt.Sprintf("inconclusive: host too noisy to judge %d of %d rows: %s", len(v.Inconclusive), len(v.Rows), firstOf(rows))
	if len(busy) > 0 {
		text += "; busy runs: " + firstOf(busy)
	}
	if v.Host.SpeedDiffers {
		text += fmt.Sprintf("; reference workload %.0f → %.0f ms (%+.0f%%)", v.Host.BaselineReferenceMS, v.Host.CurrentReferenceMS, v.Host.SpeedChangePct)
	}
	return text
}

// firstOf joins the first headlineNames items and counts the rest.
func firstOf(items []string) string {
	if len(items) <= headlineNames {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:headlineNames], ", "), len(items)-headlineNames)
}
