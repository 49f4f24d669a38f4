package htmlreport

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// chartSpec is one interactive chart: the id of its container and the
// ECharts option that go-echarts built. The page's script hands the
// option to echarts.setOption; go-echarts' own page templates, which
// link its CDN host, are never used.
type chartSpec struct {
	ID     string         `json:"id"`
	Option map[string]any `json:"option"`
}

// chartHeight is the height of every interactive chart's container.
const chartHeight = 380

func commonOptions(title, subtitle string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle, Left: "center"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
	}
}

// bottomGrid leaves room for the title above and the legend below.
var bottomGrid = charts.WithGridOpts(opts.Grid{Left: "24", Right: "32", Top: "72", Bottom: "64", ContainLabel: opts.Bool(true)})

// waterfallChart is the phase waterfall: one horizontal bar per option,
// stacked from the medians of its phases.
func waterfallChart(id string, w waterfall) chartSpec {
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(commonOptions("Where the startup time goes: "+w.Scenario,
		"median of each phase, in "+w.Unit.long+"; fastest option on top"),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "median duration (" + w.Unit.long + ")",
			NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: "storage", NameLocation: "start", Inverse: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Orient: "vertical", Right: "0", Top: "56"}),
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "230", Top: "64", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithColorsOpts(colors(w.Phases)),
	)...)
	bar.SetXAxis(w.Volumes).XYReversal()
	for i, p := range w.Phases {
		data := make([]opts.BarData, len(w.Volumes))
		for j := range w.Volumes {
			data[j] = opts.BarData{Value: w.Unit.of(w.MS[i][j])}
		}
		bar.AddSeries(phaseLabel(p), data, charts.WithBarChartOpts(opts.BarChart{Stack: "phases"}))
	}
	bar.Validate()
	return chartSpec{ID: id, Option: bar.JSON()}
}

// distributionChart shows the ranked figure of every run: a box per
// option (whiskers at the extremes) with each run as a point over it.
func distributionChart(id string, d *scenarioData, ranked []option) chartSpec {
	var names []string
	var all []float64
	for _, o := range ranked {
		if o.HasData {
			names = append(names, o.Volume)
			all = append(all, o.Figure.MaxMS)
		}
	}
	u := chartUnit(all...)
	what := "time to ready"
	if anyRestored(ranked) {
		what = "time to ready, restore included"
	}
	box := charts.NewBoxPlot()
	box.SetGlobalOptions(append(commonOptions("Every run: "+d.name, what+" · box: quartiles, whiskers: fastest and slowest"),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: "storage", NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: u.long}),
		bottomGrid,
		charts.WithColorsOpts(opts.Colors{"#2f6db5", "#e8833a"}),
	)...)
	box.SetXAxis(names)
	var boxes []opts.BoxPlotData
	var points []opts.ScatterData
	for _, o := range ranked {
		if !o.HasData {
			continue
		}
		boxes = append(boxes, opts.BoxPlotData{Name: o.Volume, Value: fiveNumbers(o.Figure, u)})
		for k, ms := range o.Figure.SamplesMS {
			points = append(points, opts.ScatterData{Name: runName(o.Figure, k), Value: []any{o.Volume, u.of(ms)}})
		}
	}
	box.AddSeries("distribution", boxes)
	scatter := charts.NewScatter()
	scatter.AddSeries("runs", points, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 9}))
	box.Overlap(scatter)
	box.Validate()
	return chartSpec{ID: id, Option: box.JSON()}
}

// fiveNumbers are the box's minimum, quartiles, median and maximum.
func fiveNumbers(s stats.Summary, u unit) []float64 {
	sorted := sortedCopy(s.SamplesMS)
	return []float64{u.of(sorted[0]), u.of(stats.Quantile(sorted, 0.25)), u.of(s.MedianMS),
		u.of(stats.Quantile(sorted, 0.75)), u.of(sorted[len(sorted)-1])}
}

func runName(s stats.Summary, k int) string {
	if k < len(s.Iterations) {
		return "run " + itoa(s.Iterations[k])
	}
	return "run"
}

func anyRestored(ranked []option) bool {
	for _, o := range ranked {
		if o.Restored {
			return true
		}
	}
	return false
}
