package htmlreport

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// envView says where the numbers come from.
type envView struct {
	Subjects []subjectRow
	Volumes  []volumeRow
	Host     []report.ConfigLine
	Measured string
}

type subjectRow struct {
	Scenario, Subject, Kind, Runtime, Jenkins, Home, Start, Cache, RTO, Runs, File string
	Simulated                                                                      bool
}

type volumeRow struct {
	Scenario, Volume, Kind string
	Params                 []report.ConfigLine
}

func buildEnv(m report.Model, groups []*scenarioData) envView {
	e := envView{Host: m.Config, Measured: measured(m.Records)}
	for _, d := range groups {
		e.Subjects = append(e.Subjects, subjectRowOf(d))
		for _, v := range d.volumes {
			e.Volumes = append(e.Volumes, volumeRowOf(d, v))
		}
	}
	return e
}

func subjectRowOf(d *scenarioData) subjectRow {
	s := d.subject
	row := subjectRow{Scenario: d.name, Subject: s.Name, Kind: s.Kind, Runtime: s.Runtime, Jenkins: s.JenkinsVersion,
		Simulated: d.simulated(), RTO: "none"}
	if d.rtoMS > 0 {
		row.RTO = duration(d.rtoMS)
	}
	measuredRuns, warmups, dropped := 0, 0, 0
	for _, r := range d.records {
		if r.Warmup {
			warmups++
		} else {
			measuredRuns++
		}
		if r.CacheDropped {
			dropped++
		}
	}
	if len(d.records) == 0 {
		return row
	}
	first := d.records[0]
	row.Home, row.Start, row.File = homeText(first.Home), first.Start, first.ScenarioFile
	row.Runs = fmt.Sprintf("%d measured on %d volumes, %d warmup", measuredRuns, len(d.volumes), warmups)
	row.Cache = fmt.Sprintf("page cache dropped before %d of %d starts", dropped, len(d.records))
	return row
}

// homeText describes what JENKINS_HOME held.
func homeText(h results.Home) string {
	var parts []string
	switch h.Kind {
	case "generated":
		parts = append(parts, fmt.Sprintf("generated (seed %d): %d jobs × %d builds, %d plugins", h.Seed, h.Jobs, h.Builds, h.Plugins))
	case "dir":
		parts = append(parts, "copy of "+h.Source)
	default:
		parts = append(parts, h.Kind)
	}
	if h.Files > 0 {
		parts = append(parts, fmt.Sprintf("%d files, %s", h.Files, bytesText(h.Bytes)))
	}
	if h.PopulateMS > 0 {
		parts = append(parts, "written in "+duration(h.PopulateMS)+" (not counted)")
	}
	return strings.Join(parts, "; ")
}

func volumeRowOf(d *scenarioData, volume string) volumeRow {
	row := volumeRow{Scenario: d.name, Volume: volume, Kind: d.kinds[volume]}
	for _, r := range d.records {
		if r.Volume.Name != volume {
			continue
		}
		keys := make([]string, 0, len(r.Volume.Params))
		for k := range r.Volume.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			row.Params = append(row.Params, report.ConfigLine{Key: k, Value: r.Volume.Params[k]})
		}
		break
	}
	return row
}

// measured gives the span of the runs' start times.
func measured(records []results.Record) string {
	var first, last string
	for _, r := range records {
		if r.StartedAt.IsZero() {
			continue
		}
		t := r.StartedAt.UTC().Format("2006-01-02 15:04 UTC")
		if first == "" || t < first {
			first = t
		}
		if t > last {
			last = t
		}
	}
	if first == last {
		return first
	}
	return first + " to " + last
}
