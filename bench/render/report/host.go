package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// maxBusyNamed bounds how many busy runs a footnote names one by one.
const maxBusyNamed = 4

// scenarioFootnote is what the terminal table says under a scenario:
// how busy the host was while it was measured, and the paired ratios.
func scenarioFootnote(w io.Writer, m Model, scenario string) error {
	var b strings.Builder
	for _, line := range []string{hostLine(m.Host, scenario), pairedLine(m.Paired, scenario)} {
		for _, l := range strings.Split(line, "\n") {
			if l != "" {
				b.WriteString(wrap(l, tableWidth, "", "  "))
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// hostLine says how many of a scenario's runs were taken on a busy host
// and names them with their first reason, then what the host did all
// along when it was not idle, or "" when no run carries host figures.
func hostLine(a noise.Assessment, scenario string) string {
	var busy []noise.Run
	measured := 0
	var refs []float64
	for _, r := range a.Runs {
		if r.Scenario != scenario || !r.Measured {
			continue
		}
		measured++
		if r.ReferenceMS > 0 {
			refs = append(refs, r.ReferenceMS)
		}
		if r.Busy {
			busy = append(busy, r)
		}
	}
	if measured == 0 {
		return ""
	}
	sort.Float64s(refs)
	ref := ""
	if len(refs) > 0 {
		ref = fmt.Sprintf(" Reference workload %s–%s s.", secs(refs[0]), secs(refs[len(refs)-1]))
	}
	steady := steadyText(a, scenario)
	if len(busy) == 0 {
		return fmt.Sprintf("Host: quiet in all %d runs.%s%s", measured, steady, ref)
	}
	return fmt.Sprintf("Host: BUSY in %d of %d runs (%s).%s%s", len(busy), measured, busyNames(busy), steady, ref)
}

// busyNames names busy runs with their first reason, or says the reason
// once when every one of them shares it (a heavy load all along).
func busyNames(busy []noise.Run) string {
	shared := true
	for _, r := range busy {
		shared = shared && r.Reasons[0] == busy[0].Reasons[0]
	}
	if shared && len(busy) > 1 {
		return "each: " + busy[0].Reasons[0]
	}
	var named []string
	for i, r := range busy {
		if i == maxBusyNamed {
			named = append(named, fmt.Sprintf("and %d more", len(busy)-maxBusyNamed))
			break
		}
		named = append(named, r.Label()+": "+r.Reasons[0])
	}
	return strings.Join(named, "; ")
}

// steadyText says what the scenario's sessions had all along when it was
// a steady light load, the state runs were judged against: " Steady
// light load: …".
func steadyText(a noise.Assessment, scenario string) string {
	var out string
	for _, s := range a.ScenarioSessions(scenario) {
		if s.Load == noise.LoadSteady {
			d := s.Describe()
			out += " " + strings.ToUpper(d[:1]) + d[1:] + "."
		}
	}
	return out
}

// pairedLine lists a scenario's paired ratios, or "".
func pairedLine(pairs []stats.Pairing, scenario string) string {
	var parts []string
	ref := ""
	for _, p := range pairs {
		if p.Scenario != scenario {
			continue
		}
		ref = p.Reference
		parts = append(parts, p.Volume+" "+pairedText(p))
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("Paired with %s, run by run (median ratio [95%% CI], median added time): %s.", ref, strings.Join(parts, "; "))
}

// pairedText is a pairing's figures: "9.86× [9.61–10.10], +7.12 s".
func pairedText(p stats.Pairing) string {
	if p.N == 0 {
		return "–"
	}
	ci := "no CI"
	if p.HasCI {
		ci = fmt.Sprintf("%.2f–%.2f", p.CILow, p.CIHigh)
	}
	return fmt.Sprintf("%.2f× [%s], %+.2f s", p.MedianRatio, ci, p.MedianDiffMS/1000)
}

// textPaired writes the paired ratios as a table after the summaries.
func textPaired(w io.Writer, pairs []stats.Pairing) {
	if len(pairs) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSCENARIO\tVOLUME\tPAIRED WITH\tFIGURE\tPAIRS\tMEDIAN RATIO\t95% CI\tMEDIAN ADDED MS")
	for _, p := range pairs {
		ci := "–"
		if p.HasCI {
			ci = fmt.Sprintf("[%.3g, %.3g]", p.CILow, p.CIHigh)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%.3g\t%s\t%s\n", p.Scenario, p.Volume, p.Reference, p.Phase, p.N, p.MedianRatio, ci, ms(p.MedianDiffMS))
	}
}

// hostLines says, per scenario, how busy the host was, and with a
// verdict how the two sides' hosts compare.
func hostLines(m Model) []string {
	var out []string
	for _, sc := range groupByScenario(m.Summaries) {
		if line := hostLine(m.Host, sc.name); line != "" {
			out = append(out, sc.name+": "+line)
		}
	}
	if v := m.Verdict; v != nil && (v.Host.BaselineMeasured > 0 || v.Host.CurrentMeasured > 0) {
		h := v.Host
		out = append(out, fmt.Sprintf("Hosts: baseline busy in %d of %d measured runs, new in %d of %d; reference workload %.0f ms → %.0f ms (%+.0f%%).",
			h.BaselineBusy, h.BaselineMeasured, h.CurrentBusy, h.CurrentMeasured, h.BaselineReferenceMS, h.CurrentReferenceMS, h.SpeedChangePct))
	}
	return out
}

// pairedChangeText is a row's paired-ratio change, or "–".
func pairedChangeText(r compare.Row) string {
	p := r.Paired
	if p == nil {
		return "–"
	}
	if p.Status == compare.StatusUnusable {
		return "unusable"
	}
	return fmt.Sprintf("%.2f×→%.2f× (%+.1f%%)", p.BaselineMedian, p.CurrentMedian, p.ChangePct)
}

// markdownPaired writes the paired ratios as a Markdown table.
func markdownPaired(b *strings.Builder, pairs []stats.Pairing) {
	if len(pairs) == 0 {
		return
	}
	b.WriteString("\n| scenario | volume | paired with | figure | pairs | median ratio | 95% CI | median added ms |\n")
	b.WriteString("|---|---|---|---|--:|--:|--:|--:|\n")
	for _, p := range pairs {
		ci := "–"
		if p.HasCI {
			ci = fmt.Sprintf("[%.3g, %.3g]", p.CILow, p.CIHigh)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %d | %.3g | %s | %s |\n", cell(p.Scenario), cell(p.Volume), cell(p.Reference),
			p.Phase, p.N, p.MedianRatio, ci, ms(p.MedianDiffMS))
	}
}

// hostWarnings lists once each thing the runs could not measure of their
// host (no PSI in this kernel, no cgroup for the subject), with how many
// runs it concerns.
func hostWarnings(records []results.Record) []string {
	count := map[string]int{}
	var order []string
	for _, r := range records {
		if r.Host == nil {
			continue
		}
		for _, w := range r.Host.Warnings {
			if count[w] == 0 {
				order = append(order, w)
			}
			count[w]++
		}
	}
	out := make([]string, len(order))
	for i, w := range order {
		out[i] = fmt.Sprintf("host, %d run(s): %s", count[w], w)
	}
	return out
}
