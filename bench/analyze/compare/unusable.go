package compare

import (
	"fmt"
	"strings"
)

// unusableShown bounds the lines of unusable input a Headline names; the
// text report lists them all, one per scenario and volume.
const unusableShown = 1

// UnusableLines says why the input cannot be judged, for a person: one
// line per scenario and volume and reason, naming the phases it holds
// for ("small/local: too few successful runs (baseline 2, new 2; need 3
// a side), in all 15 phases"), then the problems of no row. Unusable
// keeps them row by row.
func (v Verdict) UnusableLines() []string {
	type group struct {
		sv, reason string
		phases     []string
	}
	var groups []*group
	byKey := map[[2]string]*group{}
	rowText := map[string]bool{}
	phasesOf := map[string]int{}
	for _, r := range v.Rows {
		sv := r.Scenario + "/" + r.Volume
		phasesOf[sv]++
		if r.Status != StatusUnusable {
			continue
		}
		rowText[r.Key.String()+": "+r.Reason] = true
		k := [2]string{sv, r.Reason}
		if byKey[k] == nil {
			byKey[k] = &group{sv: sv, reason: r.Reason}
			groups = append(groups, byKey[k])
		}
		byKey[k].phases = append(byKey[k].phases, r.Phase)
	}
	var out []string
	for _, g := range groups {
		out = append(out, fmt.Sprintf("%s: %s, in %s", g.sv, g.reason, phaseList(g.phases, phasesOf[g.sv])))
	}
	for _, u := range v.Unusable {
		if !rowText[u] {
			out = append(out, u)
		}
	}
	return out
}

// phaseList names the phases a reason holds for, of all of a volume's.
func phaseList(phases []string, all int) string {
	switch {
	case len(phases) == 1:
		return "phase " + phases[0]
	case len(phases) == all:
		return fmt.Sprintf("all %d phases", all)
	case len(phases) <= 4:
		return fmt.Sprintf("%d phases (%s)", len(phases), strings.Join(phases, ", "))
	}
	return fmt.Sprintf("%d of %d phases (%s, …)", len(phases), all, strings.Join(phases[:3], ", "))
}

// unusableHeadline names the first unusable lines and counts the rest.
func (v Verdict) unusableHeadline() string {
	lines := v.UnusableLines()
	if len(lines) <= unusableShown {
		return "unusable input: " + strings.Join(lines, "; ")
	}
	return fmt.Sprintf("unusable input: %s; and %d more (%d in all)", strings.Join(lines[:unusableShown], "; "), len(lines)-unusableShown, len(lines))
}
