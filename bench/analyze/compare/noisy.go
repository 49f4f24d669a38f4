package compare

import (
	"fmt"
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

// BeyondHostFactor is how many times more than the host's own slowdown
// a change must be, at the low end of its interval, to stand as a
// regression on a noisy host without a paired ratio: a host whose
// reference workload ran 1.3× slower explains a start 1.3× slower, maybe
// 2.6× where the start waits more on the CPU than the workload does,
// never 14×.
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

// apply names a row's busy runs and judges it again when a noisy host
// could have made its verdict. Load only adds time, so noise on the new
// side (busy new runs, or a slower host now) can fake a regression, and
// noise on the baseline side (busy baseline runs, or a faster host now)
// can hide one. Such a verdict stands only when the paired ratio, which
// cancels the host's speed, agrees that nothing regressed; it is then
// gated on the paired ratio. A regression far beyond what the new side's
// host could add (beyondHost) stands too. Otherwise the row is
// inconclusive. A row on quiet hosts keeps the absolute gate.
func (h hostNoise) apply(r *Row) {
	busyB, runsB := h.base.Busy(r.Scenario, r.Volume)
	busyC, runsC := h.cur.Busy(r.Scenario, r.Volume)
	r.BusyRuns = append(prefixedLabels("baseline ", busyB), prefixedLabels("new ", busyC)...)
	r.Gate = GateAbsolute
	if len(r.BusyRuns) > 0 {
		r.Warnings = append(r.Warnings, "runs on a busy host: "+strings.Join(r.BusyRuns, ", "))
	}
	var why string
	switch r.Status {
	case StatusRegression:
		why = h.newSideNoise(busyC, runsC)
	case StatusUnchanged, StatusImprovement:
		why = h.baselineSideNoise(busyB, runsB)
	}
	if why == "" {
		return
	}
	if p := r.Paired; p != nil && p.Status != StatusUnusable && p.Status != StatusRegression {
		r.Gate = GatePaired
		if r.Status == StatusRegression {
			r.Status = StatusUnchanged
		}
		r.Reason = fmt.Sprintf("%s; absolute %s, on a noisy host (%s)", p.Reason, r.Reason, why)
		return
	}
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
	}
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
