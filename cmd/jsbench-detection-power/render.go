package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// stateTitles name the host states as the table's columns do.
var stateTitles = map[string]string{
	StateQuiet:   "quiet host",
	StateLoaded:  "under load",
	StateCluster: "beside the idle cluster",
}

// write renders the table, the hosts, the goals and every comparison as
// Markdown.
func (t tableData) write(w io.Writer, timing map[string]float64) {
	states := t.states()
	fmt.Fprintf(w, "## Detection power of the nightly gate\n\n%s\n\n", t.intro(timing))
	fmt.Fprintln(w, "Hosts:")
	for _, s := range states {
		fmt.Fprintf(w, "- %s: %s\n", stateTitles[s], t.hostLine(s))
	}
	for _, s := range states {
		if why := t.hostCheck(s); why != "" {
			fmt.Fprintf(w, "\nWARNING: %s; its goals are not assessed: measure again.\n", why)
		}
	}
	header := "\n| planted change | nominal (nfs-lan ready) | measured, quiet host (ready) | paired ratio, quiet host |"
	rule := "|---|--:|---|---|"
	for _, s := range states {
		header += " " + stateTitles[s] + " |"
		rule += "---|"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
	for _, ch := range t.plan.Changes {
		quiet := t.cell(StateQuiet, ch.Name)
		nominal := "–"
		if ch.Kind != KindNone {
			nominal = fmt.Sprintf("+%g%%", ch.SizePct)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |", ch.Label, nominal, measuredChange(quiet, t.plan.Volumes), pairedChange(quiet))
		for _, s := range states {
			fmt.Fprintf(w, " %s |", counts(t.cell(s, ch.Name)))
		}
		fmt.Fprintln(w)
	}
	if slices.Contains(states, StateLoaded) {
		fmt.Fprintln(w, "\nUnder load, paired ratios (median change, and how far the host's change could move them):")
		for _, ch := range t.plan.Changes {
			if js := t.cell(StateLoaded, ch.Name); len(js) > 0 {
				fmt.Fprintf(w, "- %s: %s\n", ch.Label, pairedChange(js))
			}
		}
	}
	t.writeGoals(w)
	t.writeComparisons(w)
}

func (t tableData) states() []string {
	var out []string
	for _, s := range t.plan.Sessions {
		if !slices.Contains(out, s.State) {
			out = append(out, s.State)
		}
	}
	return out
}

// intro says when, where and how the table was measured.
func (t tableData) intro(timing map[string]float64) string {
	host, _ := os.Hostname()
	when := "date unknown"
	if first := timing["first"]; first > 0 {
		when = time.Unix(int64(first), 0).UTC().Format("2006-01-02")
	}
	cpus := 0
	for _, m := range t.sessions {
		for _, r := range m.records {
			if r.Host != nil && r.Host.CPUs > 0 {
				cpus = r.Host.CPUs
			}
		}
	}
	text := fmt.Sprintf("Measured %s on %s (%d CPUs): scenario %s with volumes %s, %d runs each; `jsbench compare`'s defaults "+
		"(threshold %g%%, alpha %g). Each planted change is measured once and judged against each of the %d quiet sessions without change; "+
		"A/A pairs on a quiet host are every ordered pair of those.",
		when, host, cpus, t.plan.Scenario, strings.Join(t.plan.Volumes, ", "), t.plan.Runs,
		float64(compare.DefaultThresholdPct), compare.DefaultAlpha, len(t.unchanged(StateQuiet)))
	if total := timing[""]; total > 0 {
		var parts []string
		for _, s := range t.states() {
			parts = append(parts, fmt.Sprintf("%s %.0f min", stateTitles[s], timing[s]/60))
		}
		text += fmt.Sprintf(" Wall time of the measurements: %.0f min (%s).", total/60, strings.Join(parts, ", "))
	}
	return text
}

// stateHost is a state's host figures over its sessions.
type stateHost struct {
	sessions, busy, runs int
	refs, others         []float64
	loads                map[string]int
}

func (h stateHost) referenceMS() float64 {
	if len(h.refs) == 0 {
		return 0
	}
	return stats.Median(h.refs)
}

func (t tableData) hostFigures(state string) stateHost {
	h := stateHost{loads: map[string]int{}}
	for _, s := range t.plan.Sessions {
		m, ok := t.sessions[s.State+"/"+s.Name]
		if !ok || s.State != state {
			continue
		}
		h.sessions++
		a := noise.Assess(m.records)
		b, n := a.BusyCount()
		h.busy, h.runs = h.busy+b, h.runs+n
		for _, sess := range a.Sessions {
			h.loads[sess.Load]++
			if sess.ReferenceMS > 0 {
				h.refs = append(h.refs, sess.ReferenceMS)
			}
			if sess.OthersPct != nil {
				h.others = append(h.others, *sess.OthersPct)
			}
		}
	}
	return h
}

// hostLine sums up a state's hosts from the runs' figures.
func (t tableData) hostLine(state string) string {
	h := t.hostFigures(state)
	if h.sessions == 0 {
		return "not measured"
	}
	return fmt.Sprintf("%d sessions; reference workload %s typical; other work %s of the CPUs; busy runs %d of %d; steady state %s",
		h.sessions, spread(h.refs, " ms"), spread(h.others, "%"), h.busy, h.runs, loadCounts(h.loads))
}

// spread is a median over sessions with their range: "145 ms
// (140–160)".
func spread(x []float64, unit string) string {
	if len(x) == 0 {
		return "not measured"
	}
	return fmt.Sprintf("%.0f%s (%.0f–%.0f)", stats.Median(x), unit, slices.Min(x), slices.Max(x))
}

func loadCounts(loads map[string]int) string {
	var parts []string
	for _, l := range []string{noise.LoadIdle, noise.LoadSteady, noise.LoadHeavy} {
		if loads[l] > 0 {
			parts = append(parts, fmt.Sprintf("%s in %d", l, loads[l]))
		}
	}
	return strings.Join(parts, ", ")
}

func (t tableData) writeGoals(w io.Writer) {
	fmt.Fprintln(w, "\nGoals:")
	for _, g := range t.goals() {
		mark := "met"
		switch {
		case g.unassessed != "":
			mark = "not assessed: " + g.unassessed
		case !g.measured:
			mark = "not measured"
		case !g.met:
			mark = "NOT MET: " + strings.Join(g.failures, "; ")
		}
		fmt.Fprintf(w, "- %s: %s\n", g.text, mark)
	}
	if t.accepted != nil {
		text := "accepted"
		if !t.accepted.ok {
			text = "refused: " + t.accepted.reason
		}
		fmt.Fprintf(w, "- first night beside the idle cluster as the baseline: %s\n", text)
	}
}

// writeComparisons lists every comparison with its headline.
func (t tableData) writeComparisons(w io.Writer) {
	fmt.Fprintln(w, "\n<details><summary>Every comparison</summary>")
	fmt.Fprintln(w)
	for _, j := range t.judged {
		failed := ""
		if j.failed > 0 {
			failed = fmt.Sprintf(" (%d new runs failed)", j.failed)
		}
		fmt.Fprintf(w, "- %s, %s against %s%s: %s\n", j.state, j.current, j.base, failed, j.verdict.Headline())
	}
	for _, warning := range t.warnings {
		fmt.Fprintf(w, "- warning: %s\n", warning)
	}
	fmt.Fprintln(w, "\n</details>")
}
