package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/analyze/tally"
	"github.com/jsbench/jsbench/bench/record/results"
)

// measured is one session's runs.
type measured struct {
	Session
	records []results.Record
}

// judged is one comparison, as ci/nightly.sh would make it: the new
// session against a baseline, with compare's default threshold and
// alpha.
type judged struct {
	state, change, base, current string
	verdict                      compare.Verdict
	failed                       int
}

// outcome is the gate's verdict in the table's words.
func (j judged) outcome() string { return string(j.verdict.Outcome()) }

// results of a whole measurement: the comparisons, by state and change,
// and what the first cluster night made of the baseline.
type tableData struct {
	plan     Plan
	sessions map[string]measured // by state/name
	judged   []judged
	// accepted says whether the cluster state's first night could become
	// the baseline, and why not.
	accepted *acceptance
	warnings []string
}

type acceptance struct {
	ok     bool
	reason string
}

// load reads every session the plan lists that was measured.
func load(dir string, p Plan) (tableData, error) {
	t := tableData{plan: p, sessions: map[string]measured{}}
	for _, s := range p.Sessions {
		path := filepath.Join(dir, "sessions", s.State, s.Name)
		recs, warnings, err := results.Load(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			t.warnings = append(t.warnings, fmt.Sprintf("%s/%s: not measured", s.State, s.Name))
			continue
		case err != nil:
			t.warnings = append(t.warnings, fmt.Sprintf("%s/%s: %v", s.State, s.Name, err))
			continue
		}
		for _, w := range warnings {
			t.warnings = append(t.warnings, fmt.Sprintf("%s/%s: %s", s.State, s.Name, w))
		}
		t.sessions[s.State+"/"+s.Name] = measured{Session: s, records: recs}
	}
	if len(t.sessions) == 0 {
		return t, fmt.Errorf("no session measured under %s", filepath.Join(dir, "sessions"))
	}
	t.judgeAll()
	return t, nil
}

// baselines are a state's sessions without change, in plan order.
func (t tableData) unchanged(state string) []measured {
	var out []measured
	for _, s := range t.plan.Sessions {
		if m, ok := t.sessions[s.State+"/"+s.Name]; ok && s.State == state && s.Change == KindNone {
			out = append(out, m)
		}
	}
	return out
}

// judgeAll makes the comparisons. Quiet and loaded sessions are judged
// against every quiet session without change (each planted change is
// measured once, against shared baselines); quiet A/A pairs are every
// ordered pair of those. The cluster state's sessions are judged
// against its first night, which must first be accepted as a baseline.
func (t *tableData) judgeAll() {
	bases := t.unchanged(StateQuiet)
	for _, s := range t.plan.Sessions {
		m, ok := t.sessions[s.State+"/"+s.Name]
		if !ok {
			continue
		}
		switch s.State {
		case StateQuiet, StateLoaded:
			for _, b := range bases {
				if b.Name != m.Name || s.State != StateQuiet {
					t.judge(s.State, b, m)
				}
			}
		case StateCluster:
			t.judgeCluster(m)
		}
	}
}

func (t *tableData) judgeCluster(m measured) {
	nights := t.unchanged(StateCluster)
	if len(nights) == 0 {
		return
	}
	first := nights[0]
	if m.Name == first.Name {
		noisy := noise.Assess(first.records).NoisyVolumes()
		t.accepted = &acceptance{ok: len(noisy) == 0, reason: strings.Join(noisy, "; ")}
		return
	}
	t.judge(StateCluster, first, m)
}

func (t *tableData) judge(state string, base, cur measured) {
	v := compare.Compare(base.records, cur.records, compare.Options{})
	t.judged = append(t.judged, judged{state: state, change: cur.Change, base: base.Name, current: cur.Name,
		verdict: v, failed: tally.Of(cur.records).Failed})
}

// cell gathers the comparisons of a change in a state.
func (t tableData) cell(state, change string) []judged {
	var out []judged
	for _, j := range t.judged {
		if j.state == state && j.change == change {
			out = append(out, j)
		}
	}
	return out
}

// counts says a cell's verdicts: "2 regression, 1 inconclusive".
func counts(js []judged) string {
	if len(js) == 0 {
		return "–"
	}
	n := map[string]int{}
	for _, j := range js {
		n[j.outcome()]++
	}
	var parts []string
	for _, o := range []compare.Outcome{compare.Regression, compare.NoRegression, compare.Inconclusive, compare.Unusable} {
		if n[string(o)] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[string(o)], o))
		}
	}
	return strings.Join(parts, ", ")
}

// measuredChange is the median change of each volume's ready time over
// a cell's comparisons: "local +54%, nfs-lan +38%".
func measuredChange(js []judged, volumes []string) string {
	byVolume := map[string][]float64{}
	for _, j := range js {
		for _, r := range j.verdict.Rows {
			if r.Phase == "ready" && r.Status != compare.StatusUnusable {
				byVolume[r.Volume] = append(byVolume[r.Volume], r.ChangePct)
			}
		}
	}
	var parts []string
	for _, v := range volumes {
		if x := byVolume[v]; len(x) > 0 {
			parts = append(parts, fmt.Sprintf("%s %+.0f%%", v, stats.Median(x)))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

// pairedChange is the median change of each paired ratio over a cell's
// comparisons, with the host's reach: "nfs-lan +12% (host ±8%)".
func pairedChange(js []judged) string {
	change, bound := map[string][]float64{}, map[string][]float64{}
	var vols []string
	for _, j := range js {
		for _, r := range j.verdict.Rows {
			p := r.Paired
			if p == nil || p.Status == compare.StatusUnusable {
				continue
			}
			if _, seen := change[r.Volume]; !seen {
				vols = append(vols, r.Volume)
			}
			change[r.Volume] = append(change[r.Volume], p.ChangePct)
			if p.HostBoundPct != nil {
				bound[r.Volume] = append(bound[r.Volume], *p.HostBoundPct)
			}
		}
	}
	sort.Strings(vols)
	var parts []string
	for _, v := range vols {
		text := fmt.Sprintf("%s %+.0f%%", v, stats.Median(change[v]))
		if b := bound[v]; len(b) > 0 {
			text += fmt.Sprintf(" (host ±%.0f%%)", stats.Median(b))
		}
		parts = append(parts, text)
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

// readTiming reads the script's OUT/timing.tsv: state, session, start
// and end in Unix seconds.
func readTiming(dir string) map[string]float64 {
	data, err := os.ReadFile(filepath.Join(dir, "timing.tsv"))
	if err != nil {
		return nil
	}
	out := map[string]float64{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var state, name string
		var start, end float64
		if _, err := fmt.Sscanf(line, "%s %s %f %f", &state, &name, &start, &end); err == nil && end >= start {
			out[state] += end - start
			out[""] += end - start
			if out["first"] == 0 || start < out["first"] {
				out["first"] = start
			}
		}
	}
	return out
}
