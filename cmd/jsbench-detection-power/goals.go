package main

import (
	"fmt"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/noise"
)

// minGoalPct is the smallest planted change the gate must catch: every
// change of +20 % or more is a regression on a quiet host, and never "no
// regression" on a loaded one.
const minGoalPct = 20

// goal is one of the gate's goals and whether the measurement met it.
type goal struct {
	text     string
	met      bool
	measured bool
	// failures name the comparisons that broke it.
	failures []string
	// unassessed says why the goal could not be assessed: its host
	// state was not what the goal assumes.
	unassessed string
}

// hostCheck says why a state's host was not what the table assumes, or
// "": the quiet state must be quiet (no heavy load all along, no more
// busy runs than compare tolerates), the loaded state heavier than the
// quiet one, as make noise-check requires.
func (t tableData) hostCheck(state string) string {
	h := t.hostFigures(state)
	if h.sessions == 0 {
		return ""
	}
	switch state {
	case StateQuiet:
		if h.loads[noise.LoadHeavy] > 0 || noise.TooBusy(h.busy, h.runs) {
			return fmt.Sprintf("the quiet host was not quiet: heavy load all along in %d of %d sessions, %d of %d runs busy",
				h.loads[noise.LoadHeavy], h.sessions, h.busy, h.runs)
		}
	case StateLoaded:
		quiet := t.hostFigures(StateQuiet)
		if q, l := quiet.referenceMS(), h.referenceMS(); q > 0 && l < loadedHeavierBy*q {
			return fmt.Sprintf("the load made the reference workload only %.2f× slower than on the quiet host (< %.1f×)", l/q, loadedHeavierBy)
		}
	}
	return ""
}

// loadedHeavierBy is how much slower the reference workload must be
// under the load than on the quiet host for the loaded state to mean
// anything (as in make noise-check).
const loadedHeavierBy = 1.3

// goals checks the gate's goals on the comparisons made. The goals of
// a host state that was not what it should be (hostCheck) are not
// assessed.
func (t tableData) goals() []goal {
	aa := goal{text: "no regression verdict on any A/A pair (every host state)"}
	quiet := goal{text: fmt.Sprintf("every planted change of +%d%% or more called regression on a quiet host", minGoalPct)}
	loaded := goal{text: fmt.Sprintf("under load, every planted change of +%d%% or more called regression or inconclusive, never no regression", minGoalPct)}
	beyond := goal{text: "under load, called regression where a paired ratio moved, significantly, by more than the threshold and twice the host's change"}
	for _, j := range t.judged {
		ch := t.plan.change(j.change)
		name := fmt.Sprintf("%s: %s against %s: %s", j.state, j.current, j.base, j.outcome())
		switch {
		case ch.Kind == KindNone:
			aa.check(j.verdict.Outcome() != compare.Regression, name)
		case j.state == StateQuiet && ch.SizePct >= minGoalPct:
			quiet.check(j.verdict.Outcome() == compare.Regression, name)
		case j.state == StateLoaded && ch.SizePct >= minGoalPct:
			loaded.check(j.verdict.Outcome() != compare.NoRegression, name)
		}
		if j.state == StateLoaded && ch.Kind != KindNone {
			if row, ok := pairedBeyondHost(j.verdict); ok {
				beyond.check(j.verdict.Outcome() == compare.Regression, name+" ("+row+")")
			}
		}
	}
	if why := t.hostCheck(StateQuiet); why != "" {
		quiet = goal{text: quiet.text, unassessed: why}
	}
	if why := t.hostCheck(StateLoaded); why != "" {
		loaded = goal{text: loaded.text, unassessed: why}
		beyond = goal{text: beyond.text, unassessed: why}
	}
	out := []goal{aa, quiet, loaded, beyond}
	if t.accepted != nil {
		g := goal{text: "beside the idle cluster, the first night becomes the baseline and the 1600-entry war is called regression"}
		g.check(t.accepted.ok, "first night not accepted as the baseline: "+t.accepted.reason)
		for _, j := range t.cell(StateCluster, KindWar1600) {
			g.check(j.verdict.Outcome() == compare.Regression, fmt.Sprintf("cluster: war1600 against %s: %s", j.base, j.outcome()))
		}
		out = append(out, g)
	}
	return out
}

func (g *goal) check(ok bool, name string) {
	if !g.measured {
		g.met = true
	}
	g.measured = true
	if !ok {
		g.met = false
		g.failures = append(g.failures, name)
	}
}

// pairedBeyondHost finds a row whose paired ratio regressed
// (significant, beyond the threshold) by more than twice the host's
// change between the sides, measured independently of the row's
// status: its reference workload's change, either way.
func pairedBeyondHost(v compare.Verdict) (string, bool) {
	for _, r := range v.Rows {
		p := r.Paired
		if p == nil || p.HostChangePct == nil || !p.Significant || p.ChangePct <= v.ThresholdPct {
			continue
		}
		host := *p.HostChangePct
		if host < 0 {
			host = 100 * (1/(1+host/100) - 1)
		}
		if p.ChangePct > compare.BeyondHostFactor*host {
			return fmt.Sprintf("%s: paired ratio %+.0f%%, host %+.0f%%", r.Key, p.ChangePct, *p.HostChangePct), true
		}
	}
	return "", false
}

// verdictOf the goals: 0 when every assessed goal was met, 1 when one
// was missed, 3 when none was missed but one could not be assessed (a
// host that was not what its state should be: measure again).
func verdictOf(goals []goal) int {
	code := 0
	for _, g := range goals {
		switch {
		case g.unassessed == "" && g.measured && !g.met:
			return 1
		case g.unassessed != "":
			code = 3
		}
	}
	return code
}
