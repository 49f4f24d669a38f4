package noise

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Busy returns the busy runs of a scenario's volume and how many runs it
// has in all.
func (a Assessment) Busy(scenario, volume string) (busy []Run, runs int) {
	for _, r := range a.Runs {
		if r.Scenario != scenario || r.Volume != volume {
			continue
		}
		runs++
		if r.Busy {
			busy = append(busy, r)
		}
	}
	return busy, runs
}

// Noisy reports whether more than MaxBusyShare of a volume's runs are
// busy.
func (a Assessment) Noisy(scenario, volume string) bool {
	busy, runs := a.Busy(scenario, volume)
	return TooBusy(len(busy), runs)
}

// TooBusy reports whether busy runs make up more than MaxBusyShare of
// runs, for a caller that has already counted them with Busy.
func TooBusy(busy, runs int) bool {
	return runs > 0 && float64(busy) > MaxBusyShare*float64(runs)
}

// BusyCount counts the busy runs and the measured ones.
func (a Assessment) BusyCount() (busy, measured int) {
	for _, r := range a.Runs {
		if r.Measured {
			measured++
		}
		if r.Busy {
			busy++
		}
	}
	return busy, measured
}

// Labels names runs as "local#2, nfs-lan#2".
func Labels(runs []Run) string {
	names := make([]string, len(runs))
	for i, r := range runs {
		names[i] = r.Label()
	}
	return strings.Join(names, ", ")
}

// SpeedChange compares the host speed of two assessments by their
// reference workload: the change of the median time in percent
// (positive: the second host is slower), and whether it is beyond
// MaxHostSpeedChangePct. Without reference figures on both sides it
// reports no change.
func SpeedChange(baseline, current Assessment) (pct float64, beyond bool) {
	if baseline.ReferenceMS <= 0 || current.ReferenceMS <= 0 {
		return 0, false
	}
	pct = 100 * (current.ReferenceMS/baseline.ReferenceMS - 1)
	return pct, math.Abs(pct) > MaxHostSpeedChangePct
}

// Slowdown is how much slower than the baseline's typical host the
// slowest of a volume's runs here had its host, by the reference
// workload: the worst run's reference time over the baseline's median.
// It is 0 when either side has no reference figures.
func Slowdown(baseline, current Assessment, scenario, volume string) float64 {
	if baseline.ReferenceMS <= 0 {
		return 0
	}
	worst := 0.0
	for _, r := range current.Runs {
		if r.Scenario == scenario && r.Volume == volume {
			worst = math.Max(worst, r.ReferenceMS)
		}
	}
	return worst / baseline.ReferenceMS
}

// HostChange compares the hosts of two sets of runs for some volumes of
// a scenario (a volume and the reference volume it is paired with): the
// change of the median reference workload time over those runs, in
// percent, positive when the new host was slower. ok is false when a
// side has no reference figures for them.
func HostChange(baseline, current Assessment, scenario string, volumes ...string) (pct float64, ok bool) {
	b, c := baseline.referenceOf(scenario, volumes), current.referenceOf(scenario, volumes)
	if b <= 0 || c <= 0 {
		return 0, false
	}
	return 100 * (c/b - 1), true
}

// referenceOf is the median reference time of a scenario's runs on the
// given volumes, 0 without figures.
func (a Assessment) referenceOf(scenario string, volumes []string) float64 {
	var refs []float64
	for _, r := range a.Runs {
		if r.Scenario == scenario && r.ReferenceMS > 0 && slices.Contains(volumes, r.Volume) {
			refs = append(refs, r.ReferenceMS)
		}
	}
	return median(refs)
}

// Session returns the steady state of the session with the given id.
func (a Assessment) Session(suiteID string) (Session, bool) {
	for _, s := range a.Sessions {
		if s.SuiteID == suiteID {
			return s, true
		}
	}
	return Session{}, false
}

// ScenarioSessions returns the steady states of the sessions that
// measured a scenario.
func (a Assessment) ScenarioSessions(scenario string) []Session {
	seen := map[string]bool{}
	var out []Session
	for _, r := range a.Runs {
		if r.Scenario != scenario || seen[r.SuiteID] {
			continue
		}
		seen[r.SuiteID] = true
		if s, ok := a.Session(r.SuiteID); ok {
			out = append(out, s)
		}
	}
	return out
}

// NoisyVolumes names every scenario's volume whose runs are too busy to
// judge (Noisy), with its busy runs: "storage-matrix/nfs-lan: 3 of 6 runs
// busy (nfs-lan#2, nfs-lan#4, nfs-lan#5)". Such runs make no baseline.
func (a Assessment) NoisyVolumes() []string {
	var out []string
	seen := map[[2]string]bool{}
	for _, r := range a.Runs {
		key := [2]string{r.Scenario, r.Volume}
		if seen[key] {
			continue
		}
		seen[key] = true
		if busy, runs := a.Busy(r.Scenario, r.Volume); TooBusy(len(busy), runs) {
			out = append(out, fmt.Sprintf("%s/%s: %d of %d runs busy (%s)", r.Scenario, r.Volume, len(busy), runs, Labels(busy)))
		}
	}
	return out
}
