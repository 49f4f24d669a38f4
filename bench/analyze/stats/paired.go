package stats

import (
	"fmt"
	"sort"

	"github.com/jsbench/jsbench/bench/record/results"
)

// Pairing compares one volume with its scenario's reference volume run
// by run: the runs of one iteration are interleaved, so they share the
// host's state of that moment, and their ratio cancels how fast the host
// was. Ratios are the volume's figure over the reference's ready time;
// differences (DiffsMS) are the same figures subtracted. Both keep
// the iterations they come from.
type Pairing struct {
	Scenario  string `json:"scenario"`
	Volume    string `json:"volume"`
	Reference string `json:"reference"`
	// Phase is "ready", or "recovery" (restore + ready) for a restored
	// snapshot.
	Phase      string    `json:"phase"`
	N          int       `json:"n"`
	Ratios     []float64 `json:"ratios"`
	DiffsMS    []float64 `json:"diffs_ms"`
	Iterations []int     `json:"iterations"`
	// MedianRatio with its distribution-free 95 % interval (see MedianCI).
	MedianRatio float64 `json:"median_ratio"`
	CILow       float64 `json:"ci_low"`
	CIHigh      float64 `json:"ci_high"`
	HasCI       bool    `json:"has_ci"`
	// MedianDiffMS is the median of the differences: what the volume
	// adds to the reference's time.
	MedianDiffMS float64  `json:"median_diff_ms"`
	Warnings     []string `json:"warnings,omitempty"`
}

// ReferenceVolume is the volume a scenario's records pair against: the
// one they name (results.Record.ReferenceVolume), else the first volume
// of kind local, else none ("").
func ReferenceVolume(records []results.Record, scenario string) string {
	local := ""
	for _, r := range records {
		if r.Scenario != scenario {
			continue
		}
		if r.ReferenceVolume != "" {
			return r.ReferenceVolume
		}
		if local == "" && r.Volume.Kind == "local" {
			local = r.Volume.Name
		}
	}
	return local
}

// pairKey identifies one iteration of one session, within the scenario
// whose pairs are being made.
type pairKey struct {
	suite     string
	iteration int
}

// Paired pairs every volume of every scenario with the scenario's
// reference volume, iteration by iteration, in the order the volumes
// first appear. Only measured runs that came up on both volumes pair.
func Paired(records []results.Record) []Pairing {
	var out []Pairing
	for _, sc := range scenarioOrder(records) {
		ref := ReferenceVolume(records, sc)
		if ref == "" {
			continue
		}
		refReady := map[pairKey]float64{}
		for _, r := range records {
			if r.Scenario == sc && r.Volume.Name == ref && pairable(r) && r.ReadyMS > 0 {
				refReady[pairKey{r.SuiteID, r.Iteration}] = r.ReadyMS
			}
		}
		for _, vol := range volumeOrder(records, sc) {
			if vol == ref {
				continue
			}
			if p, ok := pair(records, sc, vol, ref, refReady); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// pair builds one volume's pairing.
func pair(records []results.Record, sc, vol, ref string, refReady map[pairKey]float64) (Pairing, bool) {
	p := Pairing{Scenario: sc, Volume: vol, Reference: ref, Phase: "ready"}
	seen, runs := false, 0
	for _, r := range records {
		if r.Scenario != sc || r.Volume.Name != vol {
			continue
		}
		seen = true
		if !pairable(r) {
			continue
		}
		runs++
		value := r.ReadyMS
		if r.RecoveryMS > 0 {
			value, p.Phase = r.RecoveryMS, "recovery"
		}
		base, ok := refReady[pairKey{r.SuiteID, r.Iteration}]
		if !ok || value <= 0 {
			continue
		}
		p.Ratios = append(p.Ratios, value/base)
		p.DiffsMS = append(p.DiffsMS, value-base)
		p.Iterations = append(p.Iterations, r.Iteration)
	}
	if !seen {
		return Pairing{}, false
	}
	p.describe()
	if alone := runs - p.N; alone > 0 && p.N > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("%d of %d runs that came up have no %s run of their iteration that came up: left out of the paired ratio", alone, runs, ref))
	}
	return p, true
}

func (p *Pairing) describe() {
	p.N = len(p.Ratios)
	if p.N == 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("no iteration in which both %s and %s came up: no paired ratio", p.Volume, p.Reference))
		return
	}
	sorted := append([]float64{}, p.Ratios...)
	sort.Float64s(sorted)
	p.MedianRatio = Quantile(sorted, 0.5)
	p.CILow, p.CIHigh, p.HasCI = MedianCI(sorted, DefaultLevel)
	if !p.HasCI {
		p.Warnings = append(p.Warnings, fmt.Sprintf("%d pairs: no confidence interval before %d", p.N, MinRunsForCI))
	}
	diffs := append([]float64{}, p.DiffsMS...)
	sort.Float64s(diffs)
	p.MedianDiffMS = Quantile(diffs, 0.5)
}

// pairable is a measured run that came up.
func pairable(r results.Record) bool { return !r.Warmup && r.Status == results.StatusOK }

func scenarioOrder(records []results.Record) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range records {
		if !seen[r.Scenario] {
			seen[r.Scenario] = true
			out = append(out, r.Scenario)
		}
	}
	return out
}

func volumeOrder(records []results.Record, scenario string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range records {
		if r.Scenario == scenario && !seen[r.Volume.Name] {
			seen[r.Volume.Name] = true
			out = append(out, r.Volume.Name)
		}
	}
	return out
}
