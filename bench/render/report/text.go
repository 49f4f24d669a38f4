package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/jsbench/jsbench/bench/analyze/compare"
)

// Text writes the Model as aligned plain-text tables for a terminal: the
// verdict first when there is one, then the summaries, then warnings.
func Text(w io.Writer, m Model) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if v := m.Verdict; v != nil {
		verdictRows(tw, *v)
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, "SCENARIO\tVOLUME\tPHASE\tN\tMEDIAN MS\t95% CI MS\tP5\tP95\tIQR\tOUTLIERS\tNOT FINISHED")
	for _, s := range m.Summaries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", s.Scenario, s.Volume, s.Phase, s.N,
			ms(s.MedianMS), ciText(s), ms(s.P5MS), ms(s.P95MS), ms(s.IQRMS), len(s.Outliers), unfinished(s))
	}
	textPaired(tw, m.Paired)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	var b strings.Builder
	for _, line := range hostLines(m) {
		fmt.Fprintf(&b, "%s\n", line)
	}
	for _, line := range warningLines(m) {
		fmt.Fprintf(&b, "warning: %s\n", line)
	}
	if m.Verdict != nil {
		fmt.Fprintf(&b, "\n%s\n", m.Verdict.Headline())
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// Verdict writes the comparison with the baseline alone: a row per
// scenario, volume and phase, then the verdict's headline. It writes
// nothing when the Model has no baseline.
func Verdict(w io.Writer, m Model) error {
	if m.Verdict == nil {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	verdictRows(tw, *m.Verdict)
	fmt.Fprintf(tw, "\n%s\n", m.Verdict.Headline())
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write verdict: %w", err)
	}
	return nil
}

func verdictRows(w io.Writer, v compare.Verdict) {
	fmt.Fprintln(w, "SCENARIO/VOLUME/PHASE\tSTATUS\tGATE\tBASELINE MS\tNEW MS\tCHANGE [CI]\tPAIRED RATIO\tP\tWHY")
	for _, r := range v.Rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Key, r.Status, r.Gate, ms(r.BaselineMedianMS),
			ms(r.CurrentMedianMS), changeText(r), pairedChangeText(r), pText(r.Test.P, r.Test.Method), r.Reason)
	}
}

func pText(p float64, method string) string {
	if method == "" {
		return "–"
	}
	return fmt.Sprintf("%.3g", p)
}

// warningLines gathers every warning of the Model, each naming what it
// is about. A warning that several phases of one scenario × volume share
// is said once, naming the phases.
func warningLines(m Model) []string {
	lines := append([]string{}, m.Warnings...)
	type group struct {
		sv, text string
		phases   []string
	}
	var order []*group
	groups := map[[2]string]*group{}
	for _, s := range m.Summaries {
		sv := s.Scenario + "/" + s.Volume
		for _, w := range s.Warnings {
			g := groups[[2]string{sv, w}]
			if g == nil {
				g = &group{sv: sv, text: w}
				groups[[2]string{sv, w}] = g
				order = append(order, g)
			}
			g.phases = append(g.phases, s.Phase)
		}
	}
	for _, g := range order {
		phases := g.phases[0]
		if len(g.phases) > 1 {
			phases = "{" + strings.Join(g.phases, ",") + "}"
		}
		lines = append(lines, g.sv+"/"+phases+": "+g.text)
	}
	lines = append(lines, hostWarnings(m.Records)...)
	for _, p := range m.Paired {
		for _, w := range p.Warnings {
			lines = append(lines, p.Scenario+"/"+p.Volume+" paired with "+p.Reference+": "+w)
		}
	}
	if v := m.Verdict; v != nil {
		lines = append(lines, v.Warnings...)
		for _, u := range v.UnusableLines() {
			lines = append(lines, "unusable: "+u)
		}
	}
	return lines
}
