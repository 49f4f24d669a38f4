package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// checkCoverage reports the scenario × volume pairs, and then the phases,
// that only one side has.
func (v *Verdict) checkCoverage(base, cur []stats.Summary) {
	bRuns, cRuns := runKeys(base), runKeys(cur)
	v.onlyIn("the baseline", cRuns, base)
	v.onlyIn("the new results", bRuns, cur)
	bKeys, cKeys := byKey(base), byKey(cur)
	for _, s := range base {
		if _, ok := cKeys[s.Key]; !ok && cRuns[[2]string{s.Scenario, s.Volume}] {
			v.Unusable = append(v.Unusable, fmt.Sprintf("%s: phase only in the baseline", s.Key))
		}
	}
	for _, s := range cur {
		if _, ok := bKeys[s.Key]; !ok && bRuns[[2]string{s.Scenario, s.Volume}] {
			v.Unusable = append(v.Unusable, fmt.Sprintf("%s: phase only in the new results", s.Key))
		}
	}
}

// onlyIn reports each scenario × volume of summaries missing from
// other.
func (v *Verdict) onlyIn(side string, other map[[2]string]bool, summaries []stats.Summary) {
	seen := map[[2]string]bool{}
	for _, s := range summaries {
		k := [2]string{s.Scenario, s.Volume}
		if !other[k] && !seen[k] {
			seen[k] = true
			v.Unusable = append(v.Unusable, fmt.Sprintf("scenario %q on volume %q: only in %s", s.Scenario, s.Volume, side))
		}
	}
}

func runKeys(summaries []stats.Summary) map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, s := range summaries {
		m[[2]string{s.Scenario, s.Volume}] = true
	}
	return m
}

// checkSubjects refuses to compare the simulated controller with Jenkins
// and warns when the subjects differ otherwise (a new Jenkins version is
// a fair thing to compare, but it should be said).
func (v *Verdict) checkSubjects(base, cur []stats.Summary) {
	bs, cs := subjects(base), subjects(cur)
	bSim, cSim := anySimulated(base), anySimulated(cur)
	if bSim != cSim {
		v.Unusable = append(v.Unusable, fmt.Sprintf("baseline simulated = %t, new simulated = %t: the simulated controller's times are not Jenkins times", bSim, cSim))
	}
	if strings.Join(bs, ",") != strings.Join(cs, ",") {
		v.Warnings = append(v.Warnings, fmt.Sprintf("subjects differ: baseline %s, new %s", strings.Join(bs, ", "), strings.Join(cs, ", ")))
	}
}

func subjects(summaries []stats.Summary) []string {
	set := map[string]bool{}
	for _, s := range summaries {
		label := s.Subject.Name
		if s.Subject.JenkinsVersion != "" {
			label += " (Jenkins " + s.Subject.JenkinsVersion + ")"
		}
		set[label] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func anySimulated(summaries []stats.Summary) bool {
	for _, s := range summaries {
		if s.Subject.Simulated {
			return true
		}
	}
	return false
}
