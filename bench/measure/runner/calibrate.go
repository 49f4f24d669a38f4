package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/calibrate"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// calibrationProbes is how many uncalibrated local-disk starts measure
// the simulated controller's own file work before a calibration: the
// median of three stands a slow outlier.
const calibrationProbes = 3

// probeVolumeName labels the local volume of the probe starts.
const probeVolumeName = "calibration-probe"

// calibrate readies the calibration of a scenario whose simulated
// controller is calibrated from a log (subject.calibrate): it reads the
// log, sizes the workload, measures the simulated controller's own phases
// on a fresh local volume with the scenario's home, and keeps the plan
// for the scenario's runs. The probe starts are not recorded as runs;
// their phases are recorded with every run (results.Calibration).
func (r *Runner) calibrate(ctx context.Context, sc *scenario.Scenario) error {
	r.plan, r.calibration = nil, nil
	if sc.Subject.Kind != subject.KindSim || sc.Subject.Calibrate == "" {
		return nil
	}
	src, err := readSource(sc.Subject.Calibrate)
	if err != nil {
		return fmt.Errorf("scenario %q: %w", sc.Name, err)
	}
	w := calibrate.WorkloadFor(src.Version)
	local, problems := volume.Configure(probeVolumeName, "local", nil)
	if len(problems) > 0 {
		return fmt.Errorf("scenario %q: configure the calibration's local volume: %s", sc.Name, problems[0].Message)
	}
	v := scenario.Volume{Name: probeVolumeName, Kind: "local", Config: local}
	r.plan = &calibrate.Plan{Source: src, Workload: w}
	var probes [][]calibrate.Phase
	for i := 1; i <= calibrationProbes; i++ {
		step := Step{Scenario: sc.Name, Volume: probeVolumeName, Iteration: i, Of: calibrationProbes, Warmup: true}
		r.progress(step)
		rec := r.measure(ctx, sc, v, i, true)
		step.Done, step.Record = true, &rec
		r.progress(step)
		if err := ctx.Err(); err != nil {
			return err
		}
		if rec.Status != results.StatusOK {
			return fmt.Errorf("scenario %q: calibrate from %q: the uncalibrated probe start %d on local disk did not come up: %s: %s", sc.Name, src.Name, i, rec.Status, rec.Reason)
		}
		probes = append(probes, probePhases(rec))
	}
	plan := calibrate.NewPlan(src, w, probes)
	r.plan, r.calibration = &plan, calibrationRecord(&plan)
	return nil
}

// readSource reads and parses the calibration log (any format analyze
// reads, gzip-compressed or not).
func readSource(path string) (calibrate.Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return calibrate.Source{}, fmt.Errorf("calibrate: %w (subject.calibrate names a log of a Jenkins start on local disk)", err)
	}
	defer f.Close()
	res, err := jenkinslog.ParseMaybeGzip(f, jenkinslog.Options{})
	if err != nil {
		return calibrate.Source{}, fmt.Errorf("calibrate: read %q: %w", path, err)
	}
	return calibrate.FromLog(filepath.Base(path), res)
}

// probePhases are a probe start's phases from the log, and the launcher.
func probePhases(rec results.Record) []calibrate.Phase {
	var out []calibrate.Phase
	for _, p := range rec.Phases {
		if p.Name != PhaseEntrypoint && p.Name != PhasePreJVM {
			out = append(out, calibrate.Phase{Name: p.Name, DurationMS: p.DurationMS})
		}
	}
	return out
}

// calibrationRecord is the plan as each run records it; nil without one
// or before its probes are measured.
func calibrationRecord(p *calibrate.Plan) *results.Calibration {
	if p == nil || len(p.Probe) == 0 {
		return nil
	}
	c := &results.Calibration{Source: p.Source.Name, JenkinsVersion: p.Source.Version, SourceFullyUpMS: p.Source.FullyUpMS,
		WarEntries: p.Workload.WarEntries, WarMB: p.Workload.WarMB, Workload: p.Workload.Basis,
		Probes: calibrationProbes, Warnings: p.Warnings}
	probe, extra := byName(p.Probe), byName(p.Extra)
	for _, s := range p.Source.Phases {
		c.Phases = append(c.Phases, results.CalibrationPhase{Name: s.Name, SourceMS: s.DurationMS, ProbeMS: probe[s.Name], ExtraMS: extra[s.Name]})
	}
	c.LauncherMS = extra[jenkinslog.Launcher]
	return c
}

func byName(phases []calibrate.Phase) map[string]float64 {
	m := make(map[string]float64, len(phases))
	for _, p := range phases {
		m[p.Name] = p.DurationMS
	}
	return m
}

// flagsBeside are the plan's flags for the simulated controller, less
// the workload flags the scenario sets itself (subject.sim wins).
func flagsBeside(p *calibrate.Plan, sim map[string]string) []string {
	var out []string
	for _, f := range p.Flags() {
		name, _, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if _, set := sim[strings.ReplaceAll(name, "-", "_")]; !set {
			out = append(out, f)
		}
	}
	return out
}
