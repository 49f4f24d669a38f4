package htmlreport

import (
	"html/template"

	"github.com/jsbench/jsbench/bench/render/report"
)

// pageView is everything the template shows. Strings in it are text:
// html/template escapes each where it lands.
type pageView struct {
	Title     string
	Measured  string // when the runs were made
	Version   string // jsbench version, when known
	Simulated bool
	Scenarios []scenarioView
	Compare   *compareView
	Failures  []failureView
	Env       envView
	Warnings  []string
	Charts    []chartSpec
	Matrices  []matrixView
	EChartsJS template.JS
	AppJS     template.JS
	CSS       template.CSS
	EChartsV  string
}

// scenarioView is one scenario: its verdict, charts and figures.
type scenarioView struct {
	Name, Anchor string
	Simulated    bool
	Subject      string
	RTO          string
	Headline     headlineView
	Options      []optionView
	Waterfall    svgChart
	WaterfallID  string
	DistID       string
	TrendID      string
	Summary      []statRow
	Phases       []statRow
	Notes        []noteView
	// Calibration is set for a simulated controller calibrated from a log.
	Calibration *calibrationView
	// Noise is the host's noise strip; nil when no run measured it.
	Noise *noiseView
	// Paired lists the paired ratios to the reference volume.
	Paired []pairedView
}

// headlineView is the verdict in words.
type headlineView struct {
	// Recommended is the fastest durable option; Figure, CI and What say
	// its ranked figure.
	Recommended, Figure, CI, What string
	// Slower are the other durable options; Ceilings the options that
	// only show the best case (tmpfs), never recommended.
	Slower, Ceilings             []slowerView
	RTOMet, RTOAtRisk, RTOMissed []string
	// NoData is true when no durable option came up.
	NoData bool
	// Tied, when set, says that the first-ranked option and these cannot
	// be told apart: no winner is named, Recommended is only ranked first.
	Tied string
}

// slowerView is one "slower" line of the verdict; Paired is its paired
// ratio to the reference volume, "" when it has none.
type slowerView struct{ Volume, Ratio, Figure, Paired string }

// optionView is one row of the verdict table.
type optionView struct {
	Volume, Kind, Median, CI, Ratio, Restore, Ready, Runs string
	RTO, RTOClass                                         string
	Recommended, Ceiling, NoData                          bool
}

// buildPage turns the model into what the template shows.
func buildPage(m report.Model, o Options) pageView {
	p := pageView{Title: "jsbench storage startup report", EChartsV: EChartsVersion}
	groups := groupScenarios(m.Summaries, m.Records)
	trendData := sessions(o.History, m.Records, m.Summaries)
	for i, d := range groups {
		sv := buildScenario(i, d, rankOptions(d, m.Recommendations), buildCalibration(m, d.name), trendData, &p.Charts)
		sv.Noise = buildNoise(sv.Anchor, d.name, d.records, m.Host)
		sv.Paired = pairedRows(m, d.name)
		addPaired(&sv.Headline, sv.Paired)
		p.Simulated = p.Simulated || sv.Simulated
		p.Scenarios = append(p.Scenarios, sv)
	}
	p.Matrices = buildMatrices(m.Matrices)
	p.Compare = buildCompare(m.Verdict)
	p.Failures = buildFailures(m.Records)
	p.Env = buildEnv(m, groups)
	p.Measured = p.Env.Measured
	p.Version = configValue(m.Config, "jsbench")
	p.Warnings = m.Warnings
	return p
}

func buildScenario(i int, d *scenarioData, rk report.Recommendation, calibration *calibrationView, trendData []session, specs *[]chartSpec) scenarioView {
	ranked := rk.Options
	w := buildWaterfall(d, ranked)
	anchor := "s" + itoa(i+1)
	sv := scenarioView{Name: d.name, Anchor: anchor, Simulated: d.simulated(), Subject: subjectText(d.subject),
		Headline: buildHeadline(rk), Options: optionRows(rk), Waterfall: staticWaterfall(anchor+"-svg", w)}
	if d.rtoMS > 0 {
		sv.RTO = duration(d.rtoMS)
	}
	if len(w.Volumes) > 0 {
		sv.WaterfallID, sv.DistID = anchor+"-waterfall", anchor+"-runs"
		*specs = append(*specs, waterfallChart(sv.WaterfallID, w), distributionChart(sv.DistID, d, ranked))
		if t := trendChart(anchor+"-trend", d, trendData); t != nil {
			sv.TrendID = t.ID
			*specs = append(*specs, *t)
		}
	}
	sv.Summary, sv.Phases = statRows(d, ranked)
	sv.Notes = notes(d)
	sv.Calibration = calibration
	return sv
}

func configValue(lines []report.ConfigLine, key string) string {
	for _, l := range lines {
		if l.Key == key {
			return l.Value
		}
	}
	return ""
}
