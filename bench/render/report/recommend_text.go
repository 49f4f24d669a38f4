package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Lines says the recommendation in a few plain sentences: the storage to
// choose, how much slower the others are, the ceilings apart, the
// recovery-time objective, and what the figures are (simulated or not).
func (r Recommendation) Lines() []string {
	var lines []string
	best, ok := r.Recommended()
	switch {
	case ok && r.Decided():
		lines = append(lines, fmt.Sprintf("Recommended for JENKINS_HOME: %s, the fastest durable storage: %s %s (%s).",
			best.Volume, figureWhat(best), durationText(best.Figure.MedianMS), runsPhrase(best)))
	case ok:
		lines = append(lines, r.tiedLine(best))
	default:
		lines = append(lines, "No durable storage came up: none can be recommended; see the failed runs.")
	}
	var slower, ceilings, down []string
	for i, o := range r.Options {
		switch {
		case !o.HasData:
			down = append(down, o.Volume)
		case o.Ceiling:
			ceilings = append(ceilings, fmt.Sprintf("%s %s%s", o.Volume, durationText(o.Figure.MedianMS), vsText(o, ok)))
		case i != r.Best && (o.Difference == nil || o.Difference.Distinct):
			slower = append(slower, fmt.Sprintf("%s %s (%s)", o.Volume, ratioText(o.VsBest), durationText(o.Figure.MedianMS)))
		}
	}
	if len(slower) > 0 {
		lines = append(lines, "Slower: "+strings.Join(slower, ", ")+".")
	}
	if len(ceilings) > 0 {
		lines = append(lines, "Ceiling, not a place for JENKINS_HOME (its content is lost with the pod): "+strings.Join(ceilings, ", ")+".")
	}
	if len(down) > 0 {
		lines = append(lines, "Did not come up: "+strings.Join(down, ", ")+".")
	}
	if rto := r.rtoLine(); rto != "" {
		lines = append(lines, rto)
	}
	return append(lines, subjectNote(r.Subject.Simulated, r.Subject.CalibratedFrom))
}

// tiedLine says that the first-ranked option and those tied with it
// cannot be told apart, and why: no winner is named.
func (r Recommendation) tiedLine(best Option) string {
	names := []string{fmt.Sprintf("%s %s", best.Volume, durationText(best.Figure.MedianMS))}
	var why []string
	for _, o := range r.Options {
		if o.Difference != nil && !o.Difference.Distinct {
			names = append(names, fmt.Sprintf("%s %s", o.Volume, durationText(o.Figure.MedianMS)))
			why = append(why, o.Volume+": "+o.Difference.Why)
		}
	}
	return fmt.Sprintf("No fastest storage can be named: %s (%s, medians) are indistinguishable on these runs (%s); measure more runs to tell them apart.",
		strings.Join(names, ", "), figureWhat(best), strings.Join(why, "; "))
}

func figureWhat(o Option) string {
	if o.Restored {
		return "restore + ready in"
	}
	return "ready in"
}

func runsPhrase(o Option) string {
	s := fmt.Sprintf("median of %d run", o.Figure.N)
	if o.Figure.N != 1 {
		s += "s"
	}
	if o.Figure.CIMethod != "" {
		s += fmt.Sprintf("; 95%% CI %s–%s", durationText(o.Figure.CILowMS), durationText(o.Figure.CIHighMS))
	}
	return s
}

func vsText(o Option, haveBest bool) string {
	if !haveBest || o.VsBest == 0 {
		return ""
	}
	return " (" + ratioText(o.VsBest) + " the recommended)"
}

// rtoLine says which options meet the recovery-time objective.
func (r Recommendation) rtoLine() string {
	if r.RTOMS <= 0 {
		return ""
	}
	groups := map[string][]string{}
	for _, o := range r.Options {
		groups[o.RTO] = append(groups[o.RTO], o.Volume)
	}
	var parts []string
	for _, g := range []struct{ status, label string }{{RTOMet, "met by"}, {RTOAtRisk, "at risk on"}, {RTOMissed, "missed by"}} {
		if vols := groups[g.status]; len(vols) > 0 {
			parts = append(parts, g.label+" "+strings.Join(vols, ", "))
		}
	}
	return fmt.Sprintf("Recovery-time objective %s (restore + ready): %s.", durationText(r.RTOMS), strings.Join(parts, "; "))
}

// subjectNote says what the figures are.
func subjectNote(simulated bool, calibratedFrom string) string {
	switch {
	case simulated && calibratedFrom != "":
		return "Simulated, calibrated from " + filepath.Base(calibratedFrom) + ": what the storages would do to that Jenkins's start, not measured Jenkins numbers."
	case simulated:
		return "Simulated controller: the storages compared on Jenkins's startup file work, not Jenkins numbers."
	}
	return "Measured on Jenkins itself."
}

// Recommend writes every scenario's recommendation as text, under a
// heading: the end of the terminal output.
func Recommend(w io.Writer, m Model) error {
	if len(m.Recommendations) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\nRecommendation\n")
	for _, r := range m.Recommendations {
		fmt.Fprintf(&b, "\n%s:\n", r.Scenario)
		for _, line := range r.Lines() {
			b.WriteString(wrap(line, tableWidth, "  ", "    "))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write recommendation: %w", err)
	}
	return matrixText(w, m.Matrices)
}

// tableWidth is the terminal width every line of the terminal output fits.
const tableWidth = 100

// wrap breaks text into lines of at most width runes at spaces; the first
// line starts with first, the others with rest.
func wrap(text string, width int, first, rest string) string {
	var b strings.Builder
	line, indent := first, first
	for _, word := range strings.Fields(text) {
		if len([]rune(line))+1+len([]rune(word)) > width && line != indent {
			b.WriteString(line + "\n")
			line, indent = rest, rest
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}

// durationText shows a duration with the precision a person reads.
func durationText(ms float64) string {
	switch {
	case ms >= 120_000:
		return fmt.Sprintf("%.1f min", ms/60_000)
	case ms >= 10_000:
		return fmt.Sprintf("%.1f s", ms/1000)
	case ms >= 1000:
		return fmt.Sprintf("%.2f s", ms/1000)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

func ratioText(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

// markdownRecommendations writes each scenario's recommendation as a
// short list, its first line in bold: what a nightly job posts first.
func markdownRecommendations(b *strings.Builder, recs []Recommendation) {
	for _, r := range recs {
		lines := r.Lines()
		fmt.Fprintf(b, "**%s** — %s\n\n", escapeMarkdown(r.Scenario), escapeMarkdown(lines[0]))
		for _, line := range lines[1:] {
			b.WriteString("- " + escapeMarkdown(line) + "\n")
		}
		b.WriteString("\n")
	}
}
