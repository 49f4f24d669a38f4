package analysis

import (
	"fmt"
	"io"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// phaseOrder is the order of phases in the comparison: the order Jenkins
// goes through them.
var phaseOrder = []string{
	jenkinslog.Launch, jenkinslog.WarExtraction, jenkinslog.HTTPOpen,
	jenkinslog.StartedInitialization, jenkinslog.ListedAllPlugins, jenkinslog.PreparedAllPlugins,
	jenkinslog.StartedAllPlugins, jenkinslog.AugmentedAllExtensions, jenkinslog.SystemConfigLoaded,
	jenkinslog.SystemConfigAdapted, jenkinslog.LoadedAllJobs, jenkinslog.ConfigurationForAllJobsUpdated,
	jenkinslog.CompletedInitialization, jenkinslog.FullyUp,
}

// RenderText writes the report for a person: per file and start a table
// of phases, then failures and warnings, then the comparison.
func RenderText(w io.Writer, r Report) error {
	out := &errWriter{w: w}
	for i, f := range r.Files {
		if i > 0 {
			out.printf("\n")
		}
		renderFile(out, f)
	}
	if len(r.Comparison) > 0 {
		out.printf("\ncomparison (per file the last start that reached fully up, else the last start):\n")
		renderComparison(out, r.Comparison)
	}
	return out.err
}

func renderFile(out *errWriter, f File) {
	out.printf("%s: %d lines, %s\n", f.Name, f.Lines, plural(f.StartCount, "start"))
	if f.Zone != "" {
		out.printf("  timestamps without a zone were read as %s (set another with --tz)\n", f.Zone)
	}
	renderWarnings(out, "  ", f.Warnings)
	if f.StartCount > 1 {
		renderHistory(out, f.History)
	}
	if omitted := f.StartCount - len(f.Starts); omitted > 0 {
		out.printf("\nin detail: %s; the other %s are in the restart history only\n", numbers(f.Starts), plural(omitted, "start"))
	}
	for _, s := range f.Starts {
		renderStart(out, s)
	}
}

func renderStart(out *errWriter, s Start) {
	out.printf("\nstart %d (lines %d-%d)%s: %s\n", s.Number, s.FirstLine, s.LastLine, version(s.Version), headline(s))
	if s.Origin != nil {
		out.printf("  first timestamped line at %s, timed by %s\n", s.Origin.Format(stampLayout), clockText(s))
	}
	if s.FullyUpAt != nil {
		out.printf("  fully up at %s (%s after the first timestamped line)\n", s.FullyUpAt.Format(stampLayout), seconds(*s.FullyUpMS))
	}
	if len(s.Phases) > 0 {
		renderPhases(out, s)
	}
	renderEnding(out, s)
	renderTasks(out, s.SlowestTasks)
	renderFailure(out, s.Failure)
	renderWarnings(out, "  ", s.Warnings)
}

func headline(s Start) string {
	switch {
	case s.FullyUp:
		return "fully up"
	case s.Failure != nil:
		return "failed (" + s.Failure.Signature + ")"
	}
	return "not fully up"
}

func version(v string) string {
	if v == "" {
		return ""
	}
	return ", Jenkins " + v
}

func renderPhases(out *errWriter, s Start) {
	t := newTable(out, []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight})
	t.Header("phase", "from start", "duration")
	for _, p := range s.Phases {
		name := p.Name
		if p.Skipped {
			name += " (skipped)"
		}
		out.check(t.Append(name, seconds(p.StartMS), seconds(p.DurationMS)))
	}
	out.check(t.Append("total", "", seconds(s.TotalMS)))
	out.check(t.Render())
}

func renderTasks(out *errWriter, tasks []Task) {
	if len(tasks) == 0 {
		return
	}
	out.printf("  slowest startup tasks:\n")
	for _, t := range tasks {
		out.printf("    %10s  %s\n", seconds(t.DurationMS), t.Name)
	}
}

func renderFailure(out *errWriter, f *Failure) {
	if f == nil {
		return
	}
	out.printf("  failure (%s): %s\n", f.Signature, f.Reason)
	if f.Exception != "" {
		out.printf("    first exception: %s\n", f.Exception)
	}
	for _, s := range f.Severe {
		out.printf("    SEVERE: %s\n", s)
	}
	if len(f.LastLines) > 0 {
		out.printf("    last lines:\n")
		for _, l := range f.LastLines {
			out.printf("      | %s\n", l)
		}
	}
}

func renderWarnings(out *errWriter, indent string, ws []Warning) {
	for _, w := range ws {
		if w.Line > 0 {
			out.printf("%swarning (line %d): %s\n", indent, w.Line, w.Message)
		} else {
			out.printf("%swarning: %s\n", indent, w.Message)
		}
	}
}

// renderComparison prints one column per file: fully-up time, then each
// phase's duration.
func renderComparison(out *errWriter, cols []Column) {
	aligns := []tw.Align{tw.AlignLeft}
	header := []any{""}
	for _, c := range cols {
		aligns = append(aligns, tw.AlignRight)
		header = append(header, fmt.Sprintf("%s (start %d)", c.File, c.Start))
	}
	t := newTable(out, aligns)
	t.Header(header...)
	row := []any{"fully up"}
	for _, c := range cols {
		row = append(row, fullyUpCell(c))
	}
	out.check(t.Append(row...))
	for _, name := range phaseOrder {
		if row, ok := phaseRow(name, cols); ok {
			out.check(t.Append(row...))
		}
	}
	out.check(t.Render())
}

func phaseRow(name string, cols []Column) ([]any, bool) {
	row, seen := []any{name}, false
	for _, c := range cols {
		d, ok := c.PhasesMS[name]
		if !ok {
			row = append(row, "-")
			continue
		}
		row, seen = append(row, seconds(d)), true
	}
	return row, seen
}

func newTable(w io.Writer, aligns []tw.Align) *tablewriter.Table {
	return tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
	)
}

// seconds prints milliseconds as seconds to the millisecond.
func seconds(ms float64) string { return fmt.Sprintf("%.3f s", ms/1000) }

func fullyUpCell(c Column) string {
	switch {
	case c.FullyUpMS != nil:
		return seconds(*c.FullyUpMS)
	case c.Failure != "":
		return "no: " + c.Failure
	}
	return "-"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// errWriter keeps the first write error, so that rendering code reads
// straight and the error is still returned.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}

func (e *errWriter) check(err error) {
	if e.err == nil && err != nil {
		e.err = err
	}
}

// clockText says in words what a start was timed by.
func clockText(s Start) string {
	return jenkinslog.Clock{Source: s.Clock, Resolution: time.Duration(s.ClockResolutionNS)}.Describe()
}
