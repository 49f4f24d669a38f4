package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// Table writes the terminal output, every line at most 100 columns wide:
// per scenario a table with a row per storage and the figures that decide
// (ready, against the recommended storage, restore, recovery, RTO, runs),
// then a table of the median of each phase per storage, the calibration
// tables of a calibrated scenario, and at the end the recommendation.
// The title names the subject, and says so loudly when it was the
// simulated controller.
func Table(w io.Writer, m Model) error {
	groups := map[string]scenarioSummaries{}
	for _, g := range groupByScenario(m.Summaries) {
		groups[g.name] = g
	}
	for _, r := range m.Recommendations {
		if _, err := io.WriteString(w, "\n"+scenarioTitle(r)); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
		if err := storageTable(w, r); err != nil {
			return err
		}
		if err := phaseTable(w, groups[r.Scenario], r); err != nil {
			return err
		}
		if c, ok := calibrationOf(m, r.Scenario); ok {
			if err := calibrationTables(w, c); err != nil {
				return err
			}
		}
		if err := scenarioFootnote(w, m, r.Scenario); err != nil {
			return err
		}
	}
	return Recommend(w, m)
}

func scenarioTitle(r Recommendation) string {
	subj := r.Subject
	title := fmt.Sprintf("Scenario %s — subject: %s (%s, %s)", r.Scenario, subj.Name, subj.Kind, subj.Runtime)
	if subj.JenkinsVersion != "" {
		title += ", version " + subj.JenkinsVersion
	}
	text := wrap(title, tableWidth, "", "  ")
	if subj.Simulated {
		text += wrap("SIMULATED CONTROLLER: these figures show how the storage changes Jenkins-like startup I/O; they are not Jenkins numbers.", tableWidth, "", "")
	}
	return text
}

// storageTable has a row per storage option, the recommended first: the
// medians of ready, restore and recovery in seconds, the figure against
// the recommended option's, the RTO judgement and the runs that came up.
func storageTable(w io.Writer, r Recommendation) error {
	table := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	rto := "RTO"
	if r.RTOMS > 0 {
		rto += " " + shortDuration(r.RTOMS)
	}
	table.Header("storage", "ready s", "vs best", "restore s", "recovery s", rto, "runs")
	for _, o := range orderForTable(r) {
		row := []any{storageLabel(o, r), "–", "–", "–", "–", rtoText(o.RTO), fmt.Sprintf("%d/%d", o.OK, o.Total)}
		if o.HasData {
			row[1] = secs(o.ReadyMS)
			if o.VsBest > 0 {
				row[2] = ratioText(o.VsBest)
			}
		}
		if o.Restored {
			row[3], row[4] = secs(o.RestoreMS), secs(o.RecoveryMS)
		}
		if err := table.Append(row...); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	if err := table.Render(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// orderForTable puts the recommended option first, then the others in
// rank order.
func orderForTable(r Recommendation) []Option {
	best, ok := r.Recommended()
	if !ok {
		return r.Options
	}
	out := []Option{best}
	for i, o := range r.Options {
		if i != r.Best {
			out = append(out, o)
		}
	}
	return out
}

func storageLabel(o Option, r Recommendation) string {
	switch {
	case r.Decided() && o.Volume == r.Options[r.Best].Volume:
		return o.Volume + " ★"
	case o.Difference != nil && !o.Difference.Distinct, !r.Decided() && r.Best >= 0 && o.Volume == r.Options[r.Best].Volume:
		return o.Volume + " ≈"
	case o.Ceiling:
		return o.Volume + " (ceiling)"
	}
	return o.Volume
}

func rtoText(status string) string {
	switch status {
	case RTOMet:
		return "met"
	case RTOAtRisk:
		return "at risk"
	case RTOMissed:
		return "missed"
	}
	return "–"
}

func secs(ms float64) string { return fmt.Sprintf("%.2f", ms/1000) }

// phaseTable has a row per logged phase and a column per storage, each
// cell the median in seconds.
func phaseTable(w io.Writer, sc scenarioSummaries, r Recommendation) error {
	phases := loggedPhases(sc)
	if len(phases) == 0 {
		return nil
	}
	if _, err := io.WriteString(w, "Median of each phase, seconds:\n"); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	table := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	volumes := orderForTable(r)
	header := []any{"phase"}
	for _, o := range volumes {
		header = append(header, o.Volume)
	}
	table.Header(header...)
	for _, phase := range phases {
		row := []any{phaseLabel(phase)}
		for _, o := range volumes {
			s := sc.byKey[stats.Key{Scenario: sc.name, Volume: o.Volume, Phase: phase}]
			cell := "–"
			if s.N > 0 {
				cell = secs(s.MedianMS)
			}
			row = append(row, cell)
		}
		if err := table.Append(row...); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	if err := table.Render(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// loggedPhases are a scenario's phases, without the whole-run figures
// the storage table shows.
func loggedPhases(sc scenarioSummaries) []string {
	whole := map[string]bool{}
	for _, p := range stats.PseudoPhases {
		whole[p.Name] = true
	}
	var out []string
	for _, p := range sc.phases.Names() {
		if !whole[p] {
			out = append(out, p)
		}
	}
	return out
}

// phaseLabels shorten the milestone names so that six storages fit 100
// columns; other phases keep their names.
var phaseLabels = map[string]string{
	"pre_jvm": "pre-JVM", "war_extraction": "war extraction", "http_open": "HTTP port open",
	"started_initialization": "init started", "listed_all_plugins": "plugins listed",
	"prepared_all_plugins": "plugins prepared", "started_all_plugins": "plugins started",
	"augmented_all_extensions": "extensions", "system_config_loaded": "config loaded",
	"system_config_adapted": "config adapted", "loaded_all_jobs": "jobs loaded",
	"configuration_for_all_jobs_updated": "jobs updated", "completed_initialization": "init completed",
	"fully_up": "fully up", FullyUpTotal: "total: fully up",
}

func phaseLabel(phase string) string {
	if l, ok := phaseLabels[phase]; ok {
		return l
	}
	return strings.ReplaceAll(phase, "_", " ")
}

// shortDuration writes an objective as a scenario gives it: 5m, 90s.
func shortDuration(ms float64) string {
	switch s := ms / 1000; {
	case s >= 60 && int(s)%60 == 0:
		return fmt.Sprintf("%dm", int(s)/60)
	case s >= 1:
		return fmt.Sprintf("%gs", s)
	}
	return fmt.Sprintf("%gms", ms)
}
