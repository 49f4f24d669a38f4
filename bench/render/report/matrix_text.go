package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// CellText is a matrix cell as a person reads it: the median time to
// fully up, "no recovery", how many runs failed, or "–" when not
// measured; a restore that lost data is marked ¹ (see LossNote).
func CellText(c Cell) string {
	switch {
	case !c.Measured() && c.Unmeasured > 0:
		return "not measured"
	case !c.Measured():
		return "–"
	case c.NotRecovered > 0:
		return "does not recover"
	case c.OK == 0:
		return fmt.Sprintf("failed %d/%d", c.Total-c.OK, c.Total)
	}
	s := durationText(c.Figure.MedianMS)
	if c.OK < c.Total {
		s += fmt.Sprintf(" (%d/%d failed)", c.Total-c.OK, c.Total)
	}
	if c.Restored > 0 {
		s += " ¹"
	}
	return s
}

// LossNote explains the ¹ of cells whose restore lost data.
func (m Matrix) LossNote() string {
	loss := 0.0
	expected := 0.0
	restored := false
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.Restored > 0 {
				restored = true
				loss, expected = max(loss, c.DataLossMaxS), max(expected, c.DataLossExpectedS)
			}
		}
	}
	switch {
	case !restored:
		return ""
	case loss == 0:
		return "¹ restored from the backup: loses the changes made since it was taken (give the volume backup_every to see how much)."
	}
	return fmt.Sprintf("¹ restored from the backup: loses the changes made since it was taken, %s on average and %s at worst (one backup every %s).",
		secondsText(expected), secondsText(loss), secondsText(loss))
}

// secondsText shows a span of seconds in its largest whole unit.
func secondsText(s float64) string {
	switch {
	case s >= 86400 && int(s)%86400 == 0:
		return fmt.Sprintf("%d d", int(s)/86400)
	case s >= 3600:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", s/3600), ".0") + " h"
	case s >= 60:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", s/60), ".0") + " min"
	}
	return fmt.Sprintf("%.0f s", s)
}

// Lines says the matrix's verdict: what survives, the storage to choose
// or that none can be named, what does not survive and why, and the
// timers behind the figures.
func (m Matrix) Lines() []string {
	v := m.Verdict
	within := ""
	if m.RTOMS > 0 {
		within = " within the RTO of " + durationText(m.RTOMS)
	}
	what := strings.Join(m.Survive, ", ")
	var lines []string
	switch {
	case len(v.Survivors) == 0:
		lines = append(lines, fmt.Sprintf("No storage survives every failure asked for (%s)%s: none can be recommended.", what, within))
	case v.Winner != "":
		w := v.Survivors[0]
		lines = append(lines, fmt.Sprintf("Recommended for JENKINS_HOME: %s, the fastest storage that survives %s%s: fully up %s after its slowest such failure (%s, %s).",
			w.Volume, what, within, durationText(w.Figure.MedianMS), w.Deciding, runsPhrase(Option{Figure: w.Figure})))
	default:
		names := []string{survivorText(v.Survivors[0])}
		var why []string
		for _, s := range v.Survivors[1:] {
			if s.Difference != nil && !s.Difference.Distinct {
				names = append(names, survivorText(s))
				why = append(why, s.Volume+": "+s.Difference.Why)
			}
		}
		lines = append(lines, fmt.Sprintf("These survive %s%s but are indistinguishable on these runs, so no fastest is named: %s (%s).",
			what, within, strings.Join(names, ", "), strings.Join(why, "; ")))
	}
	var others []string
	for _, s := range v.Survivors[min(1, len(v.Survivors)):] {
		if s.Difference == nil || s.Difference.Distinct {
			others = append(others, survivorText(s))
		}
	}
	if len(others) > 0 {
		lines = append(lines, "Also survive, slower: "+strings.Join(others, ", ")+".")
	}
	for _, f := range v.Fallen {
		lines = append(lines, fmt.Sprintf("%s does not survive: %s.", f.Volume, strings.TrimSuffix(f.Why, ".")))
	}
	if t := m.timersLine(); t != "" {
		lines = append(lines, t)
	}
	return lines
}

