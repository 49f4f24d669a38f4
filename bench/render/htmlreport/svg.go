package htmlreport

import (
	"math"
	"strconv"
)

// svgChart is the static phase waterfall, drawn as inline SVG with
// presentation attributes only: it shows where scripts and style sheets
// are blocked (see the package comment).
type svgChart struct {
	ID            string
	Title         string
	Width, Height int
	Rows          []svgRow
	Ticks         []svgTick
	Legend        []svgLegend
	// Plot area and axis.
	PlotX, PlotRight, PlotTop, AxisY int
	AxisLabel                        string
	AxisLabelX                       int
}

type svgRow struct {
	Label    string
	Y, TextY int
	Height   int
	Segments []svgSegment
	Total    string
	TotalX   float64
}

type svgSegment struct {
	X, W  float64
	Color string
	Title string
}

type svgTick struct {
	X     float64
	Label string
}

type svgLegend struct {
	X, Y         int
	Color, Label string
}

// Layout of the static chart, in pixels.
const (
	svgWidth     = 760
	svgLabelW    = 130
	svgTotalW    = 80
	svgRowH      = 34
	svgBarH      = 22
	svgTop       = 8
	svgAxisH     = 44
	svgLegendCol = 190
	svgLegendRow = 20
)

// staticWaterfall lays out w as an SVG chart.
func staticWaterfall(id string, w waterfall) svgChart {
	c := svgChart{ID: id, Title: "Median phase durations per storage option, scenario " + w.Scenario,
		Width: svgWidth, PlotX: svgLabelW, PlotRight: svgWidth - svgTotalW, PlotTop: svgTop}
	span := 0.0
	for j := range w.Volumes {
		span = max(span, w.barMS(j), w.TotalMS[j])
	}
	step := niceStep(span, 6)
	axisMax := math.Max(step, math.Ceil(span/step)*step)
	scale := float64(c.PlotRight-c.PlotX) / axisMax
	colorOf := colors(w.Phases)
	for j, v := range w.Volumes {
		c.Rows = append(c.Rows, svgRowOf(j, v, w, scale, colorOf))
	}
	c.AxisY = svgTop + len(w.Volumes)*svgRowH + 4
	for t := 0.0; t <= axisMax+step/2; t += step {
		c.Ticks = append(c.Ticks, svgTick{X: float64(c.PlotX) + t*scale, Label: tickLabel(t, w.Unit)})
	}
	c.AxisLabel = "median duration (" + w.Unit.long + ")"
	c.AxisLabelX = (c.PlotX + c.PlotRight) / 2
	c.Legend = svgLegends(w, colorOf, c.AxisY+svgAxisH)
	c.Height = c.AxisY + svgAxisH + ((len(c.Legend)+3)/4)*svgLegendRow + 8
	return c
}

func svgRowOf(j int, volume string, w waterfall, scale float64, colorOf []string) svgRow {
	y := svgTop + j*svgRowH + (svgRowH-svgBarH)/2
	r := svgRow{Label: volume, Y: y, TextY: y + svgBarH/2 + 4, Height: svgBarH}
	x := float64(svgLabelW)
	for i, p := range w.Phases {
		ms := max(w.MS[i][j], 0)
		if ms == 0 {
			continue
		}
		r.Segments = append(r.Segments, svgSegment{X: x, W: ms * scale, Color: colorOf[i],
			Title: volume + ": " + phaseLabel(p) + " " + duration(ms)})
		x += ms * scale
	}
	r.Total, r.TotalX = duration(w.TotalMS[j]), x+6
	return r
}

// svgLegends lists the phases that are visible in at least one bar.
func svgLegends(w waterfall, colorOf []string, top int) []svgLegend {
	var out []svgLegend
	for i, p := range w.Phases {
		visible := false
		for j := range w.Volumes {
			visible = visible || w.MS[i][j] > 0.005*max(w.barMS(j), 1)
		}
		if !visible {
			continue
		}
		n := len(out)
		out = append(out, svgLegend{X: 8 + (n%4)*svgLegendCol, Y: top + (n/4)*svgLegendRow,
			Color: colorOf[i], Label: phaseLabel(p)})
	}
	return out
}

// niceStep is a step of 1, 2 or 5 × 10^k that cuts span into at most n
// intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			return m * pow
		}
	}
	return 10 * pow
}

func tickLabel(ms float64, u unit) string {
	return strconv.FormatFloat(u.of(ms), 'f', -1, 64) + " " + u.name
}
