package htmlreport

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// buildHeadline names the fastest durable option, how many times slower
// each other durable option is, the ceilings apart (never recommended),
// and which options meet the recovery-time objective.
func buildHeadline(rk report.Recommendation) headlineView {
	var h headlineView
	if best, ok := rk.Recommended(); !ok {
		h.NoData = true
	} else {
		h.Recommended, h.Figure, h.CI = best.Volume, duration(best.Figure.MedianMS), ciPhrase(best.Figure)
		h.What = figureWhat(best)
		if !rk.Decided() {
			h.Tied = rk.Lines()[0]
		}
	}
	for _, o := range rk.Options {
		switch {
		case !o.HasData || isFirst(rk, o) || o.Difference != nil && !o.Difference.Distinct:
		case o.Ceiling:
			h.Ceilings = append(h.Ceilings, slowerView{Volume: o.Volume, Ratio: ratioOrNone(o.VsBest), Figure: duration(o.Figure.MedianMS)})
		default:
			h.Slower = append(h.Slower, slowerView{Volume: o.Volume, Ratio: ratio(o.VsBest), Figure: duration(o.Figure.MedianMS)})
		}
		switch o.RTO {
		case report.RTOMet:
			h.RTOMet = append(h.RTOMet, o.Volume)
		case report.RTOAtRisk:
			h.RTOAtRisk = append(h.RTOAtRisk, o.Volume)
		case report.RTOMissed:
			h.RTOMissed = append(h.RTOMissed, o.Volume)
		}
	}
	return h
}

func ratioOrNone(r float64) string {
	if r == 0 {
		return ""
	}
	return ratio(r)
}

// figureWhat names the ranked figure of an option.
func figureWhat(o option) string {
	if o.Restored {
		return "restore + ready"
	}
	return "ready"
}

func optionRows(rk report.Recommendation) []optionView {
	rows := make([]optionView, 0, len(rk.Options))
	for _, o := range rk.Options {
		r := optionView{Volume: o.Volume, Kind: o.Kind, Runs: fmt.Sprintf("%d of %d", o.OK, o.Total),
			RTO: rtoLabel(o.RTO), RTOClass: "rto-" + rtoClass(o.RTO), Recommended: isRecommended(rk, o), Ceiling: o.Ceiling, NoData: !o.HasData}
		if o.HasData {
			r.Median, r.CI, r.Ready = duration(o.Figure.MedianMS), ciText(o.Figure), duration(o.ReadyMS)
			r.Ratio = ratioOrNone(o.VsBest)
			switch {
			case r.Recommended:
				r.Ratio = "recommended"
			case o.Difference != nil && !o.Difference.Distinct, isFirst(rk, o):
				r.Ratio += " (indistinguishable)"
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
	case report.RTOMet:
		return "✔ met"
	case report.RTOAtRisk:
		return "⚠ at risk"
	case report.RTOMissed:
		return "✘ missed"
	}
	return "–"
}

func rtoClass(status string) string {
	switch status {
	case report.RTOMet:
		return "met"
	case report.RTOAtRisk:
		return "risk"
	case report.RTOMissed:
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