func survivorText(s Survivor) string {
	t := fmt.Sprintf("%s %s (%s)", s.Volume, durationText(s.Figure.MedianMS), s.Deciding)
	if s.DataLossMaxS > 0 {
		t += ", loses up to " + secondsText(s.DataLossMaxS) + " of changes"
	}
	return t
}

// timersLine names the cluster's timers the failovers were measured under.
func (m Matrix) timersLine() string {
	if len(m.Timers) == 0 {
		return ""
	}
	return "Measured under the cluster's timers: " + strings.Join(m.sortedTimers(), ", ") + "."
}

// matrixText writes each recovery matrix: failures down, storages
// across, the verdict, and each node or zone loss's phases.
func matrixText(w io.Writer, ms []Matrix) error {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\nRecovery matrix: %s (time from the loss until fully up, median)\n", m.Scenario)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		head := []string{"FAILURE"}
		for _, r := range m.Rows {
			head = append(head, r.Volume)
		}
		fmt.Fprintln(tw, strings.Join(head, "\t"))
		for i, c := range m.Columns {
			row := []string{c.Label}
			for _, r := range m.Rows {
				row = append(row, CellText(r.Cells[i]))
			}
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write recovery matrix: %w", err)
		}
		if note := m.LossNote(); note != "" {
			b.WriteString(wrap(note, tableWidth, "", "  "))
		}
		for _, line := range m.PhaseLines() {
			b.WriteString(wrap(line, tableWidth, "  ", "    "))
		}
		for _, line := range m.Lines() {
			b.WriteString(wrap(line, tableWidth, "  ", "    "))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write recovery matrix: %w", err)
	}
	return nil
}

// PhaseLines break down each recovered node or zone loss into its
// phases, each with its share of the time to fully up.
func (m Matrix) PhaseLines() []string {
	var lines []string
	for i, col := range m.Columns {
		if col.Action != subject.FailoverNodeLoss && col.Action != subject.FailoverZoneLoss {
			continue
		}
		for _, r := range m.Rows {
			c := r.Cells[i]
			if c.OK == 0 || len(c.Phases) == 0 {
				continue
			}
			var parts []string
			for _, p := range c.Phases {
				parts = append(parts, fmt.Sprintf("%s %s (%.0f%%)", p.Name, durationText(p.MedianMS), 100*p.Share))
			}
			lines = append(lines, fmt.Sprintf("%s, %s, %s: %s.", r.Volume, col.Label, durationText(c.Figure.MedianMS), strings.Join(parts, ", ")))
		}
	}
	return lines
}

// markdownMatrices writes each recovery matrix as a Markdown table with
// its verdict.
func markdownMatrices(b *strings.Builder, ms []Matrix) {
	for _, m := range ms {
		fmt.Fprintf(b, "### Recovery matrix: %s\n\n| failure |", escapeMarkdown(m.Scenario))
		for _, r := range m.Rows {
			fmt.Fprintf(b, " %s |", cell(r.Volume))
		}
		b.WriteString("\n|---|" + strings.Repeat("--:|", len(m.Rows)) + "\n")
		for i, c := range m.Columns {
			fmt.Fprintf(b, "| %s |", cell(c.Label))
			for _, r := range m.Rows {
				fmt.Fprintf(b, " %s |", cell(CellText(r.Cells[i])))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
		if note := m.LossNote(); note != "" {
			b.WriteString(escapeMarkdown(note) + "\n\n")
		}
		for _, line := range m.Lines() {
			b.WriteString("- " + escapeMarkdown(line) + "\n")
		}
		for _, line := range m.PhaseLines() {
			b.WriteString("- " + escapeMarkdown(line) + "\n")
		}
		b.WriteString("\n")
	}
}
