package main

import (
	"fmt"
	"io"
	"math"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// ratioGoalPct is how far a paired ratio may move under load.
const ratioGoalPct = 15

// loadedHeavierBy is how much slower the reference workload must be
// under the synthetic load than in the quiet session for the check to
// mean something: a "quiet" session on a host already as busy as the
// synthetic load makes it says nothing.
const loadedHeavierBy = 1.3

// summary holds what the check prints.
type summary struct {
	quiet, loaded   []results.Record
	quietHost       noise.Assessment
	loadedHost      noise.Assessment
	quietPairs      []stats.Pairing
	loadedPairs     []stats.Pairing
	quietSummaries  []stats.Summary
	loadedSummaries []stats.Summary
	verdict         compare.Verdict
}

func summarize(quiet, loaded []results.Record) summary {
	return summary{quiet: quiet, loaded: loaded,
		quietHost: noise.Assess(quiet), loadedHost: noise.Assess(loaded),
		quietPairs: stats.Paired(quiet), loadedPairs: stats.Paired(loaded),
		quietSummaries: stats.Summarize(quiet, stats.Options{}), loadedSummaries: stats.Summarize(loaded, stats.Options{}),
		verdict: compare.Compare(quiet, loaded, compare.Options{})}
}

func (s summary) write(w io.Writer) {
	s.writeHosts(w)
	s.writeRatios(w)
	s.writeMedians(w)
	fmt.Fprintf(w, "\ncompare(quiet, loaded): %s\n", s.verdict.Headline())
	for _, r := range s.verdict.Rows {
		if r.Phase == "ready" || r.Phase == "recovery" {
			fmt.Fprintf(w, "  %s: %s (gate: %s) — %s\n", r.Key, r.Status, r.Gate, r.Reason)
		}
	}
}

// writeHosts says how busy each session's host was, from the figures
// the runs recorded.
func (s summary) writeHosts(w io.Writer) {
	fmt.Fprintln(w, "| session | runs | busy runs | reference workload (median) | CPU it got (median) | others' CPU during runs (median) | run queue (median of means) | load average (median) |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|")
	for _, side := range []struct {
		name string
		recs []results.Record
		host noise.Assessment
	}{{"quiet", s.quiet, s.quietHost}, {"loaded", s.loaded, s.loadedHost}} {
		busy, measured := side.host.BusyCount()
		h := hostMedians(side.recs)
		fmt.Fprintf(w, "| %s | %d | %d | %s ms | %s%% | %s%% | %s | %s |\n", side.name, measured, busy,
			figure(side.host.ReferenceMS, 0), figure(h.share, 0), figure(h.others, 0), figure(h.runQueue, 1), figure(h.load, 1))
	}
	if q, l := s.quietHost.ReferenceMS, s.loadedHost.ReferenceMS; q > 0 && l < loadedHeavierBy*q {
		fmt.Fprintf(w, "\nWARNING: the reference workload took %.0f ms under the load against %.0f ms quiet (< %.1f×): the quiet session was already busy, the check says little.\n", l, q, loadedHeavierBy)
	}
}

// writeRatios compares each volume's paired ratio and added time.
func (s summary) writeRatios(w io.Writer) {
	fmt.Fprintf(w, "\n| paired with the reference | quiet ratio [95%% CI] | loaded ratio [95%% CI] | change | within %d%% | quiet added time | loaded added time | change |\n", ratioGoalPct)
	fmt.Fprintln(w, "|---|--:|--:|--:|---|--:|--:|--:|")
	loaded := map[string]stats.Pairing{}
	for _, p := range s.loadedPairs {
		loaded[p.Scenario+"/"+p.Volume] = p
	}
	for _, q := range s.quietPairs {
		l, ok := loaded[q.Scenario+"/"+q.Volume]
		if !ok || q.N == 0 || l.N == 0 {
			continue
		}
		change := 100 * (l.MedianRatio/q.MedianRatio - 1)
		within := "yes"
		if math.Abs(change) > ratioGoalPct {
			within = "NO"
		}
		fmt.Fprintf(w, "| %s/%s ÷ %s | %s | %s | %+.1f%% | %s | %+.2f s | %+.2f s | %+.1f%% |\n", q.Scenario, q.Volume, q.Reference,
			ratioText(q), ratioText(l), change, within, q.MedianDiffMS/1000, l.MedianDiffMS/1000, 100*(l.MedianDiffMS/q.MedianDiffMS-1))
	}
}

// writeMedians compares each volume's median ready (or recovery) time.
func (s summary) writeMedians(w io.Writer) {
	fmt.Fprintln(w, "\n| absolute median | quiet | loaded | change |")
	fmt.Fprintln(w, "|---|--:|--:|--:|")
	loaded := map[stats.Key]stats.Summary{}
	for _, l := range s.loadedSummaries {
		loaded[l.Key] = l
	}
	for _, q := range s.quietSummaries {
		l, ok := loaded[q.Key]
		if !ok || (q.Phase != "ready" && q.Phase != "recovery") || q.N == 0 || l.N == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s | %.2f s (n %d) | %.2f s (n %d) | %+.1f%% |\n", q.Key, q.MedianMS/1000, q.N, l.MedianMS/1000, l.N, 100*(l.MedianMS/q.MedianMS-1))
	}
}

// figure prints a value with decimals, or "–" when there is none.
func figure(v float64, decimals int) string {
	if math.IsNaN(v) || v == 0 {
		return "–"
	}
	return fmt.Sprintf("%.*f", decimals, v)
}

func ratioText(p stats.Pairing) string {
	if !p.HasCI {
		return fmt.Sprintf("%.2f× [no CI, %d pairs]", p.MedianRatio, p.N)
	}
	return fmt.Sprintf("%.2f× [%.2f–%.2f]", p.MedianRatio, p.CILow, p.CIHigh)
}

// medians of a session's host figures.
type hostFigures struct{ share, others, runQueue, load float64 }

func hostMedians(recs []results.Record) hostFigures {
	var share, others, runQueue, load []float64
	for _, r := range recs {
		if r.Warmup || r.Host == nil {
			continue
		}
		for _, ref := range []*results.Reference{r.Host.ReferenceBefore, r.Host.ReferenceAfter} {
			if ref != nil {
				share = append(share, ref.CPUSharePct)
			}
		}
		if d := r.Host.During; d != nil {
			if d.OthersPct != nil {
				others = append(others, *d.OthersPct)
			}
			runQueue = append(runQueue, d.RunQueueMean)
			load = append(load, d.Load1End)
		}
	}
	return hostFigures{stats.Median(share), stats.Median(others), stats.Median(runQueue), stats.Median(load)}
}
