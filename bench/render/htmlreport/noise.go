package htmlreport

import (
	"fmt"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// noiseView is a scenario's noise strip: one bar per measured run, in
// the order the runs were made, as tall as the reference workload took
// around it and red when the run was taken on a busy host; then the
// figures run by run.
type noiseView struct {
	Summary string
	Strip   noiseStrip
	Runs    []noiseRunView
}

// noiseStrip is the strip as inline SVG with presentation attributes
// only, so that it shows where scripts and styles are blocked.
type noiseStrip struct {
	ID, Title     string
	Width, Height int
	BaseY         int
	Bars          []noiseBar
	Legend        []svgLegend
}

type noiseBar struct {
	X, Y, W, H float64
	Color      string
	Title      string
	// Busy bars carry a mark above them.
	Busy  bool
	MarkY float64
}

type noiseRunView struct {
	Run, RefBefore, RefAfter, CPUShare, Others, Steal, Pressure, Throttle, Verdict string
	Busy                                                                           bool
}

// pairedView is one row of a scenario's paired ratios.
type pairedView struct {
	Volume, Reference, Figure, Ratio, CI, Added, Pairs string
}

// Layout and colours of the strip.
const (
	stripWidth  = 760
	stripHeight = 96
	stripTop    = 14
	stripBase   = 70
	stripQuiet  = "#3b8d5c"
	stripBusy   = "#c0392b"
	stripNone   = "#9aa5b1"
)

// buildNoise makes a scenario's strip from its records and the
// assessment of its host, or nil when no run carries host figures.
func buildNoise(anchor, scenario string, records []results.Record, a noise.Assessment) *noiseView {
	byRun := map[string]noise.Run{}
	for _, r := range a.Runs {
		byRun[runKey(r.SuiteID, r.Scenario, r.Volume, r.Iteration)] = r
	}
	var runs []results.Record
	var judged []noise.Run
	busy, maxRef := 0, 0.0
	for _, rec := range records {
		j, ok := byRun[runKey(rec.SuiteID, rec.Scenario, rec.Volume.Name, rec.Iteration)]
		if rec.Warmup || rec.Scenario != scenario || !ok || !j.Measured {
			continue
		}
		runs, judged = append(runs, rec), append(judged, j)
		maxRef = max(maxRef, j.ReferenceMS)
		if j.Busy {
			busy++
		}
	}
	if len(runs) == 0 {
		return nil
	}
	v := &noiseView{Summary: noiseSummary(busy, len(runs)) + steadySummary(a, scenario)}
	v.Strip = strip(anchor+"-noise", scenario, judged, maxRef)
	for i, rec := range runs {
		v.Runs = append(v.Runs, noiseRow(rec, judged[i]))
	}
	return v
}

func noiseSummary(busy, runs int) string {
	if busy == 0 {
		return fmt.Sprintf("The host was quiet in all %d runs.", runs)
	}
	return fmt.Sprintf("%d of %d runs were taken on a busy host (marked ▲): their times include the neighbours' load; compare the paired ratios, which cancel the host's speed.", busy, runs)
}

// steadySummary says what the host did all along when it was not idle:
// the steady state the runs were judged against.
func steadySummary(a noise.Assessment, scenario string) string {
	var out string
	for _, s := range a.ScenarioSessions(scenario) {
		if s.Load != noise.LoadIdle {
			d := s.Describe()
			out += " " + strings.ToUpper(d[:1]) + d[1:] + "."
		}
	}
	return out
}

func runKey(suite, scenario, volume string, iteration int) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%d", suite, scenario, volume, iteration)
}

