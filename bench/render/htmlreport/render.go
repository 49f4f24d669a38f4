package htmlreport

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// Options adds to a report.Model what only the HTML page shows.
type Options struct {
	// History holds earlier results of the same benchmark, oldest first,
	// such as the entries of a nightly history directory. With at least
	// one, each scenario gets a trend chart ending at the report's own
	// results.
	History []Past
}

// Past is one earlier set of results on the trend axis.
type Past struct {
	// Label names it on the axis, such as a history entry's name.
	Label   string
	Records []results.Record
}

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"join": strings.Join,
}).Parse(pageTemplate))

// Render writes the model as one self-contained HTML page: headline
// verdict, charts, tables and environment, with the chart library
// embedded so that the file opens from disk with no network.
func Render(w io.Writer, m report.Model, o Options) error {
	v := buildPage(m, o)
	v.EChartsJS, v.AppJS, v.CSS = template.JS(echartsJS), template.JS(appJS), template.CSS(styleCSS)
	if err := page.Execute(w, v); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// Renderer adapts Render to the report formats' signature.
func Renderer(o Options) report.Renderer {
	return func(w io.Writer, m report.Model) error { return Render(w, m, o) }
}

// HTML renders the model without history: the "html" report format.
func HTML(w io.Writer, m report.Model) error { return Render(w, m, Options{}) }
