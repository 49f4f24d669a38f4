package report

import (
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/jsbench/jsbench/bench/stats"
)

// Table writes one terminal table per scenario: a row per phase (ready
// time last), a column per volume, each cell the median with the min and
// max over the measured runs, in seconds. The title names the subject,
// and says so loudly when it was the simulated controller.
func Table(w io.Writer, m Model) error {
	for _, sc := range groupByScenario(m.Summaries) {
		if _, err := fmt.Fprintf(w, "\n%s\n", scenarioTitle(sc)); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
		if err := scenarioTable(w, sc); err != nil {
			return err
		}
		if err := scenarioFootnote(w, m, sc.name); err != nil {
			return err
		}
	}
	return nil
}

func scenarioTitle(sc scenarioSummaries) string {
	subj := sc.subject
	title := fmt.Sprintf("Scenario %s — subject: %s (%s, %s)", sc.name, subj.Name, subj.Kind, subj.Runtime)
	if subj.JenkinsVersion != "" {
		title += ", version " + subj.JenkinsVersion
	}
	title += "\nEach cell: median (min–max) in seconds over the measured runs."
	if subj.Simulated {
		title += "\nSIMULATED CONTROLLER: these figures show how the storage changes Jenkins-like startup I/O; they are not Jenkins numbers."
	}
	return title
}

func scenarioTable(w io.Writer, sc scenarioSummaries) error {
	table := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	header := []any{"phase"}
	for _, v := range sc.volumes {
		header = append(header, v)
	}
	table.Header(header...)
	for _, phase := range sc.phases {
		row := []any{phase}
		for _, v := range sc.volumes {
			row = append(row, rangeCell(sc.byKey[stats.Key{Scenario: sc.name, Volume: v, Phase: phase}]))
		}
		if err := table.Append(row...); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	runs := []any{"runs ok / not finished"}
	for _, v := range sc.volumes {
		s := sc.byKey[stats.Key{Scenario: sc.name, Volume: v, Phase: "ready"}]
		runs = append(runs, fmt.Sprintf("%d / %d", s.N, sc.unfinished[v]))
	}
	if err := table.Append(runs...); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	if err := table.Render(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func rangeCell(s stats.Summary) string {
	if s.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f (%.2f–%.2f)", s.MedianMS/1000, s.MinMS/1000, s.MaxMS/1000)
}
