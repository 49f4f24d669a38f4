package htmlreport

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/stats"
)

// buildHeadline says which option is fastest, how many times slower each
// other is, and which meet the recovery-time objective.
func buildHeadline(ranked []option) headlineView {
	var h headlineView
	if len(ranked) == 0 || !ranked[0].HasData {
		h.NoData = true
	} else {
		best := ranked[0]
		h.Fastest, h.FastestFigure, h.FastestCI = best.Volume, duration(best.Figure.MedianMS), ciPhrase(best.Figure)
		h.FastestWhat = figureWhat(best)
	}
	for _, o := range ranked {
		if o.HasData && !o.Fastest {
			h.Slower = append(h.Slower, slowerView{Volume: o.Volume, Ratio: ratio(o.Ratio), Figure: duration(o.Figure.MedianMS)})
		}
		switch o.RTO {
		case rtoMet:
			h.RTOMet = append(h.RTOMet, o.Volume)
		case rtoAtRisk:
			h.RTOAtRisk = append(h.RTOAtRisk, o.Volume)
		case rtoMissed:
			h.RTOMissed = append(h.RTOMissed, o.Volume)
		}
	}
	return h
}

// figureWhat names the ranked figure of an option.
func figureWhat(o option) string {
	if o.Restored {
		return "restore + ready"
	}
	return "ready"
}

func optionRows(ranked []option) []optionView {
	rows := make([]optionView, 0, len(ranked))
	for _, o := range ranked {
		r := optionView{Volume: o.Volume, Kind: o.Kind, Runs: fmt.Sprintf("%d of %d", o.OK, o.Total),
			RTO: rtoLabel(o.RTO), RTOClass: "rto-" + rtoClass(o.RTO), Fastest: o.Fastest, NoData: !o.HasData}
		if o.HasData {
			r.Median, r.CI, r.Ready = duration(o.Figure.MedianMS), ciText(o.Figure), duration(o.ReadyMS)
			r.Ratio = ratio(o.Ratio)
			if o.Fastest {
				r.Ratio = "fastest"
			}
		}
		if o.Restored {
			r.Restore = duration(o.RestoreMS)
		}
		rows = append(rows, r)
	}
	return rows
}

func rtoLabel(status string) string {
	switch status {
	case rtoMet:
		return "✔ met"
	case rtoAtRisk:
		return "⚠ at risk"
	case rtoMissed:
		return "✘ missed"
	}
	return "–"
}

func rtoClass(status string) string {
	switch status {
	case rtoMet:
		return "met"
	case rtoAtRisk:
		return "risk"
	case rtoMissed:
		return "missed"
	}
	return "none"
}

// ciText renders the median's interval in a table cell, or says why
// there is none.
func ciText(s stats.Summary) string {
	if s.CIMethod == "" {
		return fmt.Sprintf("– (n < %d)", stats.MinRunsForCI)
	}
	return duration(s.CILowMS) + " – " + duration(s.CIHighMS)
}

// ciPhrase says the median's interval in a sentence.
func ciPhrase(s stats.Summary) string {
	if s.CIMethod == "" {
		return fmt.Sprintf("median of %d runs, too few for a 95%% CI", s.N)
	}
	return fmt.Sprintf("median of %d runs; 95%% CI %s", s.N, ciText(s))
}

// subjectText names what was started.
func subjectText(s results.Subject) string {
	text := s.Name
	if text == "" {
		text = s.Kind
	}
	if s.JenkinsVersion != "" {
		text += ", Jenkins " + s.JenkinsVersion
	}
	return text
}
