package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// calibrationOf finds the calibration of a scenario.
func calibrationOf(m Model, scenario string) (Calibration, bool) {
	for _, c := range m.Calibrations {
		if c.Scenario == scenario {
			return c, true
		}
	}
	return Calibration{}, false
}

// CalibrationText writes, for each calibrated scenario, the source log's
// phases next to the simulated local-disk start and what each storage
// predicts, with the file operations that explain an emulated storage's
// extra time: `jsbench report --format calibration` and `make calibration`.
func CalibrationText(w io.Writer, m Model) error {
	if len(m.Calibrations) == 0 {
		_, err := io.WriteString(w, "No calibrated scenario in these results (subject.calibrate names the log).\n")
		return err
	}
	for _, c := range m.Calibrations {
		if _, err := fmt.Fprintf(w, "\nScenario %s\n", c.Scenario); err != nil {
			return fmt.Errorf("write calibration: %w", err)
		}
		if err := calibrationTables(w, c); err != nil {
			return err
		}
	}
	return nil
}

// calibrationTables writes the two tables of one calibration.
func calibrationTables(w io.Writer, c Calibration) error {
	var b strings.Builder
	version := ""
	if c.JenkinsVersion != "" {
		version = ", Jenkins " + c.JenkinsVersion
	}
	b.WriteString(wrap(fmt.Sprintf("Simulated, calibrated from %s%s: the log against the simulated start on %s (median), seconds; "+
		"judged within ±%.0f%% are fully up and the phases of %.1f s or more.", c.Source, version, orNone(c.Local), CalibrationTolerance*100, JudgedPhaseMS/1000.0), tableWidth, "", ""))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write calibration: %w", err)
	}
	table := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	table.Header("phase", "log", "simulated", "difference", "±20%")
	for _, row := range append(append([]CalibrationRow{}, c.Phases...), c.FullyUp) {
		if err := table.Append(calibrationRow(row)...); err != nil {
			return fmt.Errorf("write calibration: %w", err)
		}
	}
	if err := table.Render(); err != nil {
		return fmt.Errorf("write calibration: %w", err)
	}
	if err := predictionTable(w, c); err != nil {
		return err
	}
	var notes strings.Builder
	for _, p := range c.Predictions {
		if len(p.TopOps) > 0 {
			notes.WriteString(wrap(opsSentence(p), tableWidth, "", "  "))
		}
	}
	notes.WriteString(wrap("War: "+c.Workload+"; plugins and jobs: the scenario's home.", tableWidth, "", "  "))
	for _, warning := range c.Warnings {
		notes.WriteString(wrap("warning: "+warning, tableWidth, "", "  "))
	}
	if _, err := io.WriteString(w, notes.String()); err != nil {
		return fmt.Errorf("write calibration: %w", err)
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "no durable volume"
	}
	return s
}

func calibrationRow(r CalibrationRow) []any {
	row := []any{phaseLabel(r.Name), secs(r.LogMS), "–", "–", ""}
	if !r.HasSim {
		return row
	}
	row[2] = secs(r.SimMS)
	if r.LogMS > 0 {
		row[3] = fmt.Sprintf("%+.0f%%", (r.SimMS-r.LogMS)/r.LogMS*100)
	} else {
		row[3] = fmt.Sprintf("%+.2f s", r.SimMS/1000)
	}
	if r.Judged {
		row[4] = "outside"
		if r.Within {
			row[4] = "within"
		}
	}
	return row
}

// predictionTable has a row per storage: the predicted fully-up time.
func predictionTable(w io.Writer, c Calibration) error {
	if _, err := io.WriteString(w, "What each storage predicts for that Jenkins (first log line to fully up):\n"); err != nil {
		return fmt.Errorf("write calibration: %w", err)
	}
	table := tablewriter.NewTable(w, tablewriter.WithHeaderAutoFormat(tw.Off))
	table.Header("storage", "fully up", "× local", "file ops", "injected", "runs")
	for _, p := range c.Predictions {
		name := p.Volume
		if p.Ceiling {
			name += " (ceiling)"
		}
		row := []any{name, durationText(p.FullyUpMS), "–", "–", "–", fmt.Sprint(p.N)}
		if p.VsLocal > 0 {
			row[2] = ratioText(p.VsLocal)
		}
		if p.Ops > 0 {
			row[3], row[4] = fmt.Sprint(p.Ops), durationText(p.InjectedMS)
		}
		if err := table.Append(row...); err != nil {
			return fmt.Errorf("write calibration: %w", err)
		}
	}
	if err := table.Render(); err != nil {
		return fmt.Errorf("write calibration: %w", err)
	}
	return nil
}

// opsSentence explains an emulated storage's extra time by its costliest
// operations: count × mean injected latency. The reactor's threads run
// some of them side by side, so they may add up to more than the wall
// time they cost.
func opsSentence(p Prediction) string {
	var parts []string
	for _, o := range p.TopOps { // costliest first (opCosts)
		if o.Count > 0 {
			parts = append(parts, fmt.Sprintf("%d %s × %.2f ms = %s", o.Count, o.Op, o.InjectedMS/float64(o.Count), durationText(o.InjectedMS)))
		}
	}
	return fmt.Sprintf("%s: %d file operations, %s of latency injected in all; most from %s.", p.Volume, p.Ops, durationText(p.InjectedMS), strings.Join(parts, ", "))
}

// markdownCalibrations writes each calibration's log-against-simulation
// table, for the Markdown report.
func markdownCalibrations(b *strings.Builder, cals []Calibration) {
	for _, c := range cals {
		fmt.Fprintf(b, "\n**%s**: simulated, calibrated from %s", escapeMarkdown(c.Scenario), escapeMarkdown(c.Source))
		if c.JenkinsVersion != "" {
			fmt.Fprintf(b, " (Jenkins %s)", escapeMarkdown(c.JenkinsVersion))
		}
		fmt.Fprintf(b, ": the log against the simulated start on %s.\n\n", escapeMarkdown(orNone(c.Local)))
		b.WriteString("| phase | log s | simulated s | difference | ±20% |\n|---|--:|--:|--:|---|\n")
		for _, row := range append(append([]CalibrationRow{}, c.Phases...), c.FullyUp) {
			cells := calibrationRow(row)
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", cell(fmt.Sprint(cells[0])), cells[1], cells[2], cells[3], cells[4])
		}
		b.WriteString("\n| storage | fully up | × local | file operations | latency injected |\n|---|--:|--:|--:|--:|\n")
		for _, p := range c.Predictions {
			vs, ops, inj := "–", "–", "–"
			if p.VsLocal > 0 {
				vs = ratioText(p.VsLocal)
			}
			if p.Ops > 0 {
				ops, inj = fmt.Sprint(p.Ops), durationText(p.InjectedMS)
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", cell(p.Volume), durationText(p.FullyUpMS), vs, ops, inj)
		}
	}
}
