package analysis

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

//go:embed web/analysis.html.tmpl
var pageTemplate string

//go:embed web/analysis.css
var pageCSS string

var page = template.Must(template.New("analysis").Parse(pageTemplate))

// RenderHTML writes the report as one self-contained page: no script,
// no network, log text escaped by html/template. The history, phases and
// failures read as plain tables, so the page shows the same under a
// Content-Security-Policy that blocks scripts and styles.
func RenderHTML(w io.Writer, r Report) error {
	v := htmlPage{CSS: template.CSS(pageCSS), Report: r}
	for _, f := range r.Files {
		v.Files = append(v.Files, fileView(f))
	}
	if len(r.Comparison) > 0 {
		v.Comparison = comparisonView(r.Comparison)
	}
	if err := page.Execute(w, v); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

type htmlPage struct {
	CSS        template.CSS
	Report     Report
	Files      []htmlFile
	Comparison *htmlTable
}

type htmlFile struct {
	File
	Summary, Killed, Gaps, Downs string
	Rows                         []htmlRow
	Unlisted                     string
	Longest                      []htmlRow
	Detail                       string
	Starts                       []htmlStart
}

// htmlRow is a row of the history; Class marks failed starts.
type htmlRow struct {
	Cells []string
	Class string
}

type htmlStart struct {
	Start
	Headline, Timing, Ending, Reinits string
	Bars                              []htmlBar
}

// htmlBar is a phase drawn as a bar: Left and Width in percent of the
// start's total.
type htmlBar struct {
	Name, From, Duration string
	Left, Width          float64
}

type htmlTable struct {
	Header []string
	Rows   [][]string
}

func fileView(f File) htmlFile {
	v := htmlFile{File: f}
	h := f.History
	v.Summary = fmt.Sprintf("%s, %d fully up, %d failed; ended: %s", plural(h.Starts, "start"), h.FullyUp, h.Failed, endings(h.Ended))
	v.Gaps, v.Downs = durations(h.Gap, "gap"), durations(h.Down, "outage")
	if h.Ended[jenkinslog.EndKilled] > 0 {
		v.Killed = killedNote
	}
	for _, r := range h.First {
		v.Rows = append(v.Rows, rowView(r))
	}
	if n := h.Starts - len(h.First) - len(h.Last); n > 0 {
		v.Unlisted = plural(n, "start") + " not listed"
	}
	for _, r := range h.Last {
		v.Rows = append(v.Rows, rowView(r))
	}
	if !h.Listed() {
		for _, r := range h.Longest {
			v.Longest = append(v.Longest, rowView(r))
		}
	}
	if omitted := f.StartCount - len(f.Starts); omitted > 0 {
		v.Detail = fmt.Sprintf("In detail: %s; the other %s are in the restart history only.", numbers(f.Starts), plural(omitted, "start"))
	}
	for _, s := range f.Starts {
		v.Starts = append(v.Starts, startView(s))
	}
	return v
}

func rowView(r Restart) htmlRow {
	cells := historyRow(r)
	row := htmlRow{}
	for _, c := range cells {
		row.Cells = append(row.Cells, fmt.Sprint(c))
	}
	if !r.FullyUp {
		row.Class = "failed"
	}
	return row
}

func startView(s Start) htmlStart {
	v := htmlStart{Start: s, Headline: fmt.Sprintf("Start %d (lines %d–%d)%s: %s", s.Number, s.FirstLine, s.LastLine, version(s.Version), headline(s))}
	if s.Origin != nil {
		v.Timing = fmt.Sprintf("First timestamped line at %s, timed by %s.", s.Origin.Format(stampLayout), clockText(s))
	}
	if s.FullyUpAt != nil {
		v.Timing += fmt.Sprintf(" Fully up at %s, %s after it.", s.FullyUpAt.Format(stampLayout), seconds(*s.FullyUpMS))
	}
	v.Ending = "Ended: " + jenkinslog.DescribeEnding(s.Ended.How)
	if s.Ended.Line > 0 {
		v.Ending += fmt.Sprintf(" (line %d: %s)", s.Ended.Line, s.Ended.Message)
	}
	if s.Reinits > 0 {
		v.Reinits = fmt.Sprintf("The init reactor ran %s more in this JVM, first at line %d: plugins installed without a restart or a reload, no new start.", plural(s.Reinits, "time"), s.FirstReinitLine)
	}
	for _, p := range s.Phases {
		b := htmlBar{Name: p.Name, From: seconds(p.StartMS), Duration: seconds(p.DurationMS)}
		if p.Skipped {
			b.Name += " (skipped)"
		}
		if s.TotalMS > 0 {
			b.Left, b.Width = 100*p.StartMS/s.TotalMS, 100*p.DurationMS/s.TotalMS
		}
		v.Bars = append(v.Bars, b)
	}
	return v
}

func comparisonView(cols []Column) *htmlTable {
	t := &htmlTable{Header: []string{""}}
	fully := []string{"fully up"}
	for _, c := range cols {
		t.Header = append(t.Header, fmt.Sprintf("%s (start %d)", c.File, c.Start))
		fully = append(fully, fullyUpCell(c))
	}
	t.Rows = append(t.Rows, fully)
	for _, name := range phaseOrder {
		if row, ok := phaseRow(name, cols); ok {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = fmt.Sprint(c)
			}
			t.Rows = append(t.Rows, cells)
		}
	}
	return t
}

// Title names the page after its files.
func (p htmlPage) Title() string {
	var names []string
	for _, f := range p.Report.Files {
		names = append(names, f.Name)
	}
	return "jsbench analyze: " + strings.Join(names, ", ")
}