// strip lays the runs out as bars.
func strip(id, scenario string, runs []noise.Run, maxRef float64) noiseStrip {
	s := noiseStrip{ID: id, Title: "Reference workload around each run, scenario " + scenario,
		Width: stripWidth, Height: stripHeight, BaseY: stripBase}
	step := float64(stripWidth-20) / float64(len(runs))
	for i, r := range runs {
		h := 4.0
		if maxRef > 0 && r.ReferenceMS > 0 {
			h = max(4, float64(stripBase-stripTop)*r.ReferenceMS/maxRef)
		}
		b := noiseBar{X: 10 + float64(i)*step + step*0.15, W: step * 0.7, H: h, Y: float64(stripBase) - h,
			Color: stripQuiet, Busy: r.Busy}
		b.MarkY = b.Y - 3
		b.Title = fmt.Sprintf("%s: reference workload %s; quiet", r.Label(), duration(r.ReferenceMS))
		if r.Busy {
			b.Color = stripBusy
			b.Title = fmt.Sprintf("%s: reference workload %s; BUSY: %s", r.Label(), duration(r.ReferenceMS), strings.Join(r.Reasons, "; "))
		}
		if r.ReferenceMS == 0 {
			b.Color = stripNone
		}
		s.Bars = append(s.Bars, b)
	}
	s.Legend = []svgLegend{{X: 10, Y: stripBase + 10, Color: stripQuiet, Label: "quiet"},
		{X: 100, Y: stripBase + 10, Color: stripBusy, Label: "busy host ▲"},
		{X: 220, Y: stripBase + 10, Color: stripNone, Label: "no reference time"}}
	return s
}

// noiseRow is one run's host figures as text.
func noiseRow(rec results.Record, j noise.Run) noiseRunView {
	h := rec.Host
	v := noiseRunView{Run: j.Label(), Busy: j.Busy, Verdict: "quiet",
		RefBefore: refText(h.ReferenceBefore), RefAfter: refText(h.ReferenceAfter), Others: "–", Steal: "–", Pressure: "–", Throttle: "–", CPUShare: "–"}
	if j.Busy {
		v.Verdict = "busy: " + strings.Join(j.Reasons, "; ")
	}
	var shares []string
	for _, ref := range []*results.Reference{h.ReferenceBefore, h.ReferenceAfter} {
		if ref != nil {
			shares = append(shares, fmt.Sprintf("%.0f%%", ref.CPUSharePct))
		}
	}
	if len(shares) > 0 {
		v.CPUShare = strings.Join(shares, " / ")
	}
	if d := h.During; d != nil {
		if d.OthersPct != nil {
			v.Others = fmt.Sprintf("%.0f%%", *d.OthersPct)
		}
		v.Steal = fmt.Sprintf("%.1f%%", d.StealPct)
		if d.PSI != nil {
			v.Pressure = fmt.Sprintf("cpu %.0f%%, memory %.0f%%, io %.0f%%", d.PSI.CPUSomePct, d.PSI.MemorySomePct, d.PSI.IOSomePct)
		}
		if d.Throttle != nil {
			v.Throttle = fmt.Sprintf("%d of %d periods, %s", d.Throttle.ThrottledPeriods, d.Throttle.Periods, duration(d.Throttle.ThrottledMS))
		}
	}
	return v
}

func refText(r *results.Reference) string {
	if r == nil {
		return "–"
	}
	return duration(r.CPUMS + r.FileMS)
}

// pairedRows lists a scenario's paired ratios.
func pairedRows(m report.Model, scenario string) []pairedView {
	var out []pairedView
	for _, p := range m.Paired {
		if p.Scenario != scenario {
			continue
		}
		out = append(out, pairedRow(p))
	}
	return out
}

func pairedRow(p stats.Pairing) pairedView {
	v := pairedView{Volume: p.Volume, Reference: p.Reference, Figure: phaseLabel(p.Phase), Pairs: itoa(p.N), Ratio: "–", CI: "–", Added: "–"}
	if p.N == 0 {
		return v
	}
	v.Ratio = fmt.Sprintf("%.2f×", p.MedianRatio)
	if p.HasCI {
		v.CI = fmt.Sprintf("%.2f–%.2f×", p.CILow, p.CIHigh)
	}
	v.Added = duration(p.MedianDiffMS)
	if p.MedianDiffMS > 0 {
		v.Added = "+" + v.Added
	}
	return v
}

// addPaired puts each slower volume's paired ratio beside its ratio of
// medians in the verdict.
func addPaired(h *headlineView, paired []pairedView) {
	byVolume := map[string]pairedView{}
	for _, p := range paired {
		byVolume[p.Volume] = p
	}
	for i, s := range h.Slower {
		if p, ok := byVolume[s.Volume]; ok && p.Ratio != "–" {
			h.Slower[i].Paired = fmt.Sprintf("%s of %s run by run", p.Ratio, p.Reference)
		}
	}
}
