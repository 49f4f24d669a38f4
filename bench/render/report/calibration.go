package report

import (
	"math"
	"sort"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// Calibration tolerances: a calibrated simulated start on local disk
// should land within CalibrationTolerance of its source log's fully-up
// time and of each phase of at least JudgedPhaseMS.
const (
	CalibrationTolerance = 0.20
	JudgedPhaseMS        = 500
)

// FullyUpTotal names the row of a calibration that compares the whole
// start, the log's first line to fully up (the fully_up phase is only its
// last step).
const FullyUpTotal = "total to fully up"

// Calibration compares a calibrated scenario's simulated local-disk start
// with the log it was calibrated from, and lists what each storage then
// predicts for that Jenkins.
type Calibration struct {
	Scenario string `json:"scenario"`
	// Source is the log's name; JenkinsVersion what it states; Workload
	// how the war was sized; Probes how many uncalibrated starts measured
	// the simulated controller's own file work.
	Source         string `json:"source"`
	JenkinsVersion string `json:"jenkins_version,omitempty"`
	Workload       string `json:"workload"`
	Probes         int    `json:"probes"`
	// Local is the volume set against the log: the first durable volume
	// of kind local (else the first durable one); empty when none has data.
	Local string `json:"local"`
	// Phases are the log's phases, FullyUp its first line to fully up.
	Phases  []CalibrationRow `json:"phases"`
	FullyUp CalibrationRow   `json:"fully_up"`
	// Predictions are every volume's fully-up time, fastest first.
	Predictions []Prediction `json:"predictions"`
	Warnings    []string     `json:"warnings,omitempty"`
}

// CalibrationRow is one phase of the log against the simulated start.
type CalibrationRow struct {
	Name   string  `json:"name"`
	LogMS  float64 `json:"log_ms"`
	SimMS  float64 `json:"simulated_ms"`
	HasSim bool    `json:"has_simulated"`
	// Judged is true for phases of at least JudgedPhaseMS and fully up;
	// Within tells whether the simulated figure is within the tolerance.
	Judged bool `json:"judged"`
	Within bool `json:"within"`
}

// Prediction is what one storage predicts for the calibrated Jenkins.
type Prediction struct {
	Volume  string `json:"volume"`
	Kind    string `json:"kind"`
	Ceiling bool   `json:"ceiling,omitempty"`
	// FullyUpMS is the median of the log's first line to fully up; N runs.
	FullyUpMS float64 `json:"fully_up_ms"`
	N         int     `json:"n"`
	// VsLocal is FullyUpMS over the local volume's.
	VsLocal float64 `json:"vs_local,omitempty"`
	// Ops counts the file operations an emulated volume served in a
	// start and InjectedMS the latency injected into them (medians over
	// the runs); TopOps are the costliest operations.
	Ops        int64    `json:"ops,omitempty"`
	InjectedMS float64  `json:"injected_ms,omitempty"`
	TopOps     []OpCost `json:"top_ops,omitempty"`
}

// OpCost is one file operation's share of the injected latency.
type OpCost struct {
	Op         string  `json:"op"`
	Count      int64   `json:"count"`
	InjectedMS float64 `json:"injected_ms"`
}

// calibrations builds a Calibration per calibrated scenario.
func calibrations(recs []Recommendation, summaries []stats.Summary, records []results.Record) []Calibration {
	byKey := map[stats.Key]stats.Summary{}
	for _, s := range summaries {
		byKey[s.Key] = s
	}
	var out []Calibration
	for _, r := range recs {
		src := sourceOf(r.Scenario, records)
		if src == nil {
			continue
		}
		out = append(out, buildCalibration(r, *src, byKey, records))
	}
	return out
}

// sourceOf is the calibration recorded with a scenario's runs.
func sourceOf(scenario string, records []results.Record) *results.Calibration {
	for _, rec := range records {
		if rec.Scenario == scenario && rec.Calibration != nil {
			return rec.Calibration
		}
	}
	return nil
}

func buildCalibration(r Recommendation, src results.Calibration, byKey map[stats.Key]stats.Summary, records []results.Record) Calibration {
	c := Calibration{Scenario: r.Scenario, Source: src.Source, JenkinsVersion: src.JenkinsVersion,
		Workload: src.Workload, Probes: src.Probes, Warnings: src.Warnings, Local: localOption(r)}
	median := func(volume, phase string) (float64, bool) {
		s, ok := byKey[stats.Key{Scenario: r.Scenario, Volume: volume, Phase: phase}]
		return s.MedianMS, ok && s.N > 0
	}
	for _, p := range src.Phases {
		row := CalibrationRow{Name: p.Name, LogMS: p.SourceMS, Judged: p.SourceMS >= JudgedPhaseMS}
		row.SimMS, row.HasSim = median(c.Local, p.Name)
		row.Within = row.HasSim && within(row.SimMS, row.LogMS)
		c.Phases = append(c.Phases, row)
	}
	c.FullyUp = CalibrationRow{Name: FullyUpTotal, LogMS: src.SourceFullyUpMS, Judged: true}
	c.FullyUp.SimMS, c.FullyUp.HasSim = median(c.Local, "log_ready")
	c.FullyUp.Within = c.FullyUp.HasSim && within(c.FullyUp.SimMS, c.FullyUp.LogMS)
	for _, o := range r.Options {
		s, ok := byKey[stats.Key{Scenario: r.Scenario, Volume: o.Volume, Phase: "log_ready"}]
		if !ok || s.N == 0 {
			continue
		}
		p := Prediction{Volume: o.Volume, Kind: o.Kind, Ceiling: o.Ceiling, FullyUpMS: s.MedianMS, N: s.N}
		if c.FullyUp.HasSim && c.FullyUp.SimMS > 0 {
			p.VsLocal = p.FullyUpMS / c.FullyUp.SimMS
		}
		p.Ops, p.InjectedMS, p.TopOps = opCosts(r.Scenario, o.Volume, records)
		c.Predictions = append(c.Predictions, p)
	}
	sort.SliceStable(c.Predictions, func(i, j int) bool { return c.Predictions[i].FullyUpMS < c.Predictions[j].FullyUpMS })
	return c
}

// localOption picks the volume a calibration is judged on.
func localOption(r Recommendation) string {
	for _, o := range r.Options {
		if o.HasData && !o.Ceiling && o.Kind == "local" {
			return o.Volume
		}
	}
	if best, ok := r.Recommended(); ok {
		return best.Volume
	}
	return ""
}

func within(sim, log float64) bool {
	return log > 0 && math.Abs(sim-log)/log <= CalibrationTolerance
}

// topOps is how many operations a prediction lists.
const topOps = 3

// opCosts takes, over a volume's measured runs that came up, the median
// count of operations and of injected latency, and the operations that
// weigh most (their medians).
func opCosts(scenario, volume string, records []results.Record) (int64, float64, []OpCost) {
	var counts, injected []float64
	perOp := map[string][]results.OpCount{}
	for _, rec := range records {
		if rec.Scenario != scenario || rec.Volume.Name != volume || rec.Warmup || rec.Status != results.StatusOK || len(rec.StorageOps) == 0 {
			continue
		}
		var n int64
		var ms float64
		for op, c := range rec.StorageOps {
			n += c.Count
			ms += c.InjectedMS
			perOp[op] = append(perOp[op], c)
		}
		counts, injected = append(counts, float64(n)), append(injected, ms)
	}
	if len(counts) == 0 {
		return 0, 0, nil
	}
	var ops []OpCost
	for op, cs := range perOp {
		var n, ms []float64
		for _, c := range cs {
			n, ms = append(n, float64(c.Count)), append(ms, c.InjectedMS)
		}
		ops = append(ops, OpCost{Op: op, Count: int64(stats.Median(n)), InjectedMS: stats.Median(ms)})
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].InjectedMS > ops[j].InjectedMS })
	return int64(stats.Median(counts)), stats.Median(injected), ops[:min(topOps, len(ops))]
}
