package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// endOrder lists endings in the order the summary names them.
var endOrder = []string{jenkinslog.EndStopped, jenkinslog.EndKilled, jenkinslog.EndFailed, jenkinslog.EndRebooted, jenkinslog.EndLogEnded}

// killedNote says what "killed" means in the history.
const killedNote = "killed: the next start began with no shutdown line before it (SIGKILL, the OOM killer, a crash, the host lost)"

// renderHistory prints the restart history: totals, gaps and outages,
// then a row per start listed (the first and last ones) and the
// longest outages.
func renderHistory(out *errWriter, h History) {
	out.printf("\nrestart history: %s, %d fully up, %d failed; ended: %s\n", plural(h.Starts, "start"), h.FullyUp, h.Failed, endings(h.Ended))
	if h.Ended[jenkinslog.EndKilled] > 0 {
		out.printf("  %s\n", killedNote)
	}
	if h.Reinits > 0 {
		out.printf("  the init reactor ran %s more in running JVMs (plugins installed without a restart, reloads): no starts\n", plural(h.Reinits, "time"))
	}
	out.printf("  gap between starts (last line of one to the first of the next): %s\n", durations(h.Gap, "gap"))
	out.printf("  down (last line of a start that was up to the next fully up): %s\n", durations(h.Down, "outage"))
	t := newTable(out, []tw.Align{tw.AlignRight, tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft})
	t.Header("start", "began", "previous start ended", "gap", "down", "this start")
	for _, r := range h.First {
		out.check(t.Append(historyRow(r)...))
	}
	if n := h.Starts - len(h.First) - len(h.Last); n > 0 {
		out.check(t.Append("…", plural(n, "start")+" not listed", "", "", "", ""))
	}
	for _, r := range h.Last {
		out.check(t.Append(historyRow(r)...))
	}
	out.check(t.Render())
	if !h.Listed() && len(h.Longest) > 0 {
		out.printf("  longest outages:\n")
		for _, r := range h.Longest {
			out.printf("    start %d at line %d: down %s, after %s\n", r.Start, r.FirstLine, span(*r.DownMS), endingText(r.PreviousEnded))
		}
	}
}

func historyRow(r Restart) []any {
	began := "-"
	if r.Began != nil {
		began = r.Began.Format(stampLayout)
	}
	return []any{r.Start, began, endingText(r.PreviousEnded), optSpan(r.GapMS), optSpan(r.DownMS), thisStart(r)}
}

func thisStart(r Restart) string {
	switch {
	case r.FullyUp && r.FullyUpMS != nil:
		return "up in " + span(*r.FullyUpMS)
	case r.FullyUp:
		return "fully up"
	}
	return "failed: " + r.Failure
}

// endingText says in a word how a start ended, with the line that shows
// it; the history's summary says what the words mean.
func endingText(e *Ending) string {
	if e == nil {
		return "-"
	}
	text := strings.ReplaceAll(e.How, "_", " ")
	if e.How == jenkinslog.EndKilled && strings.Contains(e.Message, "OutOfMemoryError") {
		text += " after an OutOfMemoryError"
	}
	if e.Line > 0 {
		text += fmt.Sprintf(" (line %d)", e.Line)
	}
	return text
}

// renderEnding says how a start kept whole ended, and about the init
// reactor's later runs in its JVM.
func renderEnding(out *errWriter, s Start) {
	e := s.Ended
	out.printf("  ended: %s", jenkinslog.DescribeEnding(e.How))
	if e.Line > 0 {
		out.printf(" (line %d: %s)", e.Line, e.Message)
	}
	if s.LastLineAt != nil {
		out.printf("; last timestamped line at %s", s.LastLineAt.Format(stampLayout))
	}
	out.printf("\n")
	if s.Reinits > 0 {
		out.printf("  the init reactor ran %s more in this JVM, first at line %d: plugins installed without a restart or a reload, no new start\n", plural(s.Reinits, "time"), s.FirstReinitLine)
	}
}

func endings(counts map[string]int) string {
	var parts []string
	seen := map[string]bool{}
	for _, how := range endOrder {
		if n := counts[how]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, jenkinslog.DescribeEnding(how)))
		}
		seen[how] = true
	}
	var other []string
	for how := range counts {
		if !seen[how] {
			other = append(other, how)
		}
	}
	sort.Strings(other)
	for _, how := range other {
		parts = append(parts, fmt.Sprintf("%d %s", counts[how], how))
	}
	return strings.Join(parts, ", ")
}

func durations(d Durations, what string) string {
	if d.N == 0 {
		return "none known"
	}
	median := span(d.MedianMS)
	if d.Approximate {
		median = "about " + median
	}
	return fmt.Sprintf("%s, median %s, longest %s", plural(d.N, what), median, span(d.MaxMS))
}

func optSpan(ms *float64) string {
	if ms == nil {
		return "-"
	}
	return span(*ms)
}

// span prints a duration for a person: milliseconds under a minute,
// then minutes and seconds, hours and minutes, days and hours.
func span(ms float64) string {
	s := int64(ms / 1000)
	switch {
	case ms < 60_000:
		return seconds(ms)
	case s < 3600:
		return fmt.Sprintf("%d min %02d s", s/60, s%60)
	case s < 48*3600:
		return fmt.Sprintf("%d h %02d min", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%d d %02d h", s/86400, s%86400/3600)
}

// numbers lists the numbers of the starts kept whole, ranges joined:
// "starts 1-5, 996-1000".
func numbers(starts []Start) string {
	var parts []string
	for i := 0; i < len(starts); {
		j := i
		for j+1 < len(starts) && starts[j+1].Number == starts[j].Number+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(starts[i].Number))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", starts[i].Number, starts[j].Number))
		}
		i = j + 1
	}
	return "starts " + strings.Join(parts, ", ")
}
