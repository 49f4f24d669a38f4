package htmlreport

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// statRow is one summary as numbers.
type statRow struct {
	Volume, Figure, N, Median, CI, P5, P95, IQR, Min, Max, Outliers, NotFinished string
	First                                                                        bool
}

// wholeRunFigures are the pseudo-phases in the order the table shows them.
var wholeRunFigures = []string{"ready", "restore", "recovery", "http_ready", "log_ready"}

// statRows lists the whole-run figures and the phases of each option, in
// rank order.
func statRows(d *scenarioData, ranked []option) (summary, phases []statRow) {
	for _, o := range ranked {
		summary = appendRows(summary, d, o.Volume, wholeRunFigures)
		phases = appendRows(phases, d, o.Volume, d.phases)
	}
	return summary, phases
}

func appendRows(rows []statRow, d *scenarioData, volume string, figures []string) []statRow {
	first := true
	for _, f := range figures {
		s, ok := d.byKey[stats.Key{Scenario: d.name, Volume: volume, Phase: f}]
		if !ok {
			continue
		}
		rows = append(rows, statRowOf(s, first))
		first = false
	}
	return rows
}

func statRowOf(s stats.Summary, first bool) statRow {
	r := statRow{Volume: s.Volume, Figure: phaseLabel(s.Phase), N: itoa(s.N), First: first,
		NotFinished: itoa(s.Failed + s.TimedOut + s.Errors)}
	if s.N == 0 {
		r.Median, r.CI, r.P5, r.P95, r.IQR, r.Min, r.Max, r.Outliers = "–", "–", "–", "–", "–", "–", "–", "–"
		return r
	}
	r.Median, r.CI = duration(s.MedianMS), ciText(s)
	r.P5, r.P95, r.IQR = duration(s.P5MS), duration(s.P95MS), duration(s.IQRMS)
	r.Min, r.Max = duration(s.MinMS), duration(s.MaxMS)
	r.Outliers = "none"
	if len(s.Outliers) > 0 {
		parts := make([]string, len(s.Outliers))
		for i, it := range s.Outliers {
			parts[i] = "run " + itoa(it)
		}
		r.Outliers = strings.Join(parts, ", ")
	}
	return r
}

// noteView is one warning of a scenario's summaries, with the volumes it
// concerns.
type noteView struct {
	Text    string
	Volumes string
	Figures int
}

// notes gathers the summaries' warnings, each once.
func notes(d *scenarioData) []noteView {
	var out []noteView
	index := map[string]int{}
	vols := map[string][]string{}
	for _, v := range d.volumes {
		for _, p := range append(append([]string{}, wholeRunFigures...), d.phases...) {
			s, ok := d.byKey[stats.Key{Scenario: d.name, Volume: v, Phase: p}]
			if !ok {
				continue
			}
			for _, w := range s.Warnings {
				i, seen := index[w]
				if !seen {
					i = len(out)
					index[w] = i
					out = append(out, noteView{Text: w})
				}
				out[i].Figures++
				if !slices.Contains(vols[w], v) {
					vols[w] = append(vols[w], v)
				}
			}
		}
	}
	for i := range out {
		out[i].Volumes = strings.Join(vols[out[i].Text], ", ")
	}
	return out
}

// failureView is a run that did not come up, with the end of its log.
type failureView struct {
	Scenario, Volume, Run, Status, Reason, Started string
	LastLines                                      []string
	Warmup                                         bool
}

func buildFailures(records []results.Record) []failureView {
	var out []failureView
	for _, r := range records {
		if r.Status == results.StatusOK {
			continue
		}
		f := failureView{Scenario: r.Scenario, Volume: r.Volume.Name, Run: itoa(r.Iteration), Status: r.Status,
			Reason: r.Reason, LastLines: r.LastLines, Warmup: r.Warmup}
		if !r.StartedAt.IsZero() {
			f.Started = r.StartedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		}
		out = append(out, f)
	}
	return out
}

// compareView is the verdict against a baseline.
type compareView struct {
	Headline string
	Class    string
	Rows     []compareRow
	Method   string
}

type compareRow struct{ Key, Status, Gate, Baseline, New, Change, Paired, P, Reason string }

func buildCompare(v *compare.Verdict) *compareView {
	if v == nil {
		return nil
	}
	c := &compareView{Headline: v.Headline(), Class: map[compare.Outcome]string{compare.NoRegression: "ok",
		compare.Regression: "bad", compare.Unusable: "warn", compare.Inconclusive: "warn"}[v.Outcome()]}
	for _, r := range v.Rows {
		row := compareRow{Key: r.Key.String(), Status: r.Status, Baseline: duration(r.BaselineMedianMS),
			New: duration(r.CurrentMedianMS), Change: "–", P: "–", Reason: r.Reason, Gate: r.Gate, Paired: "–"}
		if p := r.Paired; p != nil && p.Status != compare.StatusUnusable {
			row.Paired = fmt.Sprintf("%.2f× → %.2f× (%+.1f%%)", p.BaselineMedian, p.CurrentMedian, p.ChangePct)
		}
		if r.Status != compare.StatusUnusable {
			row.Change = fmt.Sprintf("%+.1f%% [%+.1f, %+.1f]", r.ChangePct, r.ChangeCILowPct, r.ChangeCIHighPct)
			row.P = fmt.Sprintf("%.3g", r.Test.P)
		}
		c.Rows = append(c.Rows, row)
	}
	c.Method = fmt.Sprintf("Mann–Whitney U test; a row regresses when p < %g and the median is slower by more than %g%%. "+
		"Gate: the figure that decided the row. A paired ratio that moved beyond what the host's change could explain decides on any host (gate: paired ratio); on a busy host (or a host of another speed), a change of the absolute time stands only when the paired ratio clears it beyond the host's reach, or it is far beyond what the host could add; otherwise the row is inconclusive.",
		v.Alpha, v.ThresholdPct)
	return c
}
